-- When the current send of an outbound message reached out to the provider and has had no answer
-- yet: set just before the call, cleared by its answer. A queued message found with it set was
-- perhaps accepted (a read timeout, or a crash in mid-call): the sender looks for it at the
-- provider before it sends again.
alter table messages add column send_started_at timestamp with time zone;

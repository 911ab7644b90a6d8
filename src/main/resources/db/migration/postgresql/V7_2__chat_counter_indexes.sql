-- The badges (GET /api/chats/counters) read only these indexes: the pending-reply sum carries its
-- column, and the unassigned NEW chats (the queue) are few at any moment.
drop index ix_chats_awaiting_reply;
create index ix_chats_awaiting_reply on chats (department_id, assigned_user_id) include (pending_replies)
    where pending_replies > 0;
create index ix_chats_queue on chats (department_id) where state = 'NEW' and assigned_user_id is null;

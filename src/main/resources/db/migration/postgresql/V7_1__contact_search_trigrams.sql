-- Partial-name and any-digits search (LIKE '%...%') served by trigram indexes instead of a scan.
-- pg_trgm is a trusted extension (PostgreSQL 13+): a database owner may create it. It goes to the
-- public schema, once per database, so that every schema (Conversa's, each test's) finds it there.
create extension if not exists pg_trgm with schema public;
create index ix_contacts_search_name on contacts using gin (search_name public.gin_trgm_ops);
create index ix_contacts_phone_digits on contacts using gin (phone_digits public.gin_trgm_ops);
-- The global pending-reply badge sums only the chats that await a reply.
create index ix_chats_awaiting_reply on chats (department_id, assigned_user_id) where pending_replies > 0;

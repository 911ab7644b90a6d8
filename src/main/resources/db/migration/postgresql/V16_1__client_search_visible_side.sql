-- A scoped user's client search by a common word (ClientAdministration#list, visible side): the
-- clients of the contacts the user may see are collected once, as a set, and the client name order
-- is walked testing each entry against that set, reading only indexes:
--  * the contacts held by the user and the department colleagues, with their client
--    (index-only; replaces ix_contacts_assigned, same key);
--  * the clients the user created;
--  * a client's contacts' names, for the words (index-only; replaces ix_contacts_client, same key).
create index ix_contacts_assigned_cover on contacts (assigned_user_id, id) include (client_id, created_by);
drop index ix_contacts_assigned;
create index ix_clients_created_by on clients (created_by);
create index ix_contacts_client_name on contacts (client_id) include (search_name);
drop index ix_contacts_client;

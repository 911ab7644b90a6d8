-- Contact lists walk the contacts in name order and test each entry against the user's scope
-- (ContactAdministration#list, ContactVisibility): with the holder and the creator in the name
-- index, the walk reads only the index (an index-only scan), and the few rows of the page come
-- from the table afterwards. Replaces ix_contacts_name_order (same key, same order).
create index ix_contacts_name_cover on contacts (search_name, id) include (assigned_user_id, created_by);
drop index ix_contacts_name_order;

-- The branches of a user's contact scope are index lookups: contacts they created.
create index ix_contacts_created_by on contacts (created_by);

-- Reading chats and reading contacts become permissions of their own, so that an API token reads
-- only what it was given (a token with only contacts.create lists nothing). Every role keeps
-- today's behaviour: each role receives both; which rows a user sees is still decided by the
-- scope permissions (chats.view.*, contacts.view.all) and departments.
insert into role_permissions (role, permission) values
    ('ADMINISTRATOR', 'chats.read'), ('ADMINISTRATOR', 'contacts.read'),
    ('SUPERVISOR', 'chats.read'), ('SUPERVISOR', 'contacts.read'),
    ('AGENT', 'chats.read'), ('AGENT', 'contacts.read');

-- Tokens made before keep reading what their permissions were about: one that could change or
-- export contacts (or see all of them) reads contacts, one that could see, assign or take chats
-- reads chats. A token that could only create contacts or send messages reads nothing new.
update api_tokens set permissions = permissions || ',contacts.read'
where (',' || permissions || ',') like '%,contacts.view.all,%'
   or (',' || permissions || ',') like '%,contacts.manage,%'
   or (',' || permissions || ',') like '%,contacts.edit!_sensitive,%' escape '!'
   or (',' || permissions || ',') like '%,contacts.export,%';

update api_tokens set permissions = permissions || ',chats.read'
where (',' || permissions || ',') like '%,chats.view.all,%'
   or (',' || permissions || ',') like '%,chats.view.department,%'
   or (',' || permissions || ',') like '%,chats.assign,%'
   or (',' || permissions || ',') like '%,chats.take,%';

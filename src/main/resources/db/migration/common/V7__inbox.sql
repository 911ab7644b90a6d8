-- The inbox workspace: participants, search keys and taking chats from the queue.

-- Extra agents on a chat: they see it and write in it like its holder (C5, R4).
create table chat_participants (
    chat_id  bigint not null references chats (id),
    user_id  bigint not null references users (id),
    added_by bigint references users (id),
    added_at timestamp with time zone not null,
    primary key (chat_id, user_id)
);

create index ix_chat_participants_user on chat_participants (user_id, chat_id);

-- Search keys kept beside the contact (C3): the name folded (lower case, accents removed, spaces
-- collapsed) and the phone as bare digits. The application writes them; rows from before this
-- version are filled in at startup (ContactSearchKeys).
alter table contacts add column search_name varchar(200);
alter table contacts add column phone_digits varchar(40);

-- Lists filtered by state and by connection keep the activity order.
create index ix_chats_state on chats (state, last_message_at desc, id desc);
create index ix_chats_connection on chats (connection_id, last_message_at desc, id desc);


-- Taking a NEW chat from the queue (chats.take): administrators and supervisors may by default (it
-- is assigning the chat to themselves). Agents may only where an administrator grants it in the
-- permission matrix: until then they see only their own chats (R4).
insert into role_permissions (role, permission) values ('ADMINISTRATOR', 'chats.take'), ('SUPERVISOR', 'chats.take');

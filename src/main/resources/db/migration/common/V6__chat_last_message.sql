-- The newest message of a chat (private notes aside), kept with each new message, so chat lists
-- and live events find it by primary key instead of scanning the chat's history.
alter table chats add column last_message_id bigint;

update chats c set last_message_id =
    (select max(m.id) from messages m where m.chat_id = c.id and m.private_note = false);

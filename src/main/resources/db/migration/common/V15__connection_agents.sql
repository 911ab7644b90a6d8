-- The agents who may use a number (answer its chats, be given them, take them from its queue).
-- None listed: every agent of the number's department, as before.
create table connection_agents (
    connection_id bigint not null references connections (id),
    user_id       bigint not null references users (id),
    primary key (connection_id, user_id)
);
create index ix_connection_agents_user on connection_agents (user_id);

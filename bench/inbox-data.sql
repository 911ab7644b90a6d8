-- A large tenant for bench/inbox.sh, generated straight into the database Conversa runs on
-- (PostgreSQL; run as a superuser, after InboxBench.java prepare left real rows behind):
--   psql -d conversa_bench -v hash='<password hash>' -f bench/inbox-data.sql
-- Sizes, all optional: -v contacts=100000 -v messages=1000000 -v big=10000 -v agents=200
-- -v departments=10; one supervisor per department, and `newagent` (department 1), who holds no
-- chat yet. One chat per contact; the chat of the first contact has `big` messages and belongs
-- to agent001 (department 1); the rest of the messages are spread over the other chats. Message
-- bodies are sealed with the run's key, so they are copied from the real messages the webhooks
-- and notes created, never made up.
\set ON_ERROR_STOP on
\if :{?contacts} \else \set contacts 100000 \endif
\if :{?messages} \else \set messages 1000000 \endif
\if :{?big} \else \set big 10000 \endif
\if :{?agents} \else \set agents 200 \endif
\if :{?departments} \else \set departments 10 \endif
\if :{?hash} \else \echo 'needs -v hash=...: the password hash the generated users get' \quit \endif

set work_mem = '256MB';
set maintenance_work_mem = '512MB';
set synchronous_commit = off;
-- no foreign-key triggers while loading: the generated rows are consistent by construction
set session_replication_role = replica;
select setseed(0.2026);

-- ------------------------------------------------------------------ departments, users
insert into departments (name, name_key, description, active, created_at, updated_at, version)
select name, lower(name), null, true, now(), now(), 0
from (select coalesce((array['Ventas', 'Soporte técnico', 'Facturación', 'Cobranzas', 'Atención al cliente',
        'Postventa', 'Reclamos', 'Logística', 'Créditos', 'Recursos humanos'])[d], 'Departamento ' || d) as name, d
      from generate_series(1, :departments) d) n
order by d;
create temp table dep as select row_number() over (order by id) as n, id from departments;

create temp table names as select
    array['José', 'María', 'Luis', 'Ana', 'Carlos', 'Lucía', 'Jorge', 'Andrea', 'Pedro', 'Gabriela', 'Diego',
          'Sofía', 'Juan', 'Valentina', 'Andrés', 'Camila', 'Fernando', 'Daniela', 'Ramón', 'Inés', 'Martín',
          'Verónica', 'Héctor', 'Mónica', 'Raúl', 'Patricia', 'Sebastián', 'Paola', 'Nicolás', 'Rocío', 'Víctor',
          'Belén', 'Jesús', 'Ángela', 'Óscar', 'Carmen', 'Iván', 'Gloria', 'Tomás', 'Estefanía'] as first,
    array['Núñez', 'González', 'Rodríguez', 'López', 'Fernández', 'Martínez', 'Sánchez', 'Ramírez', 'Torres',
          'Vásquez', 'Jiménez', 'Pérez', 'Gómez', 'Díaz', 'Álvarez', 'Romero', 'Suárez', 'Mendoza', 'Castro',
          'Ortiz', 'Morales', 'Muñoz', 'Guzmán', 'Herrera', 'Ávila', 'Peña', 'Cevallos', 'Zambrano', 'Andrade',
          'Chávez', 'Benítez', 'Cárdenas', 'Espinoza', 'Salazar', 'Ibáñez', 'Ordóñez', 'Velásquez', 'Paredes',
          'Quiñónez', 'Yépez'] as last;

-- agents: agent001..agent200, agent i in department ((i - 1) % departments) + 1; supervisor0d in department d
insert into users (login, display_name, email, role, active, language, password_hash, must_change_password,
    created_at, updated_at, version)
select 'agent' || lpad(g::text, 3, '0'), first[1 + (g * 7) % 40] || ' ' || last[1 + (g * 13) % 40],
    'agent' || g || '@bench.example', 'AGENT', true, 'es', :'hash', false, now(), now(), 0
from generate_series(1, :agents) g, names
order by g;
insert into users (login, display_name, email, role, active, language, password_hash, must_change_password,
    created_at, updated_at, version)
select 'supervisor' || lpad(d::text, 2, '0'), first[1 + (d * 11) % 40] || ' ' || last[1 + (d * 17) % 40],
    'supervisor' || d || '@bench.example', 'SUPERVISOR', true, 'es', :'hash', false, now(), now(), 0
from generate_series(1, :departments) d, names
order by d;
-- and a newly hired agent of department 1 who holds no chat yet
insert into users (login, display_name, email, role, active, language, password_hash, must_change_password,
    created_at, updated_at, version)
values ('newagent', 'Agente Nuevo', 'newagent@bench.example', 'AGENT', true, 'es', :'hash', false, now(), now(), 0);
create temp table agent as
select substring(login from 6)::int as n, id, ((substring(login from 6)::int - 1) % :departments) + 1 as dep_n
from users where login ~ '^agent[0-9]+$';
insert into user_departments (user_id, department_id)
select a.id, dep.id from agent a join dep on dep.n = a.dep_n
union all
select u.id, dep.id from users u join dep on dep.n = substring(u.login from 11)::int where u.login ~ '^supervisor[0-9]+$'
union all
select u.id, dep.id from users u join dep on dep.n = 1 where u.login = 'newagent';

-- each connection belongs to a department; the chats of department d arrive on connection ((d - 1) % connections) + 1
create temp table conn as select row_number() over (order by id) as n, id from connections;
update connections c set department_id = dep.id from conn join dep on dep.n = ((conn.n - 1) % :departments) + 1
where c.id = conn.id;
update chats c set department_id = k.department_id from connections k where k.id = c.connection_id and c.department_id is null;

-- ------------------------------------------------------------------ contacts and chats (one each)
select coalesce(max(id), 0) as contact_base from contacts \gset
select coalesce(max(id), 0) as chat_base from chats \gset
select coalesce(max(id), 0) as message_base from messages \gset
select count(*) as connections from connections \gset

create temp table gen_chat as
with r as (
    select g, random() as r_state, random() as r_assign, random() as r_time, random() as r_agent, random() as r_pend,
        random() as r_n, random() as r_gap, random() as r_dep, random() as r_f1, random() as r_f2, random() as r_two,
        random() as r_l1, random() as r_l2
    from generate_series(1, :contacts) g
), s as (
    select r.*, case when g = 1 then 1 else 1 + floor(r_dep * :departments)::int end as dep_n,
        case when g = 1 then 'IN_PROGRESS' when r_state < 0.05 then 'NEW' when r_state < 0.20 then 'IN_PROGRESS'
             when r_state < 0.25 then 'PENDING' else 'CLOSED' end as state
    from r
)
select g, :contact_base + g as contact_id, :chat_base + g as chat_id, s.state, dep.id as department_id, s.dep_n,
    conn.id as connection_id,
    -- an agent of the chat's department (agent001 for the big chat)
    case when g = 1 then 1 else s.dep_n + :departments * floor(r_agent * (:agents / :departments))::int end as agent_n,
    case when g = 1 then true when s.state = 'NEW' then r_assign >= 0.7 when s.state = 'CLOSED' then r_assign >= 0.05
         else true end as assigned,
    case when s.state = 'NEW' then 1 + floor(r_pend * 3)::int
         when s.state = 'IN_PROGRESS' and r_pend < 0.5 then 1 + floor(r_pend * 4)::int else 0 end as pending,
    now() - case when g = 1 then interval '1 minute'
                 when s.state = 'NEW' then r_time * interval '2 days'
                 when s.state = 'IN_PROGRESS' then r_time * interval '5 days'
                 when s.state = 'PENDING' then r_time * interval '20 days'
                 else interval '1 hour' + r_time * interval '180 days' end as last_at,
    case when g = 1 then :big else 1 + floor(r_n * greatest(1, floor(2.0 * (:messages - :big) / (:contacts - 1) - 1)))::int end as n,
    case when g = 1 then interval '60 days' / :big else interval '1 minute' + r_gap * interval '30 minutes' end as gap,
    first[1 + floor(r_f1 * 40)::int] || case when r_two < 0.2 then ' ' || first[1 + floor(r_f2 * 40)::int] else '' end
        || ' ' || last[1 + floor(r_l1 * 40)::int] || ' ' || last[1 + floor(r_l2 * 40)::int] as name,
    -- +593 9XXXXXXXX: a bijection of g over 8 digits, so every phone is distinct and looks random
    '5939' || lpad(((g::bigint * 2654435761) % 90000000 + 10000000)::text, 8, '0') as digits
from s join dep on dep.n = s.dep_n join conn on conn.n = ((s.dep_n - 1) % :connections) + 1, names;

-- exactly `messages` generated messages: hand out the remainder one by one
select (:messages - :big) - sum(n) as remainder from gen_chat where g > 1 \gset
update gen_chat set n = n + 1 where g in (select g from gen_chat where g > 1 order by random() limit greatest(0, :remainder));
update gen_chat set n = n - 1 where g in (select g from gen_chat where g > 1 and n > 1 order by random() limit greatest(0, - :remainder));
alter table gen_chat add column agent_id bigint;
update gen_chat c set agent_id = a.id from agent a where a.n = c.agent_n;

-- the messages, numbered in time order across all chats (as they would have arrived)
create temp table gen_msg as
select :message_base + row_number() over (order by at, chat_id, k) as id, *
from (select c.chat_id, c.connection_id, c.agent_id, k,
             c.last_at - (c.n - k) * c.gap - case when k = c.n then interval '0' else random() * 0.5 * c.gap end as at,
             case when c.state = 'NEW' or (k = c.n and c.pending > 0) or random() < 0.5 then 'IN' else 'OUT' end as dir
      from gen_chat c cross join lateral generate_series(1, c.n) k) m;

insert into contacts (id, display_name, phone, created_at, updated_at, search_name, phone_digits)
select c.contact_id, c.name, '+' || c.digits, a.first_at, a.first_at,
    -- as ContactSearch.foldName: accents removed, lower case (the names have single spaces already)
    lower(translate(c.name, 'ÁÉÍÓÚÜÑáéíóúüñ', 'AEIOUUNaeiouun')), c.digits
from gen_chat c join (select chat_id, min(at) as first_at from gen_msg group by chat_id) a using (chat_id)
order by c.contact_id;

insert into contact_whatsapp_identities (connection_id, wa_id, contact_id, profile_name, created_at)
select connection_id, digits, contact_id, name, now() from gen_chat order by contact_id;

insert into chats (id, connection_id, contact_id, wa_id, department_id, assigned_user_id, state, open_contact_id,
    pending_replies, last_message_at, last_inbound_at, created_at, closed_at, version, last_message_id)
select c.chat_id, c.connection_id, c.contact_id, c.digits, c.department_id, case when c.assigned then c.agent_id end,
    c.state, case when c.state <> 'CLOSED' then c.contact_id end, c.pending, c.last_at, a.last_in, a.first_at,
    case when c.state = 'CLOSED' then c.last_at + interval '10 minutes' end, 1, a.last_id
from gen_chat c join (select chat_id, max(id) as last_id, min(at) as first_at, max(at) filter (where dir = 'IN') as last_in
                      from gen_msg group by chat_id) a using (chat_id)
order by c.chat_id;

-- extra agents on about 2 % of the assigned chats: another agent of the same department
insert into chat_participants (chat_id, user_id, added_by, added_at)
select c.chat_id, a.id, null, c.last_at - interval '1 hour'
from gen_chat c join agent a on a.n = c.dep_n + :departments * floor(random() * (:agents / :departments))::int
where c.assigned and random() < 0.02 and a.id <> c.agent_id
on conflict do nothing;

-- ------------------------------------------------------------------ messages
create temp table body_in as select row_number() over (order by id) - 1 as n, body from messages
    where direction = 'IN' and body is not null and not private_note;
-- (the real outbound rows are private notes; a note's body is sealed exactly as a sent message's)
create temp table body_out as select row_number() over (order by id) - 1 as n, body from messages
    where direction = 'OUT' and body is not null;
select count(*) as ins from body_in \gset
select count(*) as outs from body_out \gset

insert into messages (id, chat_id, connection_id, provider_message_id, direction, kind, author_type, author_user_id,
    private_note, body, details, media_id, reply_to_provider_id, status, status_rank, sent_at, delivered_at, read_at,
    failed_at, error_code, error_reason, idempotency_key, attempts, next_attempt_at, created_at)
select m.id, m.chat_id, m.connection_id, 'wamid.GEN' || m.id, m.dir, 'TEXT',
    case m.dir when 'IN' then 'CUSTOMER' else 'AGENT' end, case m.dir when 'OUT' then m.agent_id end,
    false, case m.dir when 'IN' then i.body else o.body end, null, null, null,
    case m.dir when 'IN' then 'DELIVERED' else 'READ' end, case m.dir when 'IN' then 20 else 30 end,
    m.at, m.at + case m.dir when 'OUT' then interval '2 seconds' else interval '0' end,
    case m.dir when 'OUT' then m.at + interval '1 minute' end, null, null, null,
    case m.dir when 'OUT' then 'gen-' || m.id end, case m.dir when 'OUT' then 1 else 0 end, null, m.at
from gen_msg m join body_in i on i.n = m.id % :ins join body_out o on o.n = m.id % :outs
order by m.id;

select setval(pg_get_serial_sequence('contacts', 'id'), (select max(id) from contacts));
select setval(pg_get_serial_sequence('chats', 'id'), (select max(id) from chats));
select setval(pg_get_serial_sequence('messages', 'id'), (select max(id) from messages));
set session_replication_role = origin;

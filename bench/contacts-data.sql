-- The customer database of a large tenant for bench/contacts.sh, generated straight into the
-- database Conversa runs on (PostgreSQL; run as a superuser, after ContactsBench.java prepare
-- linked the numbers the chats arrive on). The clients' sealed parts come in on standard input
-- (ContactsBench.java clients: id, document_hash, sensitive as COPY text; sealed with the run's key):
--   java bench/ContactsBench.java clients 300000 KEY | psql -d conversa_bench -v hash='<hash>' -f bench/contacts-data.sql
-- Sizes, all optional: -v contacts=1000000 -v clients=300000 -v chats=100000 -v agents=200
-- -v departments=10 (clients must match what ContactsBench.java clients wrote). Optional
-- -v csv=FILE -v csv_rows=100000: also writes the import file (new phones, half with a client).
--
-- Contacts: Spanish names with accents (60 first names, a fifth with two, and two of 60 surnames),
-- search_name folded as ContactSearch.foldName (lower case, accents removed, single spaces), unique
-- phones +593 9[5-8]XXXXXXX (a bijection of the row number, so they look random), ACTIVE and
-- VALIDATED, a third with an e-mail, 30 % held by an agent. With h = g - 1 (the row, from 0):
-- contacts with h % 10 in (0, 1, 2) hold client (h / 10) * 3 + h % 10 + 1 (its name is theirs),
-- and every hundredth contact with h % 10 = 3 shares the client of the row before (a second phone
-- of the account holder). Chats: one for each contact with h % 10 = 5 (the first `chats` of them), in a random department, held
-- by an agent of it (75 % CLOSED). The indexes of contacts, clients and chats (not the primary
-- keys and unique constraints) are dropped while loading and created again from their own
-- definitions (pg_get_indexdef), as a bulk load does.
\set ON_ERROR_STOP on
\if :{?contacts} \else \set contacts 1000000 \endif
\if :{?clients} \else \set clients 300000 \endif
\if :{?chats} \else \set chats 100000 \endif
\if :{?agents} \else \set agents 200 \endif
\if :{?departments} \else \set departments 10 \endif
\if :{?csv_rows} \else \set csv_rows 100000 \endif
\if :{?hash} \else \echo 'needs -v hash=...: the password hash the generated users get' \quit \endif

set work_mem = '256MB';
set maintenance_work_mem = '512MB';
set synchronous_commit = off;
-- no foreign-key triggers while loading: the generated rows are consistent by construction
set session_replication_role = replica;
select setseed(0.2027);

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
          'Belén', 'Jesús', 'Ángela', 'Óscar', 'Carmen', 'Iván', 'Gloria', 'Tomás', 'Estefanía', 'Miguel', 'Rosa',
          'Francisco', 'Elena', 'Javier', 'Isabel', 'Manuel', 'Teresa', 'Ricardo', 'Natalia', 'Alejandro',
          'Mariana', 'Roberto', 'Cristina', 'Eduardo', 'Silvia', 'Joaquín', 'Noemí', 'Germán', 'Zoila'] as first,
    array['Núñez', 'González', 'Rodríguez', 'López', 'Fernández', 'Martínez', 'Sánchez', 'Ramírez', 'Torres',
          'Vásquez', 'Jiménez', 'Pérez', 'Gómez', 'Díaz', 'Álvarez', 'Romero', 'Suárez', 'Mendoza', 'Castro',
          'Ortiz', 'Morales', 'Muñoz', 'Guzmán', 'Herrera', 'Ávila', 'Peña', 'Cevallos', 'Zambrano', 'Andrade',
          'Chávez', 'Benítez', 'Cárdenas', 'Espinoza', 'Salazar', 'Ibáñez', 'Ordóñez', 'Velásquez', 'Paredes',
          'Quiñónez', 'Yépez', 'Vera', 'Mora', 'Reyes', 'Flores', 'Aguilar', 'Calderón', 'Villacís', 'Cedeño',
          'Moreira', 'Bravo', 'León', 'Naranjo', 'Proaño', 'Jaramillo', 'Tapia', 'Guerrero', 'Carrión', 'Montalvo',
          'Loor', 'Macías'] as last;

-- agents: agent001..agent200, agent i in department ((i - 1) % departments) + 1; supervisor0d in department d
insert into users (login, display_name, email, role, active, language, password_hash, must_change_password,
    created_at, updated_at, version)
select 'agent' || lpad(g::text, 3, '0'), first[1 + (g * 7) % 60] || ' ' || last[1 + (g * 13) % 60],
    'agent' || g || '@bench.example', 'AGENT', true, 'es', :'hash', false, now(), now(), 0
from generate_series(1, :agents) g, names
order by g;
insert into users (login, display_name, email, role, active, language, password_hash, must_change_password,
    created_at, updated_at, version)
select 'supervisor' || lpad(d::text, 2, '0'), first[1 + (d * 11) % 60] || ' ' || last[1 + (d * 17) % 60],
    'supervisor' || d || '@bench.example', 'SUPERVISOR', true, 'es', :'hash', false, now(), now(), 0
from generate_series(1, :departments) d, names
order by d;
create temp table agent as
select substring(login from 6)::int as n, id, ((substring(login from 6)::int - 1) % :departments) + 1 as dep_n
from users where login ~ '^agent[0-9]+$';
insert into user_departments (user_id, department_id)
select a.id, dep.id from agent a join dep on dep.n = a.dep_n
union all
select u.id, dep.id from users u join dep on dep.n = substring(u.login from 11)::int where u.login ~ '^supervisor[0-9]+$';

-- each connection belongs to a department
create temp table conn as select row_number() over (order by id) as n, id from connections;
select count(*) as connections from connections \gset
update connections c set department_id = dep.id from conn join dep on dep.n = ((conn.n - 1) % :departments) + 1
where c.id = conn.id;
update chats c set department_id = k.department_id from connections k where k.id = c.connection_id and c.department_id is null;

-- ------------------------------------------------------------------ indexes off while loading
create temp table dropped as
select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as def
from pg_index i
where i.indrelid in ('contacts'::regclass, 'clients'::regclass, 'chats'::regclass)
  and not i.indisprimary and not exists (select from pg_constraint c where c.conindid = i.indexrelid);
select 'drop index ' || name from dropped \gexec

-- ------------------------------------------------------------------ contacts
select coalesce(max(id), 0) as contact_base from contacts \gset
select coalesce(max(id), 0) as chat_base from chats \gset

create temp table gen as
select g, :contact_base + g as contact_id,
    first[1 + floor(r_f1 * 60)::int] || case when r_two < 0.2 then ' ' || first[1 + floor(r_f2 * 60)::int] else '' end
        || ' ' || last[1 + floor(r_l1 * 60)::int] || ' ' || last[1 + floor(r_l2 * 60)::int] as name,
    -- +593 9[5-8]XXXXXXX: a bijection of g over 40 million numbers (2654435761 is prime to 4 * 10^7)
    '5939' || ((g::bigint * 2654435761) % 40000000 + 50000000)::text as digits,
    r_email < 0.33 as with_email,
    case when r_assign < 0.30 then 1 + floor(r_agent * :agents)::int end as agent_n,
    case when h % 10 in (0, 1, 2) and (h / 10) * 3 + h % 10 + 1 <= :clients then (h / 10) * 3 + h % 10 + 1
         when h % 10 = 3 and (h / 10) % 10 = 0 and (h / 10) * 3 + 3 <= :clients then (h / 10) * 3 + 3 end as client_n,
    now() - r_created * interval '1095 days' as created_at
from (select g, g - 1 as h, random() as r_f1, random() as r_f2, random() as r_two, random() as r_l1, random() as r_l2,
          random() as r_email, random() as r_assign, random() as r_agent, random() as r_created
      from generate_series(1, :contacts) g) r, names;
alter table gen add column agent_id bigint;
update gen c set agent_id = a.id from agent a where a.n = c.agent_n;

-- clients: the sealed parts from standard input, the name of their (first) contact
create temp table client_secret (n bigint, document_hash varchar(64), sensitive bytea);
\copy client_secret from pstdin
select coalesce(max(id), 0) as client_base from clients \gset
insert into clients (id, name, search_name, document_hash, sensitive, notes, status, created_by, created_at,
    updated_at, version)
select :client_base + s.n, c.name, lower(translate(c.name, 'ÁÉÍÓÚÜÑáéíóúüñ', 'AEIOUUNaeiouun')), s.document_hash,
    s.sensitive, null, 'ACTIVE', null, c.created_at, c.created_at, 0
from client_secret s join (select distinct on (client_n) client_n, name, created_at from gen where client_n is not null
                           order by client_n, g) c on c.client_n = s.n
order by s.n;

insert into contacts (id, display_name, phone, created_at, updated_at, search_name, phone_digits, email, status,
    review_state, assigned_user_id, client_id, created_by, version)
select c.contact_id, c.name, '+' || c.digits, c.created_at, c.created_at,
    -- as ContactSearch.foldName: accents removed, lower case (the names have single spaces already)
    lower(translate(c.name, 'ÁÉÍÓÚÜÑáéíóúüñ', 'AEIOUUNaeiouun')), c.digits,
    case when c.with_email then replace(lower(translate(c.name, 'ÁÉÍÓÚÜÑáéíóúüñ', 'AEIOUUNaeiouun')), ' ', '.') || c.g
        || '@correo.example' end,
    'ACTIVE', 'VALIDATED', c.agent_id, case when c.client_n is not null then :client_base + c.client_n end, null, 0
from gen c
order by c.contact_id;

-- ------------------------------------------------------------------ chats (one per contact with g % 10 = 5)
insert into chats (id, connection_id, contact_id, wa_id, department_id, assigned_user_id, state, open_contact_id,
    pending_replies, last_message_at, last_inbound_at, created_at, closed_at, version, last_message_id)
select :chat_base + row_number() over (order by c.g), conn.id, c.contact_id, c.digits, dep.id,
    case when s.state = 'NEW' and s.r_assign < 0.7 then null else a.id end, s.state,
    case when s.state <> 'CLOSED' then c.contact_id end, case when s.state = 'NEW' then 1 else 0 end,
    s.last_at, s.last_at, s.last_at - interval '1 hour', case when s.state = 'CLOSED' then s.last_at + interval '10 minutes' end,
    1, null
from gen c
cross join lateral (select 1 + floor(random() * :departments)::int as dep_n, random() as r_assign, random() as r_agent,
        case when random() < 0.75 then 'CLOSED' when random() < 0.6 then 'IN_PROGRESS' when random() < 0.5 then 'PENDING'
             else 'NEW' end as state,
        now() - random() * interval '180 days' as last_at where c.g > 0) s
join dep on dep.n = s.dep_n
join conn on conn.n = ((s.dep_n - 1) % :connections) + 1
join agent a on a.n = s.dep_n + :departments * floor(s.r_agent * (:agents / :departments))::int
where (c.g - 1) % 10 = 5 and (c.g - 1) / 10 < :chats
order by c.g;

select setval(pg_get_serial_sequence('contacts', 'id'), (select max(id) from contacts));
select setval(pg_get_serial_sequence('clients', 'id'), (select max(id) from clients));
select setval(pg_get_serial_sequence('chats', 'id'), (select max(id) from chats));
set session_replication_role = origin;

-- ------------------------------------------------------------------ indexes back, from their own definitions
select def from dropped order by name \gexec

-- ------------------------------------------------------------------ the import file (optional)
-- new phones +593 99XXXXXXX (a bijection of the row over 10 million: never one of the contacts' above),
-- written as people do ("+593 99 ...", "099...", "+59399..."); half the rows with a client (name,
-- document id 09XXXXXXXX, balance, days overdue)
\if :{?csv}
create temp table csv_rows as
select g, n1 || ' ' || l1 || ' ' || l2 as name,
    '9' || ((g::bigint * 2654435761) % 10000000 + 90000000)::text as nat, r_email, r_client, r_holder, r_bal,
    f2 || ' ' || l2 || ' ' || l1 as other
from (select g, first[1 + floor(random() * 60)::int] as n1, first[1 + floor(random() * 60)::int] as f2,
          last[1 + floor(random() * 60)::int] as l1, last[1 + floor(random() * 60)::int] as l2,
          random() as r_email, random() as r_client, random() as r_holder, random() as r_bal
      from generate_series(1, :csv_rows) g, names) r;
\o :csv
copy (select name, case g % 3 when 0 then '+593 ' || substring(nat, 1, 2) || ' ' || substring(nat, 3, 3) || ' ' || substring(nat, 6) when 1 then '0' || nat else '+593' || nat end as phone, case when r_email < 0.4 then replace(lower(translate(name, 'ÁÉÍÓÚÜÑáéíóúüñ', 'AEIOUUNaeiouun')), ' ', '.') || '@correo.example' end as email, 'ACTIVE' as status, case when g % 2 = 0 then case when r_holder < 0.7 then name else other end end as client_name, case when g % 2 = 0 then '09' || lpad(((g::bigint * 2654435761) % 100000000)::text, 8, '0') end as client_document_id, case when g % 2 = 0 and r_bal < 0.8 then to_char(round((r_bal * 2500)::numeric, 2), 'FM9999990.00') end as client_balance, case when g % 2 = 0 and r_bal < 0.8 then 'USD' end as client_currency, case when g % 2 = 0 then (g * 37) % 240 end as client_days_overdue from csv_rows order by g) to stdout with (format csv, header);
\o
\endif

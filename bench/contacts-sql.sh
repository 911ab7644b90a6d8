#!/usr/bin/env bash
# The contacts' and clients' search SQL as ContactAdministration, ClientAdministration,
# ContactSearch and ContactVisibility build it now ("now"), next to the rewrites recommended in
# docs/benchmarks.md ("after"), on the database bench/contacts.sh leaves behind (conversa_bench; run
# contacts.sh first, the app need not run). pgbench, one client, prepared statements with bound
# parameters (as the JDBC driver sends them), N executions per variant (fewer for the slow ones): p50/
# p95 in ms of the SQL alone (Unix socket, no HTTP, no JSON); and the shared buffers each variant
# touches in one EXPLAIN (ANALYZE, BUFFERS), whose full plans go to a file. A statement that runs
# longer than BENCH_SQL_TIMEOUT (default 60 s) is cancelled and reported as such.
# The "after" variants need two indexes, created for them and dropped at the end (the schema is left
# as the migrations made it):
#   bench_ix_contacts_name_cover   on contacts (search_name, id) include (assigned_user_id, created_by)
#   bench_ix_clients_search_name   on clients using gin (search_name gin_trgm_ops)
#   bench/contacts-sql.sh [executions]   (default 50)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-50}
timeout=${BENCH_SQL_TIMEOUT:-60s}
pgbench=$(command -v pgbench || ls /usr/lib/postgresql/*/bin/pgbench | tail -n 1)
q() { runuser -u postgres -- psql -X -d conversa_bench -v ON_ERROR_STOP=1 -tAc "$1"; }
dir=$(mktemp -d); chmod 777 "$dir"
drop_indexes() { q "drop index if exists bench_ix_contacts_name_cover; drop index if exists bench_ix_clients_search_name" >/dev/null 2>&1; }
trap drop_indexes EXIT
drop_indexes

supervisor=$(q "select id from users where login = 'supervisor01'")
departments=$(q "select string_agg(department_id::text, ',') from user_departments where user_id = $supervisor")
colleagues=$(q "select string_agg(distinct user_id::text, ',') from user_departments where department_id in ($departments)")
# a phone the supervisor may see, and a client of theirs (its document id's blind index)
phone=$(q "select phone_digits from contacts where assigned_user_id in ($colleagues) and client_id is not null order by id limit 1")
document=$(q "select l.document_hash from clients l join contacts k on k.client_id = l.id where k.phone_digits = '$phone'")
digits=1700000000 # a document id typed in the search box is digits, so it is also looked for among the phones

cols="k.id, k.display_name, k.phone, k.email, k.status, k.review_state, k.assigned_user_id, k.client_id, k.created_at, k.updated_at, k.search_name"
client_cols="l.id, l.name, l.sensitive, l.notes, l.status, l.created_at, l.updated_at, l.search_name"
order="order by k.search_name, k.id fetch first 26 rows only"
client_order="order by l.search_name, l.id fetch first 26 rows only"
# ContactVisibility.contacts for a supervisor (ChatVisibility's condition inside), on alias $1
visible() { echo "($1.assigned_user_id = :viewer or $1.created_by = :viewer or $1.id in (select c.contact_id from chats c where (c.id in (select a.id from chats a where a.assigned_user_id = :viewer union all select p.chat_id from chat_participants p where p.user_id = :viewer) or c.department_id in ($departments))) or $1.assigned_user_id in ($colleagues))"; }
# ContactSearch.parse: words, or digits (with the national form)
words1="search_name like :w0 escape '\\'"
words2="search_name like :w0 escape '\\' and search_name like :w1 escape '\\'"
phones="phone_digits like :p0 or phone_digits like :p1"
on() { echo "$2" | sed "s/search_name/$1.search_name/g; s/phone_digits/$1.phone_digits/g"; } # a condition on an alias

# run NAME EXECUTIONS SQL [jit] [plan_cache_mode]: pgbench percentiles and the buffers of one execution.
# plan_cache_mode auto is what the app gets: the JDBC driver prepares a statement on the server from its
# 5th execution on a connection, and PostgreSQL may then switch to a generic plan, made without the
# values (it cannot tell '%maria%' from '%574577%'); force_custom_plan plans every execution with its values.
run() {
  local name=$1 count=$2 sql=$3 jit=${4:-on} plan=${5:-auto} stats buffers
  local vars=(-D viewer="$supervisor" -D w0="$W0" -D w1="$W1" -D p0="$P0" -D p1="$P1" -D doc="$document")
  [ "$plan" = auto ] || name="$name, custom plans"
  [ "$jit" = on ] || name="$name, jit off"
  printf '%s;\n' "$sql" > "$dir/q.sql"
  if runuser -u postgres -- env PGOPTIONS="-c statement_timeout=$timeout -c jit=$jit -c plan_cache_mode=$plan" \
       "$pgbench" -n -M prepared -c 1 -t "$count" -f "$dir/q.sql" "${vars[@]}" -l --log-prefix="$dir/log" conversa_bench \
       >/dev/null 2>"$dir/err"; then
    stats=$(cat "$dir"/log.* | awk '{print $3 / 1000}' | sort -n | awk '{a[NR]=$1} END {printf "p50 %8.2f  p95 %8.2f", a[int(NR*0.5+0.5)], a[int(NR*0.95+0.5)]}')
    # (EXPLAIN of the statement with its values: the custom plan, whatever pgbench ended up using)
    { echo "=== $name"; runuser -u postgres -- psql -X -d conversa_bench -v ON_ERROR_STOP=1 -v viewer="$supervisor" \
        -v w0="'$W0'" -v w1="'$W1'" -v p0="'$P0'" -v p1="'$P1'" -v doc="'$document'" \
        <<< "set jit = $jit; set statement_timeout = '$timeout'; explain (analyze, buffers) $sql;"; } > "$dir/plan"
    cat "$dir/plan" >> "$dir/plans.txt"
    buffers=$(grep -m1 -o 'shared hit=[0-9]*\( read=[0-9]*\)\?' "$dir/plan" | head -n 1)
  else
    grep -q 'statement timeout' "$dir/err" || { cat "$dir/err"; exit 1; }
    stats="cancelled after $timeout"; buffers=""
  fi
  rm -f "$dir"/log.*
  printf '  %-78s %-26s ms  %s\n' "$name" "$stats" "$buffers"
}
# both NAME EXECUTIONS SQL: as the app runs it, then with custom plans
both() { run "$1" "$2" "$3"; run "$1" "$2" "$3" on force_custom_plan; }
q "vacuum analyze contacts, clients" >/dev/null

echo "--- contacts: now (before) -> after, $n executions each (pgbench, 1 client, prepared); supervisor01 (id $supervisor)"
W0='%maria%'; W1='%'; P0='%'; P1='%' # (pgbench needs a value for each variable)
both "admin, \"maria\": now (self-join on id)"                          20 "select $cols from contacts k where 1 = 1 and k.id in (select id from contacts where $words1) $order"
both "admin, \"maria\": A (condition on k)"                              "$n" "select $cols from contacts k where 1 = 1 and $(on k "$words1") $order"
both "supervisor, \"maria\": now"                                        20 "select $cols from contacts k where $(visible k) and k.id in (select id from contacts where $words1) $order"
both "supervisor, \"maria\": A (condition on k)"                         20 "select $cols from contacts k where $(visible k) and $(on k "$words1") $order"
both "supervisor, first page (no search): now"                          "$n" "select $cols from contacts k where $(visible k) $order"
W0='%jose%'; W1='%nun%'
both "admin, \"jose nun\": now"                                          "$n" "select $cols from contacts k where 1 = 1 and k.id in (select id from contacts where $words2) $order"
both "admin, \"jose nun\": A"                                            "$n" "select $cols from contacts k where 1 = 1 and $(on k "$words2") $order"
both "supervisor, \"jose nun\": now"                                     10 "select $cols from contacts k where $(visible k) and k.id in (select id from contacts where $words2) $order"
both "supervisor, \"jose nun\": A"                                       "$n" "select $cols from contacts k where $(visible k) and $(on k "$words2") $order"
P0="%${phone:5:6}%"; P1="$P0"
both "admin, 6 digits: now"                                             10 "select $cols from contacts k where 1 = 1 and k.id in (select id from contacts where $phones) $order"
both "admin, 6 digits: A"                                              "$n" "select $cols from contacts k where 1 = 1 and ($(on k "$phones")) $order"
both "supervisor, 6 digits: now"                                        10 "select $cols from contacts k where $(visible k) and k.id in (select id from contacts where $phones) $order"
both "supervisor, 6 digits: A"                                          "$n" "select $cols from contacts k where $(visible k) and ($(on k "$phones")) $order"
P0="%0${phone:3}%"; P1="%${phone:3}%"
both "admin, 09XXXXXXXX: now"                                           10 "select $cols from contacts k where 1 = 1 and k.id in (select id from contacts where $phones) $order"
both "supervisor, 09XXXXXXXX: now"                                      10 "select $cols from contacts k where $(visible k) and k.id in (select id from contacts where $phones) $order"
both "supervisor, 09XXXXXXXX: A"                                        "$n" "select $cols from contacts k where $(visible k) and ($(on k "$phones")) $order"

echo "--- clients: now (before)"
client_search_names="(l.document_hash = :doc or l.id in (select client_id from contacts where id in (select id from contacts where $words2)) or ($(on l "$words2")))"
client_search_digits="(l.document_hash = :doc or l.id in (select client_id from contacts where id in (select id from contacts where $phones)))"
clients_visible="(l.created_by = :viewer or l.id in (select k.client_id from contacts k where $(visible k)))"
W0='%jose%'; W1='%nun%'; P0="%$digits%"; P1="$P0"
both "admin, name \"jose nun\": now"                                     20 "select $client_cols from clients l where 1 = 1 and $client_search_names $client_order"
both "admin, document id: now"                                          20 "select $client_cols from clients l where 1 = 1 and $client_search_digits $client_order"
run "supervisor, document id: now"                                      3 "select $client_cols from clients l where $clients_visible and $client_search_digits $client_order"
run "supervisor, name \"jose nun\": now"                                 1 "select $client_cols from clients l where $clients_visible and $client_search_names $client_order"
run "supervisor, first page (no search): now"                           1 "select $client_cols from clients l where $clients_visible $client_order"

echo "--- with the indexes the rewrites need"
q "create index bench_ix_contacts_name_cover on contacts (search_name, id) include (assigned_user_id, created_by)" >/dev/null
q "create index bench_ix_clients_search_name on clients using gin (search_name gin_trgm_ops)" >/dev/null
q "vacuum analyze contacts, clients" >/dev/null
echo "--- contacts: B (ids first from the covering index, then the rows)"
deferred() { echo "select $cols from contacts k where k.id in (select v.id from contacts v where $1 order by v.search_name, v.id fetch first 26 rows only) order by k.search_name, k.id"; }
W0='%maria%'; W1='%'
both "admin, \"maria\": B"                                               "$n" "$(deferred "$(on v "$words1")")"
both "supervisor, \"maria\": B"                                          "$n" "$(deferred "$(visible v) and $(on v "$words1")")"
both "supervisor, first page (no search): B"                            "$n" "$(deferred "$(visible v)")"
W0='%jose%'; W1='%nun%'
both "supervisor, \"jose nun\": B"                                       "$n" "$(deferred "$(visible v) and $(on v "$words2")")"

echo "--- clients: C (search as one id set) and D (visibility as EXISTS per client)"
client_search_names_c="l.id in (select x.id from clients x where x.document_hash = :doc union all select s.client_id from contacts s where $(on s "$words2") union all select x.id from clients x where $(on x "$words2"))"
client_search_digits_c="l.id in (select x.id from clients x where x.document_hash = :doc union all select s.client_id from contacts s where $(on s "$phones"))"
clients_visible_d="(l.created_by = :viewer or exists (select 1 from contacts k where k.client_id = l.id and $(visible k)))"
W0='%jose%'; W1='%nun%'; P0="%$digits%"; P1="$P0"
both "admin, name \"jose nun\": C"                                       "$n" "select $client_cols from clients l where 1 = 1 and $client_search_names_c $client_order"
both "admin, document id: C"                                            "$n" "select $client_cols from clients l where 1 = 1 and $client_search_digits_c $client_order"
both "supervisor, document id: C + D"                                   "$n" "select $client_cols from clients l where $clients_visible_d and $client_search_digits_c $client_order"
both "supervisor, name \"jose nun\": C + D"                              "$n" "select $client_cols from clients l where $clients_visible_d and $client_search_names_c $client_order"
run "supervisor, name \"jose nun\": C + D"                     "$n" "select $client_cols from clients l where $clients_visible_d and $client_search_names_c $client_order" off force_custom_plan
run "supervisor, first page (no search): D"                            "$n" "select $client_cols from clients l where $clients_visible_d $client_order"
run "supervisor, first page (no search): D"                   "$n" "select $client_cols from clients l where $clients_visible_d $client_order" off force_custom_plan
echo "--- plans: $dir/plans.txt (the two indexes are dropped again)"

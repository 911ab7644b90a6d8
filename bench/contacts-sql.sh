#!/usr/bin/env bash
# The contacts' and clients' list and search SQL, as ContactAdministration, ClientAdministration,
# ContactSearch and ContactVisibility build it now ("now") and as they built it before the search
# fixes ("before": commit b022e80), on the database bench/contacts.sh leaves behind
# (conversa_bench; run contacts.sh first, the app need not run), for the administrator and
# supervisor01.
#  1. per benchmark case, pgbench with one client and prepared statements (bound parameters, as the
#     JDBC driver sends them; for searches plan_cache_mode = force_custom_plan, and jit = off now, as
#     PlanHints sets them),
#     N executions: p50/p95 in ms of the SQL alone (Unix socket, no HTTP, no JSON), and the shared
#     buffers one EXPLAIN (ANALYZE, BUFFERS) touches (full plans in a file);
#  2. a sweep of all the bench's name queries (12 two-word, 8 one-word; bench/ContactsBench.java):
#     how many contacts match (which decides the plan: at most ContactAdministration.FEW_MATCHES
#     take the matches first, more walk the name order), and the execution time of the statement
#     before the fixes and of each plan, every match taken (EXPLAIN ANALYZE, the second of two
#     executions).
# A statement that runs longer than BENCH_SQL_TIMEOUT (default 60 s) is cancelled and reported as such.
#   bench/contacts-sql.sh [executions]   (default 50; the "before" variants that take seconds run 5 times)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-50}
timeout=${BENCH_SQL_TIMEOUT:-60s}
few=$(sed -n 's/.*static final int FEW_MATCHES = \([0-9]*\);.*/\1/p' src/main/java/app/conversa/contacts/ContactAdministration.java)
pgbench=$(command -v pgbench || ls /usr/lib/postgresql/*/bin/pgbench | tail -n 1)
q() { runuser -u postgres -- psql -X -d conversa_bench -v ON_ERROR_STOP=1 -tAc "$1"; }
dir=$(mktemp -d); chmod 777 "$dir"

supervisor=$(q "select id from users where login = 'supervisor01'")
departments=$(q "select string_agg(department_id::text, ',') from user_departments where user_id = $supervisor")
colleagues=$(q "select string_agg(distinct user_id::text, ',') from user_departments where department_id in ($departments)")
# a phone the supervisor may see, with a client (its document id's blind index: the search hashes what is typed)
phone=$(q "select phone_digits from contacts where assigned_user_id in ($colleagues) and client_id is not null order by id limit 1")
document=$(q "select l.document_hash from clients l join contacts k on k.client_id = l.id where k.phone_digits = '$phone'")
docdigits=1700000000 # what was typed: a document id is digits, so it is also looked for among the phones

cols="k.id, k.display_name, k.phone, k.email, k.status, k.review_state, k.assigned_user_id, k.client_id, k.created_at, k.updated_at, k.search_name"
client_cols="l.id, l.name, l.sensitive, l.notes, l.status, l.created_at, l.updated_at, l.search_name, l.attributes"
# ChatContactReach (ChatVisibility's condition for a supervisor)
reach="select c.contact_id from chats c where (c.id in (select a.id from chats a where a.assigned_user_id = :viewer union all select p.chat_id from chat_participants p where p.user_id = :viewer) or c.department_id in ($departments))"

# ---- now: ContactVisibility, one test per row; $1 the alias ("1 = 1" for the administrator, who sees all)
scope() { echo "($1.assigned_user_id = :viewer or $1.created_by = :viewer or $1.assigned_user_id in ($colleagues) or exists (select 1 from ($reach) reached where reached.contact_id = $1.id offset 0))"; }
client_scope="(l.created_by = :viewer or exists (select 1 from contacts seen where seen.client_id = l.id and $(scope seen)))"
# ContactSearch.Terms: like (the trigram indexes) and scan (position(), for the walk); $1 alias, then the words
like() { local a=$1 c="" w; shift; for w; do c="$c and $a.search_name like '%$w%' escape '\\'"; done; echo "(${c# and })"; }
scan() { local a=$1 c="" w; shift; for w; do c="$c and position('$w' in $a.search_name) > 0"; done; echo "(${c# and })"; }
# ContactAdministration.list: the two plans ($1 the scope on the alias, $2 the search; first: $3 the cap, none for
# digits or a forced plan: the page is only made when at most the cap match, and the count comes back with it)
walk() { echo "select $cols from contacts k where k.id in (select v.id from contacts v where $1${2:+ and $2} order by v.search_name, v.id fetch first 26 rows only) order by k.search_name, k.id"; }
first() { echo "with found as (select * from contacts m where $2${3:+ fetch first $(($3 + 1)) rows only}), page as (select $cols from found k where ${3:+(select count(*) from found) <= $3 and }$1 order by k.search_name, k.id fetch first 26 rows only) select page.*, counted.matches from (select count(*) as matches from found) counted left join page on 1 = 1 order by page.search_name, page.id"; }
probe() { echo "select count(*) from (select 1 from contacts m where $1 fetch first $((few + 1)) rows only) found"; }
# ClientAdministration.list: matches first (contacts' and clients' search keys, the document) or the walk of clients by name
client_first() { echo "with found as (select s.client_id as id from contacts s where $2${3:+ union all select n.id from clients n where $3}${4:+ fetch first $(($4 + 1)) rows only}), page as (select $client_cols from clients l where ${4:+(select count(*) from found) <= $4 and }$1 and l.id in (select found.id from found union all select d.id from clients d where d.document_hash = :doc) order by l.search_name, l.id fetch first 26 rows only) select page.*, counted.matches from (select count(*) as matches from found) counted left join page on 1 = 1 order by page.search_name, page.id"; }
# ClientAdministration#visibleSide: the clients of the contacts the user may see (ContactVisibility#clientsOfVisibleContacts) as
# a set, and the client name index walked testing each entry against it, then against the words ($1 the words' scan on n, $2 on s)
seen_clients="select k.client_id from contacts k where k.assigned_user_id = :viewer union all select k.client_id from contacts k where k.created_by = :viewer union all select k.client_id from contacts k where k.assigned_user_id in ($colleagues) union all select (select k.client_id from contacts k where k.id = reached.contact_id) from ($reach) reached"
client_visible() { echo "with seen as ($seen_clients fetch first 60001 rows only), page as (select $client_cols from clients l where (select count(*) from seen) <= 60000 and l.id in (select n.id from clients n where (n.id in (select seen.client_id from seen) or n.id in (select mine.id from clients mine where mine.created_by = :viewer)) and (n.id in (select d.id from clients d where d.document_hash = :doc) or $1 or exists (select 1 from contacts s where s.client_id = n.id and $2)) order by n.search_name, n.id fetch first 26 rows only)) select page.*, counted.seen from (select count(*) as seen from seen) counted left join page on 1 = 1 order by page.search_name, page.id"; }
client_walk() { echo "select $client_cols from clients l where $1 and (l.document_hash = :doc${3:+ or $3} or exists (select 1 from contacts s where s.client_id = l.id and $2)) order by l.search_name, l.id fetch first 26 rows only"; }

# ---- before (b022e80): the scope as one id set (union all), searches as conditions on the listed rows
scope_set="k.id in (select a.id from contacts a where a.assigned_user_id = :viewer union all select a.id from contacts a where a.created_by = :viewer union all $reach union all select a.id from contacts a where a.assigned_user_id in ($colleagues))"
client_scope_set="(l.created_by = :viewer or l.id in (select k.client_id from contacts k where $scope_set))"
before_contacts() { echo "select $cols from contacts k where $1${2:+ and $2} order by k.search_name, k.id fetch first 26 rows only"; }
before_clients() { echo "select $client_cols from clients l where $1 and l.id in (select d.id from clients d where d.document_hash = :doc union all select s.client_id from contacts s where s.client_id is not null and s.id in (select contacts.id from contacts where $2)${3:+ union all select n.id from clients n where $3}) order by l.search_name, l.id fetch first 26 rows only"; }

# run NAME EXECUTIONS PLAN_CACHE_MODE JIT SQL: pgbench percentiles and the buffers of one execution
run() {
  local name=$1 count=$2 plan=$3 jit=$4 sql=$5 stats buffers
  printf '%s;\n' "$sql" > "$dir/q.sql"
  if runuser -u postgres -- env PGOPTIONS="-c statement_timeout=$timeout -c plan_cache_mode=$plan -c jit=$jit" \
       "$pgbench" -n -M prepared -c 1 -t "$count" -f "$dir/q.sql" -D viewer="$supervisor" -D doc="$document" \
       -l --log-prefix="$dir/log" conversa_bench >/dev/null 2>"$dir/err"; then
    stats=$(cat "$dir"/log.* | awk '{print $3 / 1000}' | sort -n | awk '{a[NR]=$1} END {printf "p50 %8.2f  p95 %8.2f", a[int(NR*0.5+0.5)], a[int(NR*0.95+0.5)]}')
    { echo "=== $name"; runuser -u postgres -- psql -X -d conversa_bench -v ON_ERROR_STOP=1 -v viewer="$supervisor" -v doc="'$document'" \
        <<< "set statement_timeout = '$timeout'; set jit = $jit; explain (analyze, buffers) $sql;"; } > "$dir/plan"
    cat "$dir/plan" >> "$dir/plans.txt"
    buffers=$(grep -m1 -o 'shared hit=[0-9]*\( read=[0-9]*\)\?' "$dir/plan" | head -n 1)
  else
    grep -q 'statement timeout' "$dir/err" || { cat "$dir/err"; exit 1; }
    stats="cancelled after $timeout"; buffers=""
  fi
  rm -f "$dir"/log.*
  printf '  %-64s %-26s ms  %s\n' "$name" "$stats" "$buffers"
}
# searches as PlanHints runs them: custom plans, and now also without JIT (before: with it, PostgreSQL's default)
search() { case $1 in *before*) run "$1" "$2" force_custom_plan on "$3" ;; *) run "$1" "$2" force_custom_plan off "$3" ;; esac; }
ms() { # ms JIT SQL: the second of two EXPLAIN ANALYZE executions, in ms
  runuser -u postgres -- psql -X -d conversa_bench -v ON_ERROR_STOP=1 -tA \
    <<< "set statement_timeout = '$timeout'; set jit = $1; explain (analyze, timing off) $2; explain (analyze, timing off) $2;" \
    | grep 'Execution Time' | tail -n 1 | awk '{printf "%.1f", $3}'
}
q "vacuum analyze contacts, clients" >/dev/null
echo "supervisor01 (id $supervisor): departments $departments, $(echo "$colleagues" | tr ',' '\n' | wc -l) users in them; FEW_MATCHES $few"

echo "--- contacts (p50/p95 over $n executions; before: 5 when slow)"
run    "admin, first page: now (walk)"                       "$n" auto on "$(walk "1 = 1")"
run    "supervisor, first page: before"                      5    auto on "$(before_contacts "$scope_set")"
run    "supervisor, first page: now (walk)"                  "$n" auto on "$(walk "$(scope v)")"
search "admin, \"jose nun\": before"                         "$n" "$(before_contacts "1 = 1" "$(like k jose nun)")"
search "admin, \"jose nun\": now (matches first)"            "$n" "$(first "1 = 1" "$(like m jose nun)" "$few")"
search "admin, \"lucia mart\": before"                       5    "$(before_contacts "1 = 1" "$(like k lucia mart)")"
search "admin, \"lucia mart\": now (matches first)"          "$n" "$(first "1 = 1" "$(like m lucia mart)" "$few")"
search "supervisor, \"jose nun\": before"                    5    "$(before_contacts "$scope_set" "$(like k jose nun)")"
search "supervisor, \"jose nun\": now (matches first)"       "$n" "$(first "$(scope k)" "$(like m jose nun)" "$few")"
search "admin, \"maria\": now, matches first over the cap"    "$n" "$(first "1 = 1" "$(like m maria)" "$few")"
search "admin, \"maria\": now (then the walk)"               "$n" "$(walk "1 = 1" "$(scan v maria)")"
search "supervisor, \"maria\": before"                       5    "$(before_contacts "$scope_set" "$(like k maria)")"
search "supervisor, \"maria\": now, matches first over the cap" "$n" "$(first "$(scope k)" "$(like m maria)" "$few")"
search "supervisor, \"maria\": now (then the walk)"          "$n" "$(walk "$(scope v)" "$(scan v maria)")"
p6=${phone:5:6}; p10=${phone:3}
search "supervisor, 6 digits: before"                        5    "$(before_contacts "$scope_set" "k.phone_digits like '%$p6%'")"
search "supervisor, 6 digits: now (matches first)"           "$n" "$(first "$(scope k)" "m.phone_digits like '%$p6%'")"
search "supervisor, 09XXXXXXXX: now (matches first)"         "$n" "$(first "$(scope k)" "m.phone_digits like '%$p10%'")"

echo "--- clients"
search "admin, name \"jose nun\": now (matches first)"       "$n" "$(client_first "1 = 1" "$(like s jose nun)" "$(like n jose nun)" "$few")"
search "admin, document id: now (matches first)"             "$n" "$(client_first "1 = 1" "s.phone_digits like '%$docdigits%'" "")"
search "supervisor, document id: before"                     5    "$(before_clients "$client_scope_set" "phone_digits like '%$docdigits%'")"
search "supervisor, document id: now (matches first)"        "$n" "$(client_first "$client_scope" "s.phone_digits like '%$docdigits%'" "")"
search "supervisor, name \"jose nun\": before"               5    "$(before_clients "$client_scope_set" "$(like contacts jose nun)" "$(like n jose nun)")"
search "supervisor, name \"jose nun\": now (matches first)"  "$n" "$(client_first "$client_scope" "$(like s jose nun)" "$(like n jose nun)" "$few")"
run    "supervisor, first page: now (walk)"                  "$n" auto on "select $client_cols from clients l where $client_scope order by l.search_name, l.id fetch first 26 rows only"
search "admin, name \"maria\": now (walk)"                   "$n" "$(client_walk "1 = 1" "$(scan s maria)" "$(scan l maria)")"
search "supervisor, name \"maria\": before"                  5    "$(before_clients "$client_scope_set" "$(like contacts maria)" "$(like n maria)")"
search "supervisor, name \"maria\": per-client walk"         5    "$(client_walk "$client_scope" "$(scan s maria)" "$(scan l maria)")"
search "supervisor, name \"maria\": now (visible side)"      "$n" "$(client_visible "$(scan n maria)" "$(scan s maria)")"

echo "--- contacts, all the bench's name queries: matches (up to $((few + 1))), the plan chosen, and ms before and with each plan"
printf '  %-16s %7s  %-14s %12s %11s %10s %12s %10s %10s\n' query matches plan "admin:before" "admin:first" "admin:walk" \
  "sup:before" "sup:first" "sup:walk"
for w in "jose nun" "maria gonz" "luis rodr" "ana lop" "carlos fern" "lucia mart" "jorge sanch" "andrea ramir" \
         "pedro torr" "gabriela vasq" "nunez maria" "diego jim" maria jose lopez nunez carmen perez gonzalez andrea; do
  set -- $w
  found=$(q "$(probe "$(like m "$@")")")
  plan=walk; [ "$found" -le "$few" ] && plan="matches first"
  sup() { echo "$1" | sed "s/:viewer/$supervisor/g"; }
  printf '  %-16s %7s  %-14s %12s %11s %10s %12s %10s %10s\n' "$w" "$found" "$plan" \
    "$(ms on "$(before_contacts "1 = 1" "$(like k "$@")")")" "$(ms off "$(first "1 = 1" "$(like m "$@")")")" \
    "$(ms off "$(walk "1 = 1" "$(scan v "$@")")")" "$(ms on "$(sup "$(before_contacts "$scope_set" "$(like k "$@")")")")" \
    "$(ms off "$(sup "$(first "$(scope k)" "$(like m "$@")")")")" "$(ms off "$(sup "$(walk "$(scope v)" "$(scan v "$@")")")")"
done
echo "--- plans: $dir/plans.txt"

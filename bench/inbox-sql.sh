#!/usr/bin/env bash
# The chat-list SQL as ChatQueries/ChatVisibility built it before the fix in docs/benchmarks.md,
# next to the SQL they build now, on the database bench/inbox.sh leaves behind (conversa_bench; run inbox.sh
# first, the app need not run). pgbench, one client, prepared statements with bound parameters
# (as the JDBC driver), N transactions per variant: p50/p95 in ms of the SQL alone (Unix socket, no
# HTTP, no JSON); and the shared buffers each variant touches (EXPLAIN (ANALYZE, BUFFERS)), whose
# full plans go to a file. Ends with the counters.
#   bench/inbox-sql.sh [transactions]   (default 200)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-200}
pgbench=$(command -v pgbench || ls /usr/lib/postgresql/*/bin/pgbench | tail -n 1)
q() { runuser -u postgres -- psql -X -d conversa_bench -v ON_ERROR_STOP=1 -tAc "$1"; }
dir=$(mktemp -d); chmod 777 "$dir"

agent=$(q "select id from users where login = 'agent001'")
newagent=$(q "select id from users where login = 'newagent'")
supervisor=$(q "select id from users where login = 'supervisor01'")
department=$(q "select string_agg(department_id::text, ',') from user_departments where user_id = $supervisor")

cols="c.id, c.connection_id, c.contact_id, c.state, c.department_id, c.assigned_user_id, c.pending_replies, c.last_message_at, c.last_inbound_at, c.last_message_id"
order="order by c.last_message_at desc, c.id desc fetch first 26 rows only"
participating="c.id in (select p.chat_id from chat_participants p where p.user_id = :viewer)"
# before (ChatVisibility.condition): an OR the planner cannot serve from an index
mine_now="(c.assigned_user_id = :viewer or $participating)"
# after: the same set as one subquery over the two indexed sources
mine_new="c.id in (select a.id from chats a where a.assigned_user_id = :viewer union all select p.chat_id from chat_participants p where p.user_id = :viewer)"
# before's keyset condition is not an index condition; after: the same plus a redundant bound that is
cursor_now="(c.last_message_at < :at or (c.last_message_at = :at and c.id < :id))"
cursor_new="c.last_message_at <= :at and $cursor_now"
search="c.contact_id in (select id from contacts where search_name like :word escape '\\')"

# the cursor a client sends for page 18: the 425th chat the viewer sees
cursor() { q "select to_char(last_message_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') || '+00|' || id from chats c
  where $1 order by c.last_message_at desc, c.id desc offset 424 limit 1"; }
agent_cursor=$(cursor "(c.assigned_user_id = $agent or c.id in (select p.chat_id from chat_participants p where p.user_id = $agent))")
supervisor_cursor=$(cursor "(c.assigned_user_id = $supervisor or c.department_id in ($department))")
admin_cursor=$(cursor "1 = 1")

# run NAME VIEWER CURSOR SQL: pgbench percentiles and the buffers of one execution
run() {
  local name=$1 viewer=$2 cur=${3:-1970-01-01 00:00:00+00|0} sql=$4
  local at=${cur%|*} id=${cur#*|}
  printf '%s;\n' "$sql" > "$dir/q.sql"
  runuser -u postgres -- "$pgbench" -n -M prepared -c 1 -t "$n" -f "$dir/q.sql" -D viewer="$viewer" \
    -D department="$department" -D at="$at" -D id="$id" -D word='%maria%' -l --log-prefix="$dir/log" conversa_bench >/dev/null 2>"$dir/err" \
    || { cat "$dir/err"; exit 1; }
  local stats buffers
  stats=$(cat "$dir"/log.* | awk '{print $3 / 1000}' | sort -n | awk '{a[NR]=$1} END {printf "p50 %6.2f  p95 %6.2f", a[int(NR*0.5+0.5)], a[int(NR*0.95+0.5)]}')
  rm -f "$dir"/log.*
  { echo "=== $name"; runuser -u postgres -- psql -X -d conversa_bench -v ON_ERROR_STOP=1 -v viewer="$viewer" \
      -v department="$department" -v at="'$at'" -v id="$id" -v word="'%maria%'" \
      <<< "explain (analyze, buffers) $sql;"; } > "$dir/plan"
  cat "$dir/plan" >> "$dir/plans.txt"
  buffers=$(grep -m1 -o 'shared hit=[0-9]*\( read=[0-9]*\)\?' "$dir/plan" | head -n 1)
  printf '  %-52s %s ms   %s\n' "$name" "$stats" "$buffers"
}

echo "--- chat list SQL, $n executions each (pgbench, 1 client, prepared); before -> after"
run "agent: first page, before the fix"             "$agent"      "" "select $cols from chats c where $mine_now $order"
run "agent: first page, after"          "$agent"      "" "select $cols from chats c where $mine_new $order"
run "agent: page 18, before the fix"                "$agent"      "$agent_cursor" "select $cols from chats c where $mine_now and $cursor_now $order"
run "agent: page 18, after"             "$agent"      "$agent_cursor" "select $cols from chats c where $mine_new and $cursor_new $order"
run "agent: search \"maria\", before the fix"       "$agent"      "" "select $cols from chats c where $mine_now and $search $order"
run "agent: search \"maria\", after"    "$agent"      "" "select $cols from chats c where $mine_new and $search $order"
run "new agent (no chats): first page, before the fix"    "$newagent" "" "select $cols from chats c where $mine_now $order"
run "new agent (no chats): first page, after" "$newagent" "" "select $cols from chats c where $mine_new $order"
run "supervisor: first page, before the fix"        "$supervisor" "" "select $cols from chats c where ($mine_now or c.department_id in (:department)) $order"
run "supervisor: first page, after"     "$supervisor" "" "select $cols from chats c where ($mine_new or c.department_id in (:department)) $order"
run "supervisor: page 18, before the fix"           "$supervisor" "$supervisor_cursor" "select $cols from chats c where ($mine_now or c.department_id in (:department)) and $cursor_now $order"
run "supervisor: page 18, after"        "$supervisor" "$supervisor_cursor" "select $cols from chats c where ($mine_new or c.department_id in (:department)) and $cursor_new $order"
run "admin: page 18, before the fix"                "$agent"      "$admin_cursor" "select $cols from chats c where 1 = 1 and $cursor_now $order"
run "admin: page 18, after"             "$agent"      "$admin_cursor" "select $cols from chats c where 1 = 1 and $cursor_new $order"

echo "--- counters (ChatQueries.counters: two statements), with the schema's indexes (V7_2)"
run "admin: pending replies"      "$agent" "" "select coalesce(sum(c.pending_replies), 0), count(*) from chats c where c.pending_replies > 0 and 1 = 1"
run "admin: NEW unassigned"       "$agent" "" "select count(*) from chats c where c.state = 'NEW' and c.assigned_user_id is null and 1 = 1"
run "supervisor: pending replies" "$supervisor" "" "select coalesce(sum(c.pending_replies), 0), count(*) from chats c where c.pending_replies > 0 and ($mine_new or c.department_id in (:department))"
run "supervisor: NEW unassigned"  "$supervisor" "" "select count(*) from chats c where c.state = 'NEW' and c.assigned_user_id is null and ($mine_new or c.department_id in (:department))"
echo "--- plans: $dir/plans.txt"

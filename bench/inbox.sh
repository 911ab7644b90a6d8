#!/usr/bin/env bash
# The chat inbox at large-tenant scale on PostgreSQL: chat list, search and a long chat's first page.
#   bench/inbox.sh [runs]        (default 3; BENCH_SAMPLES=200 samples per case and run;
#                                 BENCH_DATA_VARS="-v contacts=10000 -v messages=100000" for a smaller tenant;
#                                 BENCH_REUSE=1, BENCH_KEY, BENCH_JAR to measure another jar on the same data)
# Starts the packaged jar against a fresh local database conversa_bench (PostgreSQL on
# 127.0.0.1:5432; created with runuser -u postgres), then:
#  1. InboxBench.java prepare: links 10 sandbox numbers through the API, posts signed webhooks
#     (2 customers x 3 messages per number) and writes a private note in each chat, so real
#     sealed message bodies exist;
#  2. bench/inbox-data.sql (psql as postgres): 10 departments, 200 agents, 10 supervisors, 100k
#     contacts, 100k chats, 1M messages (one chat with 10,000) and some participants, with bodies
#     copied from the real rows; then VACUUM ANALYZE;
#  3. InboxBench.java measure: a warm-up pass (not reported), then per run, for agent001,
#     supervisor01, the administrator and newagent (no chats yet), sequential requests (one client
#     per user, the cases round-robin), plus /api/auth/me (what a session costs) against the
#     sessionless /api/public/info; p50/p95/p99 per case at the client over loopback, and the
#     server's own p50/p95 per case from its access log (request read to response written), then
#     the medians across runs. The database is left in place afterwards (for EXPLAIN; bench/inbox-sql.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
samples=${BENCH_SAMPLES:-200}
. bench/lib.sh
bench_jar
psql() { runuser -u postgres -- psql -X -v ON_ERROR_STOP=1 "$@"; }
sql() { psql -d conversa_bench -tAc "$1"; }
began=$(date +%s)

# BENCH_REUSE=1: measure on the data a previous run left (started with the same BENCH_KEY), e.g. two
# jars side by side: BENCH_KEY=... bench/inbox.sh; BENCH_KEY=... BENCH_REUSE=1 BENCH_JAR=other.jar bench/inbox.sh
reuse=${BENCH_REUSE:-0}
if [ "$reuse" != 1 ]; then bench_fresh_database; fi
# the server's own time per request, beside the client's: Tomcat's access log, one "case|microseconds" line each
log_dir=$(mktemp -d)
export BENCH_ACCESS_LOG=$log_dir/access.log
BENCH_APP_ARGS="${BENCH_APP_ARGS:-} --server.tomcat.accesslog.enabled=true --server.tomcat.accesslog.directory=$log_dir
  --server.tomcat.accesslog.prefix=access --server.tomcat.accesslog.suffix=.log --server.tomcat.accesslog.rotate=false
  --server.tomcat.accesslog.buffered=false --server.tomcat.accesslog.pattern=%{X-Bench-Case}i|%{us}T"
bench_start_app
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "$("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1); PostgreSQL $(sql 'show server_version') (shared_buffers $(sql 'show shared_buffers'), work_mem $(sql 'show work_mem'))"
base="http://localhost:$port"

echo "--- data"
if [ "$reuse" != 1 ]; then
# the generated users sign in with the bootstrap password: take its hash before the admin changes it
hash=$(sql "select password_hash from users where login = 'admin'")
gen_began=$(date +%s.%N)
"$JAVA_HOME/bin/java" bench/InboxBench.java prepare "$base" 10 2 3 > "$dir/connections"
until [ "$(sql "select count(*) from inbound_webhooks where processed_at is null")" = "0" ] \
   && [ "$(sql "select count(*) from messages where status = 'QUEUED' and not private_note")" = "0" ]; do sleep 0.2; done
api_done=$(date +%s.%N)
psql -q -d conversa_bench -v hash="$hash" ${BENCH_DATA_VARS:-} < bench/inbox-data.sql >/dev/null
sql_done=$(date +%s.%N)
psql -q -d conversa_bench -c "vacuum analyze" >/dev/null
gen_done=$(date +%s.%N)
printf '  generated in %.0f s: %.0f s real webhooks and notes through the API, %.0f s SQL, %.0f s VACUUM ANALYZE\n' \
  "$(echo "$gen_done - $gen_began" | bc)" "$(echo "$api_done - $gen_began" | bc)" \
  "$(echo "$sql_done - $api_done" | bc)" "$(echo "$gen_done - $sql_done" | bc)"
else
  echo "  reused from the previous run"
fi
sql "select 'rows: ' || (select count(*) from contacts) || ' contacts, ' || (select count(*) from chats) || ' chats, '
  || (select count(*) from messages) || ' messages, ' || (select count(*) from users where login ~ '^agent[0-9]+$') || ' agents (+ newagent), '
  || (select count(*) from users where role = 'SUPERVISOR') || ' supervisors, ' || (select count(*) from departments)
  || ' departments, ' || (select count(*) from connections) || ' connections, ' || (select count(*) from chat_participants)
  || ' participants; database ' || pg_size_pretty(pg_database_size('conversa_bench'))" | sed 's/^/  /'
sql "select '  chats by state: ' || string_agg(state || ' ' || n, ', ' order by state) from (select state, count(*) n from chats group by state) s"
big=$(sql "select chat_id from messages group by chat_id order by count(*) desc limit 1")
sql "select '  agent001: ' || count(*) filter (where c.assigned_user_id = u.id) || ' assigned chats, '
  || (select count(*) from chat_participants p where p.user_id = u.id) || ' as participant; supervisor01 sees '
  || (select count(*) from chats where department_id = (select department_id from user_departments d
      join users s on s.id = d.user_id where s.login = 'supervisor01')) || ' chats of its department'
  from chats c, users u where u.login = 'agent001' group by u.id"
echo "  the long chat: $big, $(sql "select count(*) from messages where chat_id = $big") messages"

# 150 rounds: with 40, the first measured run was still 10-30 % slower than the next two (JIT)
echo "--- warm-up (JIT, caches; not reported): 150 samples per case"
"$JAVA_HOME/bin/java" bench/InboxBench.java measure "$base" 150 agent001 supervisor01 "$big" warm-up newagent > "$dir/warm-up.tsv"
for i in $(seq 1 "$runs"); do
  echo "--- run $i ($samples samples per case)"
  "$JAVA_HOME/bin/java" bench/InboxBench.java measure "$base" "$samples" agent001 supervisor01 "$big" "run $i" newagent > "$dir/run-$i.tsv"
  grep -v '^#' "$dir/run-$i.tsv" | awk -F'\t' '{printf "  %-44s p50 %6.1f  p95 %6.1f  p99 %6.1f ms  (p95 target %s; %s rows; %s failed; server p50 %s p95 %s)\n", $1, $2, $3, $4, $5, $6, $7, $8, $9}'
done
echo "--- medians across $runs runs (ms at the client over loopback: server time plus loopback HTTP)"
"$JAVA_HOME/bin/java" bench/InboxBench.java summary "$dir"/run-*.tsv
echo "--- total $(( $(date +%s) - began )) s; raw results in $dir"

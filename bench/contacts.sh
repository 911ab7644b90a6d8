#!/usr/bin/env bash
# Contacts and clients at a million contacts on PostgreSQL (search p95 target 100 ms), and the CSV
# import of 100,000 rows (rows/s).
#   bench/contacts.sh [runs]     (default 3; BENCH_SAMPLES=200 samples per case and run, but a case
#                                 stops after BENCH_CASE_SECONDS=5 s of requests once it has
#                                 BENCH_MIN_SAMPLES=5; BENCH_JVM_OPTS for the app (lib.sh);
#                                 BENCH_CONTACTS=1000000 BENCH_CLIENTS=300000 BENCH_CSV_ROWS=100000
#                                 for other sizes; BENCH_IMPORT=0 skips the import)
# Starts the packaged jar against a fresh local database conversa_bench (PostgreSQL on
# 127.0.0.1:5432; created with runuser -u postgres), then:
#  1. ContactsBench.java prepare links 10 sandbox numbers through the API (the chats' numbers);
#     ContactsBench.java clients seals the clients' document ids, balances and days overdue with
#     the run's key (read from the app's command line) and bench/contacts-data.sql (psql as
#     postgres) loads 10 departments, 200 agents, 10 supervisors, 1M contacts, 300k clients and
#     100k chats, and writes the import file; then VACUUM ANALYZE, and a check that every
#     distinct name's search_name is ContactSearch.foldName's;
#  2. ContactsBench.java measure: a warm-up pass (not reported), then per run, for the
#     administrator and supervisor01, sequential requests (one client per user, the cases
#     round-robin); p50/p95/p99 per case at the client over loopback, then the medians across runs;
#  3. the import file (new phones, half the rows with a client and its document id, balance and
#     days overdue) posted once each as the administrator: preview (dryRun=true), import, the same
#     file again (every row unchanged); wall time at the client, rows/s, the report's counts, and
#     the CPU seconds of the app and of PostgreSQL and the table statistics' deltas meanwhile.
# The database is left in place afterwards (for EXPLAIN; bench/contacts-sql.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
samples=${BENCH_SAMPLES:-200}
contacts=${BENCH_CONTACTS:-1000000}
clients=${BENCH_CLIENTS:-300000}
csv_rows=${BENCH_CSV_ROWS:-100000}
. bench/lib.sh
bench_jar
psql() { runuser -u postgres -- psql -X -v ON_ERROR_STOP=1 "$@"; }
sql() { psql -d conversa_bench -tAc "$1"; }
java() { "$JAVA_HOME/bin/java" "$@"; }
began=$(date +%s)

bench_fresh_database
bench_start_app
chmod 777 "$dir" # psql (as postgres) writes the import file there
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "$(java -version 2>&1 | head -n 1); PostgreSQL $(sql 'show server_version') (shared_buffers $(sql 'show shared_buffers'), work_mem $(sql 'show work_mem'))"
base="http://localhost:$port"

echo "--- data"
# the generated users sign in with the bootstrap password: take its hash before the admin changes it
hash=$(sql "select password_hash from users where login = 'admin'")
# the clients' sealed data and blind indexes need the run's key (lib.sh passes it on the command line)
key=$(tr '\0' '\n' < "/proc/$pid/cmdline" | sed -n 's/^--conversa.encryption.key=//p')
gen_began=$(date +%s.%N)
java bench/ContactsBench.java prepare "$base" 10 > "$dir/connections"
api_done=$(date +%s.%N)
java bench/ContactsBench.java clients "$clients" "$key" \
  | psql -q -d conversa_bench -v hash="$hash" -v contacts="$contacts" -v clients="$clients" -v csv_rows="$csv_rows" \
      -v csv="$dir/import.csv" -f bench/contacts-data.sql >/dev/null
sql_done=$(date +%s.%N)
psql -q -d conversa_bench -c "vacuum analyze" >/dev/null
gen_done=$(date +%s.%N)
printf '  generated in %.0f s: %.0f s numbers through the API, %.0f s sealing clients + SQL (load, indexes, import file), %.0f s VACUUM ANALYZE\n' \
  "$(echo "$gen_done - $gen_began" | bc)" "$(echo "$api_done - $gen_began" | bc)" \
  "$(echo "$sql_done - $api_done" | bc)" "$(echo "$gen_done - $sql_done" | bc)"
sql "select 'rows: ' || (select count(*) from contacts) || ' contacts (' || (select count(*) from contacts where client_id is not null)
  || ' with a client, ' || (select count(*) from contacts where assigned_user_id is not null) || ' held by an agent), '
  || (select count(*) from clients) || ' clients (' || (select count(*) from clients where document_hash is not null)
  || ' with a document id), ' || (select count(*) from chats) || ' chats, ' || (select count(*) from users) || ' users; database '
  || pg_size_pretty(pg_database_size('conversa_bench')) || ' (contacts with indexes '
  || pg_size_pretty(pg_total_relation_size('contacts')) || ')'" | sed 's/^/  /'
psql -d conversa_bench -c "copy (select distinct display_name, search_name from contacts) to stdout" \
  | java bench/ContactsBench.java fold | sed 's/^/  /'
sql "with s as (select id from users where login = 'supervisor01'),
       d as (select department_id from user_departments where user_id = (select id from s)),
       colleagues as (select user_id from user_departments where department_id in (select department_id from d))
  select '  supervisor01 sees ' || count(*) || ' contacts: ' || count(*) filter (where k.assigned_user_id in (select user_id from colleagues))
    || ' held by its department''s users, the rest through the department''s '
    || (select count(*) from chats where department_id in (select department_id from d)) || ' chats'
  from contacts k where k.assigned_user_id in (select user_id from colleagues)
    or k.id in (select contact_id from chats where department_id in (select department_id from d))"
sql "select '  matches: \"maria\" ' || count(*) filter (where search_name like '%maria%') || ', \"jose\" and \"nun\" '
  || count(*) filter (where search_name like '%jose%' and search_name like '%nun%') || ' of ' || count(*) || ' contacts' from contacts"

# document ids to look for: generated clients (id n has document ContactsBench.documentId(n)) that each user may see
admin_clients=$(sql "select string_agg(id::text, ',') from (select id from clients order by md5(id::text) limit 12) c")
supervisor_clients=$(sql "with d as (select department_id from user_departments where user_id = (select id from users where login = 'supervisor01'))
  select string_agg(id::text, ',') from (select id from clients where id in (select client_id from contacts k
    where k.assigned_user_id in (select user_id from user_departments where department_id in (select department_id from d))
       or k.id in (select contact_id from chats where department_id in (select department_id from d)))
  order by md5(id::text) limit 12) c")

echo "--- warm-up (JIT, caches; not reported): 30 samples per case, or 2 s of requests (at least 3)"
BENCH_CASE_SECONDS=2 BENCH_MIN_SAMPLES=3 java bench/ContactsBench.java measure "$base" 30 supervisor01 warm-up "$admin_clients" "$supervisor_clients" > "$dir/warm-up.tsv"
for i in $(seq 1 "$runs"); do
  echo "--- run $i ($samples samples per case, or as many as fit in ${BENCH_CASE_SECONDS:-5} s of requests, at least ${BENCH_MIN_SAMPLES:-5})"
  java bench/ContactsBench.java measure "$base" "$samples" supervisor01 "run $i" "$admin_clients" "$supervisor_clients" > "$dir/run-$i.tsv"
  grep -v '^#' "$dir/run-$i.tsv" | awk -F'\t' '{printf "  %-48s p50 %6.1f  p95 %6.1f  p99 %6.1f ms  (p95 target %s; %s rows; %s failed; %s samples)\n", $1, $2, $3, $4, $5, $6, $7, $8}'
done
echo "--- medians across $runs runs (ms at the client over loopback: server time plus loopback HTTP)"
java bench/ContactsBench.java summary "$dir"/run-*.tsv

if [ "${BENCH_IMPORT:-1}" != "0" ]; then
  echo "--- CSV import: $(($(wc -l < "$dir/import.csv") - 1)) rows, $(du -h "$dir/import.csv" | cut -f1), one POST each, as the administrator"
  head -n 3 "$dir/import.csv" | sed 's/^/  /'
  ticks=$(getconf CLK_TCK)
  cpu() { cat "$@" 2>/dev/null | awk -v t="$ticks" '{ sub(/^.*\) /, ""); s += ($12 + $13) / t } END { printf "%.2f", s }'; }
  pg_pids() { for p in $(pgrep -u postgres); do echo "/proc/$p/stat"; done; }
  counters() { sql "select (select xact_commit + xact_rollback from pg_stat_database where datname = current_database())
    || ' ' || sum(coalesce(seq_scan, 0) + coalesce(idx_scan, 0)) || ' ' || sum(n_tup_ins + n_tup_upd)
    from pg_stat_user_tables where relname in ('contacts', 'clients', 'audit_log')"; }
  # (PostgreSQL 15 backends publish their statistics after 10 s idle: wait that long before reading them)
  sleep 11
  read -r x1 s1 w1 <<< "$(counters)"
  for step in preview import re-import; do
    dry=false; [ "$step" = preview ] && dry=true
    x0=$x1; s0=$s1; w0=$w1; a0=$(cpu "/proc/$pid/stat"); p0=$(cpu $(pg_pids))
    java bench/ContactsBench.java import "$base" "$dir/import.csv" "$dry" "$step" > "$dir/$step.tsv"
    a1=$(cpu "/proc/$pid/stat"); p1=$(cpu $(pg_pids)); sleep 11
    read -r x1 s1 w1 <<< "$(counters)"
    IFS=$'\t' read -r _ rows secs rate created updated unchanged failed mb < "$dir/$step.tsv"
    printf '  %-10s %6d rows in %6.1f s: %5.0f rows/s  (created %s, updated %s, unchanged %s, failed %s)\n' \
      "$step" "$rows" "$secs" "$rate" "$created" "$updated" "$unchanged" "$failed"
    printf '             CPU: app %.1f s, PostgreSQL %.1f s (%.2f + %.2f ms per row); per row %.2f transactions, %.2f scans and %.2f rows written on contacts/clients/audit_log\n' \
      "$(echo "$a1 - $a0" | bc)" "$(echo "$p1 - $p0" | bc)" "$(echo "($a1 - $a0) * 1000 / $rows" | bc -l)" \
      "$(echo "($p1 - $p0) * 1000 / $rows" | bc -l)" "$(echo "($x1 - $x0) / $rows" | bc -l)" \
      "$(echo "($s1 - $s0) / $rows" | bc -l)" "$(echo "($w1 - $w0) / $rows" | bc -l)"
  done
  sql "select '  after: ' || (select count(*) from contacts) || ' contacts, ' || (select count(*) from clients) || ' clients'"
fi
echo "--- total $(( $(date +%s) - began )) s; raw results in $dir"

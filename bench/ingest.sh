#!/usr/bin/env bash
# Webhook ingest on PostgreSQL: throughput and ack latency (one message per call; 1 message : 3
# statuses), and end-to-end latency from the webhook to the WebSocket event at a steady rate.
#   bench/ingest.sh [runs] [seconds-per-phase] [connections] [rate]   (default 3 20 32 200)
# Starts the packaged jar against a fresh local database conversa_bench (PostgreSQL on
# 127.0.0.1:5432; created with runuser -u postgres). Each run: IngestBench.java links a number
# and writes pre-signed webhooks; wrk (light, so the load generator takes little of the 2 cores)
# posts them for the throughput and ack-latency phases; then IngestBench measures end-to-end
# latency to the WebSocket at a steady rate. Needs wrk (apt-get install wrk).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}; seconds=${2:-20}; workers=${3:-32}; rate=${4:-200}
. bench/lib.sh
bench_jar

bench_fresh_database
bench_start_app
echo "$($JAVA_HOME/bin/java -version 2>&1 | head -n 1); $(nproc) cores; PostgreSQL $(runuser -u postgres -- psql -tAc 'show server_version')"
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk"; exit 1; }
pgbench=$(command -v pgbench || ls /usr/lib/postgresql/*/bin/pgbench | tail -n 1)
settle() { # waits until every webhook is processed, prints how long that took
  local begin=$(date +%s.%N)
  while [ "$(runuser -u postgres -- psql -d conversa_bench -tAc 'select count(*) from inbound_webhooks where processed_at is null')" != "0" ]; do sleep 0.5; done
  echo "    processing backlog drained $(echo "$(date +%s.%N) - $begin" | bc) s after the phase"
}
echo "--- warm-up (JIT; not reported): 10 s of each phase"
"$JAVA_HOME/bin/java" bench/IngestBench.java "http://localhost:$port" prepare 30000 2 "$dir/warm" > "$dir/connection"
wrk -t2 -c"$workers" -d10s -s bench/webhooks.lua "http://localhost:$port/webhooks/cloudapi/$(cat "$dir/connection")" -- "$dir/warm/messages" >/dev/null
settle >/dev/null
"$JAVA_HOME/bin/java" bench/IngestBench.java "http://localhost:$port" e2e 10 "$rate" >/dev/null
for i in $(seq 1 "$runs"); do
  echo "--- run $i"
  files="$dir/bodies-$i"
  "$JAVA_HOME/bin/java" bench/IngestBench.java "http://localhost:$port" prepare 60000 2 "$files" > "$dir/connection"
  url="http://localhost:$port/webhooks/cloudapi/$(cat "$dir/connection")"
  for phase in messages mix; do
    echo "  $phase (wrk, $workers connections, ${seconds}s):"
    wrk -t2 -c"$workers" -d"${seconds}s" --latency -s bench/webhooks.lua "$url" -- "$files/$phase" > "$dir/wrk-$phase"
    grep -E "Requests/sec|Non-2xx|50%|90%|99%|Socket errors" "$dir/wrk-$phase" | sed 's/^/    /'
    settle
  done
  # the ceiling for intake: PostgreSQL alone inserting the same row (same table, a body of the same
  # size, the same number of clients), marked processed so the drainer leaves it alone
  size=$(runuser -u postgres -- psql -d conversa_bench -tAc "select avg(octet_length(body))::int from inbound_webhooks")
  chmod a+rx "$dir"
  echo "insert into inbound_webhooks (connection_id, received_at, body, processed_at) values ($(cat "$dir/connection"), now(), convert_to(repeat('x', $size), 'UTF8'), now());" > "$dir/raw.sql"
  chmod a+r "$dir/raw.sql"
  raw=$(runuser -u postgres -- "$pgbench" -n -c "$workers" -j 2 -T "$seconds" -f "$dir/raw.sql" conversa_bench 2>/dev/null \
    | awk '/^tps/ {print $3}' | cut -d. -f1)
  ack=$(awk '/Requests\/sec/ {print $2}' "$dir/wrk-messages" | cut -d. -f1)
  echo "  raw insert (pgbench, $workers clients, ${size}-byte body): $raw rows/s; ack rate / raw insert rate: $(echo "scale=2; $ack / $raw" | bc)"
  echo "  end to end:"
  "$JAVA_HOME/bin/java" bench/IngestBench.java "http://localhost:$port" e2e "$seconds" "$rate" | sed 's/^/    /'
done
echo "--- processing backlog left at the end: $(runuser -u postgres -- psql -d conversa_bench -tAc 'select count(*) from inbound_webhooks where processed_at is null')"

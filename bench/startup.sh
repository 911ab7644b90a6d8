#!/usr/bin/env bash
# Demo-mode start-up time and resident memory of the packaged jar, over several runs.
#   bench/startup.sh [runs]        (default 5; builds the jar first if it is missing)
# Each run starts `java -jar` in a fresh directory (so demo data is created anew), measures the
# wall time until /actuator/health/readiness answers UP, then the resident set size (RSS) right
# after start and after a short warm-up (sign-in plus 200 API calls). Prints each run and the medians.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
port=${BENCH_PORT:-18080}
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
jar=$(ls target/conversa-*.jar 2>/dev/null | grep -v plain | head -n 1 || true)
if [ -z "$jar" ]; then ./mvnw -B -q -DskipTests package; jar=$(ls target/conversa-*.jar | head -n 1); fi
jar=$(realpath "$jar")

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
rss_mb() { awk '/VmRSS/ {printf "%d", $2/1024}' "/proc/$1/status"; }

starts=(); rss_ready=(); rss_warm=()
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1)"
for i in $(seq 1 "$runs"); do
  dir=$(mktemp -d)
  cookies="$dir/cookies"
  begin=$(date +%s%N)
  (cd "$dir" && exec "$JAVA_HOME/bin/java" -jar "$jar" --server.port="$port" > "$dir/app.log" 2>&1) &
  pid=$!
  until curl -sf "localhost:$port/actuator/health/readiness" >/dev/null 2>&1; do
    kill -0 "$pid" 2>/dev/null || { echo "run $i: the app died"; tail -n 20 "$dir/app.log"; exit 1; }
    sleep 0.05
  done
  ms=$(( ($(date +%s%N) - begin) / 1000000 ))
  java_pid=$(pgrep -f -- "--server.port=$port" | head -n 1)
  ready=$(rss_mb "$java_pid")
  curl -s -c "$cookies" "localhost:$port/api/public/info" >/dev/null
  token=$(awk '/XSRF-TOKEN/ {print $7}' "$cookies")
  curl -s -b "$cookies" -c "$cookies" -H "X-XSRF-TOKEN: $token" -H 'Content-Type: application/json' \
    -d '{"login":"admin","password":"conversa-demo"}' "localhost:$port/api/auth/login" >/dev/null
  for _ in $(seq 1 50); do
    for path in /api/users /api/departments /api/roles "/api/audit?size=50"; do
      curl -s -b "$cookies" "localhost:$port$path" >/dev/null
    done
  done
  warm=$(rss_mb "$java_pid")
  kill "$java_pid"; wait "$pid" 2>/dev/null || true
  rm -rf "$dir"
  echo "run $i: ready in ${ms} ms, RSS ${ready} MiB at ready, ${warm} MiB after warm-up"
  starts+=("$ms"); rss_ready+=("$ready"); rss_warm+=("$warm")
done
echo "median of $runs: ready in $(printf '%s\n' "${starts[@]}" | median) ms," \
  "RSS $(printf '%s\n' "${rss_ready[@]}" | median) MiB at ready, $(printf '%s\n' "${rss_warm[@]}" | median) MiB after warm-up"

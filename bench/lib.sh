# Shared by the benchmarks (source it from the repository root): the packaged jar, started against
# a fresh local PostgreSQL database conversa_bench (owned by role conversa_bench, created with
# runuser -u postgres), with the sandbox on, a random encryption key and the bootstrap
# administrator's password bench-password-1. BENCH_KEY fixes the key (to restart the app on the
# data a run left behind); BENCH_JVM_OPTS and BENCH_APP_ARGS are added to the java command line.
# Sets jar, dir (a temporary directory with app.log), pid and port; stops the app on exit.
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
port=${BENCH_PORT:-18081}

bench_jar() { # BENCH_JAR measures another jar (e.g. one built from an earlier commit)
  if [ -n "${BENCH_JAR:-}" ]; then jar=$(realpath "$BENCH_JAR"); return; fi
  jar=$(ls target/conversa-*.jar 2>/dev/null | head -n 1 || true)
  if [ -z "$jar" ]; then ./mvnw -B -q -DskipTests package; jar=$(ls target/conversa-*.jar | head -n 1); fi
  jar=$(realpath "$jar")
}

bench_fresh_database() {
  runuser -u postgres -- psql -q -c "drop database if exists conversa_bench" -c "create database conversa_bench" >/dev/null
  runuser -u postgres -- psql -q -c "do \$\$ begin if not exists (select from pg_roles where rolname = 'conversa_bench') then create role conversa_bench login password 'conversa_bench'; end if; end \$\$" >/dev/null
  runuser -u postgres -- psql -q -c "alter database conversa_bench owner to conversa_bench" >/dev/null
}

bench_start_app() {
  dir=$(mktemp -d)
  (cd "$dir" && exec "$JAVA_HOME/bin/java" -Xmx1g ${BENCH_JVM_OPTS:-} -jar "$jar" --server.port="$port" \
    --spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/conversa_bench \
    --spring.datasource.username=conversa_bench --spring.datasource.password=conversa_bench \
    --conversa.demo.enabled=false --conversa.sandbox.enabled=true \
    --conversa.encryption.key="${BENCH_KEY:-$(openssl rand -base64 32)}" \
    --conversa.bootstrap-admin.password=bench-password-1 --logging.level.root=warn ${BENCH_APP_ARGS:-} > "$dir/app.log" 2>&1) &
  pid=$!
  trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null || true' EXIT
  until curl -sf "localhost:$port/actuator/health/readiness" >/dev/null 2>&1; do
    kill -0 "$pid" 2>/dev/null || { echo "the app died"; tail -n 30 "$dir/app.log"; exit 1; }
    sleep 0.2
  done
}

#!/usr/bin/env bash
# EPG benchmark: packages Polyplex, generates a synthetic 2,000-channel x 14-day XMLTV (and .gz)
# under data/bench/, starts the app with -Xmx512m on a free loopback port with its own H2 file,
# runs org.polyplex.bench.EpgBench against it and prints a Markdown table. See README.md here.
# DB=postgresql runs the same against a throwaway PostgreSQL server on loopback instead of H2.
# APP=/path/to/quarkus-app runs another package (no build here; with DB=postgresql it must be a
# -Ppostgresql build) with the same client; APP_OPTS adds JVM options after APP_JVM_OPTS (whose
# default -Xmx512m -XX:+UseG1GC it replaces when set).
set -euo pipefail
cd "$(dirname "$0")/../.."

CHANNELS=${CHANNELS:-2000}
DAYS=${DAYS:-14}
WORK=data/bench
mkdir -p "$WORK"
# one guide file per size, generated once (2,000 x 14 keeps the historical name)
GUIDE=$WORK/guide.xml
[ "$CHANNELS.$DAYS" = 2000.14 ] || GUIDE=$WORK/guide-${CHANNELS}x${DAYS}.xml
APP_DIR=${APP:-target/quarkus-app}

command -v wrk > /dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk > /dev/null
DB=${DB:-h2}
if [ "$DB" = postgresql ]; then
  # A throwaway PostgreSQL on loopback (as .ci/run starts one), and the build for it.
  [ -n "${APP:-}" ] || ./mvnw -q -B package -DskipTests -Ppostgresql
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  pg_port=55433
  pg_data=$(mktemp -d /tmp/polyplex-bench-pg.XXXXXX)
  chown postgres: "$pg_data"
  run_pg() { su postgres -s /bin/sh -c "$*"; }
  run_pg "'$pg_bin/initdb' -D '$pg_data' -U postgres --auth=trust -E UTF8" > /dev/null
  run_pg "'$pg_bin/pg_ctl' -D '$pg_data' -l '$pg_data/server.log' -w \
      -o \"-p $pg_port -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off\" start" > /dev/null
  "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -q -c "create role polyplex login password 'polyplex'"
  "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -q -c "create database polyplex_bench owner polyplex"
  JDBC_URL="jdbc:postgresql://127.0.0.1:$pg_port/polyplex_bench"
else
  [ -n "${APP:-}" ] || ./mvnw -q -B package -DskipTests
  JDBC_URL="jdbc:h2:file:./$WORK/db;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
fi
./mvnw -q -B test-compile
if [ ! -f "$GUIDE.gz" ] || [ "${REGENERATE:-}" = 1 ]; then
  java -cp target/test-classes org.polyplex.bench.EpgBenchGenerator "$GUIDE" "$CHANNELS" "$DAYS"
fi

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
rm -f "$WORK"/db.*.db "$WORK"/gc.log*
QUARKUS_HTTP_PORT=$PORT QUARKUS_HTTP_HOST=127.0.0.1 \
QUARKUS_DATASOURCE_JDBC_URL="$JDBC_URL" \
POLYPLEX_ADMIN_PASSWORD=bench-admin-pass POLYPLEX_AUTH_KEY_DIR=$WORK/jwt \
POLYPLEX_AUTH_LOGIN_LIMIT_PER_ADDRESS=100000 POLYPLEX_EPG_CHECK_EVERY=24h \
QUARKUS_LOG_CATEGORY__ORG_POLYPLEX__LEVEL=INFO \
  java ${APP_JVM_OPTS:--Xmx512m -XX:+UseG1GC} ${APP_OPTS:-} -Xlog:gc:file=$WORK/gc.log -jar "$APP_DIR/quarkus-run.jar" > "$WORK/app.log" 2>&1 &
APP=$!
cleanup() {
  kill $APP 2>/dev/null || true
  wait $APP 2>/dev/null || true # the next run reuses the database path
  if [ "$DB" = postgresql ]; then
    run_pg "'$pg_bin/pg_ctl' -D '$pg_data' -m fast stop" > /dev/null 2>&1 || true
  fi
}
trap cleanup EXIT
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$PORT/q/health/ready" > /dev/null && break
  sleep 1
done

java -Dbench.think-ms="${THINK_MS:-10}" -cp target/test-classes org.polyplex.bench.EpgBench "http://127.0.0.1:$PORT" bench-admin-pass \
  "$GUIDE" "$CHANNELS" "$WORK/gc.log"
grep -E "epg:|OutOfMemory" "$WORK/app.log" || true

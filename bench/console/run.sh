#!/usr/bin/env bash
# Console benchmark: the packaged app on a free loopback port with a 50,000-channel catalog
# (seeded by bench/xtream/Seed.java), a console login, then the server time of the channel
# list's first page and of a search, each against the JSON admin API page of the same size
# measured in the same run, in alternation. Prints a Markdown table (also target/bench/console.md).
# Usage: bench/console/run.sh [--no-build]   (from the repository root; about a minute after the build)
# APP=/path/to/quarkus-app measures another package; APP_OPTS adds JVM options; ROUNDS=200 the
# timed requests of each kind; LIVE=50000 the channels.
# Needs: JDK 17, curl, python3. Traffic stays on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
LIVE=${LIVE:-50000} ROUNDS=${ROUNDS:-200}
APP_DIR=${APP:-$ROOT/target/quarkus-app}

[[ -n "${APP:-}" || "${1:-}" == "--no-build" ]] || ./mvnw -q -B package -DskipTests
H2_JAR=$(ls "$APP_DIR"/lib/main/com.h2database.h2-*.jar | tail -1)
WORK=$(mktemp -d /tmp/polyplex-console-bench.XXXXXX)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
URL="jdbc:h2:file:$WORK/db;AUTO_SERVER=TRUE;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
BASE="http://127.0.0.1:$PORT"

(cd "$WORK" && exec java -Xmx1g ${APP_OPTS:-} -Dquarkus.http.port=$PORT -Dquarkus.http.host=127.0.0.1 \
    -Dquarkus.datasource.jdbc.url="$URL" -Dpolyplex.admin.password=bench-admin \
    -Dpolyplex.auth.key-dir="$WORK/jwt" -Dquarkus.scheduler.enabled=false -Dquarkus.log.level=WARN \
    -jar "$APP_DIR/quarkus-run.jar" >"$WORK/app.log" 2>&1) &
APP=$!
trap 'kill $APP 2>/dev/null || true; wait $APP 2>/dev/null || true; rm -f "$WORK"/db.*' EXIT
for _ in $(seq 1 120); do curl -sf "$BASE/q/health/ready" >/dev/null && break; sleep 0.5; done
curl -sf "$BASE/q/health/ready" >/dev/null || { cat "$WORK/app.log"; exit 1; }

java -cp "$H2_JAR" bench/xtream/Seed.java "$URL" "$LIVE" 0 0
TOKEN=$(curl -sf -H 'Content-Type: application/json' -d '{"username":"admin","password":"bench-admin"}' \
    "$BASE/api/auth/token" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
# any catalog write republishes the snapshot, which then reads the seeded rows
curl -sf -o /dev/null -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    -d '{"name":"bench trigger","kind":"live"}' "$BASE/api/categories"
TOTAL=$(curl -sf -D - -o /dev/null -H "Authorization: Bearer $TOKEN" "$BASE/api/channels?size=1" \
    | awk -F': ' 'tolower($1)=="x-total-count" {print $2+0}')

mkdir -p target/bench
echo
echo "Catalog: $TOTAL channels; $ROUNDS timed requests of each kind, one client, after a warm-up."
echo
java bench/console/Bench.java "$BASE" bench-admin "$ROUNDS" target/bench/console.md

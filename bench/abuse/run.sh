#!/usr/bin/env bash
# Abuse benchmark: the packaged app with its default settings (no -Xmx, as users run it) and a
# catalog of 20,000 live channels, probed by an abusive subscriber while one honest TS viewer
# watches a 4 Mbit/s channel: a storm of concurrent get_live_streams, password guessing on the
# stream path, and 40 viewers that never read. Prints a Markdown table. Needs JDK 17, ffmpeg,
# curl, python3. Usage: bench/abuse/run.sh [--no-build]   (from the repository root)
# APP=/path/to/quarkus-app measures another build (for example the previous one) with the same client
# (no build here then);
# APP_OPTS adds JVM options (-Dpolyplex.load.heavy.in-flight=8) to try other bounds.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
LIVE=${LIVE:-20000} STORM=${STORM:-1000} APP_DIR=${APP:-$ROOT/target/quarkus-app}

[[ -n "${APP:-}" || "${1:-}" == "--no-build" ]] || ./mvnw -q -B package -DskipTests
./mvnw -q -B test-compile
./mvnw -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
# the seeder writes the app's database file: the H2 the app ships
H2_JAR=$(ls "$APP_DIR"/lib/main/com.h2database.h2-*.jar | tail -1)
WORK=$(mktemp -d /tmp/polyplex-abuse.XXXXXX)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
URL="jdbc:h2:file:$WORK/db;AUTO_SERVER=TRUE;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
BASE="http://127.0.0.1:$PORT"

(cd "$WORK" && exec java ${APP_OPTS:-} -Dquarkus.http.port=$PORT -Dquarkus.datasource.jdbc.url="$URL" \
    -Dpolyplex.admin.password=bench-admin -jar "$APP_DIR/quarkus-run.jar" >"$WORK/app.log" 2>&1) &
APP=$!
trap 'kill $APP 2>/dev/null || true; wait $APP 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -sf "$BASE/q/health/ready" >/dev/null && break; sleep 0.5; done
curl -sf "$BASE/q/health/ready" >/dev/null || { cat "$WORK/app.log"; exit 1; }
JPID=$(pgrep -P $APP java || echo $APP)

java -cp "$H2_JAR" bench/xtream/Seed.java "$URL" "$LIVE" 0 0
TOKEN=$(curl -sf -H 'Content-Type: application/json' -d '{"username":"admin","password":"bench-admin"}' \
    "$BASE/api/auth/token" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
curl -sf -o /dev/null -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    -d '{"username":"bench","password":"bench-pass","maxConnections":100}' "$BASE/api/users"
for i in $(seq 1 50); do
    curl -sf -o /dev/null -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
        -d "{\"username\":\"bench-l$i\",\"password\":\"bench-pass\"}" "$BASE/api/users"
done

java -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" org.polyplex.bench.AbuseBench \
    "$BASE" "$TOKEN" "$JPID" "$STORM"
echo
echo "password= lines in the app log: $(grep -c 'password=' "$WORK/app.log" || true); OutOfMemoryError lines: $(grep -c OutOfMemoryError "$WORK/app.log" || true)"

#!/usr/bin/env bash
# Xtream surface benchmark: packaged app on a free loopback port, a catalog of 50,000 live
# channels, 20,000 movies and 2,000 series (20,000 episodes), measured with wrk. Prints a
# Markdown table. Needs: JDK 17, wrk (apt-get install wrk), curl, python3.
# Usage: bench/xtream/run.sh [--no-build]    (from the repository root; about 2-3 minutes)
# APP=/path/to/quarkus-app measures another package (no build here) with the same client;
# APP_OPTS adds JVM options to the app's. DURATION=15s is each wrk window.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
LIVE=${LIVE:-50000} MOVIES=${MOVIES:-20000} SERIES=${SERIES:-2000} DURATION=${DURATION:-15s}
APP_DIR=${APP:-$ROOT/target/quarkus-app}

[[ -n "${APP:-}" || "${1:-}" == "--no-build" ]] || ./mvnw -q -B package -DskipTests
# the seeder writes the app's database file: the H2 the app ships
H2_JAR=$(ls "$APP_DIR"/lib/main/com.h2database.h2-*.jar | tail -1)
WORK=$(mktemp -d /tmp/polyplex-bench.XXXXXX)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
URL="jdbc:h2:file:$WORK/db;AUTO_SERVER=TRUE;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
BASE="http://127.0.0.1:$PORT"

(cd "$WORK" && exec java -Xmx1g ${APP_OPTS:-} -Dquarkus.http.port=$PORT -Dquarkus.http.host=127.0.0.1 \
    -Dquarkus.datasource.jdbc.url="$URL" -Dpolyplex.admin.password=bench-admin \
    -Dpolyplex.auth.key-dir="$WORK/jwt" -Dquarkus.log.level=WARN \
    -jar "$APP_DIR/quarkus-run.jar" >"$WORK/app.log" 2>&1) &
APP=$!
trap 'kill $APP 2>/dev/null || true; wait $APP 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -sf "$BASE/q/health/ready" >/dev/null && break; sleep 0.5; done
curl -sf "$BASE/q/health/ready" >/dev/null || { cat "$WORK/app.log"; exit 1; }
JPID=$(pgrep -P $APP java || echo $APP)

java -cp "$H2_JAR" bench/xtream/Seed.java "$URL" "$LIVE" "$MOVIES" "$SERIES"
TOKEN=$(curl -sf -H 'Content-Type: application/json' -d '{"username":"admin","password":"bench-admin"}' \
    "$BASE/api/auth/token" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
api() { curl -sf -o /dev/null -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d "$2" "$BASE$1"; }
api /api/users '{"username":"bench","password":"bench-pass","maxConnections":1}'
# any catalog write republishes the snapshot, which now reads the seeded rows
api /api/categories '{"name":"bench trigger","kind":"live"}'

Q="username=bench&password=bench-pass"
LIVE_URL="$BASE/player_api.php?$Q&action=get_live_streams"
M3U_URL="$BASE/get.php?$Q&type=m3u_plus&output=ts"
COUNT=$(curl -sf "$LIVE_URL" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
M3U_BYTES=$(curl -sf "$M3U_URL" | wc -c)
for _ in 1 2 3 4 5; do curl -sf -o /dev/null "$LIVE_URL"; curl -sf -o /dev/null "$M3U_URL"; done

pct() { awk -v p="$2" '$1==p {print $2}' "$1"; }
# the app's CPU time in clock ticks (user + system), from /proc: steadier than a rate when the
# machine is shared, since it counts the work done, not the time the work waited for a core
ticks() { awk '{print $14 + $15}' "/proc/$JPID/stat"; }
HZ=$(getconf CLK_TCK)
# microseconds of the app's CPU per request: ticks spent during a wrk run over the requests it made
per_request() { python3 -c "n = int('${3:-0}' or 0); print(f'{($2 - $1) * 1e6 / $HZ / n:.0f}' if n else 'n/a')"; }
requests() { awk '/requests in/ {print $1}' "$1"; }
T0=$(ticks)
wrk -t1 -c1 -d"$DURATION" --latency "$LIVE_URL" >"$WORK/live.txt"
T1=$(ticks)
wrk -t1 -c1 -d"$DURATION" --latency "$M3U_URL" >"$WORK/m3u.txt"
T2=$(ticks)
LIVE_CPU=$(per_request "$T0" "$T1" "$(requests "$WORK/live.txt")")
M3U_CPU=$(per_request "$T1" "$T2" "$(requests "$WORK/m3u.txt")")

# used heap in bytes, from the JVM itself (G1: "garbage-first heap total NK, used NK")
heap() { jcmd "$JPID" GC.heap_info | awk 'match($0, /used [0-9]+K/) {print substr($0, RSTART+5, RLENGTH-6)*1024; exit}'; }
jcmd "$JPID" GC.run >/dev/null
IDLE=$(heap)
CONC=8
wrk -t2 -c$CONC -d10s "$LIVE_URL" >"$WORK/live-conc.txt" &
WRK=$!
PEAK=$IDLE
while kill -0 $WRK 2>/dev/null; do h=$(heap); (( h > PEAK )) && PEAK=$h; sleep 0.1; done
jcmd "$JPID" GC.run >/dev/null
AFTER=$(heap)

T0=$(ticks)
wrk -t2 -c50 -d"$DURATION" "$BASE/player_api.php?$Q" >"$WORK/login.txt"
T1=$(ticks)
RPS=$(awk '/Requests\/sec/ {print $2}' "$WORK/login.txt")
LOGIN_CPU=$(per_request "$T0" "$T1" "$(requests "$WORK/login.txt")")
mib() { python3 -c "print(f'{$1/1048576:.1f}')"; }

cat <<TABLE

Catalog: $LIVE live channels ($COUNT listed by get_live_streams), $MOVIES movies, $SERIES series ($((SERIES*10)) episodes); m3u_plus playlist $((M3U_BYTES/1024)) KiB.

| Measure | Result | Target |
|---|---|---|
| get_live_streams p50 / p99 (1 client, $DURATION) | $(pct "$WORK/live.txt" 50%) / $(pct "$WORK/live.txt" 99%) | p50 < 150 ms |
| get.php m3u_plus everything p50 / p99 (1 client, $DURATION) | $(pct "$WORK/m3u.txt" 50%) / $(pct "$WORK/m3u.txt" 99%) | < 400 ms |
| app CPU per request: get_live_streams / get.php | $LIVE_CPU / $M3U_CPU µs | |
| heap: idle after GC / peak during $CONC concurrent get_live_streams / after GC | $(mib $IDLE) / $(mib $PEAK) / $(mib $AFTER) MiB | |
| extra heap per concurrent get_live_streams (peak - idle) / $CONC, an upper bound (includes garbage) | $(mib $(( (PEAK-IDLE)/CONC ))) MiB | < 64 MiB |
| login (player_api.php, valid credentials), 50 connections, $DURATION | $RPS req/s | > 5,000 req/s |
| app CPU per login | $LOGIN_CPU µs | |
TABLE

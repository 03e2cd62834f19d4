#!/usr/bin/env bash
# Catch-up join latency: time to the first body byte of /timeshift requests against an archive of
# real ffmpeg MPEG-TS files (60 s files, 1.5 Mbit/s H.264 + AAC, 10 minutes), on the packaged app
# on a free loopback port. Requests start at random minutes of the archive (so most start inside a
# file: keyframe index lookup and PSI head), sequentially and then 8 at a time; each reads its first
# byte and closes. Prints a Markdown table (p50/p99/max in ms). Needs: JDK 17, ffmpeg, curl, python3.
# Usage: bench/archive/catchup.sh [--no-build]   (from the repository root; about 2 minutes)
# APP=/path/to/quarkus-app measures another package; REQUESTS=200 per pass; APP_OPTS for the app JVM.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
REQUESTS=${REQUESTS:-200}
APP_DIR=${APP:-$ROOT/target/quarkus-app}
[[ -n "${APP:-}" || "${1:-}" == "--no-build" ]] || ./mvnw -q -B package -DskipTests
WORK=$(mktemp -d /tmp/polyplex-catchup.XXXXXX)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
URL="jdbc:h2:file:$WORK/db;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
BASE="http://127.0.0.1:$PORT"
APP_PID=

start_app() {
    (cd "$WORK" && exec java -Xmx1g ${APP_OPTS:-} -Dquarkus.http.port=$PORT -Dquarkus.http.host=127.0.0.1 \
        -Dquarkus.datasource.jdbc.url="$URL" -Dpolyplex.admin.password=bench-admin \
        -Dpolyplex.auth.key-dir="$WORK/jwt" -Dpolyplex.archive.dir="$WORK/archive" -Dquarkus.log.level=WARN \
        -jar "$APP_DIR/quarkus-run.jar" >>"$WORK/app.log" 2>&1) &
    APP_PID=$!
    for _ in $(seq 1 120); do curl -sf "$BASE/q/health/ready" >/dev/null && return; sleep 0.5; done
    cat "$WORK/app.log"
    exit 1
}
stop_app() {
    [[ -z "$APP_PID" ]] || { kill "$APP_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true; }
    APP_PID=
}
trap stop_app EXIT

start_app
TOKEN=$(curl -sf -H 'Content-Type: application/json' -d '{"username":"admin","password":"bench-admin"}' \
    "$BASE/api/auth/token" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
post() { curl -sf -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d "$2" "$BASE$1"; }
# one line per concurrent player: one line's players of one channel from one address share a slot
for k in 0 1 2 3 4 5 6 7; do
    post /api/users '{"username":"bench'$k'","password":"bench-pass","maxConnections":4}' >/dev/null
done
CHANNEL=$(post /api/channels '{"name":"bench archive","archiveDays":1,"sources":[{"url":"http://127.0.0.1:9/none.ts"}]}' \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
stop_app

# the archive as the recorder lays it out: <dir>/<channel>/<start epoch ms>.ts, ended at its mtime
mkdir -p "$WORK/archive/$CHANNEL" "$WORK/seg"
ffmpeg -v error -nostdin -f lavfi -i testsrc=size=640x360:rate=25 -f lavfi -i sine=frequency=440:sample_rate=48000 \
    -t 600 -c:v libx264 -preset ultrafast -x264-params keyint=50:min-keyint=50:scenecut=0 -b:v 1500k \
    -c:a aac -b:a 64k -f segment -segment_time 60 -segment_format mpegts "$WORK/seg/%03d.ts"
FIRST=$(( ($(date +%s) - 11 * 60) * 1000 ))
i=0
for f in "$WORK"/seg/*.ts; do
    start=$(( FIRST + i * 60000 ))
    mv "$f" "$WORK/archive/$CHANNEL/$start.ts"
    touch -d "@$(( (start + 60000) / 1000 ))" "$WORK/archive/$CHANNEL/$start.ts"
    i=$((i + 1))
done
start_app

python3 - "$BASE" "$CHANNEL" "$REQUESTS" "$FIRST" <<'PY'
import http.client, random, sys, time, threading
from urllib.parse import urlparse
base, channel, n, first = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]) // 1000
u = urlparse(base)
random.seed(7)
errors = []
def one(out, line=0):
    start = first + 60 * random.randrange(0, 9) + random.randrange(0, 60)
    path = f"/timeshift/bench{line}/bench-pass/30/{start}/{channel}.ts"
    c = http.client.HTTPConnection(u.hostname, u.port, timeout=10)
    t0 = time.perf_counter()
    c.request("GET", path)
    r = c.getresponse()
    if r.status != 200:
        errors.append(f"status {r.status}: {r.read()[:200]}")
        c.close()
        return
    r.read(1)
    out.append((time.perf_counter() - t0) * 1000)
    c.close()
def run(parallel):
    out = []
    def worker(line, k):
        for _ in range(k):
            one(out, line)
    per = n // parallel
    threads = [threading.Thread(target=worker, args=(line, per)) for line in range(parallel)]
    for t in threads: t.start()
    for t in threads: t.join()
    out.sort()
    pct = lambda p: out[min(len(out) - 1, int(p * len(out)))]
    return len(out), pct(0.5), pct(0.99), out[-1]
for i in range(24):  # warm-up: JIT, and each line's first login (one bcrypt) kept out of the figures
    one([], i % 8)
print("| Catch-up join (first byte) | requests | p50 ms | p99 ms | max ms |")
print("|---|---|---|---|---|")
for parallel in (1, 8):
    count, p50, p99, worst = run(parallel)
    print(f"| {parallel} at a time, a line each | {count} | {p50:.1f} | {p99:.1f} | {worst:.1f} |")
if errors:
    raise SystemExit(f"{len(errors)} requests failed, first: {errors[0]}")
PY

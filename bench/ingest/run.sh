#!/usr/bin/env bash
# RTMP ingest benchmark: Polyplex (the packaged application, default settings) against nginx with
# libnginx-mod-rtmp doing the same job (RTMP in, HLS out, copy), in the same run. Prints a Markdown
# table and writes it to target/bench-ingest.md. Needs JDK 17, ffmpeg, nginx with the RTMP module
# (Debian: nginx-light libnginx-mod-rtmp), python3. Usage, from anywhere:
#   bench/ingest/run.sh
# APP=/path/to/quarkus-app measures that package and builds nothing. Tunables (environment):
#   WINDOW=20 WARMUP=5 (seconds), LOADS=1,10,50 (concurrent publishers), REPS=3,
#   SERVERS=polyplex,nginx, ONLY=first,load,latency (which measures).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
[[ -f /usr/lib/nginx/modules/ngx_rtmp_module.so ]] || { echo "needs libnginx-mod-rtmp" >&2; exit 1; }
if [[ -z "${APP:-}" ]]; then
    ./mvnw -q -B package -DskipTests
    APP=$ROOT/target/quarkus-app
fi
APP=$(cd "$APP" && pwd)

# the publishers' file, made once: 3 Mbit/s H.264 (keyframe every 2 s) + AAC 128k, 60 s, FLV
FLV=$ROOT/target/bench-ingest/src-3M.flv
if [[ ! -s $FLV ]]; then
    mkdir -p "$(dirname "$FLV")"
    ffmpeg -hide_banner -loglevel error -nostdin -y -f lavfi -i testsrc2=size=1280x720:rate=25 \
        -f lavfi -i sine=frequency=440:sample_rate=48000 -t 60 -map 0:v -map 1:a \
        -c:v libx264 -preset veryfast -pix_fmt yuv420p -g 50 -keyint_min 50 -sc_threshold 0 \
        -b:v 3M -maxrate 3M -bufsize 6M -c:a aac -b:a 128k -ac 2 -f flv "$FLV.tmp"
    mv "$FLV.tmp" "$FLV"
fi

WORK=$(mktemp -d /tmp/polyplex-bench-ingest.XXXXXX)
DRIVER=
cleanup() {
    # the driver ends what it started (its own trap); this only covers a driver that could not
    if [[ -n $DRIVER ]] && kill -0 "$DRIVER" 2>/dev/null; then
        kill -TERM "$DRIVER" 2>/dev/null || true
        for _ in $(seq 1 60); do kill -0 "$DRIVER" 2>/dev/null || break; sleep 0.5; done
        kill -KILL "$DRIVER" 2>/dev/null || true
    fi
    echo "logs: $WORK (nginx/logs, polyplex/app.log)" >&2
}
trap cleanup EXIT
trap 'exit 130' INT TERM
ulimit -n 65536 2>/dev/null || true

echo "commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src || echo ' (with uncommitted changes under src)'); app $APP" >&2
python3 bench/ingest/bench.py --flv "$FLV" --work "$WORK" --app "$APP" \
    --servers "${SERVERS:-polyplex,nginx}" --window "${WINDOW:-20}" --warmup "${WARMUP:-5}" \
    --loads "${LOADS:-1,10,50}" --reps "${REPS:-3}" --only "${ONLY:-first,load,latency}" \
    --out "$ROOT/target/bench-ingest.md" &
DRIVER=$!
wait $DRIVER

#!/usr/bin/env bash
# Restream benchmark: 3 RTSP cameras (1280x720, 25 fps, H.264 + AAC) each sent to 3 nginx-rtmp
# destinations by Polyplex (the packaged application, default settings) with the copy and the 720p
# profiles, and the same fan-out by one ffmpeg per camera with the tee muxer, in the same run; then
# one destination's nginx dies and comes back, and camera 0 dies with camera 1 as its channel's
# backup source. Prints a Markdown table and writes it to target/bench-restream.md. Needs JDK 17,
# ffmpeg, nginx with the RTMP module (Debian: nginx-light libnginx-mod-rtmp), and the RTSP test
# camera's GStreamer packages (docs/cameras.md). Usage, from anywhere:
#   bench/restream/run.sh
# APP=/path/to/quarkus-app measures that package and builds nothing. Tunables (environment):
#   WINDOW=60 WARMUP=10 (seconds), DOWN=10 (seconds a killed nginx stays down), RECOVER=20 (seconds
#   the tee runs are watched after an event), PHASES=copy,720p,720p-1,tee,tee-720p.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
need() { command -v "$1" >/dev/null 2>&1 || { echo "needs $1 ($2)" >&2; exit 1; }; }
need java "JDK 17"
need ffmpeg "Debian: ffmpeg"
need nginx "Debian: nginx-light"
need python3 "Debian: python3"
need gst-inspect-1.0 "Debian: gstreamer1.0-tools"
[[ -f /usr/lib/nginx/modules/ngx_rtmp_module.so ]] || { echo "needs libnginx-mod-rtmp" >&2; exit 1; }
/usr/bin/python3 -c "import gi; gi.require_version('GstRtspServer', '1.0'); from gi.repository import GstRtspServer" \
    2>/dev/null || { echo "needs the RTSP test camera's packages: python3-gi gir1.2-gst-rtsp-server-1.0 (docs/cameras.md)" >&2; exit 1; }
gst-inspect-1.0 x264enc >/dev/null 2>&1 || { echo "needs GStreamer's x264enc (gstreamer1.0-plugins-ugly)" >&2; exit 1; }
AUDIO=
gst-inspect-1.0 avenc_aac >/dev/null 2>&1 || { AUDIO=--no-audio; echo "no avenc_aac (gstreamer1.0-libav): cameras without audio" >&2; }
if [[ -z "${APP:-}" ]]; then
    ./mvnw -q -B package -DskipTests
    APP=$ROOT/target/quarkus-app
fi
APP=$(cd "$APP" && pwd)

WORK=$(mktemp -d /tmp/polyplex-bench-restream.XXXXXX)
DRIVER=
cleanup() {
    # the driver ends what it started (its own trap); this only covers a driver that could not
    if [[ -n $DRIVER ]] && kill -0 "$DRIVER" 2>/dev/null; then
        kill -TERM "$DRIVER" 2>/dev/null || true
        for _ in $(seq 1 60); do kill -0 "$DRIVER" 2>/dev/null || break; sleep 0.5; done
        kill -KILL "$DRIVER" 2>/dev/null || true
    fi
    echo "logs: $WORK (polyplex/app.log, nginx*/logs, camera*.log, tee*.log)" >&2
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src || echo ' (with uncommitted changes under src)'); app $APP" >&2
python3 bench/restream/bench.py --work "$WORK" --app "$APP" \
    --camera-script "$ROOT/src/test/resources/camera/rtsp-test-server.py" $AUDIO \
    --window "${WINDOW:-60}" --warmup "${WARMUP:-10}" --down "${DOWN:-10}" --recover "${RECOVER:-20}" \
    --phases "${PHASES:-copy,720p,720p-1,tee,tee-720p}" --out "$ROOT/target/bench-restream.md" &
DRIVER=$!
wait $DRIVER

#!/usr/bin/env bash
# Scraping benchmark: 100k-entry M3U and an Xtream account fake (50k live / 50k VOD / 5k series)
# imported from a loopback server, twice each. Prints the table (also in target/bench/scraping.md).
# With no APP: in-process, a @QuarkusTest of this tree (ScrapingBench; extra arguments go to Maven).
# APP=/path/to/quarkus-app: that package started on a free port with a fresh H2 file and the same
# raised limits, driven through its admin API by bench/scraping/AppBench.java (JDK classes only,
# the same client for any build). APP_OPTS adds JVM options to the app's. The two modes differ
# (in-memory H2 and no HTTP in the first), so compare figures of one mode only.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
if [[ -z "${APP:-}" ]]; then
    ./mvnw -q -B test -Dtest=ScrapingBench -Dsurefire.failIfNoSpecifiedTests=false "$@"
    cat target/bench/scraping.md
    exit 0
fi

APP_DIR=$(cd "$APP" && pwd)
WORK=$(mktemp -d /tmp/polyplex-scraping.XXXXXX)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
BASE="http://127.0.0.1:$PORT"
# the limits of ScrapingBench's test profile; the scheduler off as in %test (runs are started here)
(cd "$WORK" && exec java ${APP_OPTS:-} -Dquarkus.http.port="$PORT" -Dquarkus.http.host=127.0.0.1 \
    -Dquarkus.datasource.jdbc.url="jdbc:h2:file:$WORK/db;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH" \
    -Dpolyplex.admin.password=bench-admin -Dpolyplex.auth.key-dir="$WORK/jwt" \
    -Dpolyplex.scraping.key-file="$WORK/scraping.key" -Dquarkus.scheduler.enabled=false \
    -Dpolyplex.scraping.max-entries=250000 -Dpolyplex.scraping.fetch.max-body-size=512M \
    -Dpolyplex.scraping.fetch.timeout=300s -Dpolyplex.scraping.ssrf.allow-loopback=true \
    -Dquarkus.log.category.\"org.polyplex.scraping\".level=DEBUG \
    -jar "$APP_DIR/quarkus-run.jar" >"$WORK/app.log" 2>&1) &
JAVA=$!
trap 'kill $JAVA 2>/dev/null || true; wait $JAVA 2>/dev/null || true; rm -f "$WORK"/db.*' EXIT
for _ in $(seq 1 120); do curl -sf "$BASE/q/health/ready" >/dev/null && break; sleep 0.5; done
curl -sf "$BASE/q/health/ready" >/dev/null || { cat "$WORK/app.log"; exit 1; }
JPID=$(pgrep -P $JAVA java || echo $JAVA)
mkdir -p target/bench
java "$ROOT/bench/scraping/AppBench.java" "$BASE" bench-admin "$JPID" target/bench/scraping.md
echo "(app log with the per-phase debug lines: $WORK/app.log)"

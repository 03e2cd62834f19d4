#!/usr/bin/env bash
# Runs every bench (or those named) against two packaged builds in the same run, BASE then NEW
# for each bench, and prints one Markdown table per bench with both builds' figures side by side
# and NEW/BASE for each number. Usage, from anywhere:
#   bench/compare.sh [proxy|abuse|xtream|epg|scraping|hls ...]
# BASE=/path/to/quarkus-app   the reference build (default /work/wt-base/target/quarkus-app)
# NEW=/path/to/quarkus-app    the build to check (default: packages this tree first)
# Each quarkus-app must sit in the target/ of the Maven tree that built it: the proxy and hls
# benches run that tree's target/test-classes with it (see bench/README.md).
# Short windows (defaults sized for about 25 minutes on 2 cores): PROXY_SECONDS=10,
# ABUSE_LIVE=20000, ABUSE_STORM=1000, XTREAM_DURATION=5s, EPG_CHANNELS=2000, EPG_DAYS=10,
# HLS_SECONDS=10. BENCH_TIMEOUT=900 seconds per bench and build. APP_OPTS applies to both builds.
# Logs and tables go to OUT (default target/bench-compare/<date>).
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
ALL=(proxy abuse xtream epg scraping hls)
BENCHES=("$@")
[[ ${#BENCHES[@]} -gt 0 ]] || BENCHES=("${ALL[@]}")
for b in "${BENCHES[@]}"; do
    [[ " ${ALL[*]} " == *" $b "* ]] || { echo "unknown bench: $b (one of: ${ALL[*]})" >&2; exit 2; }
done
BASE=${BASE:-/work/wt-base/target/quarkus-app}
unset APP_TEST_CLASSES # each build's test classes are found from its own APP
OUT=${OUT:-$ROOT/target/bench-compare/$(date +%Y%m%d-%H%M%S)}
mkdir -p "$OUT"

if [[ -z "${NEW:-}" ]]; then
    echo "packaging this tree for NEW" >&2
    ./mvnw -q -B package -DskipTests || exit 1
    NEW=$ROOT/target/quarkus-app
fi
BASE=$(cd "$BASE" && pwd) && NEW=$(cd "$NEW" && pwd) || exit 1
for app in "$BASE" "$NEW"; do
    [[ -f "$app/quarkus-run.jar" ]] || { echo "no quarkus-run.jar in $app" >&2; exit 1; }
done

# One bench against one build: bench/<name>/run.sh with the short windows, output to a log.
run() {
    local bench=$1 app=$2 log=$3
    local -a cmd env=(APP="$app")
    case $bench in
        proxy) cmd=(bench/proxy/run.sh "${PROXY_SECONDS:-10}") ;;
        abuse) env+=(LIVE="${ABUSE_LIVE:-20000}" STORM="${ABUSE_STORM:-1000}"); cmd=(bench/abuse/run.sh --no-build) ;;
        xtream) env+=(DURATION="${XTREAM_DURATION:-5s}"); cmd=(bench/xtream/run.sh --no-build) ;;
        epg) env+=(CHANNELS="${EPG_CHANNELS:-2000}" DAYS="${EPG_DAYS:-10}"); cmd=(bench/epg/run.sh) ;;
        scraping) cmd=(bench/scraping/run.sh) ;;
        hls) cmd=(bench/hls/run.sh "-Dbench.seconds=${HLS_SECONDS:-10}") ;;
    esac
    local start=$SECONDS
    env "${env[@]}" timeout "${BENCH_TIMEOUT:-900}" "${cmd[@]}" </dev/null >"$log" 2>&1
    local status=$?
    echo "$((SECONDS - start)) $status"
}

commit() {
    local tree
    tree=$(dirname "$(dirname "$1")")
    git -C "$tree" describe --always --dirty 2>/dev/null || echo "not a git tree"
}

SUMMARY=$OUT/summary.md
{
    echo "# Bench comparison, $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo
    echo "- BASE: \`$BASE\` ($(commit "$BASE"))"
    echo "- NEW: \`$NEW\` ($(commit "$NEW"))"
    echo "- $(nproc) cores; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "- windows: PROXY_SECONDS=${PROXY_SECONDS:-10} ABUSE_LIVE=${ABUSE_LIVE:-20000}" \
        "ABUSE_STORM=${ABUSE_STORM:-1000} XTREAM_DURATION=${XTREAM_DURATION:-5s}" \
        "EPG_CHANNELS=${EPG_CHANNELS:-2000} EPG_DAYS=${EPG_DAYS:-10} HLS_SECONDS=${HLS_SECONDS:-10}" \
        "${APP_OPTS:+APP_OPTS=$APP_OPTS}"
    base_tree=$(dirname "$(dirname "$BASE")") new_tree=$(dirname "$(dirname "$NEW")")
    base_commit=$(git -C "$base_tree" rev-parse HEAD 2>/dev/null)
    if [[ -n "$base_commit" ]] && git -C "$new_tree" rev-parse HEAD >/dev/null 2>&1; then
        # proxy (its server side) and hls run each build's own harness: say whether it changed
        changed=$(git -C "$new_tree" diff --stat "$base_commit" -- src/test/java/org/polyplex/bench \
            src/test/java/org/polyplex/testsupport src/test/java/org/polyplex/proxy/PluggedHarness.java \
            src/test/java/org/polyplex/proxy/upstream/hls 2>/dev/null)
        echo "- bench harness sources changed from BASE to NEW: ${changed:+see below}${changed:-none}"
        [[ -z "$changed" ]] || { echo; echo '```'; echo "$changed"; echo '```'; }
    fi
} >"$SUMMARY"
cat "$SUMMARY"

declare -A TIMES
for bench in "${BENCHES[@]}"; do
    for side in base new; do
        app=$BASE
        [[ $side == new ]] && app=$NEW
        echo "== $bench on ${side^^} ($app)" >&2
        read -r secs status < <(run "$bench" "$app" "$OUT/$bench-$side.log")
        TIMES[$bench-$side]="$secs s$([[ $status == 0 ]] || echo ", FAILED (exit $status)")"
        echo "   ${TIMES[$bench-$side]}, log $OUT/$bench-$side.log" >&2
    done
    {
        echo
        echo "## $bench (BASE ${TIMES[$bench-base]}, NEW ${TIMES[$bench-new]})"
        echo
        python3 bench/compare.py "$OUT/$bench-base.log" "$OUT/$bench-new.log"
    } | tee -a "$SUMMARY"
done
{
    echo
    echo "Load average after: $(cut -d' ' -f1-3 /proc/loadavg). Logs: \`$OUT\`."
} | tee -a "$SUMMARY"

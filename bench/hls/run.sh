#!/bin/sh
# Issue 5 benchmark: HLS output fan-out, HLS-source fan-out and AceStream engine-session sharing,
# loopback only.
# Tunables: -Dbench.hls.viewers=500 -Dbench.ace.viewers=200 -Dbench.seconds=20
#           -Dbench.output.seconds=30 (HLS output run; default 1.5 x bench.seconds)
# APP=/path/to/quarkus-app runs the bench on another build, outside Maven: that package's
# application jar and libraries (then this tree's test libraries for what a package lacks) with the
# bench classes compiled in the same tree
# (APP/../test-classes, which `./mvnw package -DskipTests` builds; APP_TEST_CLASSES= to point
# elsewhere). Everything is in one JVM, so the bench's players and origin are that tree's too.
# APP_OPTS adds JVM options; the tunables above are passed to that JVM as they are.
cd "$(dirname "$0")/../.." || exit 1
if [ -z "${APP:-}" ]; then
    ./mvnw -q -B test -Dtest=HlsAceBench -Dsurefire.failIfNoSpecifiedTests=false "$@" \
        -Dquarkus.log.level=WARN >/dev/null 2>&1
    status=$?
    cat target/bench-hls.md 2>/dev/null
    exit $status
fi
APP=$(cd "$APP" && pwd) || exit 1
TESTS=${APP_TEST_CLASSES:-$(dirname "$APP")/test-classes}
# found by name, as Maven's -Dtest=HlsAceBench does: a build may keep it in another package
BENCH=$(cd "$TESTS" 2>/dev/null && find . -name HlsAceBench.class | head -1 | sed 's|^\./||; s|\.class$||; s|/|.|g')
if [ -z "$BENCH" ] || ! ls "$APP"/app/*.jar >/dev/null 2>&1; then
    echo "APP=$APP: needs app/*.jar there and HlsAceBench.class under $TESTS" >&2
    exit 1
fi
echo "bench JVM: $APP ($BENCH from $TESTS)" >&2
ROOT=$PWD
# the working directory holds the ffmpeg fixtures (target/fixtures, shared by both builds) and the table
WORK=$ROOT/target/bench-hls-app
mkdir -p "$WORK/target"
rm -f "$WORK/target/bench-hls.md"
# that package's libraries first; this tree's test class path after them for what a package does
# not ship (ASM, which config mappings need outside Quarkus, and test-only libraries)
./mvnw -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt || exit 1
CP="$TESTS:$(ls "$APP"/app/*.jar | tr '\n' ':')$APP/lib/boot/*:$APP/lib/main/*:$(cat target/bench-classpath.txt)"
(cd "$WORK" && exec java -Djava.util.logging.manager=org.jboss.logmanager.LogManager -Dquarkus.log.level=WARN \
    ${APP_OPTS:-} "$@" -cp "$CP" "$ROOT/bench/hls/RunBench.java" "$BENCH" run) \
    >"$WORK/bench.log" 2>&1
status=$?
[ $status -eq 0 ] || tail -40 "$WORK/bench.log" >&2
cat "$WORK/target/bench-hls.md" 2>/dev/null
exit $status

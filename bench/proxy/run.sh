#!/bin/sh
# Proxy benchmark (issue 4) on loopback. Usage: bench/proxy/run.sh [seconds-per-window, default 20]
# Needs ffmpeg (fixtures) and nginx (comparison) from the Debian packages.
# APP=/path/to/quarkus-app runs the proxy's JVM on another build: that package's application jar
# and libraries (then this tree's for what a package lacks), with the BenchServer compiled in the same tree (APP/../test-classes, which
# `./mvnw package -DskipTests` builds; APP_TEST_CLASSES= to point elsewhere). The load client, the
# sources and nginx stay this tree's. APP_OPTS adds JVM options to the proxy's JVM.
set -e
cd "$(dirname "$0")/../.."
./mvnw -q -B test-compile
./mvnw -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
SECS=${1:-20}
set --
if [ -n "${APP:-}" ]; then
    APP=$(cd "$APP" && pwd)
    TESTS=${APP_TEST_CLASSES:-$(dirname "$APP")/test-classes}
    if [ ! -f "$TESTS/org/polyplex/bench/BenchServer.class" ] || ! ls "$APP"/app/*.jar >/dev/null 2>&1; then
        echo "APP=$APP: needs app/*.jar there and BenchServer.class under $TESTS" >&2
        exit 1
    fi
    # that package's libraries first; this tree's after them for what a package does not ship (ASM,
    # which config mappings need outside Quarkus)
    set -- "-Dbench.server.classpath=$TESTS:$(ls "$APP"/app/*.jar | tr '\n' ':')$APP/lib/boot/*:$APP/lib/main/*:$(cat target/bench-classpath.txt)"
    echo "proxy JVM: $APP (BenchServer from $TESTS)" >&2
fi
exec java -Xmx1g -Dbench.seconds="$SECS" "$@" -Dbench.server.options="${APP_OPTS:-}" \
    -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" org.polyplex.bench.ProxyBench

#!/usr/bin/env bash
# Fan-out of the whole application against nginx, in one run (see README.md here, "Whole
# application"). Usage: bench/proxy/app.sh [label=/path/to/quarkus-app ...]
# Without arguments it packages this tree and measures it as "this"; with BASE=/path/to/quarkus-app
# that build is measured first as "before". Each build runs through bin/polyplex, the launcher the
# README runs, with its default JVM options; BENCH_OPTS=-Dbench.app.jvm.LABEL="..." replaces them
# for one build (empty: the JVM's own defaults, as a bare `java -jar`), APP_OPTS adds JVM options to
# every build. SECONDS_PER_WINDOW (default 15).
# BENCH_OPTS adds options to the load JVM, such as -Dbench.only=paced (or unpaced, join) to run
# one kind of scenario, for instance under a profiler.
set -euo pipefail
cd "$(dirname "$0")/../.."
apps=("$@")
if [[ ${#apps[@]} -eq 0 ]]; then
    ./mvnw -q -B package -DskipTests
    apps=("this=$PWD/target/quarkus-app")
    [[ -z "${BASE:-}" ]] || apps=("before=$BASE" "${apps[@]}")
else
    ./mvnw -q -B test-compile
fi
./mvnw -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
# the viewers open thousands of connections at once
ulimit -n 65536 2>/dev/null || true
exec java -Xmx2g ${BENCH_OPTS:-} -Dbench.seconds="${SECONDS_PER_WINDOW:-15}" -Dbench.app.options="${APP_OPTS:-}" \
    -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" org.polyplex.bench.AppFanOutBench "${apps[@]}"

#!/bin/sh
# Proxy benchmark (issue 4) on loopback. Usage: bench/proxy/run.sh [seconds-per-window, default 20]
# Needs ffmpeg (fixtures) and nginx (comparison) from the Debian packages.
set -e
cd "$(dirname "$0")/../.."
./mvnw -q -B test-compile
./mvnw -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
exec java -Xmx1g -Dbench.seconds="${1:-20}" \
    -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" org.polyplex.bench.ProxyBench

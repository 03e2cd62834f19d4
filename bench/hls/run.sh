#!/bin/sh
# Issue 5 benchmark: HLS output fan-out, HLS-source fan-out and AceStream engine-session sharing,
# loopback only.
# Tunables: -Dbench.hls.viewers=500 -Dbench.ace.viewers=200 -Dbench.seconds=20
#           -Dbench.output.seconds=30 (HLS output run; default 1.5 x bench.seconds)
cd "$(dirname "$0")/../.." || exit 1
./mvnw -q -B test -Dtest=HlsAceBench -Dsurefire.failIfNoSpecifiedTests=false "$@" \
    -Dquarkus.log.level=WARN >/dev/null 2>&1
status=$?
cat target/bench-hls.md 2>/dev/null
exit $status

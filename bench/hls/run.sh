#!/bin/sh
# Issue 5 benchmark: HLS-source fan-out and AceStream engine-session sharing, loopback only.
# Tunables: -Dbench.hls.viewers=500 -Dbench.ace.viewers=200 -Dbench.seconds=20
cd "$(dirname "$0")/../.." || exit 1
./mvnw -q -B test -Dtest=HlsAceBench -Dsurefire.failIfNoSpecifiedTests=false "$@" \
    -Dquarkus.log.level=WARN >/dev/null 2>&1
status=$?
cat target/bench-hls.md 2>/dev/null
exit $status

#!/bin/sh
# Issue 20 benchmark: continuous recording of archived channels, loopback only.
# Usage: bench/archive/run.sh [seconds per phase]   (default 20; the documented run is 600)
# Tunables: -Dbench.archive.channels=20 (passed after the seconds, as Maven -D options)
# Runs ArchiveBench (a @QuarkusTest: the application, its loopback upstream and the viewers in one
# JVM) and prints its table (target/bench-archive.md).
cd "$(dirname "$0")/../.." || exit 1
SECONDS_PER_PHASE=${1:-20}
[ $# -gt 0 ] && shift
rm -rf target/bench-archive target/bench-archive.md
./mvnw -q -B test -Dtest=ArchiveBench -Dsurefire.failIfNoSpecifiedTests=false -Dbench.seconds="$SECONDS_PER_PHASE" \
    "$@" >target/bench-archive.log 2>&1
status=$?
[ $status -eq 0 ] || tail -40 target/bench-archive.log >&2
cat target/bench-archive.md 2>/dev/null
exit $status

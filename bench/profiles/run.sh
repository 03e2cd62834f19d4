#!/bin/sh
# Output profiles benchmark: CPU of one shared transcoder for N viewers of a channel through a
# profile, against N ffmpeg processes with the same arguments each reading the same source, in one
# run (see bench/profiles/README.md). Loopback only; needs ffmpeg.
# Usage: bench/profiles/run.sh [seconds per window, default 20]
# Tunables: VIEWERS=20 PROFILE=480p-1200k
cd "$(dirname "$0")/../.." || exit 1
SECONDS_PER_WINDOW=${1:-20}
nice -n 10 ./mvnw -q -B test -Dtest=ProfileBench -Dsurefire.failIfNoSpecifiedTests=false \
    -Dbench.seconds="$SECONDS_PER_WINDOW" -Dbench.viewers="${VIEWERS:-20}" -Dbench.profile="${PROFILE:-480p-1200k}" \
    -Dquarkus.log.level=WARN >target/bench-profiles.log 2>&1
status=$?
[ $status -eq 0 ] || tail -40 target/bench-profiles.log >&2
cat target/bench-profiles.md 2>/dev/null
exit $status

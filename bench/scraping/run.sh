#!/usr/bin/env sh
# Scraping benchmark: 100k-entry M3U and an Xtream account fake (50k live / 50k VOD / 5k series)
# imported from a loopback server, twice each. Prints the table (also in target/bench/scraping.md).
set -e
cd "$(dirname "$0")/../.."
./mvnw -q -B test -Dtest=ScrapingBench -Dsurefire.failIfNoSpecifiedTests=false "$@"
cat target/bench/scraping.md

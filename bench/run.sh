#!/bin/bash
# Run the benchmark suites in the current cluster (make bench starts a
# throwaway one) and print one table: terrind's figure, the plain-SQL
# baseline, the ratio terrind / baseline and the target.
# BENCH_SUITES="types funding" runs a subset; BENCH_SCALE=0.1 shrinks data.
set -euo pipefail
cd "$(dirname "$0")"
export BENCH_DIR
BENCH_DIR=$(mktemp -d /tmp/terrind-bench.XXXXXX)
chmod 777 "$BENCH_DIR"        # the server writes and reads data files here
trap 'rm -rf "$BENCH_DIR"' EXIT

createdb terrind_bench
COG=$(../scripts/fetch-cog.sh)
ANCT=$(../scripts/anct-data.sh)     # sha256 of the official files checked
run() {
    psql -X -q -v ON_ERROR_STOP=1 -v dir="$BENCH_DIR" -v scale="${BENCH_SCALE:-1}" -v cog="$COG" -v anct="$ANCT" \
        -d terrind_bench "$@"
}
run -o /dev/null -f harness.sql
for suite in ${BENCH_SUITES:-$(ls ./*.sql | sed 's|^\./||; s|\.sql$||' | grep -v -x -e harness -e report)}; do
    echo "--- $suite" >&2
    run -o /dev/null -f "$suite.sql"
done
run -f report.sql

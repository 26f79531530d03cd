#!/bin/bash
# make soak: SOAK_CLIENTS (8) pgbench clients for SOAK_SECONDS (60) run the
# workloads of test/soak/workloads/*.pgbench, picked at random per
# transaction, on a shared data set (test/dump_restore/data/ then
# test/soak/data/), while one more client runs test/soak/reloads/*.pgbench in
# a loop.  Passes if no client aborted (only serialization failures and
# deadlocks are retried, and counted), the server still answers and logged
# no crash and no other error, and test/soak/results/*.sql print the same
# before (single client) and after.  Runs inside scripts/with-cluster.sh.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
seconds=${SOAK_SECONDS:-60}
clients=${SOAK_CLIENTS:-8}
out=build/soak
rm -rf "$out" && mkdir -p "$out"
server_log=$(pg_lsclusters -h | awk '$2 == "regress" { print $7 }')

export PGDATABASE=soak
sql() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }
results() { for f in test/soak/results/*.sql; do sql -f "$f" || return 1; done; }
files() { for f in "$@"; do printf -- '-f %s ' "$f"; done; }
names() { for f in "$@"; do basename "$f"; done | paste -sd' '; }

createdb "$PGDATABASE" || exit 1
sql -c 'CREATE EXTENSION terrind CASCADE' -c 'CREATE EXTENSION amcheck' \
    -c 'ALTER DATABASE soak SET search_path = terrind, public' || exit 1
for f in test/dump_restore/data/*.sql test/soak/data/*.sql; do
    sql -f "$f" || exit 1
done
results > "$out/before.out" || exit 1
log_start=$(wc -l < "$server_log")

echo "soak: $clients clients for $seconds s on $(names test/soak/workloads/*.pgbench), reloading $(names test/soak/reloads/*.pgbench)"
# shellcheck disable=SC2046
pgbench -n -c 1 -T "$seconds" $(files test/soak/reloads/*.pgbench) > "$out/reload.out" 2>&1 &
reloader=$!
# shellcheck disable=SC2046
pgbench -n -c "$clients" -j 2 -T "$seconds" --max-tries=10 --failures-detailed \
    $(files test/soak/workloads/*.pgbench) > "$out/workload.out" 2>&1
workload_status=$?
wait $reloader
reload_status=$?

problems=()
[ $workload_status -eq 0 ] || problems+=("workload pgbench exited $workload_status")
[ $reload_status -eq 0 ] || problems+=("reload pgbench exited $reload_status")
sql -c 'SELECT 1' > /dev/null || problems+=("the server does not answer")
tail -n +"$((log_start + 1))" "$server_log" > "$out/server.log"
grep -E 'terminated by signal|was terminated|PANIC|server process .* exited' "$out/server.log" && problems+=("the server log shows a crash")
grep 'ERROR:' "$out/server.log" | grep -v -E 'could not serialize|deadlock detected' && problems+=("the server logged errors")
results > "$out/after.out" && diff -u "$out/before.out" "$out/after.out" || problems+=("results differ after the soak")

processed=$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' "$out/workload.out")
failed=$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' "$out/workload.out")
retried=$(sed -n 's/^number of transactions retried: \([0-9]*\).*/\1/p' "$out/workload.out")
reloads=$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' "$out/reload.out")
tps=$(sed -n 's/^tps = \([0-9.]*\) .*/\1/p' "$out/workload.out")
grep -E 'aborted|ERROR' "$out/workload.out" "$out/reload.out" | head -5
summary="$clients clients x $seconds s: ${processed:-0} transactions (${tps:-?} tps), ${reloads:-0} reloads, ${retried:-0} retried, ${failed:-0} failed (serialization or deadlock)"
if [ ${#problems[@]} -eq 0 ]; then
    echo "soak: PASS, $summary, results identical to the single-client run"
else
    echo "soak: FAIL ($(IFS=';'; echo "${problems[*]}")), $summary; see $out/"
    exit 1
fi

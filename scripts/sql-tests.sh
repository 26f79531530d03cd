#!/bin/bash
# The SQL suites, run inside a throwaway cluster (see scripts/test.sh):
# pg_regress through `make installcheck`, then pgTAP with pg_prove.
# Writes one-line results to $1/regress.result and $1/pgtap.result.
set -uo pipefail
cd "$(dirname "$0")/.."
LOG=$1
rc=0

make installcheck 2>&1 | tee "$LOG/regress.out"
[ "${PIPESTATUS[0]}" -eq 0 ] || { rc=1; [ -f regression.diffs ] && head -200 regression.diffs; }
grep -E -o 'All [0-9]+ tests passed|[0-9]+ of [0-9]+ tests failed' "$LOG/regress.out" > "$LOG/regress.result"

createdb terrind_tap
psql -X -q -v ON_ERROR_STOP=1 -d terrind_tap \
    -c 'CREATE EXTENSION terrind CASCADE' -c 'CREATE EXTENSION pgtap' || exit 1
pg_prove -d terrind_tap test/pgtap/*.sql 2>&1 | tee "$LOG/pgtap.out"
[ "${PIPESTATUS[0]}" -eq 0 ] || rc=1
sed -n 's/^Files=\([0-9]*\), Tests=\([0-9]*\),.*/\2 tests in \1 files/p' "$LOG/pgtap.out" > "$LOG/pgtap.result"
grep -q '^Result: PASS' "$LOG/pgtap.out" && sed -i 's/$/, all passed/' "$LOG/pgtap.result" \
    || sed -i 's/$/, FAILED/' "$LOG/pgtap.result"

exit $rc

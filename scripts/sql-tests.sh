#!/bin/bash
# The SQL suites, run inside a throwaway cluster (see scripts/test.sh):
# pg_regress through `make installcheck`, pgTAP with pg_prove, the README's
# getting-started session and reference index, then the upgrade test: from every released version, ALTER EXTENSION terrind UPDATE
# must give the catalog of a fresh install, and both suites must pass again
# on the upgraded database.  Writes one-line results to $1/*.result.
set -uo pipefail
cd "$(dirname "$0")/.."
LOG=$1
rc=0
scripts/anct-data.sh >/dev/null || exit 1      # the pgTAP suite loads ANCT's shipped files

regress() {                    # regress LOGNAME [pg_regress options]
    local name=$1
    shift
    make -s installcheck ${1:+REGRESS_OPTS="--inputdir=. $*"} 2>&1 | tee "$LOG/$name.out"
    if [ "${PIPESTATUS[0]}" -ne 0 ]; then
        [ -f regression.diffs ] && head -200 regression.diffs
        return 1
    fi
}

pgtap() {                      # pgtap DATABASE LOGNAME
    pg_prove -d "$1" test/pgtap/*.sql 2>&1 | tee "$LOG/$2.out"
    [ "${PIPESTATUS[0]}" -eq 0 ]
}

regress regress || rc=1
grep -E -o 'All [0-9]+ tests passed|[0-9]+ of [0-9]+ tests failed' "$LOG/regress.out" > "$LOG/regress.result"

createdb terrind_tap
psql -X -q -v ON_ERROR_STOP=1 -d terrind_tap \
    -c 'CREATE EXTENSION terrind CASCADE' -c 'CREATE EXTENSION pgtap' || exit 1
pgtap terrind_tap pgtap || rc=1
sed -n 's/^Files=\([0-9]*\), Tests=\([0-9]*\),.*/\2 tests in \1 files/p' "$LOG/pgtap.out" > "$LOG/pgtap.result"
if grep -q '^Result: PASS' "$LOG/pgtap.out"; then
    sed -i 's/$/, all passed/' "$LOG/pgtap.result"
else
    sed -i 's/$/, FAILED/' "$LOG/pgtap.result"
fi

# the README's getting-started session runs as written, in a fresh database
createdb terrind_readme
if psql -X -q -c 'CREATE EXTENSION terrind CASCADE' -d terrind_readme 2>/dev/null &&
   awk '/^## Getting started/ { on = 1 } on && /^```sql/ { block = 1; next } block && /^```/ { exit } block' README.md |
   psql -X -v ON_ERROR_STOP=1 -d terrind_readme > "$LOG/readme.out" 2>&1; then
    echo "runs as written" > "$LOG/readme.result"
else
    rc=1; cat "$LOG/readme.out"; echo "FAILED" > "$LOG/readme.result"
fi

# the manual's reference index (doc/reference.md) lists every object of the extension, and nothing else
if psql -X -qAt -F $'\t' -v ON_ERROR_STOP=1 -d terrind_readme -f test/reference_index.sql |
   scripts/check-reference-index.pl doc/reference.md > "$LOG/reference.out" 2>&1; then
    echo "every object listed" > "$LOG/reference.result"
else
    rc=1; cat "$LOG/reference.out"; echo "FAILED" > "$LOG/reference.result"
fi

current=$(sed -n "s/^default_version = '\(.*\)'/\1/p" terrind.control)
psql -X -q -v ON_ERROR_STOP=1 -d terrind_tap -f test/upgrade/signature.sql > "$LOG/signature.$current" || exit 1
paths=()
for script in sql/terrind--*.sql; do
    old=${script#sql/terrind--}
    old=${old%.sql}
    case $old in *--* | "$current") continue ;; esac
    db=upgraded_from_${old//./_}
    echo "--- upgrade $old -> $current"
    createdb "$db"
    if ! psql -X -q -v ON_ERROR_STOP=1 -d "$db" -c "CREATE EXTENSION terrind VERSION '$old' CASCADE" \
            -c 'ALTER EXTENSION terrind UPDATE' -c 'CREATE EXTENSION pgtap'; then
        rc=1; paths+=("$old: UPDATE FAILED"); continue
    fi
    psql -X -q -v ON_ERROR_STOP=1 -d "$db" -f test/upgrade/signature.sql > "$LOG/signature.$old" || { rc=1; paths+=("$old: no signature"); continue; }
    if ! diff -u "$LOG/signature.$current" "$LOG/signature.$old"; then
        rc=1; paths+=("$old: catalog differs from a fresh install"); continue
    fi
    if regress "regress-upgraded-$old" --use-existing --dbname="$db" && pgtap "$db" "pgtap-upgraded-$old"; then
        paths+=("$old->$current identical catalog, suites pass")
    else
        rc=1; paths+=("$old: suites FAILED on the upgraded database")
    fi
done
IFS=';'
echo "${#paths[@]} path(s): ${paths[*]}" > "$LOG/upgrade.result"
exit $rc

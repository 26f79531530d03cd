#!/bin/bash
# Run every terrind test on this machine: install missing Debian packages,
# build the extension and install it into build/destdir, run the plain-C
# unit tests (also under ASan/UBSan), a few seconds of every fuzz target
# (make fuzz-smoke), then the SQL suites (pg_regress, pgTAP,
# upgrades from every released version), the encoding suite (UTF8, LATIN9,
# WIN1252, SQL_ASCII databases, EUC_JP install), the real clients (psycopg 3,
# psycopg2, pandas, pgJDBC, ogr2ogr) and the dump/restore test in
# throwaway clusters that load that install, and a copy of the checkout
# in a 0700 folder with spaces (the location does not matter).  Exits
# non-zero on any failure; the line before last gives each step's time, the
# last line sums up.
set -uo pipefail
cd "$(dirname "$0")/.."

LOG=$(mktemp -d /tmp/terrind-test.XXXXXX)
failed=()
summary=()

timings=()

step() {                       # step NAME COMMAND...: run, keep log, time, record
    local name=$1 t0=$SECONDS rc=0
    shift
    echo "=== $name"
    "$@" 2>&1 | tee "$LOG/$name.log" || rc=1
    timings+=("$name $((SECONDS - t0))s")
    [ $rc -eq 0 ] && return 0
    failed+=("$name")
    return 1
}

step deps scripts/install-deps.sh || { echo "terrind tests: FAIL (could not install dependencies)"; exit 1; }
step build make -j2 || { echo "terrind tests: FAIL (build)"; exit 1; }
step script-security scripts/check-script-security.pl build/terrind--*.sql sql/terrind--*.sql
summary+=("script security: $([ -s "$LOG/script-security.log" ] && echo VIOLATIONS || echo clean)")
step boundary scripts/check-boundary.pl
summary+=("boundary: $([ -s "$LOG/boundary.log" ] && echo VIOLATIONS || echo 'text crosses in src/boundary.c only')")
step release-check make -s release-check
summary+=("release: $(tail -n1 "$LOG/release-check.log")")
step install make -s stage || { echo "terrind tests: FAIL (staged install)"; exit 1; }

step unit make -s unit
summary+=("unit: $(grep -m1 -o '[0-9]* checks, [0-9]* failed' "$LOG/unit.log" || echo 'did not run')")

step fuzz-smoke make -s fuzz-smoke
summary+=("fuzz smoke: $(sed -n 's/^fuzz: //p' "$LOG/fuzz-smoke.log" | grep . || echo 'did not run')")

step sql scripts/with-cluster.sh scripts/sql-tests.sh "$LOG"
summary+=("regress: $(cat "$LOG/regress.result" 2>/dev/null || echo 'did not run')")
summary+=("pgTAP: $(cat "$LOG/pgtap.result" 2>/dev/null || echo 'did not run')")
summary+=("README session: $(cat "$LOG/readme.result" 2>/dev/null || echo 'did not run')")
summary+=("reference index: $(cat "$LOG/reference.result" 2>/dev/null || echo 'did not run')")
summary+=("upgrade: $(cat "$LOG/upgrade.result" 2>/dev/null || echo 'did not run')")

step encoding scripts/with-cluster.sh scripts/encoding-tests.sh "$LOG"
summary+=("encodings: $(cat "$LOG/encoding.result" 2>/dev/null || echo 'did not run')")

step clients scripts/with-cluster.sh scripts/clients-tests.sh "$LOG"
summary+=("psycopg/pandas: $(cat "$LOG/python.result" 2>/dev/null || echo 'did not run')")
summary+=("pgJDBC: $(cat "$LOG/jdbc.result" 2>/dev/null || echo 'did not run')")
summary+=("ogr2ogr: $(cat "$LOG/ogr.result" 2>/dev/null || echo 'did not run')")

step dump-restore scripts/with-cluster.sh scripts/dump-restore-test.sh "$LOG/dump-restore.result"
summary+=("dump/restore: $(cat "$LOG/dump-restore.result" 2>/dev/null || echo 'did not run')")

step location scripts/location-test.sh "$LOG/location.result"
summary+=("checkout location: $(cat "$LOG/location.result" 2>/dev/null || echo 'did not run')")

status=PASS
[ ${#failed[@]} -gt 0 ] && status="FAIL (${failed[*]})"
printf -v took '%s, ' "${timings[@]}"
echo "terrind test timings: ${took%, }"
IFS=';'
echo "terrind tests: $status — ${summary[*]}" | sed 's/;/; /g'
[ "$status" = PASS ]

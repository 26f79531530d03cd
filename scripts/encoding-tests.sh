#!/bin/bash
# The encoding suite (test/encoding/encoding.sql) in a UTF8, a LATIN9, a
# WIN1252 and a SQL_ASCII database, and CREATE EXTENSION in an EUC_JP one
# (whose missing euro sign format_eur reports as 22P05), inside a
# throwaway cluster (scripts/with-cluster.sh).  Writes $1/encoding.result.
set -uo pipefail
cd "$(dirname "$0")/.."
LOG=$1
rc=0
passed=()
export PGCLIENTENCODING=UTF8
for enc in UTF8 LATIN9 WIN1252 SQL_ASCII; do
    db=terrind_${enc,,}
    createdb -E "$enc" -T template0 --locale=C "$db" || { rc=1; continue; }
    if psql -X -q -v ON_ERROR_STOP=1 -d "$db" -c 'CREATE EXTENSION terrind CASCADE' -c 'CREATE EXTENSION pgtap' &&
       pg_prove -d "$db" test/encoding/encoding.sql 2>&1 | tee "$LOG/encoding-$enc.out" &&
       grep -q '^Result: PASS' "$LOG/encoding-$enc.out"; then
        passed+=("$enc")
    else
        rc=1
    fi
done
createdb -E EUC_JP -T template0 --locale=C terrind_euc_jp
if psql -X -q -v ON_ERROR_STOP=1 -d terrind_euc_jp -c 'CREATE EXTENSION terrind CASCADE' &&
   [ "$(psql -X -qAt -d terrind_euc_jp -c "SELECT terrind.need_label('competences') = 'Compétences', '12 EUR'::terrind.eur::text" \
        -c "DO \$\$ BEGIN PERFORM terrind.format_eur('1'::terrind.eur); EXCEPTION WHEN untranslatable_character THEN RAISE NOTICE '22P05'; END \$\$" 2>&1 | tr '\n' ' ')" = "t|12.00 NOTICE:  22P05 " ]; then
    passed+=("EUC_JP install")
else
    rc=1
fi
echo "suite passes in ${passed[*]}" | sed 's/ \([A-Z]\)/, \1/2g' > "$LOG/encoding.result"
[ $rc -eq 0 ] || sed -i 's/$/; FAILED elsewhere/' "$LOG/encoding.result"
cat "$LOG/encoding.result"
exit $rc

#!/bin/bash
# Dump and restore, inside a throwaway cluster (scripts/with-cluster.sh,
# called by scripts/test.sh): build a database from test/dump_restore/data/
# (every terrind type in user tables, plus rows in each table the extension
# registers with pg_extension_config_dump), pg_dump it in custom and plain
# formats, restore each into a fresh database, and diff the output of
# test/dump_restore/queries.sql.  Writes a one-line result to $1.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
result=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

sql() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }
fail() { echo "dump/restore: $*"; echo "FAILED: $*" > "$result"; exit 1; }

createdb dr_source && sql -d dr_source -c 'CREATE EXTENSION terrind CASCADE' || fail "cannot create the database"
for data in test/dump_restore/data/*.sql; do
    sql -d dr_source -f "$data" || fail "loading $data"
done
# an extension table whose user rows nobody dumps would pass unnoticed
sql -d dr_source <<'SQL' || fail "an extension config table has no user rows"
DO $$
DECLARE
    t record;
    found boolean;
BEGIN
    FOR t IN SELECT c, w FROM pg_extension e, unnest(e.extconfig, e.extcondition) u(c, w)
             WHERE e.extname = 'terrind' AND c::regclass::text NOT LIKE '%_seq' LOOP
        EXECUTE format('SELECT EXISTS (SELECT FROM %s %s)', t.c::regclass, t.w) INTO found;
        IF NOT found THEN
            RAISE EXCEPTION '% is registered with pg_extension_config_dump but has no user rows: add some in test/dump_restore/data/', t.c::regclass;
        END IF;
    END LOOP;
END $$;
SQL

pg_dump -Fc -d dr_source -f "$work/dump.custom" || fail "pg_dump -Fc"
pg_dump -Fp -d dr_source -f "$work/dump.sql" || fail "pg_dump -Fp"
sql -d dr_source -f test/dump_restore/queries.sql > "$work/source.out" || fail "queries on the source"

createdb dr_custom && pg_restore --exit-on-error -d dr_custom "$work/dump.custom" || fail "pg_restore of the custom dump"
createdb dr_plain && sql -d dr_plain -f "$work/dump.sql" > /dev/null || fail "psql restore of the plain dump"
for db in dr_custom dr_plain; do
    sql -d "$db" -f test/dump_restore/queries.sql > "$work/$db.out" || fail "queries on $db"
    diff -u "$work/source.out" "$work/$db.out" || fail "$db differs from the source"
done

relations=$(grep -c '^ *relation *|' "$work/source.out")
echo "custom and plain formats, $relations relations and $(wc -l < "$work/source.out") result lines identical" > "$result"
echo "dump/restore: $(cat "$result")"

-- Queries whose output must be the same in the dumped database and in each
-- restored copy (scripts/dump-restore-test.sh diffs them).  The first part
-- covers every relation outside the system schemas, the extension's own
-- tables included, so tables added later need nothing here; add queries
-- below for what row contents do not show (aggregates, index use).
\set ON_ERROR_STOP 1
\pset footer off
CREATE EXTENSION IF NOT EXISTS amcheck;
SET search_path = terrind, public;

-- rows and contents of every table, view, materialized view and sequence
SELECT CASE WHEN c.relkind = 'S'
            THEN format('SELECT %L AS sequence, last_value, is_called FROM %s', c.oid::regclass, c.oid::regclass)
            ELSE format('SELECT %L AS relation, count(*) AS rows, md5(string_agg(t::text, E''\n'' ORDER BY t::text)) AS contents FROM %s t',
                        c.oid::regclass, c.oid::regclass) END
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S')
  AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND n.nspname NOT LIKE 'pg\_temp\_%'
  -- other extensions' relations are theirs to check (PostGIS's geometry_columns
  -- shows the database's name)
  AND NOT EXISTS (SELECT 1 FROM pg_depend d JOIN pg_extension e ON e.oid = d.refobjid
                  WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e'
                    AND e.extname <> 'terrind')
ORDER BY c.oid::regclass::text \gexec

-- (regclass sorts by OID, which a restore changes: order by name)
-- definitions of indexes and constraints, and whether materialized views hold data
SELECT schemaname, tablename, indexdef FROM pg_indexes
WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2, 3;
SELECT conrelid::regclass, conname, pg_get_constraintdef(oid) FROM pg_constraint
WHERE connamespace NOT IN ('pg_catalog'::regnamespace, 'information_schema'::regnamespace) ORDER BY conrelid::regclass::text, conname;
SELECT oid::regclass, relispopulated FROM pg_class WHERE relkind = 'm' ORDER BY oid::regclass::text;

-- every btree index agrees with its table and its operator class
SELECT i.indexrelid::regclass AS btree_index, bt_index_check(i.indexrelid, true) AS checked
FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam
WHERE am.amname = 'btree' AND c.relnamespace NOT IN ('pg_catalog'::regnamespace, 'pg_toast'::regnamespace)
ORDER BY i.indexrelid::regclass::text;

-- aggregates over every type
SELECT sum(amount), avg(amount), min(amount), max(amount),
       sum(grant_amount) FILTER (WHERE id > 0), min(siren), max(siren), min(siret), max(siret),
       min(commune), max(commune), min(territory), max(territory)
FROM analyst.establishments;
SELECT territory, sum(amount), count(*) FROM analyst.establishments GROUP BY territory ORDER BY territory LIMIT 20;

-- rows sit in the hash partition their siren hashes to
SELECT p.oid::regclass AS partition,
       (SELECT count(*) FROM analyst.by_siren t
        WHERE t.tableoid = p.oid AND NOT satisfies_hash_partition('analyst.by_siren'::regclass, 3, r, t.siren)) AS misplaced
FROM pg_class p, LATERAL (SELECT substring(pg_get_expr(p.relpartbound, p.oid) FROM 'remainder (\d+)')::int AS r) b
WHERE p.relispartition AND p.oid::regclass::text LIKE 'analyst.by_siren_%' ORDER BY p.oid::regclass::text;

-- the restored indexes are used
SET enable_seqscan = off;
SET enable_bitmapscan = off;
EXPLAIN (COSTS OFF) SELECT id FROM analyst.establishments WHERE siren = '100079193';
SELECT id FROM analyst.establishments WHERE siren = '100079193';
EXPLAIN (COSTS OFF) SELECT count(*) FROM analyst.establishments WHERE territory = 'ti-8405';
SELECT count(*) FROM analyst.establishments WHERE territory = 'ti-8405';
EXPLAIN (COSTS OFF) SELECT count(*) FROM analyst.establishments WHERE terrind.region_of(commune) = '94';
SELECT count(*) FROM analyst.establishments WHERE terrind.region_of(commune) = '94';
RESET enable_seqscan;
RESET enable_bitmapscan;

-- facts computed from the restored employment
SELECT siren, facts FROM terrind.epci_facts(2021) ORDER BY siren;
SELECT siren, verdict, failing, margin FROM terrind.evaluate_epci(terrind.rule_set('dump-test'), 2021) ORDER BY siren;
SELECT terrind.rule_set('phase1-combined'), terrind.rule_set('phase1-combined', 1);
-- the largest accepted rule comes back whole
SELECT length(r::text), md5(r::text) FROM (SELECT terrind.rule_set('largest-rule') AS r) x;

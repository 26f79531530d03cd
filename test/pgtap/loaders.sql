-- pgTAP: loaders as a user calls them: SQLSTATEs, all-or-nothing, pg_dump
-- registration and who may load.
BEGIN;
SET search_path = terrind, public;
SELECT plan(22);

\set regions `cat test/fixtures/cog/regions.json`
\set departements `cat test/fixtures/cog/departements.json`
\set communes `cat test/fixtures/cog/communes.json`
\set epci `cat test/fixtures/cog/epci.json`
\set ept `cat test/fixtures/cog/ept.json`
\set grpt2023 `cat test/fixtures/territories/liste-ti-grpt2023-20240115.csv`
\set errors `cat test/fixtures/territories/liste-ti-errors.csv`
\set duplicates `cat test/fixtures/territories/liste-ti-duplicates.csv`
\set com2023 `cat test/fixtures/territories/liste-ti-com2023-20240115.csv`

SELECT results_eq(
    format('SELECT item, loaded FROM terrind.load_cog(2026, %L, %L, %L, %L, %L)',
           :'regions', :'departements', :'communes', :'epci', :'ept'),
    $$VALUES ('regions', 4::bigint), ('departements', 4), ('communes', 10), ('epci and ept', 4), ('epci and ept members', 7)$$,
    'load_cog returns what it loaded');
SELECT throws_ok(format('SELECT * FROM terrind.load_cog(2026, %L, %L, %L, %L, %L)', :'regions', :'departements',
                        jsonb_set(:'communes'::jsonb, '{0,code}', '"20004"'), :'epci', :'ept'),
                 '22P02', NULL, 'load_cog: a bad commune code rejects the load (22P02)');
SELECT throws_ok(format('SELECT * FROM terrind.load_cog(2026, %L, %L, %L, %L, %L)', :'regions', '{}', :'communes', :'epci', :'ept'),
                 '22023', NULL, 'load_cog: a document that is not an array (22023)');
SELECT throws_ok(format('SELECT * FROM terrind.load_cog(1900, %L, %L, %L, %L, %L)', :'regions', :'departements', :'communes', :'epci', :'ept'),
                 '22023', NULL, 'load_cog: an impossible COG year (22023)');
SELECT is((SELECT count(*) FROM commune), 10::bigint, 'a rejected COG leaves the reference data as it was');

SELECT results_eq(format('SELECT item, loaded FROM terrind.load_territories(%L, %L)', '2023-2027', :'grpt2023'),
    $$VALUES ('territories', 5::bigint), ('territories removed', 0), ('members', 8)$$,
    'load_territories returns what it loaded');
SELECT throws_ok(format('SELECT * FROM terrind.load_territories(%L, %L)', '2023-2027', :'errors'),
                 '22P02', NULL, 'bad rows reject the whole file (22P02)');
SELECT throws_ok(format('SELECT * FROM terrind.load_territories(%L, %L)', '2023-2027', :'duplicates'),
                 '23505', NULL, 'a file whose only problems are duplicates is an integrity error (23505)');
SELECT throws_ok(format('SELECT * FROM terrind.load_territories(%L, %L)', '2019-2023', :'grpt2023'),
                 '22023', 'unknown phase ''2019-2023''', 'an unknown phase (22023)');
SELECT throws_ok($$SELECT * FROM terrind.load_territories('2023-2027', NULL)$$, '22004', NULL, 'a NULL file (22004)');
SELECT throws_ok($$SELECT * FROM terrind.load_territories('2023-2027', E'a,b\n"open')$$, '22P02', NULL, 'a CSV syntax error (22P02)');
SELECT throws_ok($$SELECT * FROM terrind.load_territories('2023-2027', E'id_ti,lib_ti\n')$$, '22P02',
                 'CSV header (line 1) has no column siren_groupement or siren', 'a missing column (22P02)');
SELECT is((SELECT count(*) FROM territory_member WHERE phase = '2023-2027'), 8::bigint, 'rejected loads changed nothing');
SELECT results_eq(format('SELECT item, loaded FROM terrind.load_territory_communes(%L, %L)', '2023-2027', :'com2023'),
    $$VALUES ('commune memberships', 6::bigint), ('communes', 5)$$, 'load_territory_communes returns what it loaded');
SELECT throws_ok($$SELECT * FROM terrind.load_territory_communes('2023-2027', E'insee_com,lib_com,id_ti\n2A004,Ajaccio,ti-9401\n')$$,
                 '22P02', NULL, 'a commune list naming an unloaded territory is rejected');

SELECT is_empty($$
    SELECT c.oid::regclass::text FROM pg_class c
    JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e'
    JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'terrind'
    WHERE c.relkind = 'r' AND c.oid <> ALL (e.extconfig)
      -- the pieces are derived from territory_geometry by its triggers, which a restore fires
      AND c.oid NOT IN (SELECT i.inhrelid FROM pg_inherits i WHERE i.inhparent = 'terrind.territory_piece'::regclass)$$,
    'every table of the extension is registered with pg_extension_config_dump, so pg_dump keeps its rows');

-- who may load: not PUBLIC, not a role with SELECT and EXECUTE
CREATE ROLE terrind_test_analyst;
GRANT USAGE ON SCHEMA terrind TO terrind_test_analyst;
GRANT SELECT ON ALL TABLES IN SCHEMA terrind TO terrind_test_analyst;
SELECT ok(NOT has_function_privilege('terrind_test_analyst', 'terrind.load_territories(text, text)', 'EXECUTE'),
          'loaders are not executable by PUBLIC');
SET LOCAL ROLE terrind_test_analyst;
SELECT is((SELECT count(*) FROM terrind.territory_summary WHERE phase = '2023-2027'), 5::bigint, 'an analyst reads the summary');
SELECT lives_ok($$SELECT * FROM terrind.check_territories('2023-2027')$$, 'an analyst runs check_territories');
SELECT throws_ok(format('SELECT * FROM terrind.load_territories(%L, %L)', '2023-2027', :'grpt2023'),
                 '42501', NULL, 'an analyst cannot load');
SELECT throws_ok($$DELETE FROM terrind.territory$$, '42501', NULL, 'an analyst cannot delete territories');
RESET ROLE;
SELECT is((SELECT count(*) FROM territory WHERE phase = '2023-2027'), 5::bigint, 'the territories are still there');

SELECT * FROM finish();
ROLLBACK;

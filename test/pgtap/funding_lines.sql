-- pgTAP: funding lines as a user reaches them: exactness of every total on
-- random lines, parallel plans against serial ones, integrity through
-- INSERT and load_funding (SQLSTATEs, nothing stored), the BI views' types
-- and rollups, rates, pg_dump registration and privileges.
BEGIN;
SET search_path = terrind, public;
SELECT plan(53);

SELECT has_table('terrind', t, 'table ' || t) FROM unnest(ARRAY['funding', 'funding_source', 'funding_status', 'measure']) t;
SELECT has_view('terrind', v, 'view ' || v)
FROM unnest(ARRAY['needs', 'funding_territory_totals', 'funding_region_totals', 'funding_source_totals',
                  'funding_territory_rates', 'funding_region_rates']) v;

-- the fixture world, with geometries for phase 2023-2027 (see sql/spatial.sql)
\set regions `cat test/fixtures/cog/regions.json`
\set departements `cat test/fixtures/cog/departements.json`
\set communes `cat test/fixtures/cog/communes.json`
\set epci `cat test/fixtures/cog/epci.json`
\set ept `cat test/fixtures/cog/ept.json`
\set communes_l93 `cat test/fixtures/spatial/communes-l93.geojson`
\set epci_l93 `cat test/fixtures/spatial/epci-l93.geojson`
\set regions_l93 `cat test/fixtures/spatial/regions-l93.geojson`
SELECT count(*) FROM load_cog(2026, :'regions', :'departements', :'communes', :'epci', :'ept') \g /dev/null
\set grpt2023 `cat test/fixtures/territories/liste-ti-grpt2023-20240115.csv`
\set cdc2018 `cat test/fixtures/territories/liste-ti-2018-cdc.csv`
SELECT count(*) FROM load_territories('2023-2027', :'grpt2023') \g /dev/null
SELECT count(*) FROM load_territories('2018-2022', :'cdc2018') \g /dev/null
SELECT count(*) FROM load_boundaries('commune', :'communes_l93', 'INSEE_COM') \g /dev/null
SELECT count(*) FROM load_boundaries('groupement', :'epci_l93', 'CODE_SIREN') \g /dev/null
SELECT count(*) FROM load_boundaries('region', :'regions_l93', 'INSEE_REG') \g /dev/null
SELECT count(*) FROM refresh_territory_geometries('2023-2027') \g /dev/null

-- random lines: every territory, need of its phase, source and status;
-- amounts from cents to billions, some negative (corrections)
SELECT setseed(0.2027);
INSERT INTO funding (phase, territory_id, need, source, status, amount)
SELECT t.phase, t.id, n.code::need, s.code, st.status, a.cents * '0.01'::eur
FROM (SELECT floor(random() * 1e9)::int AS r, ((random() - 0.1) * 10 ^ (1 + floor(random() * 11)))::bigint AS cents
      FROM generate_series(1, 30000)) a
JOIN LATERAL (SELECT phase, id FROM territory ORDER BY phase, id OFFSET a.r % 7 LIMIT 1) t ON true
JOIN LATERAL (SELECT code FROM needs WHERE needs.phase = t.phase ORDER BY position OFFSET a.r / 7 % 4 LIMIT 1) n ON true
JOIN LATERAL (SELECT code FROM funding_source ORDER BY code OFFSET a.r / 28 % 11 LIMIT 1) s ON true
JOIN LATERAL (SELECT status FROM funding_status ORDER BY position OFFSET a.r / 308 % 3 LIMIT 1) st ON true;
ANALYZE funding;
SELECT ok((SELECT count(DISTINCT (territory_id, need, source, status)) = 7 * 4 * 11 * 3 AND count(DISTINCT amount) > 15000 FROM funding),
          'random lines cover every territory, need, source and status');

CREATE TEMP TABLE national AS
SELECT phase, need, status, sum(amount) AS amount FROM funding GROUP BY phase, need, status;

-- exactness ------------------------------------------------------------------
CREATE TEMP TABLE by_region AS
SELECT p.phase, m.method, r.* FROM (VALUES ('2018-2022'), ('2023-2027')) p(phase)
CROSS JOIN (VALUES ('lead'), ('population'), ('area')) m(method)
CROSS JOIN LATERAL funding_by_region(p.phase, m.method) r
WHERE m.method <> 'area' OR p.phase = '2023-2027';
SELECT is_empty($$
    SELECT n.phase, m.method, n.need, n.status FROM national n
    CROSS JOIN (VALUES ('lead'), ('population'), ('area')) m(method)
    LEFT JOIN (SELECT phase, method, need, status, sum(amount) AS amount FROM by_region GROUP BY 1, 2, 3, 4) r
           USING (phase, method, need, status)
    WHERE (m.method <> 'area' OR n.phase = '2023-2027') AND r.amount IS DISTINCT FROM n.amount$$,
    'funding_by_region: for every method, phase, need and status the regions add up to the national total to the cent');
SELECT ok(EXISTS (SELECT phase, region, need, status, amount FROM by_region WHERE method = 'population'
                  EXCEPT SELECT phase, region, need, status, amount FROM by_region WHERE method = 'lead'),
          'population splits territories spanning regions unlike lead');
SELECT is_empty($$SELECT * FROM by_region WHERE amount::numeric <> amount_numeric$$, 'amount_numeric equals amount');
SELECT is_empty($$
    SELECT s.* FROM (SELECT territory_id, need, status, sum(amount) AS amount FROM funding WHERE phase = '2023-2027'
                     GROUP BY 1, 2, 3) s
    JOIN (SELECT territory_id, array_agg(weight ORDER BY region) AS w FROM region_weights('2023-2027', 'area') GROUP BY 1) w
      USING (territory_id)
    WHERE (SELECT sum(p) FROM unnest(apportion(s.amount, w.w)) p) <> s.amount$$,
    'each territory''s sum per need and status is apportioned into parts adding up to it');
SELECT is_empty($$
    SELECT d.phase, d.need, d.status FROM
        (SELECT phase, need, status, sum(amount) AS amount FROM funding_territory_totals
         WHERE level = 'territory, need, status' GROUP BY 1, 2, 3) d
    FULL JOIN (SELECT phase, need::text, status, amount FROM national) n USING (phase, need, status)
    WHERE d.amount IS DISTINCT FROM n.amount$$,
    'funding_territory_totals: territories add up to the national total of each need and status');
SELECT is_empty($$
    SELECT t.phase, t.status FROM
        (SELECT phase, status, sum(amount) AS amount FROM funding_territory_totals WHERE level = 'territory, status' GROUP BY 1, 2) t
    FULL JOIN (SELECT phase, status, amount FROM funding_territory_totals WHERE level = 'status') s USING (phase, status)
    FULL JOIN (SELECT phase, status, sum(amount) AS amount FROM national GROUP BY 1, 2) n USING (phase, status)
    WHERE t.amount IS DISTINCT FROM s.amount OR s.amount IS DISTINCT FROM n.amount$$,
    'funding_territory_totals: territory rollups and phase totals agree with the lines');
SELECT is_empty($$
    SELECT phase, region, need, status, amount FROM funding_region_totals WHERE level = 'region, need, status'
    EXCEPT
    SELECT phase, region, need::text, status, amount_numeric FROM by_region WHERE method = 'lead'$$,
    'funding_region_totals equals funding_by_region with the lead method');
SELECT is_empty($$
    SELECT phase, status, amount FROM funding_source_totals WHERE level = 'status'
    EXCEPT SELECT phase, status, sum(amount)::numeric FROM national GROUP BY 1, 2$$,
    'funding_source_totals: the funnel rows are the national totals per status');
SELECT is_empty($$
    SELECT phase, announced, engaged, deployed FROM funding_region_rates WHERE level = 'phase'
    EXCEPT SELECT phase, announced, engaged, deployed FROM funding_territory_rates WHERE level = 'phase'$$,
    'rates: the phase rows of the region and territory views agree');
SELECT is((SELECT deployment_rate FROM funding_territory_rates WHERE phase = '2023-2027' AND level = 'phase'),
          (SELECT round(sum(amount) FILTER (WHERE status = 'deployed')::numeric / sum(amount) FILTER (WHERE status = 'engaged')::numeric, 4)
           FROM national WHERE phase = '2023-2027'),
          'deployment rate of a phase: deployed ÷ engaged');
SELECT is(deployment_rate(1, 0), NULL, 'deployment_rate: NULL when nothing is engaged');
SELECT is(deployment_rate(NULL, 8), 0.0000, 'deployment_rate: nothing deployed is 0');
SELECT is(deployment_rate(1, 3), 0.3333, 'deployment_rate: 4 decimals');
SELECT is((SELECT count(*) FROM funding_territory_rates WHERE level = 'territory'), (SELECT count(*) FROM territory),
          'funding_territory_rates lists every territory');

-- forced parallel plans give the serial results --------------------------------
CREATE TEMP TABLE serial_views AS
SELECT 'territory' AS v, phase, level, territory_id AS k, need, status, amount FROM funding_territory_totals
UNION ALL SELECT 'region', phase, level, region, need, status, amount FROM funding_region_totals
UNION ALL SELECT 'source', phase, level, source, NULL, status, amount FROM funding_source_totals;
\ir include/force_parallel.sql
SELECT matches(pg_temp.plan($$SELECT territory_id, need, status, sum(amount) FROM terrind.funding
                              WHERE phase = '2023-2027' GROUP BY 1, 2, 3$$),
               'Finalize .*Aggregate.*Gather.*Partial .*Aggregate',
               'the per-territory sums funding_by_region splits run as a parallel aggregate');
SELECT matches(pg_temp.plan('SELECT * FROM terrind.funding_territory_totals'), 'Gather',
               'funding_territory_totals scans the lines in parallel');
SELECT set_eq($$SELECT phase, method, region, need, status, amount FROM by_region$$,
              $$SELECT p.phase, m.method, r.region, r.need, r.status, r.amount
                FROM (VALUES ('2018-2022'), ('2023-2027')) p(phase)
                CROSS JOIN (VALUES ('lead'), ('population'), ('area')) m(method)
                CROSS JOIN LATERAL terrind.funding_by_region(p.phase, m.method) r
                WHERE m.method <> 'area' OR p.phase = '2023-2027'$$,
              'funding_by_region: parallel results equal serial ones, every method');
SELECT set_eq($$SELECT * FROM serial_views$$,
              $$SELECT 'territory' AS v, phase, level, territory_id AS k, need, status, amount FROM terrind.funding_territory_totals
                UNION ALL SELECT 'region', phase, level, region, need, status, amount FROM terrind.funding_region_totals
                UNION ALL SELECT 'source', phase, level, source, NULL, status, amount FROM terrind.funding_source_totals$$,
              'BI views: parallel results equal serial ones');
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;

-- the views' columns are plain types BI tools read ---------------------------
SELECT is_empty($$
    SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod) FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
    WHERE c.relnamespace = 'terrind'::regnamespace AND c.relkind = 'v' AND a.attnum > 0
      AND (c.relname LIKE 'funding%' OR c.relname = 'needs')
      AND NOT (a.atttypid IN ('text'::regtype, 'bigint'::regtype, 'integer'::regtype, 'date'::regtype)
               OR format_type(a.atttypid, a.atttypmod) = 'numeric(19,2)'
               OR (a.attname = 'deployment_rate' AND a.atttypid = 'numeric'::regtype)
               OR (c.relname = 'funding_layer' AND a.atttypid = 'geometry'::regtype))$$,
    'BI views: text, integer, bigint, date, numeric(19,2) amounts, a numeric rate (and funding_layer''s geometry)');

-- integrity: refused with a clear SQLSTATE, nothing stored ---------------------
SELECT count(*) AS lines_before FROM funding \gset
SELECT throws_ok($$INSERT INTO terrind.funding (phase, territory_id, need, source, status, amount)
                   VALUES ('2023-2027', 'ti-7510', 'recruter', 'pia', 'engaged', 1)$$,
                 '23514', 'new row for relation "funding" violates check constraint "funding_need_of_its_phase"',
                 'INSERT: a need of another phase (23514)');
SELECT throws_ok($$INSERT INTO terrind.funding (phase, territory_id, need, source, status, amount)
                   VALUES ('2023-2027', 'ti-7599', 'foncier', 'pia', 'engaged', 1)$$,
                 '23503', NULL, 'INSERT: an unknown territory (23503)');
SELECT throws_ok($$INSERT INTO terrind.funding (phase, territory_id, need, source, status, amount)
                   VALUES ('2018-2022', 'ti-7510', 'recruter', 'pia', 'engaged', 1)$$,
                 '23503', NULL, 'INSERT: a territory of the other phase (23503)');
SELECT throws_ok($$INSERT INTO terrind.funding (phase, territory_id, need, source, status, amount)
                   VALUES ('2023-2027', 'ti-7510', 'foncier', 'pia', 'engaged', '12,345')$$,
                 '22P02', NULL, 'INSERT: a malformed amount (22P02)');
SELECT throws_ok($$INSERT INTO terrind.funding (phase, territory_id, need, measure, source, status, amount)
                   VALUES ('2018-2022', 'ti-8413', 'innover', 'vte', 'pia', 'engaged', 1)$$,
                 '23503', NULL, 'INSERT: a measure of another need (23503)');
SELECT throws_ok($$INSERT INTO terrind.funding (phase, territory_id, need, source, status, amount)
                   VALUES ('2023-2027', 'ti-7510', 'foncier', 'pia', 'paid', 1)$$,
                 '23503', NULL, 'INSERT: an unknown status (23503)');
SELECT throws_ok(format('SELECT * FROM terrind.load_funding(%L)', E'phase,id_ti,need,source,status,amount\n'
                        '2023-2027,ti-7510,foncier,pia,engaged,10\n2023-2027,ti-7510,recruter,pia,engaged,10\n'),
                 '22P02', 'load_funding: 1 problem in 2 rows, nothing loaded', 'load_funding: a need of another phase rejects the file (22P02)');
SELECT throws_ok(format('SELECT * FROM terrind.load_funding(%L)', E'phase,id_ti,need,source,status,amount\n'
                        '2023-2027,ti-7510,foncier,pia,engaged,10\n2023-2027,ti-7599,foncier,pia,engaged,10\n'),
                 '22P02', NULL, 'load_funding: an unknown territory rejects the file (22P02)');
SELECT throws_ok(format('SELECT * FROM terrind.load_funding(%L)', E'phase,id_ti,need,source,status,amount\n'
                        '2023-2027,ti-7510,foncier,pia,engaged,10\n2023-2027,ti-7510,foncier,pia,engaged,1 2\n'),
                 '22P02', NULL, 'load_funding: a malformed amount rejects the file (22P02)');
SELECT throws_ok($$SELECT * FROM terrind.load_funding(E'phase,id_ti,need,source,status\n')$$, '22P02',
                 'CSV header (line 1) has no column amount or montant', 'load_funding: a missing column (22P02)');
SELECT throws_ok($$SELECT * FROM terrind.load_funding(NULL)$$, '22004', NULL, 'load_funding: a NULL file (22004)');
SELECT is((SELECT count(*) FROM funding), :lines_before::bigint, 'refused lines and files stored nothing');
SELECT throws_ok(format('SELECT * FROM terrind.load_territories(%L, %L)', '2023-2027',
                        E'id_ti,lib_ti,siren_groupement,lib_groupement,nature_juridique\nti-8402,Bresse,200071173,Bourg,CA\n'),
                 '23503', NULL, 'load_territories: a list dropping territories with funding lines is refused (23503)');
-- the foreign key is ON DELETE RESTRICT, a restrict_violation (23001) on PostgreSQL 18, 23503 before
SELECT throws_ok($$DELETE FROM terrind.territory WHERE phase = '2023-2027' AND id = 'ti-7510'$$,
                 CASE WHEN current_setting('server_version_num')::int >= 180000 THEN '23001' ELSE '23503' END, NULL,
                 'DELETE of a territory with funding lines is refused (23503, 23001 from PostgreSQL 18)');
SELECT is((SELECT count(*) FROM territory), 7::bigint, 'the territories are all still there');

-- errors of funding_by_region --------------------------------------------------
SELECT throws_ok($$SELECT * FROM terrind.funding_by_region('2023-2027', 'surface')$$, '22023',
                 'unknown method ''surface'' to split territories among regions', 'funding_by_region: unknown method (22023)');
SELECT throws_ok($$SELECT * FROM terrind.funding_by_region('2024')$$, '22023', NULL, 'funding_by_region: unknown phase (22023)');
SELECT throws_ok($$SELECT * FROM terrind.funding_by_region('2018-2022', 'area')$$, '55000', NULL,
                 'funding_by_region: area without territory geometries (55000)');
INSERT INTO funding (phase, territory_id, need, source, status, amount) VALUES
    ('2018-2022', 'ti-8418', 'attirer', 'pia', 'announced', '92233720368547758.07'),
    ('2018-2022', 'ti-8418', 'attirer', 'pia', 'announced', '92233720368547758.07');
SELECT throws_ok($$SELECT * FROM terrind.funding_by_region('2018-2022', 'population')$$, '22003', NULL,
                 'funding_by_region: a total beyond the eur range (22003)');
SELECT throws_ok($$SELECT * FROM terrind.funding_territory_totals$$, '22003', NULL,
                 'funding_territory_totals: a total beyond the eur range (22003)');

-- pg_dump keeps user rows, not the seeded ones; loaders are not for PUBLIC --------
SELECT ok((SELECT 'terrind.funding_id_seq'::regclass = ANY (extconfig) FROM pg_extension WHERE extname = 'terrind'),
          'the sequence of funding.id is registered for pg_dump');
INSERT INTO funding_source (code, name, kind) VALUES ('feder', 'FEDER', 'programme');
INSERT INTO measure (phase, code, need, label) VALUES ('2023-2027', 'friches', 'foncier', 'Fonds friches');
CREATE FUNCTION pg_temp.dumped(tab text) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    n bigint;
BEGIN
    EXECUTE format('SELECT count(*) FROM %s %s', tab,
                   (SELECT x.cond FROM pg_extension e, unnest(e.extconfig, e.extcondition) x(rel, cond)
                    WHERE e.extname = 'terrind' AND x.rel = tab::regclass)) INTO n;
    RETURN n;
END $$;
SELECT results_eq($$SELECT pg_temp.dumped(t) FROM unnest(ARRAY['terrind.funding_source', 'terrind.funding_status', 'terrind.measure']) t$$,
                  $$VALUES (1::bigint), (0), (1)$$, 'pg_dump keeps the rows users add to the reference tables, not the seeded ones');
SELECT ok(NOT has_function_privilege('public', 'terrind.load_funding(text, boolean)', 'EXECUTE'),
          'load_funding is not executable by PUBLIC');

SELECT * FROM finish();
ROLLBACK;

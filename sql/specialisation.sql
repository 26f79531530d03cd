-- specialisation indicators: specificity, krugman() and gini_specialisation()
-- against hand-computed values, their properties, NULLs, errors, the state.
SET search_path = terrind, public;
\set VERBOSITY default

-- jobs by zone and sector; the reference area is the sum of the zones
CREATE TEMP TABLE employment (zone text, sector text, jobs float8);
INSERT INTO employment VALUES
    ('A', 'industry', 10), ('A', 'building', 30), ('A', 'services', 60),
    ('B', 'industry', 20), ('B', 'building', 40), ('B', 'services', 40),
    ('C', 'industry', 70), ('C', 'building', 130), ('C', 'services', 1900);
CREATE TEMP VIEW by_sector AS
SELECT zone, sector, jobs, sum(jobs) OVER (PARTITION BY sector) AS area_jobs,
       sum(jobs) OVER (PARTITION BY zone) AS zone_jobs, sum(jobs) OVER () AS all_jobs
FROM employment;

-- A against the rest (90, 170, 1940 of 2200; A has 100), by hand:
--   Krugman = 1/2 (|0.1 - 90/2200| + |0.3 - 170/2200| + |0.6 - 1940/2200|) = 31/110 = 0.28181818...
--   Gini against the whole area (100, 200, 2000 of 2300, as ANCT's
--   specificite::gini_spe): sectors by location quotient (services,
--   industry, building), Lorenz area:
--   1 - [2000 (0 + 60) + 100 (60 + 70) + 200 (70 + 100)] / (100 * 2300) = 0.27391304...
SELECT zone, krugman(jobs, area_jobs), gini_specialisation(jobs, area_jobs)
FROM by_sector GROUP BY zone ORDER BY zone;
SELECT round(krugman(jobs, area_jobs)::numeric, 12) = round(31 / 110.0, 12) AS krugman_a,
       round(gini_specialisation(jobs, area_jobs)::numeric, 12) = round(1 - 167000 / 230000.0, 12) AS gini_a
FROM by_sector WHERE zone = 'A';

-- the same Krugman written in plain SQL from its definition
SELECT zone, round(k::numeric, 12) = round(krugman::numeric, 12) AS same_as_definition
FROM (SELECT zone, 0.5 * sum(abs(jobs / zone_jobs - (area_jobs - jobs) / (all_jobs - zone_jobs))) AS k,
             krugman(jobs, area_jobs)
      FROM by_sector GROUP BY zone) s ORDER BY zone;

-- specificity of each zone in each sector; 1 means as in the rest of the area
SELECT zone, sector, round(specificity(jobs, zone_jobs, area_jobs, all_jobs)::numeric, 6) AS r
FROM by_sector WHERE zone IN ('A', 'B') ORDER BY zone, sector;
SELECT specificity(30, 100, 1000, 10000) AS by_hand_3_0618556701030926;

-- as window functions, the same values on every row of the zone, and running
SELECT zone, sector, krugman(jobs, area_jobs) OVER (PARTITION BY zone) AS zone_krugman,
       round(gini_specialisation(jobs, area_jobs) OVER (PARTITION BY zone ORDER BY sector)::numeric, 6) AS running_gini
FROM by_sector WHERE zone IN ('A', 'B') ORDER BY zone, sector;

-- properties on many zones: both in [0, 1], 0 for the reference structure
CREATE TEMP TABLE many AS
SELECT z, s, floor(random() * 1000) AS jobs FROM generate_series(1, 200) z, generate_series(1, 17) s;
-- zone 0 has as many jobs as all the others together, sector by sector
INSERT INTO many SELECT 0, s, sum(jobs) FROM many GROUP BY s;
SELECT bool_and(k BETWEEN 0 AND 1) AS krugman_in_unit, bool_and(g BETWEEN 0 AND 1) AS gini_in_unit,
       bool_and(k = 0 AND g = 0) FILTER (WHERE z = 0) AS zero_for_reference_structure
FROM (SELECT z, krugman(jobs, area) AS k, gini_specialisation(jobs, area) AS g
      FROM (SELECT z, jobs, sum(jobs) OVER (PARTITION BY s) AS area FROM many) m
      GROUP BY z) t;
-- a zone that is a tenth of the area in every sector has the area's structure
SELECT krugman(x_ik, x_k), gini_specialisation(x_ik, x_k)
FROM (VALUES (10., 100.), (25, 250), (7, 70), (0, 0)) t(x_ik, x_k);
-- a zone whose jobs are all in a sector absent elsewhere: 1
SELECT krugman(x_ik, x_k), gini_specialisation(x_ik, x_k)
FROM (VALUES (50., 50.), (0, 100), (0, 30)) t(x_ik, x_k);

-- NULL when undefined: no rows, no jobs in the zone, no jobs outside it
SELECT krugman(x_ik, x_k) IS NULL AS empty, gini_specialisation(x_ik, x_k) IS NULL AS empty_gini
FROM (VALUES (1., 2.)) t(x_ik, x_k) WHERE false;
SELECT krugman(x_ik, x_k), gini_specialisation(x_ik, x_k) FROM (VALUES (0., 10.), (0, 5)) t(x_ik, x_k);
SELECT krugman(x_ik, x_k), gini_specialisation(x_ik, x_k) FROM (VALUES (10., 10.), (5, 5)) t(x_ik, x_k);
-- rows with a NULL are skipped
SELECT krugman(x_ik, x_k) FROM (VALUES (10., 100.), (NULL, 250), (90, NULL), (30, 200), (60, 2000)) t(x_ik, x_k);
SELECT specificity(0, 0, 10, 100) AS zone_without_jobs, specificity(5, 100, 10, 100) AS zone_is_area,
       specificity(10, 20, 10, 100) AS sector_only_here, specificity(NULL, 1, 1, 1) AS strict;

-- inconsistent counts: 22023
SELECT krugman(x_ik, x_k) FROM (VALUES (-1., 10.)) t(x_ik, x_k);
SELECT krugman(x_ik, x_k) FROM (VALUES (20., 10.)) t(x_ik, x_k);
SELECT krugman(x_ik, x_k) FROM (VALUES ('NaN'::float8, 10.)) t(x_ik, x_k);
SELECT specificity(200, 100, 1000, 10000);
SELECT specificity(10, 100, 1000, 'Infinity');

-- the partial state: text (what Citus ships), final functions called on it
SELECT '[[10,100], [30,200] ,[60,2000]]'::specialisation_state AS state,
       krugman_final('[[10,100],[30,200],[60,2000]]') AS k,
       specialisation_combine('[[10,100]]', '[[30,200],[60,2000]]') AS combined,
       specialisation_accum('[]', 1.5, 2) AS accumulated;
SELECT '[[1,2]'::specialisation_state;
SELECT '[[3,2]]'::specialisation_state;
SELECT '[[1,-2]]'::specialisation_state;
SELECT '{1,2}'::specialisation_state;

-- binary COPY round trip of the state, and bad binary input: 22P03
CREATE TEMP TABLE states (id int, st specialisation_state);
INSERT INTO states VALUES (1, '[[10,100],[30,200],[60,2000]]'), (2, '[]'), (3, '[[0.1,0.30000000000000004]]');
\copy states TO 'results/specialisation_states.bin' WITH (FORMAT binary)
CREATE TEMP TABLE states_back (LIKE states);
\copy states_back FROM 'results/specialisation_states.bin' WITH (FORMAT binary)
SELECT id, st::text, krugman_final(st) FROM states_back ORDER BY id;
CREATE TEMP TABLE raw (id int, bytes bytea);
INSERT INTO raw VALUES (1, '\x010000000140240000000000004000000000000000');
\copy raw TO 'results/specialisation_raw.bin' WITH (FORMAT binary)
\copy states_back FROM 'results/specialisation_raw.bin' WITH (FORMAT binary)
TRUNCATE raw;
INSERT INTO raw VALUES (1, '\x0100000002402400000000000040590000');
\copy raw TO 'results/specialisation_raw.bin' WITH (FORMAT binary)
\copy states_back FROM 'results/specialisation_raw.bin' WITH (FORMAT binary)

-- parallel plans (partial aggregates combined) give the serial results
CREATE TEMP TABLE big AS
SELECT z % 50 AS zone, s AS sector, (z * 7919 + s * 104729) % 1000 AS jobs
FROM generate_series(1, 20000) z, generate_series(1, 5) s;
CREATE TEMP TABLE big_area AS SELECT sector, sum(jobs) AS area_jobs FROM big GROUP BY sector;
CREATE TABLE big_rows AS SELECT zone, jobs, area_jobs FROM big JOIN big_area USING (sector);
ANALYZE big_rows;
CREATE TEMP TABLE serial AS
SELECT zone, krugman(jobs, area_jobs) AS k, gini_specialisation(jobs, area_jobs) AS g FROM big_rows GROUP BY zone;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
CREATE FUNCTION pg_temp.plan(q text) RETURNS SETOF text LANGUAGE plpgsql AS $$
BEGIN RETURN QUERY EXECUTE 'EXPLAIN (COSTS OFF) ' || q; END $$;
SELECT bool_or(p ~ 'Partial') AS partial_aggregate
FROM pg_temp.plan('SELECT zone, krugman(jobs, area_jobs), gini_specialisation(jobs, area_jobs) FROM big_rows GROUP BY zone') p;
SELECT count(*) AS zones,
       count(*) FILTER (WHERE abs(p.k - s.k) < 1e-12 AND abs(p.g - s.g) < 1e-12) AS same
FROM (SELECT zone, krugman(jobs, area_jobs) AS k, gini_specialisation(jobs, area_jobs) AS g FROM big_rows GROUP BY zone) p
JOIN serial s USING (zone);
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
RESET parallel_leader_participation;
DROP TABLE big_rows;

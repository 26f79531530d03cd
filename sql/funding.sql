-- Funding: needs, need breakdowns and their aggregates.
SET search_path = terrind, public;
\set VERBOSITY default

-- needs: codes and French labels, in any case, with or without accents
SELECT v AS input, v::need AS need, need_phase(v::need) AS phase, need_label(v::need) AS label
FROM (VALUES ('recruter'), ('Innover'), ('ATTIRER'), (' simplifier '), ('Compétences'),
             ('COMPÉTENCES'), ('innovation'), ('Transition écologique'),
             ('transition-ecologique'), ('foncier')) t(v);
-- sorted by phase, then in the programme's order
SELECT array_agg(n ORDER BY n) AS needs, min(n), max(n)
FROM unnest('{foncier,recruter,competences,simplifier,innover,transition_ecologique,attirer,innovation}'::need[]) n;
SELECT 'recruter'::need < 'competences'::need AS phase_first, 'foncier'::need = 'Foncier' AS same;
SELECT ''::need;
SELECT 'recrutement'::need;
SELECT 'transition_écologiques'::need;

-- need_breakdown: non-zero needs in need order, amounts as eur reads them
SELECT v AS input, v::need_breakdown AS breakdown
FROM (VALUES ('{}'), (' { } '), ('{recruter: 1234.56, innover: 10.00}'),
             ('{innover:10,recruter:1234.56}'), ('{recruter: 1,5, innover: 2}'),
             ('{Recruter: 1 234 567,89 €, Foncier: 1,36 Md€}'),
             ('{"Transition écologique": 12.5, "Compétences": -3}'),
             ('{recruter: 0, attirer: 0.00}'),
             ('{foncier: 92233720368547758.07, recruter: -92233720368547758.08}')) t(v);
SELECT 'recruter: 1'::need_breakdown;
SELECT '{recruter 1}'::need_breakdown;
SELECT '{recrue: 1}'::need_breakdown;
SELECT '{recruter: 1, Recruter: 2}'::need_breakdown;
SELECT '{recruter: 1 innover: 2}'::need_breakdown;
SELECT '{recruter: abc}'::need_breakdown;
SELECT '{recruter: 0,001}'::need_breakdown;
SELECT '{foncier: 92233720368547758.08}'::need_breakdown;

-- operators, accessors, jsonb
SELECT a + b AS sum, a = b AS eq, a <> b AS ne, a + b = b + a AS commutes,
       a = '{innover: 2, recruter: 1}' AS order_free
FROM (VALUES ('{recruter: 1, innover: 2}'::need_breakdown, '{innover: -2, foncier: 0.05}'::need_breakdown)) t(a, b);
SELECT amount(b, 'recruter') AS recruter, amount(b, 'attirer') AS attirer, total(b)
FROM (VALUES ('{recruter: 1234.56, foncier: -0.56}'::need_breakdown)) t(b);
SELECT '{foncier: 92233720368547758.07}'::need_breakdown + '{foncier: 0.01}';
SELECT total('{recruter: 92233720368547758.07, foncier: 0.01}');
SELECT total('{recruter: 92233720368547758.07, foncier: -0.01, innover: 0.01}');
SELECT '{recruter: 1234.56, transition_ecologique: 10, competences: -0.5}'::need_breakdown::jsonb AS labels,
       '{}'::need_breakdown::jsonb AS empty;
SELECT ('{innover: 10.05}'::need_breakdown::jsonb ->> 'Innover')::numeric AS as_numeric;

-- sum_by_need and sum(need_breakdown): exact, NULL amounts and needs skipped
CREATE TEMP TABLE lines (region text, need need, amount eur);
INSERT INTO lines
SELECT (ARRAY['11', '44', '84'])[1 + i % 3],
       (ARRAY['recruter', 'innover', 'attirer', 'simplifier', 'competences', 'innovation',
              'transition_ecologique', 'foncier'])[1 + (i * 7) % 8]::need,
       ((i * 7919) % 1000003 - 300000)::bigint * '0.01'::eur
FROM generate_series(1, 3000) i;
INSERT INTO lines VALUES ('11', NULL, '5'), ('11', 'foncier', NULL), (NULL, 'recruter', '0.07');
SELECT region, sum_by_need(amount, need) FROM lines GROUP BY region ORDER BY region;
-- the breakdown agrees with sum() per need, rollups with the flat aggregate
SELECT bool_and(amount(b.total, n.need) = coalesce(s.sum, '0')) AS per_need_equal
FROM (SELECT sum_by_need(amount, need) AS total FROM lines) b
CROSS JOIN (SELECT DISTINCT need FROM lines WHERE need IS NOT NULL) n
LEFT JOIN (SELECT need, sum(amount) FROM lines GROUP BY need) s USING (need);
SELECT (SELECT sum(b) FROM (SELECT sum_by_need(amount, need) AS b FROM lines GROUP BY region) r)
     = (SELECT sum_by_need(amount, need) FROM lines) AS rollup_equal;
SELECT region, sum(b) FROM (SELECT region, sum_by_need(amount, need) AS b FROM lines GROUP BY region) r
GROUP BY ROLLUP (region) ORDER BY GROUPING(region), region;
SELECT sum_by_need(amount, need) IS NULL AS no_rows, sum(NULL::need_breakdown) IS NULL AS only_nulls
FROM lines WHERE false;
SELECT sum_by_need(amount, need) FROM (VALUES (NULL::eur, 'recruter'::need), ('1', NULL)) t(amount, need);
-- 128-bit intermediate sums: only a total beyond the eur range is an error
SELECT sum_by_need(a, 'foncier') FROM (VALUES ('92233720368547758.07'::eur), ('92233720368547758.07'),
       ('-92233720368547758.07'), ('-92233720368547758.07'), ('0.10')) t(a);
SELECT sum_by_need(a, 'innovation') FROM (VALUES ('92233720368547758.07'::eur), ('0.01')) t(a);
SELECT sum(b) FROM (VALUES ('{attirer: -92233720368547758.08}'::need_breakdown), ('{attirer: -0.01}')) t(b);
-- the state, as Citus ships it
SELECT '(1,-2,0,0,0,0,0,0,3)'::need_breakdown_state;
SELECT '(1,2,3)'::need_breakdown_state;

-- forced parallel plans give the results of serial ones (temporary tables are never scanned in parallel)
CREATE TABLE many AS
SELECT (i % 7)::text AS region,
       (ARRAY['recruter', 'innover', 'attirer', 'simplifier', 'competences', 'innovation',
              'transition_ecologique', 'foncier'])[1 + (i * 13) % 8]::need AS need,
       ((i * 104729) % 2000003 - 1000000) * '0.01'::eur AS amount
FROM generate_series(1::bigint, 50000) i;
ANALYZE many;
CREATE TEMP TABLE serial_results AS
SELECT region, sum_by_need(amount, need) AS b FROM many GROUP BY region;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
CREATE FUNCTION pg_temp.plan(query text) RETURNS SETOF text LANGUAGE plpgsql AS
$$BEGIN RETURN QUERY EXECUTE 'EXPLAIN (COSTS OFF) ' || query; END$$;
SELECT bool_or(p ~ 'Partial .*Aggregate') AS partial, bool_or(p ~ 'Finalize .*Aggregate') AS finalize
FROM pg_temp.plan('SELECT region, sum_by_need(amount, need) FROM many GROUP BY region') p;
SELECT bool_or(p ~ 'Partial .*Aggregate') AS partial, bool_or(p ~ 'Finalize .*Aggregate') AS finalize
FROM pg_temp.plan('SELECT sum_by_need(amount, need) FROM many') p;
SELECT count(*) AS regions, bool_and(s.b = p.b) AS same
FROM serial_results s JOIN (SELECT region, sum_by_need(amount, need) AS b FROM many GROUP BY region) p USING (region);
SELECT (SELECT sum_by_need(amount, need) FROM many) = (SELECT sum(b) FROM serial_results) AS same_total;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
DROP TABLE many;

-- binary COPY round trips, and binary input checked like text input
-- (a file in the throwaway cluster's data directory)
SELECT current_setting('data_directory') || '/terrind-funding.bin' AS copyfile \gset
CREATE TEMP TABLE typed (n need, b need_breakdown);
INSERT INTO typed VALUES ('recruter', '{}'), ('foncier', '{recruter: -1234.56, foncier: 92233720368547758.07}'),
    ('Compétences', '{competences: 0.01, innovation: -92233720368547758.08, attirer: 7}');
COPY typed TO :'copyfile' (FORMAT binary);
CREATE TEMP TABLE typed_back (LIKE typed);
COPY typed_back FROM :'copyfile' (FORMAT binary);
SELECT t.n, t.b, t.b = b.b AS same FROM typed t JOIN typed_back b USING (n) ORDER BY n;
CREATE TEMP TABLE raw (n bytea, b bytea);
INSERT INTO raw VALUES ('\x0009', '\x0100');
COPY raw TO :'copyfile' (FORMAT binary);
COPY typed_back FROM :'copyfile' (FORMAT binary);
UPDATE raw SET n = '\x0001', b = '\x0101000200000000000001';
COPY raw TO :'copyfile' (FORMAT binary);
COPY typed_back FROM :'copyfile' (FORMAT binary);
UPDATE raw SET b = '\x0201';
COPY raw TO :'copyfile' (FORMAT binary);
COPY typed_back FROM :'copyfile' (FORMAT binary);
CREATE TEMP TABLE states (s need_breakdown_state);
INSERT INTO states VALUES ('(1,-18446744073709551616,0,0,0,0,0,0,3)');
COPY states TO :'copyfile' (FORMAT binary);
COPY states FROM :'copyfile' (FORMAT binary);
SELECT s FROM states;
CREATE TEMP TABLE raw_state (s bytea);
INSERT INTO raw_state VALUES ('\x01');
COPY raw_state TO :'copyfile' (FORMAT binary);
COPY states FROM :'copyfile' (FORMAT binary);

-- pgTAP: needs, need breakdowns, their aggregates and apportion() as a user
-- calls them: every error's SQLSTATE, and exactness on random data.
BEGIN;
SET search_path = terrind, public;
SELECT plan(64);

SELECT has_type('terrind', t, 'type ' || t || ' exists')
FROM unnest(ARRAY['need', 'need_breakdown', 'need_breakdown_state']) t;

-- need --------------------------------------------------------------------
SELECT is('Transition écologique'::need::text, 'transition_ecologique', 'need: French label in, code out');
SELECT is('COMPÉTENCES'::need, 'competences'::need, 'need: upper case and accents');
SELECT is(need_phase('foncier'), '2023-2027', 'need_phase');
SELECT is(need_label('competences'), 'Compétences', 'need_label');
SELECT ok('simplifier'::need < 'competences'::need, 'needs sort by phase first');
SELECT throws_ok($$SELECT 'recrutement'::terrind.need$$, '22P02',
    'invalid need "recrutement": expected recruter, innover, attirer, simplifier, competences, innovation, transition_ecologique or foncier',
    'need: unknown need is 22P02 listing the codes');

-- need_breakdown: text, operators, accessors ------------------------------
SELECT is('{innover: 1 234,56 €, recruter: 1}'::need_breakdown::text, '{recruter: 1.00, innover: 1234.56}',
          'need_breakdown: eur forms in, canonical order out');
SELECT is('{recruter: 0}'::need_breakdown::text, '{}', 'need_breakdown: zero needs are not listed');
SELECT throws_ok($$SELECT '{recruter: 1'::terrind.need_breakdown$$, '22P02',
    'invalid need breakdown "{recruter: 1": expected braces around the list', 'need_breakdown: no closing brace');
SELECT throws_ok($$SELECT '{recrue: 1}'::terrind.need_breakdown$$, '22P02', NULL, 'need_breakdown: unknown need');
SELECT throws_ok($$SELECT '{foncier: 1, foncier: 2}'::terrind.need_breakdown$$, '22P02',
    'invalid need breakdown "{foncier: 1, foncier: 2}": foncier appears twice', 'need_breakdown: need given twice');
SELECT throws_ok($$SELECT '{foncier: 1,234}'::terrind.need_breakdown$$, '22P02', NULL, 'need_breakdown: ambiguous amount');
SELECT throws_ok($$SELECT '{foncier: 92233720368547758.08}'::terrind.need_breakdown$$, '22003', NULL,
    'need_breakdown: amount beyond the eur range is 22003');
SELECT throws_ok($$SELECT '{foncier: 92233720368547758.07}'::terrind.need_breakdown + '{foncier: 0.01}'$$, '22003',
    'sum for foncier is out of range for type eur', 'need_breakdown + need_breakdown: overflow is 22003');
SELECT throws_ok($$SELECT terrind.total('{recruter: -92233720368547758.08, innover: -0.01}')$$, '22003',
    'total of the breakdown is out of range for type eur', 'total(): overflow is 22003');
SELECT is(total('{recruter: 92233720368547758.07, innover: 1, foncier: -1}'), '92233720368547758.07'::eur,
          'total(): exact when the needs cancel out');
SELECT is(amount('{recruter: 5, innover: 7}', 'innover'), '7'::eur, 'amount()');
SELECT ok('{recruter: 1, innover: 2}'::need_breakdown = '{innover: 2.00, recruter: 1}', '=');
SELECT ok('{recruter: 1}'::need_breakdown <> '{recruter: -1}', '<>');
SELECT is('{recruter: 1234.56, transition_ecologique: -0.5}'::need_breakdown::jsonb,
          '{"Recruter": 1234.56, "Transition écologique": -0.50}'::jsonb, 'cast to jsonb: labels and numbers');
SELECT throws_ok($$SELECT '(1,2)'::terrind.need_breakdown_state$$, '22P02', NULL, 'need_breakdown_state: malformed text');

-- aggregates on random lines ------------------------------------------------
SELECT setseed(0.2024);
CREATE TABLE lines AS
SELECT (ARRAY['11', '24', '27', '28', '32', '44', '52', '53', '75', '76', '84', '93'])[1 + floor(random() * 12)::int] AS region,
       CASE WHEN random() < 0.02 THEN NULL
            ELSE (ARRAY['recruter', 'innover', 'attirer', 'simplifier', 'competences', 'innovation',
                        'transition_ecologique', 'foncier'])[1 + floor(random() * 8)::int]::need END AS need,
       CASE WHEN random() < 0.02 THEN NULL
            ELSE (((random() - 0.3) * 10 ^ (2 + floor(random() * 14)))::bigint) * '0.01'::eur END AS amount
FROM generate_series(1, 40000);

SELECT is_empty($$
    SELECT n.need FROM (SELECT DISTINCT need FROM lines WHERE need IS NOT NULL) n
    CROSS JOIN (SELECT sum_by_need(amount, need) AS b FROM lines) t
    LEFT JOIN (SELECT need, sum(amount) FROM lines GROUP BY need) s USING (need)
    WHERE amount(t.b, n.need) <> coalesce(s.sum, '0')$$,
    'sum_by_need totals equal sum(eur) per need, NULL amounts and needs skipped');
SELECT is((SELECT total(sum_by_need(amount, need)) FROM lines),
          (SELECT sum(amount) FROM lines WHERE need IS NOT NULL), 'the breakdown''s total equals sum(eur)');
SELECT is_empty($$
    SELECT region FROM (SELECT region, sum_by_need(amount, need) AS b FROM lines GROUP BY region) t
    FULL JOIN (SELECT region, need, sum(amount) FROM lines WHERE need IS NOT NULL GROUP BY region, need) s USING (region)
    WHERE amount(t.b, s.need) <> coalesce(s.sum, '0') OR t.b IS NULL$$,
    'per region, sum_by_need equals the GROUP BY region, need form');
SELECT is((SELECT sum(b) FROM (SELECT sum_by_need(amount, need) AS b FROM lines GROUP BY region, need) t),
          (SELECT sum_by_need(amount, need) FROM lines), 'rollup of rollups equals the flat aggregate');
SELECT is((SELECT sum(b) FROM (SELECT region, sum_by_need(amount, need) AS b FROM lines GROUP BY ROLLUP (region)) t
           WHERE region IS NOT NULL),
          (SELECT sum_by_need(amount, need) FROM lines), 'GROUP BY ROLLUP total equals the flat aggregate');
SELECT is((SELECT sum_by_need(amount, need) FROM lines WHERE false), NULL, 'sum_by_need of no rows is NULL');
SELECT is((SELECT sum(b) FROM (VALUES (NULL::need_breakdown)) t(b)), NULL, 'sum(need_breakdown) of NULLs is NULL');
SELECT is((SELECT sum_by_need(a, 'foncier') FROM (VALUES ('92233720368547758.07'::eur), ('92233720368547758.07'),
                  ('-92233720368547758.07'), ('-92233720368547758.07'), ('1')) t(a)),
          '{foncier: 1}'::need_breakdown, 'sum_by_need: intermediate sums beyond int8 are exact');
SELECT throws_ok($$SELECT terrind.sum_by_need(a, 'foncier') FROM (VALUES ('92233720368547758.07'::terrind.eur), ('0.01')) t(a)$$,
    '22003', 'sum for foncier is out of range for type eur', 'sum_by_need: a total beyond the eur range is 22003');
SELECT throws_ok($$SELECT sum(b) FROM (VALUES ('{innover: -92233720368547758.08}'::terrind.need_breakdown), ('{innover: -1}')) t(b)$$,
    '22003', 'sum for innover is out of range for type eur', 'sum(need_breakdown): a total beyond the eur range is 22003');

-- forced parallel plans give the serial results ------------------------------
CREATE TABLE serial_by_region AS SELECT region, sum_by_need(amount, need) AS b FROM lines GROUP BY region;
CREATE TABLE breakdowns AS SELECT region, need, sum_by_need(amount, need) AS b FROM lines GROUP BY region, need;
CREATE TABLE serial_rollup AS SELECT region, sum(b) AS b FROM breakdowns GROUP BY region;
ANALYZE lines, breakdowns;
\ir include/force_parallel.sql
SELECT matches(pg_temp.plan('SELECT region, sum_by_need(amount, need) FROM lines GROUP BY region'),
               'Finalize .*Aggregate.*Partial .*Aggregate', 'sum_by_need: Partial and Finalize Aggregate');
-- (over so few rows PostgreSQL 18 prefers one HashAggregate above the Gather)
SET enable_hashagg = off;
SELECT matches(pg_temp.plan('SELECT region, sum(b) FROM breakdowns GROUP BY region'),
               'Finalize .*Aggregate.*Partial .*Aggregate', 'sum(need_breakdown): Partial and Finalize Aggregate');
RESET enable_hashagg;
SELECT matches(pg_temp.plan('SELECT sum_by_need(amount, need) FROM lines'),
               'Finalize Aggregate.*Partial Aggregate', 'sum_by_need without GROUP BY: Partial and Finalize Aggregate');
SELECT set_eq('SELECT region, b::text FROM serial_by_region',
              'SELECT region, sum_by_need(amount, need)::text FROM lines GROUP BY region',
              'sum_by_need: parallel results equal serial ones');
SELECT set_eq('SELECT region, b::text FROM serial_rollup',
              'SELECT region, sum(b)::text FROM breakdowns GROUP BY region',
              'sum(need_breakdown): parallel results equal serial ones');
SELECT is((SELECT sum_by_need(amount, need) FROM lines), (SELECT sum(b) FROM serial_by_region),
          'sum_by_need without GROUP BY: parallel equals serial');
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;

-- binary COPY round trips of random values, and binary input checked ---------
CREATE TABLE typed AS
SELECT i, need, b, s FROM (
    SELECT region, need, row_number() OVER () AS i,
           sum_by_need(amount, need) OVER (PARTITION BY region ORDER BY amount) AS b,
           ('(' || (random() * 1e30)::numeric(40) || ',-1,0,0,0,0,0,' || -(random() * 1e20)::numeric(40) || ','
                || (random() * 1e9)::bigint || ')')::need_breakdown_state AS s
    FROM lines WHERE need IS NOT NULL LIMIT 3000) t;
CREATE TABLE typed_back (LIKE typed);
CREATE FUNCTION pg_temp.copy_through(source text, target text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    file text := current_setting('data_directory') || '/terrind-funding-tap.bin';
BEGIN
    EXECUTE format('COPY %I TO %L (FORMAT binary)', source, file);
    EXECUTE format('COPY %I FROM %L (FORMAT binary)', target, file);
END $$;
SELECT lives_ok($$SELECT pg_temp.copy_through('typed', 'typed_back')$$, 'binary COPY of need, need_breakdown and need_breakdown_state');
SELECT set_eq('SELECT i, need, b::text, s::text FROM typed', 'SELECT i, need, b::text, s::text FROM typed_back',
              'binary COPY round trip keeps every value');
CREATE TABLE raw (i bigint, need bytea, b bytea, s bytea);
INSERT INTO raw VALUES (1, '\x0000', '\x0100', NULL);
SELECT throws_ok($$SELECT pg_temp.copy_through('raw', 'typed_back')$$, '22P03', 'invalid need code 0: expected 1 to 8',
                 'need: binary code 0 is 22P03');
UPDATE raw SET need = '\x0001', b = '\x01010009' || '\x0000000000000001'::bytea;
SELECT throws_ok($$SELECT pg_temp.copy_through('raw', 'typed_back')$$, '22P03',
                 'invalid binary need breakdown: unknown need code 9', 'need_breakdown: binary need code 9 is 22P03');
UPDATE raw SET b = '\x01020001000000000000000100010000000000000002';
SELECT throws_ok($$SELECT pg_temp.copy_through('raw', 'typed_back')$$, '22P03',
                 'invalid binary need breakdown: repeated need code 1', 'need_breakdown: binary repeated need is 22P03');
UPDATE raw SET b = '\x0100', s = '\x02';
SELECT throws_ok($$SELECT pg_temp.copy_through('raw', 'typed_back')$$, '22P03', NULL,
                 'need_breakdown_state: malformed binary is 22P03');

-- apportion ---------------------------------------------------------------
CREATE TABLE cases AS
SELECT i, ((random() - 0.5) * 10 ^ (2 + floor(random() * 17)))::bigint * '0.01'::eur AS amount,
       ARRAY[random() + 0.001] || ARRAY(SELECT CASE WHEN random() < 0.25 THEN 0 ELSE random() * 10 ^ floor(random() * 6) END
                                       FROM generate_series(1, floor(random() * 40)::int + i % 2)) AS weights
FROM generate_series(1, 3000) i;
SELECT is_empty($$
    SELECT i FROM cases
    WHERE (SELECT sum(p) FROM unnest(apportion(amount, weights)) p) <> amount
       OR cardinality(apportion(amount, weights)) <> cardinality(weights)
       OR EXISTS (SELECT FROM unnest(apportion(amount, weights)) p WHERE sign(p::numeric) * sign(amount::numeric) < 0)$$,
    'apportion(float8[]): the parts of 3000 random amounts always add up to the amount, with its sign');
SELECT is_empty($$
    SELECT i FROM cases, LATERAL (SELECT ARRAY(SELECT round(w::numeric, (i % 9)) + 0.001 FROM unnest(weights) w) AS nw) n
    WHERE (SELECT sum(p) FROM unnest(apportion(amount, nw)) p) <> amount$$,
    'apportion(numeric[]): the parts of 3000 random amounts always add up to the amount');
SELECT is_empty($$
    SELECT i FROM cases, LATERAL (SELECT ARRAY(SELECT floor(w * 1000) FROM unnest(weights) w) AS iw) n
    WHERE (SELECT sum(w) FROM unnest(iw) w) > 0
      AND apportion(amount, iw::float8[]) <> apportion(amount, iw::numeric[])$$,
    'apportion: float8 and numeric versions agree on integer weights');
SELECT is_empty($$
    SELECT i FROM cases WHERE apportion(-amount, weights) <> ARRAY(SELECT -p FROM unnest(apportion(amount, weights)) p)$$,
    'apportion: negative amounts are mirrored');
SELECT is(apportion('100', '{1,1,1}'::float8[]), '{33.34,33.33,33.33}'::eur[], 'apportion: ties go to the lower position');
SELECT throws_ok($$SELECT terrind.apportion('1', '{}'::float8[])$$, '22023',
    'cannot apportion by an empty array of weights', 'apportion(float8[]): empty array is 22023');
SELECT throws_ok($$SELECT terrind.apportion('1', '{1,NULL}'::float8[])$$, '22023',
    'invalid weight at position 2: NULL', 'apportion(float8[]): NULL weight is 22023');
SELECT throws_ok($$SELECT terrind.apportion('1', '{1,2,-3}'::float8[])$$, '22023',
    'invalid weight at position 3: negative (-3)', 'apportion(float8[]): negative weight is 22023');
SELECT throws_ok($$SELECT terrind.apportion('1', '{NaN}'::float8[])$$, '22023',
    'invalid weight at position 1: NaN', 'apportion(float8[]): NaN weight is 22023');
SELECT throws_ok($$SELECT terrind.apportion('1', '{1,-Infinity}'::float8[])$$, '22023',
    'invalid weight at position 2: infinite', 'apportion(float8[]): infinite weight is 22023');
SELECT throws_ok($$SELECT terrind.apportion('1', '{0,0}'::float8[])$$, '22023',
    'cannot apportion by weights that are all zero', 'apportion(float8[]): all-zero weights are 22023');
SELECT throws_ok($$SELECT terrind.apportion('1', '{{1},{2}}'::float8[])$$, '22023', NULL,
    'apportion(float8[]): a 2-D array is 22023');
SELECT throws_ok($$SELECT terrind.apportion('1', '{}'::numeric[])$$, '22023', NULL, 'apportion(numeric[]): empty array is 22023');
SELECT throws_ok($$SELECT terrind.apportion('1', '{NULL,1}'::numeric[])$$, '22023',
    'invalid weight at position 1: NULL', 'apportion(numeric[]): NULL weight is 22023');
SELECT throws_ok($$SELECT terrind.apportion('1', '{1,-0.5}'::numeric[])$$, '22023',
    'invalid weight at position 2: negative (-0.5)', 'apportion(numeric[]): negative weight is 22023');
SELECT throws_ok($$SELECT terrind.apportion('1', '{1,NaN}'::numeric[])$$, '22023',
    'invalid weight at position 2: NaN', 'apportion(numeric[]): NaN weight is 22023');
SELECT CASE WHEN current_setting('server_version_num')::int >= 140000
    THEN throws_ok($$SELECT terrind.apportion('1', '{Infinity}'::numeric[])$$, '22023',
                   'invalid weight at position 1: infinite', 'apportion(numeric[]): infinite weight is 22023')
    ELSE skip('numeric has no infinity before PostgreSQL 14', 1) END;
SELECT throws_ok($$SELECT terrind.apportion('1', '{0,0.00}'::numeric[])$$, '22023',
    'cannot apportion by weights that are all zero', 'apportion(numeric[]): all-zero weights are 22023');

SELECT * FROM finish();
ROLLBACK;

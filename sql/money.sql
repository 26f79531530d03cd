-- eur: parsing, display, arithmetic, casts and aggregates.
SET search_path = terrind, public;
\set VERBOSITY default

-- what French spreadsheets and reports contain
SELECT v AS input, v::eur AS amount
FROM (VALUES ('1234.56'), ('1234,56'), ('-12,5'), ('+3'), ('1 234 567,89 €'),
             (E'1\u00a0234\u00a0567,89\u00a0€'), (E'1\u202f234\u202f567,89\u202f€'),
             ('1.234.567,89'), ('1,234,567.89'), ('1,36 Md€'), ('1,7 Mds €'),
             ('794 M€'), ('298,5 M€'), ('4 k€'), ('12,50 MEUR'), ('€1,234.56'),
             ('EUR 12'), (E'\u22123,20 €'), ('1,2000'), ('92233720368547758.07'),
             ('-92233720368547758.08')) t(v);
-- and what it refuses
SELECT '0,001'::eur;
SELECT '12,345'::eur;
SELECT '12 34'::eur;
SELECT '1.234 567'::eur;
SELECT 'abc'::eur;
SELECT '12 m€'::eur;
SELECT ''::eur;
SELECT '92233720368547758.08'::eur;

-- display
SELECT a, format_eur(a::eur), format_eur(a::eur, scaled => true)
FROM (VALUES ('0'), ('-0.05'), ('999.99'), ('4000'), ('1234567.89'), ('1360000000'),
             ('794000000'), ('999999999.99'), ('-92233720368547758.08')) t(a);

-- arithmetic, rounded half away from zero to the cent
SELECT '10.00'::eur + '0.05'::eur AS plus, '10.00'::eur - '10.05'::eur AS minus, -'1.50'::eur AS neg;
SELECT '10.00'::eur * 3 AS times_int, 3::bigint * '10.00'::eur AS int8_times,
       '10.00'::eur * 1.1 AS times_numeric, 0.5 * '0.05'::eur AS half_up,
       -0.5 * '0.05'::eur AS half_down, '0.05'::eur * 0.5::float8 AS float_half;
SELECT '10.00'::eur / 3 AS div_int, '-10.00'::eur / 3::bigint AS div_int8, '0.05'::eur / 2 AS half,
       '10.00'::eur / 3.0 AS div_numeric, '10.00'::eur / 4.0::float8 AS div_float,
       '10.00'::eur / '4.00'::eur AS ratio;
SELECT '92233720368547758.07'::eur + '0.01'::eur;
SELECT -'-92233720368547758.08'::eur;
SELECT '92233720368547758.07'::eur * 2;
SELECT '1.00'::eur / 0;
SELECT '1.00'::eur / 0.0;
SELECT '1.00'::eur / '0'::eur;
SELECT '1.00'::eur * 'NaN'::numeric;
SELECT '1.00'::eur * 'Infinity'::float8;

-- casts
SELECT 12.345::eur AS half_up, (-12.345)::eur AS half_down, 12::eur AS int4, 12::bigint::eur AS int8,
       '1234.5'::eur::numeric AS to_numeric, '7.10'::eur::text AS to_text;
SELECT 1e20::eur;
SELECT 92233720368547759::bigint::eur;

-- aggregates: exact, NULL on no rows, 128-bit intermediate sums
SELECT sum(a), avg(a), min(a), max(a), count(a)
FROM (VALUES ('1,5'::eur), ('2'), ('3.25'), (NULL)) t(a);
SELECT sum(a) IS NULL AS sum_null, avg(a) IS NULL AS avg_null FROM (SELECT '1'::eur WHERE false) t(a);
SELECT sum(a) FROM (VALUES ('92233720368547758.07'::eur), ('92233720368547758.07'),
                           ('-92233720368547758.07'), ('-92233720368547758.07'), ('1')) t(a);
SELECT sum(a) FROM (VALUES ('92233720368547758.07'::eur), ('0.01')) t(a);
SELECT avg(a) FROM (VALUES ('92233720368547758.07'::eur), ('92233720368547758.07')) t(a);
SELECT avg(a) FROM (VALUES ('0.01'::eur), ('0.02')) t(a);
SELECT avg(a) FROM (VALUES ('-0.01'::eur), ('-0.02')) t(a);
-- the state type travels as text (Citus) and parses back
SELECT '(9223372036854775808,8)'::eur_sum_state, eur_avg_final('(9223372036854775808,8)');
SELECT '(1,-2)'::eur_sum_state;

-- parallel aggregation gives the serial result
CREATE TABLE grants AS
SELECT (g % 97)::int AS territory, ((g * 7919) % 100000000 - 20000000)::bigint::eur / 100 AS amount
FROM generate_series(1, 200000) g;
ANALYZE grants;
CREATE TEMP TABLE serial AS SELECT sum(amount) AS s, avg(amount) AS a, min(amount) AS lo, max(amount) AS hi FROM grants;
CREATE TEMP TABLE serial_by AS SELECT territory, sum(amount) AS s, avg(amount) AS a FROM grants GROUP BY territory;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
EXPLAIN (COSTS OFF) SELECT sum(amount), avg(amount), min(amount), max(amount) FROM grants;
SELECT (SELECT row(s, a, lo, hi) FROM serial) = row(sum(amount), avg(amount), min(amount), max(amount)) AS same
FROM grants;
EXPLAIN (COSTS OFF) SELECT territory, sum(amount), avg(amount) FROM grants GROUP BY territory;
SELECT count(*) AS groups, bool_and(p.s = s.s AND p.a = s.a) AS same
FROM (SELECT territory, sum(amount) AS s, avg(amount) AS a FROM grants GROUP BY territory) p
JOIN serial_by s USING (territory);
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
DROP TABLE grants;

-- binary COPY round trip of eur
CREATE TEMP TABLE amounts (a eur);
INSERT INTO amounts VALUES ('0'), ('-0.01'), ('92233720368547758.07'), ('-92233720368547758.08'), ('1 234,56 €');
CREATE TEMP TABLE amounts_back (a eur);
DO $$
BEGIN
    EXECUTE format('COPY amounts TO %L (FORMAT binary)', '/tmp/terrind_amounts_' || pg_backend_pid());
    EXECUTE format('COPY amounts_back FROM %L (FORMAT binary)', '/tmp/terrind_amounts_' || pg_backend_pid());
END $$;
SELECT array_agg(a ORDER BY a) = (SELECT array_agg(a ORDER BY a) FROM amounts_back) AS identical FROM amounts;

-- binary COPY round trip of the aggregate state (as Citus ships it)
CREATE TEMP TABLE states (s eur_sum_state);
INSERT INTO states VALUES ('(0,0)'), ('(-7,2)'), ('(170141183460469231731687303715884105727,9223372036854775807)');
CREATE TEMP TABLE states_back (s eur_sum_state);
DO $$
BEGIN
    EXECUTE format('COPY states TO %L (FORMAT binary)', '/tmp/terrind_states_' || pg_backend_pid());
    EXECUTE format('COPY states_back FROM %L (FORMAT binary)', '/tmp/terrind_states_' || pg_backend_pid());
END $$;
SELECT s FROM states_back;

-- Foundation types: storage, COPY-in and sum() of (siren, commune_code, eur)
-- against the (text, text, numeric) columns an analyst would otherwise use.
SELECT (5000000 * :scale)::int AS nrows \gset
SET search_path = terrind, public;

-- valid SIRENs (Luhn check digit computed arithmetically), commune codes of
-- every département (20 is written 2A), amounts up to 10 M€ with cents
CREATE TEMP VIEW sample AS
SELECT (p * 10 + (10 - (d1 + (2 * d2) % 10 + (2 * d2) / 10 + d3 + (2 * d4) % 10 + (2 * d4) / 10
                        + d5 + (2 * d6) % 10 + (2 * d6) / 10 + d7 + (2 * d8) % 10 + (2 * d8) / 10) % 10) % 10)::text AS siren,
       CASE WHEN dep = 20 THEN '2A' ELSE lpad(dep::text, 2, '0') END || lpad((1 + g % 900)::text, 3, '0') AS commune,
       ((g::bigint * 7919) % 1000000000 / 100.0)::numeric(14, 2)::text AS amount
FROM (SELECT g, 10000000 + g AS p, 1 + g % 95 AS dep,
             (10000000 + g) / 10000000 % 10 AS d1, (10000000 + g) / 1000000 % 10 AS d2,
             (10000000 + g) / 100000 % 10 AS d3, (10000000 + g) / 10000 % 10 AS d4,
             (10000000 + g) / 1000 % 10 AS d5, (10000000 + g) / 100 % 10 AS d6,
             (10000000 + g) / 10 % 10 AS d7, (10000000 + g) % 10 AS d8
      FROM generate_series(1, :nrows) g) s;
-- (d1..d8 are the payload digits from the left; Luhn doubles d8, d6, d4 and d2)

SELECT :'dir' || '/types.csv' AS csv \gset
COPY (SELECT * FROM sample) TO :'csv' (FORMAT csv);

CREATE TABLE typed (s siren, c commune_code, a eur);
CREATE TABLE plain (s text, c text, a numeric);
SELECT format('COPY typed FROM %L (FORMAT csv)', :'csv') AS copy_typed,
       format('COPY plain FROM %L (FORMAT csv)', :'csv') AS copy_plain \gset
-- COPY-in: each run truncates first, in the same way for both
SELECT bench.record('types', 'COPY-in of ' || :nrows || ' rows',
                    bench.time_ms('TRUNCATE typed; ' || :'copy_typed', 3),
                    bench.time_ms('TRUNCATE plain; ' || :'copy_plain', 3),
                    'ms', '<= 1.2', 'target: at most 1.2x the text version');
VACUUM ANALYZE typed;
VACUUM ANALYZE plain;

SELECT bench.record('types', 'column bytes, sum of pg_column_size',
                    (SELECT sum(pg_column_size(s) + pg_column_size(c) + pg_column_size(a)) FROM typed),
                    (SELECT sum(pg_column_size(s) + pg_column_size(c) + pg_column_size(a)) FROM plain),
                    'bytes', '<= 0.7', 'target: at least 30 % smaller');
SELECT bench.record('types', 'table size', pg_total_relation_size('typed'), pg_total_relation_size('plain'),
                    'bytes', NULL, 'heap incl. tuple headers');

-- sum() against the scan floor.  Built-in sum(bigint) over a table of the
-- same shape shows what PostgreSQL itself gets on this machine; with JIT
-- (jit_above_cost = 0) the deforming and, from terrind's installed bitcode,
-- eur's transition function are compiled into the query.
CREATE TABLE typed_ints AS SELECT int8(s)::int4 AS s, 0 AS c, (a::numeric * 100)::bigint AS a FROM typed;
VACUUM ANALYZE typed_ints;
SET max_parallel_workers_per_gather = 0;
SELECT bench.time_ms('SELECT count(*) FROM typed') AS floor_ms,
       bench.time_ms('SELECT sum(a) FROM typed') AS eur_ms,
       bench.time_ms('SELECT sum(a) FROM plain') AS numeric_ms,
       bench.time_ms('SELECT count(*) FROM typed_ints') AS int_floor_ms,
       bench.time_ms('SELECT sum(a) FROM typed_ints') AS bigint_ms \gset
SELECT bench.record('types', 'sum(eur) vs sum(numeric), serial', :eur_ms, :numeric_ms, 'ms', '<= 0.8',
                    'target: at least 1.25x faster');
SELECT bench.record('types', 'sum(eur) vs count(*) (scan floor), serial', :eur_ms, :floor_ms, 'ms', '<= 1.2',
                    'target: within 1.2x of count(*)');
SELECT bench.record('types', 'built-in sum(bigint) vs count(*), serial', :bigint_ms, :int_floor_ms, 'ms', NULL,
                    'reference: the same comparison for PostgreSQL''s own sum');
SELECT bench.record('types', 'sum(eur) vs built-in sum(bigint) over as many rows, serial', :eur_ms, :bigint_ms, 'ms', '<= 1.05',
                    'the built-in floor: no slower than PostgreSQL''s own sum(bigint) (same rows, the amounts in cents as bigint)');
SET jit = on;
SET jit_above_cost = 0;
SET jit_inline_above_cost = 0;
SET jit_optimize_above_cost = 0;
SELECT bench.record('types', 'sum(eur) vs count(*), serial, JIT',
                    bench.time_ms('SELECT sum(a) FROM typed'), bench.time_ms('SELECT count(*) FROM typed'),
                    'ms', '<= 1.2', 'target: within 1.2x of count(*)');
SET jit = off;
RESET max_parallel_workers_per_gather;
SELECT bench.record('types', 'sum(eur) vs sum(numeric), parallel',
                    bench.time_ms('SELECT sum(a) FROM typed'), bench.time_ms('SELECT sum(a) FROM plain'),
                    'ms', '<= 0.8', 'default parallel plan');
DROP TABLE typed, plain, typed_ints;

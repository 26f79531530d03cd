-- Benchmark of sum_by_need() (issue 4): need x region totals over funding
-- lines in terrind.funding itself (10 million x BENCH_SCALE, both phases,
-- 332 territories over the 18 regions), region being the territory's lead
-- region, against the plain-SQL ways an analyst writes them over a copy
-- with a numeric amount and text columns, and against the scan floor:
--   FILTER form / sum_by_need      >= 1.8   (recorded as sum_by_need / FILTER <= 0.56)
--   GROUP BY form / sum_by_need    >= 1.2   (<= 0.83)
--   sum_by_need / count(*) floor   <= 1.3
--   0 workers / 2 workers          >= 1.6   (<= 0.63, wall clock: needs 2 free cores)
-- Serial figures are the backend's CPU time where Linux tells it
-- (/proc/self/schedstat), which other load disturbs far less than wall
-- clock; the parallel one is wall clock.  Run by bench/run.sh (make bench,
-- BENCH_SUITES=funding_aggregates BENCH_SCALE=0.1); no test asserts a timing.
SELECT (10000000 * :scale)::bigint AS lines \gset
SET client_min_messages = warning;

-- territories of both phases, ids ti-RRNN over the 18 regions
INSERT INTO terrind.territory (phase, id, name)
SELECT p.phase, format('ti-%s%s', r.code, lpad((1 + (i - 1) / 18)::text, 2, '0')), 'Funding bench territory ' || i
FROM (VALUES ('2018-2022', 149), ('2023-2027', 183)) p(phase, n)
CROSS JOIN LATERAL generate_series(1, p.n) i
JOIN (SELECT code, row_number() OVER (ORDER BY code) AS pos
      FROM unnest('{01,02,03,04,06,11,24,27,28,32,44,52,53,75,76,84,93,94}'::text[]) code) r ON r.pos = 1 + (i - 1) % 18;

-- the lines: a territory, a need of its phase, a source and a status at
-- random, amounts up to 5 M€; valid by construction, so the per-row
-- foreign-key triggers are skipped while they are written
SELECT setseed(0.42);
SET session_replication_role = replica;
INSERT INTO terrind.funding (phase, territory_id, need, source, status, amount)
SELECT t.phases[g.k], t.ids[g.k],
       (ARRAY['recruter', 'innover', 'attirer', 'simplifier', 'competences', 'innovation',
              'transition_ecologique', 'foncier'])[g.need + CASE WHEN t.phases[g.k] = '2023-2027' THEN 4 ELSE 0 END]::terrind.need,
       s.codes[g.source], (ARRAY['announced', 'engaged', 'deployed'])[g.status], g.cents OPERATOR(pg_catalog.*) '0.01'::terrind.eur
FROM (SELECT array_agg(phase ORDER BY phase, id) AS phases, array_agg(id ORDER BY phase, id) AS ids FROM terrind.territory) t,
     (SELECT array_agg(code ORDER BY code) AS codes FROM terrind.funding_source) s,
     (SELECT 1 + floor(random() * 332)::int AS k, 1 + floor(random() * 4)::int AS need, 1 + floor(random() * 11)::int AS source,
             1 + floor(random() * 3)::int AS status, (random() * 500000000)::bigint AS cents
      FROM generate_series(1, :lines)) g;
RESET session_replication_role;

-- what an analyst has without terrind: the same lines, numeric and text
CREATE TABLE bench.funding_plain AS
SELECT phase, territory_id::text AS territory_id, need::text AS need, source, status, amount::numeric AS amount
FROM terrind.funding;
VACUUM (FREEZE, ANALYZE) terrind.funding, bench.funding_plain;

-- The region of a line is its territory's lead region, which the id
-- holds (ti-RRNN): terrind.lead_region(id), substr(id, 4, 2) in plain SQL.
CREATE TEMP TABLE queries (name text PRIMARY KEY, workers int, query text);
INSERT INTO queries VALUES
('sum_by_need', 0,
 'SELECT terrind.lead_region(territory_id), terrind.sum_by_need(amount, need) FROM terrind.funding GROUP BY 1'),
('sum_by_need, 2 workers', 2,
 'SELECT terrind.lead_region(territory_id), terrind.sum_by_need(amount, need) FROM terrind.funding GROUP BY 1'),
('count(*) floor', 0,
 'SELECT terrind.lead_region(territory_id), count(*) FROM terrind.funding GROUP BY 1'),
('FILTER form (numeric)', 0, $$
 SELECT substr(territory_id, 4, 2) AS region,
        sum(amount) FILTER (WHERE need = 'recruter') AS recruter,
        sum(amount) FILTER (WHERE need = 'innover') AS innover,
        sum(amount) FILTER (WHERE need = 'attirer') AS attirer,
        sum(amount) FILTER (WHERE need = 'simplifier') AS simplifier,
        sum(amount) FILTER (WHERE need = 'competences') AS competences,
        sum(amount) FILTER (WHERE need = 'innovation') AS innovation,
        sum(amount) FILTER (WHERE need = 'transition_ecologique') AS transition_ecologique,
        sum(amount) FILTER (WHERE need = 'foncier') AS foncier
 FROM bench.funding_plain GROUP BY 1$$),
('GROUP BY form (numeric)', 0,
 'SELECT substr(territory_id, 4, 2) AS region, need, sum(amount) FROM bench.funding_plain GROUP BY 1, 2');

-- nanoseconds this backend has run on a CPU, NULL where unknown
CREATE FUNCTION pg_temp.cpu_ns() RETURNS bigint LANGUAGE sql AS $$
    SELECT CASE WHEN (pg_catalog.pg_stat_file('/proc/self/schedstat', true)).size IS NOT NULL
        THEN pg_catalog.split_part(pg_catalog.pg_read_file('/proc/self/schedstat'), ' ', 1)::bigint END$$;

-- Each query's best wall-clock and CPU times over `runs` rounds after a
-- warm-up round; a round runs every query in turn, so that a burst of load
-- from elsewhere hits all of them alike.
CREATE FUNCTION pg_temp.best_times(runs int) RETURNS TABLE (name text, workers int, wall_ms float8, cpu_ms float8)
LANGUAGE plpgsql AS $$
DECLARE
    q record;
    started timestamptz;
    cpu bigint;
BEGIN
    CREATE TEMP TABLE best (name text PRIMARY KEY, wall_ms float8 DEFAULT 'Infinity', cpu_ms float8);
    INSERT INTO best (name) SELECT queries.name FROM queries;
    FOR round IN 0..runs LOOP
        FOR q IN SELECT * FROM queries ORDER BY queries.name LOOP
            PERFORM pg_catalog.set_config('max_parallel_workers_per_gather', q.workers::text, true);
            started := pg_catalog.clock_timestamp();
            cpu := pg_temp.cpu_ns();
            EXECUTE q.query;        -- all of the result: a wrapping count(*) would let the planner drop the aggregates
            IF round > 0 THEN
                UPDATE best
                SET wall_ms = least(best.wall_ms, extract(epoch FROM pg_catalog.clock_timestamp() - started) * 1000),
                    cpu_ms = least(best.cpu_ms, (pg_temp.cpu_ns() - cpu) / 1e6)
                WHERE best.name = q.name;
            END IF;
        END LOOP;
    END LOOP;
    RETURN QUERY SELECT b.name, queries.workers, b.wall_ms, b.cpu_ms FROM best b JOIN queries USING (name);
END $$;
CREATE TEMP TABLE timings AS SELECT * FROM pg_temp.best_times(3);

-- the answers agree before any figure is recorded
DO $$
BEGIN
    IF EXISTS (
        SELECT 1
        FROM (SELECT terrind.lead_region(territory_id) AS region, terrind.sum_by_need(amount, need) AS b
              FROM terrind.funding GROUP BY 1) s
        CROSS JOIN terrind.needs n
        FULL JOIN (SELECT substr(territory_id, 4, 2) AS region, need, sum(amount) AS amount
                   FROM bench.funding_plain GROUP BY 1, 2) p ON p.region = s.region AND p.need = n.code
        WHERE terrind.amount(s.b, n.code::terrind.need)::numeric IS DISTINCT FROM coalesce(p.amount, 0)) THEN
        RAISE EXCEPTION 'funding_aggregates: sum_by_need and the GROUP BY form disagree';
    END IF;
END $$;

-- serial ratios on CPU time where known, the parallel one on wall clock
WITH t AS (SELECT name, coalesce(cpu_ms, wall_ms) AS serial_ms, wall_ms FROM timings)
SELECT bench.record('funding', format('%s vs %s, %s lines (%s)', r.terrind, r.baseline, :lines,
                                      CASE WHEN r.parallel OR a.serial_ms IS NULL THEN 'wall' ELSE 'CPU' END),
                    CASE WHEN r.parallel THEN a.wall_ms ELSE a.serial_ms END,
                    CASE WHEN r.parallel THEN b.wall_ms ELSE b.serial_ms END, 'ms', r.target, r.note)
FROM (VALUES ('sum_by_need', 'FILTER form (numeric)', '<= 0.56', false, 'eight SUM(numeric) FILTER (WHERE need = ...) columns; target 1.8x faster'),
             ('sum_by_need', 'GROUP BY form (numeric)', '<= 0.83', false, 'SUM(numeric) GROUP BY region, need (text); target 1.2x faster'),
             ('sum_by_need', 'count(*) floor', '<= 1.3', false, 'the same scan and grouping with count(*): target within 1.3x'),
             ('sum_by_need, 2 workers', 'sum_by_need', '<= 0.63', true, '2 parallel workers against none; target 1.6x faster, needs 2 free cores')) r(terrind, baseline, target, parallel, note)
JOIN t a ON a.name = r.terrind JOIN t b ON b.name = r.baseline \g /dev/null

TRUNCATE terrind.funding;
DELETE FROM terrind.territory WHERE name LIKE 'Funding bench territory %';
DROP TABLE bench.funding_plain;

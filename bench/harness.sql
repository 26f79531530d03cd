-- Benchmark harness, loaded by bench/run.sh before the suites (not part of
-- the extension).  A suite times its queries with bench.time_ms and stores
-- one row per comparison with bench.record; run.sh prints them all.
\set ON_ERROR_STOP on
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS terrind CASCADE;
CREATE SCHEMA bench;

CREATE TABLE bench.result (
    n serial,
    suite text NOT NULL,
    measure text NOT NULL,
    terrind float8 NOT NULL,
    baseline float8 NOT NULL,
    unit text NOT NULL,
    target text,            -- e.g. '<= 0.80' on terrind / baseline
    note text
);

-- Fastest wall-clock time in milliseconds of `runs` executions of `sql`,
-- after one unmeasured warm-up run.  The minimum, not the mean: on a shared
-- machine other processes only ever add time.
CREATE FUNCTION bench.time_ms(sql text, runs int DEFAULT 5) RETURNS float8
LANGUAGE plpgsql AS $$
DECLARE
    t0 timestamptz;
    times float8[] := '{}';
BEGIN
    EXECUTE sql;
    FOR i IN 1 .. runs LOOP
        t0 := clock_timestamp();
        EXECUTE sql;
        times := times || extract(epoch FROM clock_timestamp() - t0) * 1000;
    END LOOP;
    RETURN (SELECT min(t) FROM unnest(times) t);
END $$;

-- Record terrind's figure against the baseline; target bounds terrind / baseline.
CREATE FUNCTION bench.record(suite text, measure text, terrind float8, baseline float8,
                             unit text, target text DEFAULT NULL, note text DEFAULT NULL)
RETURNS void LANGUAGE sql AS $$
    INSERT INTO bench.result (suite, measure, terrind, baseline, unit, target, note)
    VALUES (suite, measure, terrind, baseline, unit, target, note);
$$;

SET jit = off;

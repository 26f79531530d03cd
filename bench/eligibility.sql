-- Eligibility rules: 1 000 rule variants on every EPCI (about 1.25 M
-- verdicts) with terrind.eligible(), against the same condition written as a
-- plain SQL expression over the same jsonb facts; then explain() against
-- eligible().  Targets (issues 5 and 14): eligible at least 2x faster than
-- the SQL expression (ratio <= 0.5), explain at most 5x eligible (ratio <= 5),
-- on variants that share comparisons and on variants that share nothing.
--
-- The facts are epci_facts() of the COG's EPCI and EPT (1 266) with the
-- ILLUSTRATIVE employment of demo/illustrative_employment.sql when the psql
-- variable cog names the COG data (bench/run.sh passes it), else synthetic
-- facts of the same shape.  BENCH_SCALE keeps that share of the zones.
--
-- A suite for bench/run.sh: it uses the harness's bench.time_ms and
-- bench.record and the psql variable scale.  Alone, after the harness:
--   psql -v scale=1 [-v cog=DIR] -f bench/harness.sql -f bench/eligibility.sql
-- and it prints its own rows at the end.
SET search_path = terrind, public;
SET max_parallel_workers_per_gather = 0;   -- compare CPU per verdict, serially

\if :{?cog}
\set regions `cat :'cog'/regions.json`
\set departements `cat :'cog'/departements.json`
\set communes `cat :'cog'/communes.json`
\set epci `cat :'cog'/epci.json`
\set ept `cat :'cog'/ept.json`
SELECT count(*) FROM load_cog(2026, :'regions', :'departements', :'communes', :'epci', :'ept');
\ir ../demo/illustrative_employment.sql
SELECT count(*) FROM load_employment(:'employment_csv', 'ILLUSTRATIVE, for the benchmark');
CREATE TABLE bench.epci_facts AS
SELECT row_number() OVER (ORDER BY siren) AS id, facts FROM epci_facts(2022) ORDER BY siren
LIMIT greatest(1, round((SELECT count(*) FROM groupement) * :scale));
SELECT 'epci_facts() of the COG''s EPCI and EPT, illustrative employment' AS facts_from \gset
\else
-- synthetic facts shaped like terrind's EPCI facts (numbers, a nested
-- object, a boolean, strings)
CREATE TABLE bench.epci_facts AS
SELECT g AS id,
       jsonb_build_object(
           'population', 3000 + (g * 7919) % 250000,
           'jobs', 1000 + (g * 6007) % 90000,
           'industry_share', ((g * 104729) % 400) / 1000.0,
           'national', jsonb_build_object('industry_share', 0.102, 'population', 68000000),
           'has_metropole', g % 25 = 0,
           'nature', (ARRAY['CC', 'CA', 'CU', 'METRO'])[1 + g % 4],
           'members', 1 + g % 12,
           'name', 'EPCI ' || g) AS facts
FROM generate_series(1, greatest(1, round(1255 * :scale))::int) g;
SELECT 'synthetic facts' AS facts_from \gset
\endif
SELECT count(*) AS nepci FROM bench.epci_facts \gset

-- the 1 000 variants: thresholds as columns (for SQL) and as a rule; as an
-- analyst writes scenarios, they share comparisons (10 lower and 10 upper
-- population bounds, 10 factors)
CREATE TABLE bench.rule_variant AS
SELECT v, 30000 + (v % 10) * 5000 AS pop_min, 80000 + (v / 10 % 10) * 10000 AS pop_max,
       1.0 + (v / 100) * 0.1 AS factor,
       format('population between %s and %s and industry_share >= %s * national.industry_share and not has_metropole',
              30000 + (v % 10) * 5000, 80000 + (v / 10 % 10) * 10000, 1.0 + (v / 100) * 0.1)::eligibility_rule AS rule
FROM generate_series(0, 999) v;
-- and 1 000 variants sharing no comparison but "not has_metropole": what
-- explain() costs when no entry can be reused
CREATE TABLE bench.rule_distinct AS
SELECT v, format('population between %s and %s and industry_share >= %s * national.industry_share and not has_metropole',
                 30000 + v * 7, 80000 + v * 53, 1.0 + v / 1000.0)::eligibility_rule AS rule
FROM generate_series(0, 999) v;
-- the shipped presets (analytical scenarios of both phases), each over
-- every EPCI, 20 times over: what an analyst's scenario query costs
CREATE TABLE bench.preset AS
SELECT r.name, r.rule, k FROM eligibility_rule_set r CROSS JOIN generate_series(1, 20) k;
VACUUM ANALYZE bench.preset;
VACUUM ANALYZE bench.epci_facts;
VACUUM ANALYZE bench.rule_variant;
VACUUM ANALYZE bench.rule_distinct;

-- every query joins the same way (the planner loops over rules inside
-- EPCI); they are timed in turns, ten rounds keeping each one's fastest,
-- so that a neighbour's load on a shared machine weighs on all of them alike
CREATE TABLE bench.eligibility_query (n int, name text, sql text);
INSERT INTO bench.eligibility_query VALUES
    (1, 'eligible', $$
    SELECT count(*) FILTER (WHERE terrind.eligible(r.rule, e.facts))
    FROM bench.rule_variant r CROSS JOIN bench.epci_facts e$$),
    (2, 'sql_text', $$
    SELECT count(*) FILTER (WHERE (e.facts->>'population')::float8 BETWEEN r.pop_min AND r.pop_max
                              AND (e.facts->>'industry_share')::float8 >= r.factor * (e.facts->'national'->>'industry_share')::float8
                              AND NOT (e.facts->>'has_metropole')::boolean)
    FROM bench.rule_variant r CROSS JOIN bench.epci_facts e$$),
    (3, 'sql_cast', $$
    SELECT count(*) FILTER (WHERE (e.facts->'population')::numeric BETWEEN r.pop_min AND r.pop_max
                              AND (e.facts->'industry_share')::numeric >= r.factor * (e.facts->'national'->'industry_share')::numeric
                              AND NOT (e.facts->'has_metropole')::boolean)
    FROM bench.rule_variant r CROSS JOIN bench.epci_facts e$$),
    (4, 'explain', $$
    SELECT count(terrind.explain(r.rule, e.facts))
    FROM bench.rule_variant r CROSS JOIN bench.epci_facts e$$),
    (5, 'eligible_distinct', $$
    SELECT count(*) FILTER (WHERE terrind.eligible(r.rule, e.facts))
    FROM bench.rule_distinct r CROSS JOIN bench.epci_facts e$$),
    (6, 'explain_distinct', $$
    SELECT count(terrind.explain(r.rule, e.facts))
    FROM bench.rule_distinct r CROSS JOIN bench.epci_facts e$$),
    (7, 'eligible_presets', $$
    SELECT count(*) FILTER (WHERE terrind.eligible(r.rule, e.facts))
    FROM bench.preset r CROSS JOIN bench.epci_facts e$$),
    (8, 'explain_presets', $$
    SELECT count(terrind.explain(r.rule, e.facts))
    FROM bench.preset r CROSS JOIN bench.epci_facts e$$);
CREATE TABLE bench.eligibility_time (name text, ms float8);
DO $$
DECLARE
    q record;
BEGIN
    FOR round IN 1 .. 10 LOOP
        FOR q IN SELECT * FROM bench.eligibility_query ORDER BY n LOOP
            INSERT INTO bench.eligibility_time VALUES (q.name, bench.time_ms(q.sql, 1));
        END LOOP;
    END LOOP;
END $$;
SELECT min(ms) FILTER (WHERE name = 'eligible') AS eligible_ms, min(ms) FILTER (WHERE name = 'sql_text') AS sql_text_ms,
       min(ms) FILTER (WHERE name = 'sql_cast') AS sql_cast_ms, min(ms) FILTER (WHERE name = 'explain') AS explain_ms,
       min(ms) FILTER (WHERE name = 'eligible_distinct') AS eligible_distinct_ms,
       min(ms) FILTER (WHERE name = 'explain_distinct') AS explain_distinct_ms,
       min(ms) FILTER (WHERE name = 'eligible_presets') AS eligible_presets_ms,
       min(ms) FILTER (WHERE name = 'explain_presets') AS explain_presets_ms
FROM bench.eligibility_time \gset

-- the verdicts agree (three-valued: the SQL counts true verdicts too)
SELECT count(*) FILTER (WHERE terrind.eligible(r.rule, e.facts)) =
       count(*) FILTER (WHERE (e.facts->>'population')::float8 BETWEEN r.pop_min AND r.pop_max
                          AND (e.facts->>'industry_share')::float8 >= r.factor * (e.facts->'national'->>'industry_share')::float8
                          AND NOT (e.facts->>'has_metropole')::boolean) AS same_verdicts
FROM bench.rule_variant r CROSS JOIN bench.epci_facts e \gset
\if :same_verdicts
\else
\warn 'eligible() and the SQL expression disagree'
\endif

SELECT bench.record('eligibility', format('eligible() vs SQL (->> and ::float8), %s verdicts', 1000 * :nepci),
                    :eligible_ms, :sql_text_ms, 'ms', '<= 0.5', 'target: at least 2x faster; ' || :'facts_from');
SELECT bench.record('eligibility', format('eligible() vs SQL (jsonb ::numeric casts), %s verdicts', 1000 * :nepci),
                    :eligible_ms, :sql_cast_ms, 'ms', '<= 0.5', 'the other way to write it in SQL');
SELECT bench.record('eligibility', 'explain() vs eligible()',
                    :explain_ms, :eligible_ms, 'ms', '<= 5', 'target: explain at most 5x eligible');
SELECT bench.record('eligibility', 'explain() vs eligible(), variants sharing no comparison',
                    :explain_distinct_ms, :eligible_distinct_ms, 'ms', '<= 5',
                    'target: explain at most 5x eligible when rules share nothing');
SELECT bench.record('eligibility', format('explain() vs eligible(), the shipped presets on every EPCI, %s calls', (SELECT count(*) FROM bench.preset) * :nepci),
                    :explain_presets_ms, :eligible_presets_ms, 'ms', '<= 5',
                    'target: explain at most 5x eligible on the analysts'' workload');
DROP TABLE bench.preset;
DROP TABLE bench.epci_facts, bench.rule_variant, bench.rule_distinct, bench.eligibility_query, bench.eligibility_time;
DELETE FROM employment_year WHERE year = 2022;
RESET max_parallel_workers_per_gather;

-- alone, show this suite's figures (bench/run.sh prints them all at the end)
SELECT measure, round(terrind::numeric, 1) AS terrind_ms, round(baseline::numeric, 1) AS baseline_ms,
       round((terrind / baseline)::numeric, 2) AS ratio, target
FROM bench.result WHERE suite = 'eligibility' ORDER BY n;

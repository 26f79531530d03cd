-- ILLUSTRATIVE employment by EPCI and NA17 sector for 2022, generated
-- deterministically from the populations of the loaded COG: no INSEE or
-- URSSAF figures ship with terrind.  Plausible orders of magnitude only:
-- jobs per inhabitant and industrial share depend on the nature (métropoles
-- low, communautés de communes spread out), then on a draw per EPCI.  Sets
-- the psql variable employment_csv, a file as an analyst would have it, for
-- load_employment.  Used by demo/eligibility.sql and bench/eligibility.sql.
SET search_path = terrind, public;
-- u(siren, k): a deterministic number in [0, 1) per EPCI and draw
CREATE FUNCTION pg_temp.u(siren text, k int) RETURNS float8 LANGUAGE sql IMMUTABLE AS
$$ SELECT ('x' || substr(md5(siren || ':' || k), 1, 8))::bit(32)::bigint / 4294967296.0 $$;

-- jobs per inhabitant and industrial share by nature, then each EPCI's
-- own draw; industry is split over C1-C5 and DE, the rest over services
-- with national-like weights
CREATE TEMP TABLE demo_employment AS
WITH epci AS (
    SELECT g.siren::text AS siren, g.nature, g.population_municipale AS population,
           CASE g.nature WHEN 'METRO' THEN 0.50 WHEN 'MET69' THEN 0.52 WHEN 'CU' THEN 0.43 WHEN 'CA' THEN 0.40 ELSE 0.31 END
               * (0.85 + 0.3 * pg_temp.u(g.siren::text, 1)) AS jobs_per_inhabitant,
           least(0.45, CASE g.nature WHEN 'METRO' THEN 0.07 WHEN 'MET69' THEN 0.08 WHEN 'CU' THEN 0.11 WHEN 'CA' THEN 0.11 ELSE 0.14 END
                       * (0.45 + 1.9 * pg_temp.u(g.siren::text, 2) ^ 2)) AS industry_share
    FROM groupement g WHERE g.nature <> 'EPT' AND g.population_municipale > 0
), weights(sector, industry, weight) AS (
    VALUES ('C1', true, 0.22), ('C2', true, 0.01), ('C3', true, 0.15), ('C4', true, 0.12), ('C5', true, 0.38), ('DE', true, 0.12),
           ('AZ', false, 0.04), ('FZ', false, 0.08), ('GZ', false, 0.16), ('HZ', false, 0.06), ('IZ', false, 0.05),
           ('JZ', false, 0.03), ('KZ', false, 0.03), ('LZ', false, 0.01), ('MN', false, 0.14), ('OQ', false, 0.34), ('RU', false, 0.06)
), drawn AS (
    -- each EPCI weighs its sectors differently (0.2x to 1.8x the weight)
    SELECT e.siren, w.sector, w.industry,
           e.population * e.jobs_per_inhabitant * CASE WHEN w.industry THEN e.industry_share ELSE 1 - e.industry_share END AS pool,
           w.weight * (0.2 + 1.6 * pg_temp.u(e.siren, 10 + row_number() OVER (PARTITION BY e.siren ORDER BY w.sector)::int)) AS w
    FROM epci e CROSS JOIN weights w
)
SELECT siren, sector, round(pool * w / sum(w) OVER (PARTITION BY siren, industry)) AS jobs
FROM drawn;

-- written as an analyst's file would be (semicolons, French headers)
SELECT 'siren_epci;annee;na17;emplois' || E'\n' ||
       string_agg(format('%s;2022;%s;%s', siren, sector, jobs), E'\n' ORDER BY siren, sector) || E'\n' AS employment_csv
FROM demo_employment WHERE jobs > 0 \gset

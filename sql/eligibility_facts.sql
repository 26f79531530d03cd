-- eligibility facts: sector tables, load_employment, national, EPCI and
-- territory facts against values computed by hand on the fixture data.
SET search_path = terrind, public;
\set VERBOSITY default
\i test/fixtures/employment/load.psql
\set QUIET on
\set nested `cat test/fixtures/territories/liste-ti-nested.csv`
\set emp2022 `cat test/fixtures/employment/employment-naf-2022.csv`
\set errors `cat test/fixtures/employment/employment-errors.csv`
\unset QUIET

-- the seeded nomenclatures and what counts as industry (sections B to E)
SELECT nomenclature, count(*) AS codes, string_agg(code, ' ' ORDER BY code) FILTER (WHERE industry) AS industry
FROM sector GROUP BY nomenclature ORDER BY nomenclature;

-- loading: load.psql loaded NA17 codes from a column named na17 (semicolons,
-- French headers, "2 200" with a space); here NAF sections in a column named section
SELECT * FROM load_employment(:'emp2022');
SELECT count(*) AS list_items FROM load_territories('2018-2022', :'nested');
SELECT year, nomenclature, source FROM employment_year ORDER BY year;
SELECT zone_level, count(*) AS rows, sum(jobs) AS jobs FROM employment WHERE year = 2021 GROUP BY 1 ORDER BY 1;
-- every bad row of a file is reported, and nothing is loaded
SELECT * FROM load_employment(:'errors');
SELECT count(*) AS rows_2021_still FROM employment WHERE year = 2021;

-- national figures: the EPCI rows only (communes lie inside an EPCI)
--   jobs 3000 + 1500 + 1500 + 2000 = 8000, industry 300 + 500 + 1000 + 200 = 2000
SELECT national_facts(2021);

-- an EPCI: CA Pau has 300 industrial jobs (C5) of 3000
SELECT jsonb_pretty(epci_facts('200067254', 2021));
--   specificity (300/3000) / ((2000 - 300) / (8000 - 3000)) = 0.1 / 0.34
--   Krugman 1/2 sum |share in Pau - share in the rest of France| = 19/75
SELECT round((f->>'industry_specificity')::numeric, 12) = round(0.1 / 0.34, 12) AS specificity_by_hand,
       round((f->>'krugman')::numeric, 12) = round(19 / 75.0, 12) AS krugman_by_hand
FROM epci_facts('200067254', 2021) f;
-- every EPCI's indices as the aggregates give them on the table itself,
-- sectors where the EPCI has no job included
WITH national AS (
    SELECT sector, sum(jobs) AS jobs FROM employment WHERE year = 2021 AND zone_level = 'epci' GROUP BY sector
), by_zone AS (
    SELECT g.siren::text, n.sector, coalesce(e.jobs, 0)::float8 AS x_ik, n.jobs::float8 AS x_k
    FROM groupement g CROSS JOIN national n
    LEFT JOIN employment e ON e.year = 2021 AND e.zone = g.siren AND e.sector = n.sector
)
SELECT z.siren, z.krugman = (f.facts->>'krugman')::float8 AS same_krugman,
       z.gini = (f.facts->>'gini')::float8 AS same_gini
FROM (SELECT siren, krugman(x_ik, x_k), gini_specialisation(x_ik, x_k) AS gini FROM by_zone GROUP BY siren) z
JOIN epci_facts(2021) f USING (siren) ORDER BY z.siren;
SELECT siren, f.facts->>'nature' AS nature, f.facts->'population' AS population, f.facts->'jobs' AS jobs,
       f.facts->'industry_share' AS industry_share, f.facts->'industry_specificity' AS specificity
FROM epci_facts(2021) f ORDER BY siren;

-- a territory's facts come from its members' counts, never from their shares:
-- ti-7510 = CA Pau (300 of 3000) + CA Tarbes (500 of 1500) + Lacq (50 of 100)
--   industry_share = 850 / 4600, not the mean of 0.1, 0.333 and 0.5
SELECT f->'jobs' AS jobs, f->'industry_jobs' AS industry_jobs, f->'industry_share' AS industry_share,
       (f->>'industry_share')::float8 = 850 / 4600.0 AS share_by_hand,
       round((0.1 + 1 / 3.0 + 0.5) / 3, 4) AS mean_of_member_shares_not_used,
       f->'population' AS population, f->'member_count' AS members, f->'regions_spanned' AS regions,
       f ? 'establishments' AS has_establishments
FROM territory_facts('2023-2027', 'ti-7510', 2021) f;
--   specificity (850/4600) / ((2000 - 850) / (8000 - 4600))
SELECT round((territory_facts('2023-2027', 'ti-7510', 2021)->>'industry_specificity')::numeric, 12)
       = round((850 / 4600.0) / (1150 / 3400.0), 12) AS territory_specificity_by_hand;
-- a single-member territory has its member's employment facts
SELECT k, t.f->k = e.f->k AS same_as_its_epci
FROM territory_facts('2023-2027', 'ti-8402', 2021) t(f), epci_facts('200071173', 2021) e(f),
     unnest(ARRAY['population', 'jobs', 'industry_jobs', 'industry_share', 'establishments', 'industry_specificity',
                  'krugman', 'gini', 'single_member', 'national']) k;

-- missing data: facts are absent, so rules see NULL
--   ti-8413: its member Pau (a commune) has no employment rows for 2021
--   ti-8403: its member 200000016 is not in the COG (an old SIREN)
SELECT id, facts->'members_without_employment' AS without_employment, facts->'members_outside_cog' AS outside_cog,
       facts ? 'jobs' AS has_jobs, facts ? 'population' AS has_population,
       eligible('industry_share >= 0.2', facts) AS verdict
FROM territory_facts('2023-2027', 2021) WHERE id IN ('ti-8413', 'ti-8403') ORDER BY id;
-- a year without employment: the COG facts only
SELECT epci_facts('200067254', 2019);

-- a member every commune of which another member covers is not counted
-- twice: ti-7501 = CA Pau + Pau (one of its communes); NAF sections, 2022
SELECT id, facts->'jobs' AS jobs, facts->'industry_jobs' AS industry_jobs, facts->'population' AS population,
       facts->'member_count' AS members, facts->'commune_count' AS communes
FROM territory_facts('2018-2022', 2022) ORDER BY id;
-- several units at once: the listed ones only
SELECT siren, facts->'jobs' AS jobs FROM epci_facts(2021, ARRAY['200069300', '200071173']::siren[]) ORDER BY siren;
SELECT id FROM territory_facts('2023-2027', 2021, ARRAY['ti-8402', 'ti-7510']) ORDER BY id;

-- reloading a year replaces it; other years stay
SELECT * FROM load_employment(E'zone,year,na17,jobs\n200067254,2021,C5,1\n');
SELECT year, count(*) FROM employment GROUP BY year ORDER BY year;

-- errors
SELECT epci_facts('200000016', 2021);
SELECT territory_facts('2023-2027', 'ti-8499', 2021);
SELECT * FROM territory_facts('2030-2034', 2021);

-- leave no territories, employment or rule sets of ours to the tests that follow
DELETE FROM territory;
DELETE FROM employment_year;
DELETE FROM eligibility_rule_set WHERE author <> 'terrind presets';

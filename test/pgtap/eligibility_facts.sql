-- pgTAP: employment data, facts, rule sets and evaluation as a user calls
-- them: every error's SQLSTATE, the loader's all or nothing, who may load,
-- and the functions' declared volatility, strictness and parallel safety.
BEGIN;
SET search_path = terrind, public;
SELECT plan(51);

\i test/fixtures/employment/load.psql
\set errors `cat test/fixtures/employment/employment-errors.csv`
\set duplicates `cat test/fixtures/employment/employment-duplicates.csv`

SELECT has_table('terrind', t, 'table ' || t || ' exists')
FROM unnest(ARRAY['sector_nomenclature', 'sector', 'employment_year', 'employment', 'eligibility_rule_set']) t;

-- declared properties, as true as they can be
SELECT results_eq(
    $$SELECT p.oid::regprocedure::text, p.provolatile::text, p.proisstrict, p.proparallel::text FROM pg_proc p
      WHERE p.pronamespace = 'terrind'::regnamespace
        AND p.proname IN ('load_employment', 'count_error', 'count_value', 'national_facts', 'employment_facts', 'epci_facts',
                          'territory_facts', 'rule_set', 'save_rule_set', 'verdict', 'evaluate_epci', 'evaluate_territories',
                          'compare_epci', 'compare_territories')
      ORDER BY 1$$,
    $$VALUES ('compare_epci(eligibility_rule,eligibility_rule,integer)', 's', true, 's'),
             ('compare_territories(eligibility_rule,eligibility_rule,text,integer)', 's', true, 's'),
             ('count_error(text)', 'i', true, 's'), ('count_value(text)', 'i', true, 's'),
             ('employment_facts(integer,text[],siren[])', 's', true, 's'),
             ('epci_facts(integer,siren[])', 's', false, 's'), ('epci_facts(siren,integer)', 's', true, 's'),
             ('evaluate_epci(eligibility_rule,integer)', 's', true, 's'),
             ('evaluate_territories(eligibility_rule,text,integer)', 's', true, 's'),
             ('load_employment(text,text)', 'v', false, 'u'), ('national_facts(integer)', 's', true, 's'),
             ('rule_set(text,integer)', 's', false, 's'),
             ('save_rule_set(text,text,eligibility_rule,text,text)', 'v', false, 'u'),
             ('territory_facts(text,integer,text[])', 's', false, 's'), ('territory_facts(text,text,integer)', 's', true, 's'),
             ('verdict(eligibility_rule,jsonb)', 'i', true, 's')$$,
    'volatility, STRICT and PARALLEL of each function');

-- load_employment
SELECT throws_ok(format('SELECT * FROM terrind.load_employment(%L)', :'errors'), '22P02', NULL,
                 'bad rows reject the whole file (22P02)');
SELECT throws_ok(format('SELECT * FROM terrind.load_employment(%L)', :'duplicates'), '23505', NULL,
                 'a file whose only problems are duplicates is an integrity error (23505)');
SELECT throws_ok($$SELECT * FROM terrind.load_employment(NULL)$$, '22004', NULL, 'a NULL file (22004)');
SELECT throws_ok($$SELECT * FROM terrind.load_employment(E'zone,year\n')$$, '22P02',
                 'CSV header (line 1) has no column jobs or emplois or effectifs', 'a missing column (22P02)');
SELECT throws_ok($$SELECT * FROM terrind.load_employment(E'zone,year,sector,jobs\n200067254,2021,C5,1\n')$$, '22P02',
                 NULL, 'a sector column without a nomenclature (22P02)');
SELECT throws_ok($$SELECT * FROM terrind.load_employment(E'zone,year,nomenclature,na17,jobs\n200067254,2021,NA38,C5,1\n')$$,
                 '22P02', NULL, 'a code in column na17 said to be NA38 (22P02)');
SELECT throws_ok($$SELECT * FROM terrind.load_employment(E'zone,year,na17,jobs\n200067254,2021,C5,1e3\n')$$, '22P02',
                 NULL, 'jobs written with an exponent (22P02)');
SELECT is((SELECT count(*) FROM employment), 18::bigint, 'rejected loads changed nothing');
SELECT is((SELECT count(*) FROM employment_year), 1::bigint, 'and left the years as they were');
SELECT results_eq($$SELECT * FROM terrind.load_employment(E'SIREN;Année;Section;Effectifs;Établissements\n200067254;2020;c;1 234,5;3\n', 'a test')$$,
                  $$VALUES ('years', 1::bigint), ('rows', 1), ('zones', 1)$$, 'French headers, a decimal comma, spaces, a lower-case code');
SELECT is((SELECT jobs FROM employment WHERE year = 2020), 1234.5, 'the count as written');
SELECT lives_ok($$SELECT * FROM terrind.load_employment(E'zone,year,na17,jobs\n200067254,2019,GZ,10\n')$$, 'a year without industry');
SELECT is(national_facts(2019) - 'population', '{"jobs": 10, "zone_count": 1, "industry_jobs": 0, "industry_share": 0}'::jsonb,
          'no industry: 0 industrial jobs, a share of 0');
SELECT is(epci_facts('200067254', 2019) ? 'industry_specificity', false, 'and no specificity (no such jobs elsewhere)');

-- the tables keep the data consistent however it comes
SELECT throws_ok($$INSERT INTO terrind.employment VALUES ('200069300', 'epci', 2021, 'NA17', 'C5', -1, NULL)$$,
                 '23514', NULL, 'a negative job count (23514)');
SELECT throws_ok($$INSERT INTO terrind.employment VALUES ('200069300', 'epci', 2021, 'NA17', 'C5', 'NaN', NULL)$$,
                 '23514', NULL, 'NaN jobs (23514)');
SELECT throws_ok($$INSERT INTO terrind.employment VALUES ('200069300', 'epci', 2021, 'NA38', 'CA', 1, NULL)$$,
                 '23503', NULL, 'a second nomenclature in a year (23503)');
SELECT throws_ok($$INSERT INTO terrind.employment VALUES ('200069300', 'epci', 2021, 'NA17', 'CA', 1, NULL)$$,
                 '23503', NULL, 'a code its nomenclature does not have (23503)');
SELECT throws_ok($$INSERT INTO terrind.employment VALUES ('200069300', 'region', 2021, 'NA17', 'C1', 1, NULL)$$,
                 '23514', NULL, 'an unknown zone level (23514)');
SELECT throws_ok($$DELETE FROM terrind.sector WHERE nomenclature = 'NA17' AND code = 'C5'$$,
                 '23503', NULL, 'a sector in use cannot go (23503)');
SELECT lives_ok($$DELETE FROM terrind.employment_year WHERE year = 2020$$, 'deleting a year deletes its rows');
SELECT is((SELECT count(*) FROM employment WHERE year = 2020), 0::bigint, '(cascaded)');

-- facts
SELECT is(epci_facts('200067254', 2021)->'jobs', '3000'::jsonb, 'epci_facts: jobs');
SELECT is(territory_facts('2023-2027', 'ti-7510', 2021)->'industry_jobs', '850'::jsonb, 'territory_facts: summed');
SELECT throws_ok($$SELECT terrind.epci_facts('200000016', 2021)$$, '22023', NULL, 'an EPCI the COG does not know (22023)');
SELECT throws_ok($$SELECT terrind.epci_facts('200000017', 2021)$$, '22P02', NULL, 'a malformed SIREN (22P02)');
SELECT throws_ok($$SELECT terrind.territory_facts('2023-2027', 'ti-8499', 2021)$$, '22023', NULL, 'an unknown territory (22023)');
SELECT throws_ok($$SELECT terrind.territory_facts('2023-2027', 'ti-9999', 2021)$$, '22P02', NULL, 'a malformed territory id (22P02)');
SELECT throws_ok($$SELECT * FROM terrind.territory_facts('2019-2023', 2021)$$, '22023', NULL, 'an unknown phase (22023)');
SELECT is_empty($$SELECT * FROM terrind.epci_facts(NULL)$$, 'no year, no facts');

-- rule sets and evaluation
SELECT is((SELECT count(*) FROM eligibility_rule_set WHERE NOT official AND author = 'terrind presets'), 9::bigint,
          'nine presets, none official');
SELECT throws_ok($$UPDATE terrind.eligibility_rule_set SET official = true$$, '23514', NULL, 'no rule set is official (23514)');
SELECT throws_ok($$SELECT terrind.rule_set('nope')$$, '22023', NULL, 'an unknown rule set (22023)');
SELECT throws_ok($$SELECT terrind.rule_set('phase1-combined', 2)$$, '22023', NULL, 'an unknown version (22023)');
SELECT is(rule_set(NULL), NULL, 'no name, no rule');
SELECT throws_ok($$SELECT terrind.save_rule_set('mine', '2030-2034', 'x > 1', 'd')$$, '22023', NULL, 'save: an unknown phase (22023)');
SELECT throws_ok($$SELECT terrind.save_rule_set('Mine!', '2023-2027', 'x > 1', 'd')$$, '23514', NULL, 'save: a bad name (23514)');
SELECT throws_ok($$SELECT terrind.save_rule_set('mine', '2023-2027', 'x >', 'd')$$, '22P02', NULL, 'save: a rule that does not parse (22P02)');
SELECT is(save_rule_set('mine', '2023-2027', 'jobs > 1000', 'd'), 1, 'save: version 1');
SELECT throws_ok($$SELECT * FROM terrind.evaluate_epci('nature > 1', 2021)$$, '22023', NULL,
                 'evaluate: a fact of the wrong type (22023)');
SELECT throws_ok($$SELECT * FROM terrind.evaluate_territories('jobs > 1', '2019-2023', 2021)$$, '22023', NULL,
                 'evaluate: an unknown phase (22023)');
SELECT results_eq($$SELECT siren, verdict FROM terrind.evaluate_epci('jobs > 1600', 2021)$$,
                  $$VALUES ('200042935', false), ('200067254', true), ('200069300', false), ('200071173', true)$$,
                  'evaluate_epci: one verdict per EPCI');

-- who may load and save: not a reader
CREATE ROLE terrind_test_reader;
GRANT USAGE ON SCHEMA terrind TO terrind_test_reader;
GRANT SELECT ON ALL TABLES IN SCHEMA terrind TO terrind_test_reader;
SET LOCAL ROLE terrind_test_reader;
SELECT throws_ok($$SELECT * FROM terrind.load_employment(E'zone,year,na17,jobs\n200067254,2021,C5,1\n')$$, '42501', NULL,
                 'a reader cannot load employment');
SELECT throws_ok($$SELECT terrind.save_rule_set('theirs', '2023-2027', 'jobs > 1', 'd')$$, '42501', NULL,
                 'a reader cannot save a rule set');
SELECT lives_ok($$SELECT * FROM terrind.evaluate_territories(terrind.rule_set('phase2-combined'), '2023-2027', 2021)$$,
                'a reader evaluates rule sets');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;

-- eligibility scenarios: the presets, rule sets and their versions,
-- verdict(), and evaluate/compare over the fixture EPCI and territories.
SET search_path = terrind, public;
\set VERBOSITY default
\i test/fixtures/employment/load.psql

-- the presets: analytical scenarios, each reading one public statement
SELECT name, version, phase, rule, official, author, description LIKE 'Analytical scenario, not an official rule:%' AS labelled
FROM eligibility_rule_set ORDER BY phase, name;
-- every preset reads facts that epci_facts and territory_facts provide
SELECT DISTINCT k AS fact,
       k IN (SELECT jsonb_object_keys(facts) FROM territory_facts('2023-2027', 2021)
             UNION SELECT 'national.' || jsonb_object_keys(national_facts(2021))) AS provided
FROM eligibility_rule_set, unnest(rule_facts(rule)) k ORDER BY 1;
-- and evaluates on every territory (the fixture's towns are far below 50 000)
SELECT s.name, count(*) FILTER (WHERE e.verdict) AS pass, count(*) FILTER (WHERE NOT e.verdict) AS fail,
       count(*) FILTER (WHERE e.verdict IS NULL) AS undecided
FROM eligibility_rule_set s, evaluate_territories(s.rule, '2023-2027', 2021) e
GROUP BY s.name ORDER BY s.name;

-- verdict(): plain columns; failing lists the conditions the rule wanted
SELECT * FROM verdict('population >= 1000 and not has_metropole', '{"population": 980, "has_metropole": true}');
-- margin: the relative margin closest to flipping among the comparisons
-- that went the verdict's way (+-infinity when they have no number)
SELECT v.verdict, v.failing, v.margin
FROM (VALUES ('{"population": 1200, "industry_share": 0.3}'::jsonb),
             ('{"population": 1200, "industry_share": 0.1}'),
             ('{"population": 980, "industry_share": 0.1}'),
             ('{"industry_share": 0.3}'),
             ('{"population": 900}')) f(facts),
     verdict('population >= 1000 and industry_share >= 0.2', f.facts) v;
SELECT margin FROM verdict('not has_metropole', '{"has_metropole": false}');
-- it is the relative margin explain() shows for that comparison
SELECT bool_and(e.margin = (SELECT min((c->>'relative_margin')::float8) FROM jsonb_array_elements(e.explanation->'comparisons') c
                            WHERE c->'passed' = to_jsonb(e.verdict))) AS same_as_explained
FROM evaluate_epci('population >= 1000 and industry_share >= 1.5 * national.industry_share and krugman < 0.5', 2021) e;

-- which EPCI pass, which narrowly miss and why
SELECT siren, name, verdict, failing, round(margin::numeric, 4) AS margin
FROM evaluate_epci('population >= 1000 and industry_share >= 1.5 * national.industry_share', 2021)
ORDER BY verdict DESC, margin DESC;
-- the same for the territories of a phase, with the values behind each failure
SELECT e.id, e.verdict, c->>'text' AS failed, c->'left' AS value, c->'right' AS threshold, c->'relative_margin' AS missed_by
FROM evaluate_territories('population >= 2000 and industry_share >= 0.2', '2023-2027', 2021) e
LEFT JOIN LATERAL jsonb_array_elements(e.explanation->'comparisons') c ON c->'passed' = 'false'
ORDER BY e.id, c->>'text';

-- two scenarios zone by zone
SELECT id, verdict_a, verdict_b, differs, failing_a, failing_b
FROM compare_territories(rule_set('phase2-single-epci-critical-size'), 'not single_member or population >= 500', '2023-2027', 2021);
SELECT siren, verdict_a, verdict_b, differs
FROM compare_epci('industry_share >= 1.5 * national.industry_share', 'industry_specificity >= 1.25', 2021);

-- rule sets are versioned: a change is a new version, the same rule is not
SELECT save_rule_set('test-size', '2023-2027', 'population >= 1000', 'a size threshold');
SELECT save_rule_set('test-size', '2023-2027', 'population>=1000', 'a size threshold');
SELECT save_rule_set('test-size', '2023-2027', 'population >= 2000', 'a size threshold');
SELECT name, version, phase, rule, author = current_user AS by_me FROM eligibility_rule_set WHERE name = 'test-size' ORDER BY version;
SELECT rule_set('test-size') AS latest, rule_set('test-size', 1) AS first;
-- the rules two versions differ by, zone by zone
SELECT id, verdict_a, verdict_b FROM compare_territories(rule_set('test-size', 1), rule_set('test-size'), '2023-2027', 2021)
WHERE differs ORDER BY id;

-- errors
SELECT rule_set('no-such-set');
SELECT rule_set('test-size', 9);
SELECT save_rule_set('test-size', '2030-2034', 'x > 1', 'no such phase');
INSERT INTO eligibility_rule_set (name, version, phase, rule, description, author, created_at, official)
VALUES ('claimed', 1, '2023-2027', 'population > 0', 'an official rule?', 'someone', '2026-01-01', true);
SELECT * FROM evaluate_territories('x > 1', '2030-2034', 2021);

-- leave no territories, employment or rule sets of ours to the tests that follow
DELETE FROM territory;
DELETE FROM employment_year;
DELETE FROM eligibility_rule_set WHERE author <> 'terrind presets';

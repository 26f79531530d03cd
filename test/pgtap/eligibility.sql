-- pgTAP: eligibility rules and specialisation indicators as a user calls
-- them, with every error's SQLSTATE.
BEGIN;
SET search_path = terrind, public;
SELECT plan(55);

SELECT has_type('terrind', t, 'type ' || t || ' exists')
FROM unnest(ARRAY['eligibility_rule', 'specialisation_state']) t;
SELECT has_function('terrind', f, args, f || ' exists')
FROM (VALUES ('eligible', ARRAY['eligibility_rule', 'jsonb']), ('explain', ARRAY['eligibility_rule', 'jsonb']),
             ('rule_facts', ARRAY['eligibility_rule']), ('specificity', ARRAY['double precision', 'double precision', 'double precision', 'double precision']),
             ('krugman', ARRAY['double precision', 'double precision']),
             ('gini_specialisation', ARRAY['double precision', 'double precision'])) t(f, args);
SELECT ok(bool_and(p.provolatile = 'i' AND p.proisstrict AND p.proparallel = 's'),
          'the functions are IMMUTABLE, STRICT and PARALLEL SAFE')
FROM pg_proc p WHERE p.pronamespace = 'terrind'::regnamespace
  AND p.proname IN ('eligible', 'explain', 'rule_facts', 'specificity', 'eligibility_rule_in', 'specialisation_accum');
SELECT is_aggregate('terrind', f, ARRAY['double precision', 'double precision'], f || ' is an aggregate')
FROM unnest(ARRAY['krugman', 'gini_specialisation']) f;

-- rules
SELECT is('population BETWEEN 50000 AND 150000 AND NOT has_metropole'::eligibility_rule::text,
          'population between 50000 and 150000 and not has_metropole', 'canonical text');
SELECT is(eligible('x > 1 and y', '{"x": 2, "y": true}'), true, 'eligible: true');
SELECT is(eligible('x > 1 and y', '{"x": 0}'), false, 'eligible: false, y never read');
SELECT is(eligible('x > 1 and y', '{"x": 2}'), NULL, 'eligible: NULL when a needed fact is missing');
SELECT is(eligible('x / y > 1', '{"x": 2, "y": 0}'), NULL, 'eligible: division by zero is NULL');
SELECT is(explain('x >= 10', '{"x": 9}')->'comparisons'->0->>'margin', '-1', 'explain: missed by 1');
SELECT is(explain('x >= 10', '{"x": 9}')->>'verdict', 'false', 'explain: verdict');
SELECT is(rule_facts('b > 1 or a.c'), ARRAY['a.c', 'b'], 'rule_facts: sorted names');
SELECT is('a > 1'::eligibility_rule = '(a>1)'::eligibility_rule, true, '= compares canonical rules');

SELECT throws_ok($$SELECT 'population 50000'::terrind.eligibility_rule$$, '22P02',
    'invalid eligibility rule "population 50000": expected a comparison operator after population at position 12',
    'syntax error: 22P02 with position and what was expected');
SELECT throws_ok($$SELECT 'x > ''a'''::terrind.eligibility_rule$$, '22P02', NULL, 'comparing a number with a string: 22P02');
SELECT throws_ok($$SELECT 'x = ''abc'::terrind.eligibility_rule$$, '22P02', NULL, 'unterminated string: 22P02');
SELECT throws_ok($$SELECT 'x > 1e400'::terrind.eligibility_rule$$, '22003', NULL, 'number beyond double: 22003');
SELECT throws_ok($$SELECT (repeat('(', 1000) || 'x' || repeat(')', 1000))::terrind.eligibility_rule$$, '54000', NULL,
    'nesting too deep: 54000');
SELECT throws_ok($$SELECT ('x > 0' || repeat(' * 2', 500))::terrind.eligibility_rule$$, '54000', NULL,
    'a product too long to nest: 54000');
SELECT throws_ok($$SELECT repeat('x', 1100000)::terrind.eligibility_rule$$, '54000', NULL, 'rule text too long: 54000');
SELECT lives_ok($$SELECT terrind.eligible(('x > 0' || repeat(' and x > 1 or y < 2', 10000))::terrind.eligibility_rule, '{}')$$,
    '10 000 clauses evaluate');
SELECT throws_ok($$SELECT terrind.eligible('x > 1', '{"x": "1"}')$$, '22023',
    'fact "x" is a string, expected a number', 'fact of the wrong type: 22023');
SELECT throws_ok($$SELECT terrind.eligible('x', '{"x": 1}')$$, '22023', NULL, 'a fact alone must be a boolean: 22023');
SELECT throws_ok($$SELECT terrind.explain('x > 1', '{"x": [1]}')$$, '22023', 'fact "x" is an array', 'an array fact: 22023');
SELECT throws_ok($$SELECT terrind.eligible('x > 1', '[]')$$, '22023', 'facts must be a jsonb object, not an array',
    'facts not an object: 22023');

-- binary input is validated: 22P03 (the bytes written as a bytea column,
-- in a file of the server's data directory)
SELECT current_setting('data_directory') || '/terrind_pgtap.bin' AS bin_file \gset
CREATE TEMP TABLE rule_copy (r terrind.eligibility_rule);
COPY (SELECT '\x0102000415'::bytea) TO :'bin_file' (FORMAT binary);
SELECT lives_ok(format('COPY rule_copy FROM %L (FORMAT binary)', :'bin_file'), 'binary input of a valid rule');
SELECT is((SELECT r::text FROM rule_copy), 'not true', 'binary input decoded');
COPY (SELECT '\x0202000415'::bytea) TO :'bin_file' (FORMAT binary);
SELECT throws_ok(format('COPY rule_copy FROM %L (FORMAT binary)', :'bin_file'), '22P03', NULL, 'unknown format version: 22P03');
COPY (SELECT '\x0102000416'::bytea) TO :'bin_file' (FORMAT binary);
SELECT throws_ok(format('COPY rule_copy FROM %L (FORMAT binary)', :'bin_file'), '22P03', NULL, 'malformed rule: 22P03');
COPY (SELECT '\x010301017801000301ff0f'::bytea) TO :'bin_file' (FORMAT binary);
SELECT throws_ok(format('COPY rule_copy FROM %L (FORMAT binary)', :'bin_file'), '22021', NULL,
    'a string invalid in the database encoding: 22021');

-- specialisation indicators
SELECT is(round(krugman(x_ik, x_k)::numeric, 12), round(31 / 110.0, 12), 'krugman by hand')
FROM (VALUES (10., 100.), (30, 200), (60, 2000)) t(x_ik, x_k);
SELECT is(round(gini_specialisation(x_ik, x_k)::numeric, 12), round(63000 / 230000.0, 12), 'gini_specialisation by hand (whole area as reference)')
FROM (VALUES (10., 100.), (30, 200), (60, 2000)) t(x_ik, x_k);
SELECT is(krugman(x_ik, x_k), 0::float8, 'krugman: 0 for the reference structure')
FROM (VALUES (10., 100.), (20, 200)) t(x_ik, x_k);
SELECT is(gini_specialisation(x_ik, x_k), NULL, 'gini_specialisation: NULL without rows')
FROM (VALUES (10., 100.)) t(x_ik, x_k) WHERE false;
SELECT is(specificity(10, 100, 110, 1100), 1::float8, 'specificity: 1 for the reference structure');
SELECT is(specificity(0, 0, 110, 1100), NULL, 'specificity: NULL for a zone without jobs');
SELECT throws_ok($$SELECT terrind.krugman(x, 10) FROM (VALUES (-1.0)) t(x)$$, '22023', NULL, 'negative count: 22023');
SELECT throws_ok($$SELECT terrind.gini_specialisation(x, 10) FROM (VALUES (11.0)) t(x)$$, '22023', NULL,
    'zone jobs above area jobs: 22023');
SELECT throws_ok($$SELECT terrind.specificity(1, 2, 3, 'NaN')$$, '22023', NULL, 'NaN count: 22023');
SELECT throws_ok($$SELECT '[[1,2]'::terrind.specialisation_state$$, '22P02', NULL, 'bad state text: 22P02');
SELECT throws_ok($$SELECT '[[3,2]]'::terrind.specialisation_state$$, '22P02', NULL, 'inconsistent state text: 22P02');
CREATE TEMP TABLE state_copy (s terrind.specialisation_state);
COPY (SELECT '\x01000000024024'::bytea) TO :'bin_file' (FORMAT binary);
SELECT throws_ok(format('COPY state_copy FROM %L (FORMAT binary)', :'bin_file'), '22P03', NULL, 'bad binary state: 22P03');

-- explain() writes jsonb's binary form itself: on many rules and facts, its
-- output must be exactly what PostgreSQL makes of its text
SELECT is_empty($$
    WITH rules(r) AS (VALUES
        ('population between 50000 and 150000 and industry_share >= 1.5 * national.industry_share and not has_metropole'),
        ('nature in (''CC'', ''CA'') or (jobs / population > 0.3 and not (members = 1))'),
        ('-x + 2 * y <> 3 or name = ''Pau'' or flag or z not between 1 and 2 or nature not in (''METRO'')')),
    facts(f) AS (
        SELECT jsonb_strip_nulls(jsonb_build_object(
            'population', CASE WHEN g % 7 > 0 THEN (g * 7919) % 200000 END,
            'industry_share', (g % 100) / 100.0, 'national', jsonb_build_object('industry_share', 0.102),
            'has_metropole', g % 3 = 0, 'nature', (ARRAY['CC', 'CA', 'METRO', 'EPT'])[1 + g % 4],
            'jobs', g % 50000, 'members', g % 4, 'x', g % 11 - 5, 'y', (g % 13) * 0.25,
            'name', CASE WHEN g % 5 = 0 THEN 'Pau' ELSE 'Lacq' END, 'flag', CASE WHEN g % 2 = 0 THEN g % 4 = 0 END,
            'z', g % 3 * 0.75))
        FROM generate_series(1, 400) g)
    SELECT r, f FROM rules, facts
    WHERE terrind.explain(r::terrind.eligibility_rule, f) IS DISTINCT FROM
          terrind.explain(r::terrind.eligibility_rule, f)::text::jsonb$$,
    'explain() output is valid jsonb, identical to its own text parsed back');

-- Many rules on the same facts: what was read or explained for a fact or a
-- comparison is kept while the facts stay the same (src/facts_memo.h).
-- Every answer must be the one a query with that rule and those facts alone
-- gives (EXECUTE plans each afresh, with nothing kept).
CREATE FUNCTION pg_temp.alone(call text, r terrind.eligibility_rule, f jsonb) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
    v text;
BEGIN
    EXECUTE format('SELECT terrind.%s($1, $2)::text', call) INTO v USING r, f;
    RETURN v;
END $$;
CREATE TEMP TABLE memo_rule AS
SELECT n, r::eligibility_rule AS rule FROM (VALUES
    (1, 'x > 1 and y between 0 and 2'), (2, 'not x > 1 or y between 0 and 2'),
    (3, 'x > 1 and not (y between 0 and 2)'), (4, 'x > 1'), (5, 'not x > 1'),
    (6, 'a.b = ''k'' or x > 1'), (7, 'y between 0 and 2 and a.b in (''k'', ''l'')'),
    (8, 'x + y >= 3 and not x > 1'), (9, 'not (flag or x > 1)'), (10, 'flag and y between 0 and 2')) t(n, r);
CREATE TEMP TABLE memo_fact AS
SELECT g AS id, jsonb_strip_nulls(jsonb_build_object(
    'x', CASE WHEN g % 5 > 0 THEN g % 4 END, 'y', (g % 9) * 0.5, 'flag', CASE WHEN g % 7 > 0 THEN g % 2 = 0 END,
    'a', CASE WHEN g % 3 > 0 THEN jsonb_build_object('b', (ARRAY['k', 'l', 'm'])[1 + g % 3]) END)) AS facts
FROM generate_series(1, 60) g;
-- the lateral subquery (OFFSET 0: not flattened) loops over rules inside a
-- loop over facts
SELECT is(count(*), 0::bigint, 'explain() of many rules on each facts is explain() of each alone')
FROM memo_fact f, LATERAL (SELECT rule FROM memo_rule WHERE f.id > 0 OFFSET 0) r
WHERE explain(r.rule, f.facts)::text IS DISTINCT FROM pg_temp.alone('explain', r.rule, f.facts);
SELECT is(count(*), 0::bigint, 'eligible() of many rules on each facts is eligible() of each alone')
FROM memo_fact f, LATERAL (SELECT rule FROM memo_rule WHERE f.id > 0 OFFSET 0) r
WHERE eligible(r.rule, f.facts)::text IS DISTINCT FROM pg_temp.alone('eligible', r.rule, f.facts);
SELECT is(count(*), 0::bigint, 'verdict() of many rules on each facts is verdict() of each alone')
FROM memo_fact f, LATERAL (SELECT rule FROM memo_rule WHERE f.id > 0 OFFSET 0) r
WHERE verdict(r.rule, f.facts)::text IS DISTINCT FROM pg_temp.alone('verdict', r.rule, f.facts);
-- facts built row after row in the same memory, of the same length: the
-- same place and size, other values (only the bytes tell them apart)
SELECT is(count(*), 0::bigint, 'facts made afresh in each row: the same answers as alone')
FROM generate_series(1, 40) g, LATERAL (SELECT rule FROM memo_rule WHERE g > 0 OFFSET 0) r,
     LATERAL (SELECT jsonb_build_object('x', g % 2 + 1, 'y', g % 2 + 1, 'flag', g % 2 = 0) AS facts) f
WHERE explain(r.rule, f.facts)::text || eligible(r.rule, f.facts)::text
      IS DISTINCT FROM pg_temp.alone('explain', r.rule, f.facts) || pg_temp.alone('eligible', r.rule, f.facts);
-- more rules than a call site keeps: its cache empties and numbers its keys again
SELECT is(count(*), 0::bigint, 'over 1 024 rules on the same facts: the same answers as alone')
FROM memo_fact f, LATERAL (SELECT format('x > %s or y between 0 and 2 or not flag', g % 1100 - 2)::eligibility_rule AS rule
                           FROM generate_series(1, 2200) g WHERE f.id > 0 OFFSET 0) r
WHERE f.id <= 2 AND explain(r.rule, f.facts)::text IS DISTINCT FROM pg_temp.alone('explain', r.rule, f.facts);

SELECT * FROM finish();
ROLLBACK;

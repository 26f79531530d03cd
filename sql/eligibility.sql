-- eligibility rules: the language as users write it, its canonical form and
-- errors, verdicts under three-valued logic, explanations, binary form.
SET search_path = terrind, public;
\set VERBOSITY default

-- canonical text: lower-case keywords, single spaces, minimal parentheses
SELECT r AS written, r::eligibility_rule AS canonical
FROM (VALUES ('population BETWEEN 50000 AND 150000 AND industry_share >= 1.5*national.industry_share AND NOT has_metropole'),
             ('(a > 1) and ((b < 2) or (c = 3))'),
             ('a or (b or c)'),
             ('not (a and b)'),
             ('x > (1 + 2) * 3 - (4 - 5)'),
             ('x > a / (b * c)'),
             ('x > - 5 and y < -(5) and z = -(-w)'),
             ('x NOT BETWEEN 1 AND 2'),
             ('nature IN ( ''CC'' ,''CA'' ) or nature not in (''METRO'')'),
             ('name = ''l''''Isle-d''''Abeau'''),
             ('x != 1.50 and y <> 1e6 and z > .5'),
             ('TRUE'),
             ('has_metropole = False'),
             ('part_industrie_é > 0.1')) t(r);

-- the canonical text parses back to the same rule
SELECT r::eligibility_rule::text::eligibility_rule = r::eligibility_rule AS round_trip,
       r::eligibility_rule = r::eligibility_rule::text::eligibility_rule::text::eligibility_rule AS stable
FROM (VALUES ('a>1 and (b<2 or c)'), ('x > -(a - b) * c / 2'), ('n in (''a'')')) t(r);
SELECT 'a > 1 and b'::eligibility_rule = 'A > 1 AND b'::eligibility_rule AS case_matters,
       'a > 1 and b'::eligibility_rule = '(a > 1) and (b)'::eligibility_rule AS same,
       'a > 1'::eligibility_rule <> 'a >= 1'::eligibility_rule AS differs;
-- hashable: DISTINCT and GROUP BY work on rules
SELECT count(*) FROM (SELECT DISTINCT r FROM (VALUES ('a > 1'::eligibility_rule), ('(a > 1)'), ('a>1'), ('a >= 1')) t(r)) d;
SELECT 'a > 1'::text::eligibility_rule::text AS text_casts;

-- parse errors: 22P02 with the position and what was expected
SELECT 'population 50000'::eligibility_rule;
SELECT 'population + 1'::eligibility_rule;
SELECT 'a > 1 and'::eligibility_rule;
SELECT 'a > 1)'::eligibility_rule;
SELECT '(a > 1'::eligibility_rule;
SELECT 'a < b < c'::eligibility_rule;
SELECT 'x between 1 or 2'::eligibility_rule;
SELECT 'x not 5'::eligibility_rule;
SELECT 'x in (1, 2)'::eligibility_rule;
SELECT 'x in (''a'' ''b'')'::eligibility_rule;
SELECT 'population ≥ 50000'::eligibility_rule;
SELECT 'name = ''Lyon'::eligibility_rule;
SELECT 'x > 1e'::eligibility_rule;
SELECT 'x > ''a'''::eligibility_rule;
SELECT '(x > 1) = true'::eligibility_rule;
SELECT ''::eligibility_rule;
-- 22003: a number beyond double
SELECT 'x > 1e400'::eligibility_rule;
-- 54000: nesting and size are limited, never a stack overflow
SELECT (repeat('(', 10000) || 'x' || repeat(')', 10000))::eligibility_rule;
SELECT (repeat('not ', 300) || 'x')::eligibility_rule;
SELECT ('x > 0' || repeat(' + 1', 300))::eligibility_rule;
SELECT repeat('x', 2000000)::eligibility_rule;
-- 10 000 clauses are fine: and/or chains are flat
SELECT length(r::text), eligible(r, '{"x0": 1, "x": 0, "y": 5}')
FROM (SELECT ('x0 > 0' || repeat(' and x > 1 or y < 2', 10000))::eligibility_rule AS r) t;

-- the example rule on a few EPCI-like facts
CREATE TEMP TABLE epci (name text, facts jsonb);
INSERT INTO epci VALUES
    ('passes',       '{"population": 62000, "industry_share": 0.2, "national": {"industry_share": 0.102}, "has_metropole": false}'),
    ('too small',    '{"population": 40000, "industry_share": 0.2, "national": {"industry_share": 0.102}, "has_metropole": false}'),
    ('just missed',  '{"population": 62000, "industry_share": 0.15, "national": {"industry_share": 0.102}, "has_metropole": false}'),
    ('metropole',    '{"population": 62000, "industry_share": 0.2, "national": {"industry_share": 0.102}, "has_metropole": true}'),
    ('unknown',      '{"population": 62000, "industry_share": 0.2, "national": {"industry_share": 0.102}}'),
    ('unknown, out', '{"population": 40000, "industry_share": 0.2, "national": {"industry_share": 0.102}, "has_metropole": null}'),
    ('no national',  '{"population": 62000, "industry_share": 0.2, "has_metropole": false}');
SELECT name, eligible('population between 50000 and 150000 and industry_share >= 1.5 * national.industry_share and not has_metropole', facts)
FROM epci;

-- three-valued logic, as SQL
SELECT r, f, eligible(r::eligibility_rule, f::jsonb)
FROM (VALUES ('a and b', '{"a": true, "b": null}'), ('a and b', '{"a": false}'),
             ('a or b', '{"a": true}'), ('a or b', '{"b": false}'), ('not a', '{}'),
             ('x > 1 or y', '{"x": null, "y": true}'), ('x in (''a'')', '{"x": null}'),
             ('x between 1 and y', '{"x": 5}'), ('x = y', '{"x": "a"}'),
             ('a / b > 1', '{"a": 1, "b": 0}'), ('a / b > 1 or c', '{"a": 1, "b": 0, "c": true}'),
             ('a * 1e300 > 0', '{"a": 1e300}'), ('true', '{}'), ('false or x', '{}')) t(r, f);

-- every kind of comparison
SELECT r, eligible(r::eligibility_rule, '{"x": 10, "y": 2.5, "n": "CA", "b": true, "p": {"q": {"r": 1}}}')
FROM (VALUES ('x < 10'), ('x <= 10'), ('x > 9.99'), ('x >= 11'), ('x = 10'), ('x <> 10'),
             ('x between 10 and 20'), ('x between 20 and 10'), ('x not between 11 and 20'),
             ('n in (''CC'', ''CA'')'), ('n not in (''CC'', ''CA'')'), ('n = ''ca'''),
             ('b = true'), ('b'), ('not b'), ('x = 4 * y'), ('x - y * 2 = 5'), ('(x - y) * 2 = 15'),
             ('x / y / 2 = 2'), ('-x = -10'), ('p.q.r = 1'), ('p.q.s = 1'), ('x.y = 1')) t(r);

-- facts of the wrong kind: 22023
SELECT eligible('x > 1', '{"x": "12"}');
SELECT eligible('not has_metropole', '{"has_metropole": "no"}');
SELECT eligible('nature in (''CC'')', '{"nature": 1}');
SELECT eligible('national > 1', '{"national": {"x": 1}}');
SELECT eligible('x > 1', '[1, 2]');
SELECT eligible('x > 1', '5');

-- explain: the verdict and every comparison with its values and margins
SELECT jsonb_pretty(explain('population between 50000 and 150000 and industry_share >= 1.5 * national.industry_share and not has_metropole', facts))
FROM epci WHERE name = 'just missed';
SELECT r, explain(r::eligibility_rule, '{"x": 12, "n": "CA", "s": null}')
FROM (VALUES ('x >= 10'), ('x < 10'), ('x = 10'), ('x <> 10'), ('x between 10 and 20'),
             ('x not between 0 and 11'), ('not x > 0'), ('n in (''CC'', ''CA'')'), ('x > 0 or s'),
             ('x > 0 or true'), ('x / 0 > 1'), ('x > -0.5')) t(r);
-- the margin is how far from flipping: which EPCI narrowly missed, and why
SELECT name, c->>'text' AS failed, c->'left' AS value, c->'right' AS threshold,
       c->'margin' AS missed_by, round((c->>'relative_margin')::numeric, 3) AS relative
FROM epci, jsonb_array_elements(explain('population between 50000 and 150000 and industry_share >= 1.5 * national.industry_share and not has_metropole', facts)->'comparisons') c
WHERE (c->>'passed')::boolean IS FALSE AND (c->>'relative_margin')::float8 > -0.25
ORDER BY name;
-- explain and eligible agree
SELECT bool_and(explain(r, facts)->'verdict' = coalesce(to_jsonb(eligible(r, facts)), 'null')) AS agree
FROM epci, (VALUES ('population between 50000 and 150000 and industry_share >= 1.5 * national.industry_share and not has_metropole'::eligibility_rule),
                   ('population > 50000 or has_metropole'), ('not (population < 45000 and has_metropole)')) t(r);

-- numbers: facts read as ::float8 reads them; explain() writes computed numbers
-- (here the margin x - 0) as float8::numeric does, in every magnitude
CREATE TEMP TABLE numbers AS
SELECT DISTINCT x FROM (
    SELECT (m * 10.0 ^ e)::float8 * sgn AS x
    FROM unnest(ARRAY[1, 1.5, 0.102, 7, 62000, 1234.5678, 0.30000000000000004, 3.14159265358979,
                      123456789012345, 999999999999999, 9.99999999999999, 2.5e-3]) m,
         generate_series(-12, 16) e, unnest(ARRAY[1, -1]) sgn
    UNION ALL
    SELECT i * 0.000123456789 * 10.0 ^ (i % 19 - 6) FROM generate_series(1, 5000) i
    UNION ALL
    SELECT 0) t;
SELECT count(*) AS values_checked,
       count(*) FILTER (WHERE eligible(format('x = %s', x)::eligibility_rule, jsonb_build_object('x', x::numeric))
                        = (x::numeric::float8 = x)) AS read_as_float8,
       count(*) FILTER (WHERE explain('x > 0', jsonb_build_object('x', x))->'comparisons'->0->>'margin'
                        = x::numeric::text) AS written_as_numeric
FROM numbers;
-- and float8 values as jsonb_build_object writes them, with up to 17
-- significant digits (as computed facts are): each reads back as itself
SELECT count(*) AS values_checked,
       count(*) FILTER (WHERE eligible(format('x = %s', x)::eligibility_rule, jsonb_build_object('x', x))) AS read_exactly,
       count(*) FILTER (WHERE length(replace(replace(split_part(x::text, 'e', 1), '.', ''), '-', '')) >= 17) AS with_17_digits
FROM (SELECT (i / 7919.0::float8 + i * 1e-7) * 10.0::float8 ^ (i % 50 - 25) * (1 - 2 * (i % 2)) AS x
      FROM generate_series(1, 20000) i) v;

-- the facts a rule reads
SELECT rule_facts('population between 50000 and 150000 and industry_share >= 1.5 * national.industry_share and not has_metropole or population > national.population');
SELECT rule_facts('true');

-- binary COPY round trip, and binary input checked like text input
CREATE TEMP TABLE rules (id int, rule eligibility_rule);
INSERT INTO rules VALUES (1, 'population between 50000 and 150000 and not has_metropole'),
                         (2, 'nature in (''CC'', ''CA'') or x > -1.5e-3'), (3, 'true');
\copy rules TO 'results/eligibility_rules.bin' WITH (FORMAT binary)
CREATE TEMP TABLE rules_back (LIKE rules);
\copy rules_back FROM 'results/eligibility_rules.bin' WITH (FORMAT binary)
SELECT a.id, a.rule = b.rule AS same, b.rule FROM rules a JOIN rules_back b USING (id) ORDER BY id;
-- the same bytes as bytea: format version 1, 2 nodes, no fact, TRUE, NOT
CREATE TEMP TABLE raw (id int, bytes bytea);
INSERT INTO raw VALUES (1, '\x0102000415');
\copy raw TO 'results/eligibility_raw.bin' WITH (FORMAT binary)
\copy rules_back FROM 'results/eligibility_raw.bin' WITH (FORMAT binary)
SELECT rule FROM rules_back WHERE id = 1 AND rule::text = 'not true';
-- wrong version, cut short, a nested "and", an unused fact: 22P03
TRUNCATE raw;
INSERT INTO raw VALUES (1, '\x0202000415');
\copy raw TO 'results/eligibility_raw.bin' WITH (FORMAT binary)
\copy rules_back FROM 'results/eligibility_raw.bin' WITH (FORMAT binary)
TRUNCATE raw;
INSERT INTO raw VALUES (1, '\x01020004');
\copy raw TO 'results/eligibility_raw.bin' WITH (FORMAT binary)
\copy rules_back FROM 'results/eligibility_raw.bin' WITH (FORMAT binary)
TRUNCATE raw;
INSERT INTO raw VALUES (1, '\x01050004041602041602');
\copy raw TO 'results/eligibility_raw.bin' WITH (FORMAT binary)
\copy rules_back FROM 'results/eligibility_raw.bin' WITH (FORMAT binary)
TRUNCATE raw;
INSERT INTO raw VALUES (1, '\x01030201610162010001001602');
\copy raw TO 'results/eligibility_raw.bin' WITH (FORMAT binary)
\copy rules_back FROM 'results/eligibility_raw.bin' WITH (FORMAT binary)

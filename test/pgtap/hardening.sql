-- pgTAP: what an adversarial campaign against 0.2.0 found (issue 17), each
-- as the user meets it.  Concurrency has its own file (concurrency.sql);
-- the PostGIS overloads are in hostile_environment.sql.
BEGIN;
SET search_path = terrind, public;
SELECT plan(46);

\set regions `cat test/fixtures/cog/regions.json`
\set departements `cat test/fixtures/cog/departements.json`
\set communes `cat test/fixtures/cog/communes.json`
\set epci `cat test/fixtures/cog/epci.json`
\set ept `cat test/fixtures/cog/ept.json`
\set grpt2023 `cat test/fixtures/territories/liste-ti-grpt2023-20240115.csv`

-- the error a statement raises, as sqlstate|message|detail
CREATE FUNCTION pg_temp.error_of(sql text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    state text; msg text; detail text;
BEGIN
    EXECUTE sql;
    RETURN NULL;
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, msg = MESSAGE_TEXT, detail = PG_EXCEPTION_DETAIL;
    RETURN state || '|' || msg || '|' || coalesce(detail, '');
END $$;
CREATE FUNCTION pg_temp.cog(communes jsonb, epci jsonb, ept jsonb DEFAULT '[]') RETURNS text LANGUAGE sql AS $$
    SELECT format('SELECT * FROM terrind.load_cog(2026, %L, %L, %L, %L, %L)',
                  current_setting('hardening.regions'), current_setting('hardening.departements'), communes, epci, ept)
$$;
SELECT set_config('hardening.regions', :'regions', true), set_config('hardening.departements', :'departements', true);

-- ---------------------------------------------------------------- D1
SELECT lives_ok(pg_temp.cog(:'communes', jsonb_set(:'epci'::jsonb, '{0,code}', '"200 067 254"')),
                'D1: an EPCI code written with spaces is valid input');
SELECT is((SELECT count(*) FROM groupement_member WHERE groupement = '200067254'), 2::bigint,
          'D1: … and the EPCI and its members stay loaded (compared in their normal form)');
SELECT lives_ok(pg_temp.cog(jsonb_set(:'communes'::jsonb, '{0,code}', '" 64445"'), :'epci'),
                'D1: a commune code with a space is valid input');
SELECT is((SELECT count(*) FROM commune WHERE code = '64445'), 1::bigint, 'D1: … and the commune stays loaded');

-- ---------------------------------------------------------------- B8
-- the grants a maintainer needs, as doc/troubleshooting.md lists them (first:
-- a loader's temporary tables belong to whoever ran it first in the session)
CREATE ROLE terrind_maintainer_test NOLOGIN;
GRANT USAGE ON SCHEMA terrind TO terrind_maintainer_test;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA terrind TO terrind_maintainer_test;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA terrind TO terrind_maintainer_test;
SET LOCAL ROLE terrind_maintainer_test;
SELECT lives_ok(format('SELECT * FROM terrind.load_territories(%L, %L)', '2023-2027', :'grpt2023'),
                'B8: a maintainer with the documented grants loads a list (the geometry trigger included)');
RESET ROLE;
REVOKE UPDATE ON terrind.territory_geometry_status FROM terrind_maintainer_test;
SET LOCAL ROLE terrind_maintainer_test;
SELECT throws_ok(format('SELECT * FROM terrind.load_territories(%L, %L)', '2023-2027', :'grpt2023'), '42501', NULL,
                 'B8: … and without UPDATE on territory_geometry_status, which the trigger needs, cannot');
RESET ROLE;

-- ---------------------------------------------------------------- B3
SELECT is(split_part(pg_temp.error_of(pg_temp.cog(c, e, x)), '|', 1) || ' ' ||
          (pg_temp.error_of(pg_temp.cog(c, e, x)) ~ want)::text, '22P02 true', 'B3: ' || label)
FROM (VALUES
    ('a population beyond int', jsonb_set(:'communes'::jsonb, '{0,population}', '99999999999'), :'epci'::jsonb, '[]'::jsonb,
     'population 99999999999: expected a whole number'),
    ('a populationTotale that is text', :'communes', jsonb_set(:'epci'::jsonb, '{0,populationTotale}', '"abc"'), '[]',
     'populationTotale "abc"'),
    ('a fractional populationTotale', :'communes', jsonb_set(:'epci'::jsonb, '{0,populationTotale}', '1.5'), '[]', 'populationTotale 1.5'),
    ('a negative populationTotale', :'communes', jsonb_set(:'epci'::jsonb, '{0,populationTotale}', '-5'), '[]', 'populationTotale -5'),
    ('a member population of 10^12', :'communes', jsonb_set(:'epci'::jsonb, '{0,membres,0,populationTotale}', '1e12'), '[]',
     'member 64445: populationTotale'),
    ('a numeric modeFinancement', :'communes', jsonb_set(:'epci'::jsonb, '{0,modeFinancement}', '5'), '[]', 'modeFinancement 5'),
    ('one SIREN in epci and ept', :'communes', :'epci', jsonb_build_array(jsonb_set(:'epci'::jsonb -> 0, '{type}', '"EPT"')),
     'ept.json element 1 \(code 200067254\): listed again: first as epci.json element 1'),
    ('a member listed twice', :'communes',
     jsonb_set(:'epci'::jsonb, '{0,membres}', (:'epci'::jsonb #> '{0,membres}') || (:'epci'::jsonb #> '{0,membres,0}')), '[]',
     'member 64445 listed 2 times'),
    ('membres that is no array', :'communes', jsonb_set(:'epci'::jsonb, '{0,membres}', '"x"'), '[]',
     'membres "x": expected an array')) t(label, c, e, x, want);

-- ------------------------------------------- B4, duplicated CSV headers
SELECT lives_ok(format('SELECT * FROM terrind.load_territories(%L, %L)', '2023-2027', :'grpt2023'), 'the fixture territories load');
SELECT is(split_part(pg_temp.error_of(format('SELECT * FROM terrind.load_territory_communes(%L, %L)', '2023-2027',
              E'insee_com,lib_com,id_ti\n64445,Pau,"ti-7510 ; TI-7510"\n')), '|', 1), '23505',
          'B4: one territory twice in a cell is a duplicate (23505), reported');
SELECT matches(pg_temp.error_of(format('SELECT * FROM terrind.load_territory_communes(%L, %L)', '2023-2027',
              E'insee_com,lib_com,id_ti\n64445,Pau,"ti-7510 ; TI-7510"\n')), 'line 2: commune 64445 lists ti-7510 twice',
          'B4: … naming the line, the commune and the territory');
SELECT is(pg_temp.error_of(format('SELECT * FROM terrind.load_territories(%L, %L)', '2023-2027',
              E'id_ti;lib_ti;siren_groupement;lib_groupement;id_ti\nti-7510;Lacq;200067254;CA Pau;ti-8413\n')),
          '22P02|CSV header (line 1) has column id_ti or id_territoire 2 times|The header holds: id_ti, lib_ti, siren_groupement, lib_groupement, id_ti.',
          'a column twice in a CSV header is refused, not silently the first');
SELECT matches(pg_temp.error_of(format('SELECT * FROM terrind.load_territories(%L, %L)', '2023-2027',
              E'id_ti;id_territoire;lib_ti;siren_groupement;lib_groupement\nti-7510;ti-8413;Lacq;200067254;CA Pau\n')),
          '^22P02\|CSV header \(line 1\) has column id_ti or id_territoire 2 times',
          'two names of one column in a CSV header are refused too');

-- ---------------------------------------------------------------- R3
SELECT is(split_part(pg_temp.error_of(format('SELECT * FROM terrind.load_territories(%L, %L)', '2023-2027',
              E'id_ti;lib_ti;siren_groupement;lib_groupement\n' ||
              (SELECT string_agg(format('ti-7510;T;s%s;M', i), E'\n') FROM generate_series(1, 150) i))), '|', 2),
          'load_territories(''2023-2027''): 150 problems in 150 rows, nothing loaded', 'R3: the message counts every problem');
SELECT is(array_length(string_to_array(split_part(pg_temp.error_of(format('SELECT * FROM terrind.load_territories(%L, %L)', '2023-2027',
              E'id_ti;lib_ti;siren_groupement;lib_groupement\n' ||
              (SELECT string_agg(format('ti-7510;T;s%s;M', i), E'\n') FROM generate_series(1, 150) i))), '|', 3), E'\n'), 1),
          101, 'R3: the DETAIL lists the first terrind.max_reported_problems (100), then how many more');
SELECT is((SELECT count(*) FROM load_problems()), 150::bigint, 'R3: load_problems() lists all 150 after the rollback');
SELECT is((SELECT problem FROM load_problems() WHERE n = 150), 'line 151: siren_groupement: invalid SIREN "s150": unexpected character "s" at position 1',
          'R3: … in the order of the DETAIL, with their line numbers');
SET LOCAL terrind.max_reported_problems = 2;
SELECT matches(split_part(pg_temp.error_of(format('SELECT * FROM terrind.load_territories(%L, %L)', '2023-2027',
              E'id_ti;lib_ti;siren_groupement;lib_groupement\nti-7510;T;123;M\nti-7510;T;124;M\nti-7510;T;125;M\n')), '|', 3),
          E'^line 2: [^\n]*\nline 3: [^\n]*\n[.][.][.] and 1 more [(]terrind.max_reported_problems = 2[)]', 'R3: the number shown is a setting');
RESET terrind.max_reported_problems;

-- ------------------------------------------------------- money, aggregates
SELECT is('90071992547409.93'::eur * 1.0::float8, '90071992547409.93'::eur, 'W6: eur * float8 keeps every cent above 2^53 cents');
SELECT is('-90071992547409.93'::eur * 0.5::float8, '-45035996273704.97'::eur, 'W6: … and rounds half away from zero once');
SELECT is('90071992547409.93'::eur / 1.0::float8, '90071992547409.93'::eur, 'W6: eur / float8 keeps every cent above 2^53 cents');
SELECT is('-90071992547409.93'::eur / 2.0::float8, '-45035996273704.97'::eur, 'W6: … and rounds half away from zero once');
SELECT throws_ok($$SELECT eur_sum_combine('(170141183460469231731687303715884105727,1)', '(170141183460469231731687303715884105727,1)')$$,
                 '22003', NULL, 'W7: combining two maximal eur sums is out of range, not wrapped');
SELECT throws_ok($$SELECT eur_sum_combine('(1,9223372036854775807)', '(1,9223372036854775807)')$$,
                 '22003', NULL, 'W7: … nor two maximal counts');
SELECT throws_ok($$SELECT need_breakdown_state_combine('(0,0,0,0,170141183460469231731687303715884105727,0,0,0,1)',
                                                       '(0,0,0,0,170141183460469231731687303715884105727,0,0,0,1)')$$,
                 '22003', NULL, 'W7: combining two maximal need breakdown sums is out of range');
SELECT is(krugman_final('[[5e-324,1e-323],[5e-324,1]]'), 0.5::float8, 'W8: krugman_final is defined when X(i) is subnormal');

-- ------------------------------------------------------- clear errors
SELECT is(eligible('a > 1', '{"a": 1e400}'), NULL, 'B2: a fact beyond double precision is NULL, as an overflow is');
SELECT throws_ok($$SELECT 'a > 1e-400'::eligibility_rule$$, '22003', NULL,
                 'B2: a number in a rule too small for a double is refused, as one too large is');
SELECT throws_like($$SELECT (10::numeric ^ 1000)::eur$$, '%is out of range for type eur',
                   'B6: a huge numeric''s message says what is wrong, after a short quote of it');
SELECT is('10'::eur / 'Infinity'::numeric, '0'::eur, 'B6: an amount over infinity is zero, as with float8');
SELECT is(map_number(1e16, 0, 'fr'), '10' || U&'\202F' || '000' || U&'\202F' || '000' || U&'\202F' || '000' || U&'\202F' || '000' || U&'\202F' || '000',
          'B6: map_number groups any number, not ### ###');
CREATE TYPE pg_temp.not_a_layer AS (geom geometry);
SELECT throws_ok($$SELECT * FROM terrind.overlay('2023-2027', 'pg_temp.not_a_layer'::regclass, 'geom')$$, '22023', NULL,
                 'B7: overlay on a composite type is a bad parameter (22023), not 42809');

-- ---------------------------------------------------------------- spatial
\i test/dump_restore/data/territories.sql
SET search_path = terrind, public;
SELECT throws_ok($$SELECT * FROM terrind.nearest_territories('POINT(NaN NaN)'::geometry, '2023-2027', 2)$$,
                 '22023', NULL, 'nearest_territories refuses NaN coordinates');
\set bowtie '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"INSEE_REG": "75"}, "geometry": {"type": "Polygon", "coordinates": [[[0, 45], [1, 46], [1, 45], [0, 46], [0, 45]]]}}]}'
SET LOCAL terrind.max_repair_vertices = 4;
SELECT throws_ok(format('SELECT * FROM terrind.load_boundaries(%L, %L, %L)', 'region', :'bowtie', 'INSEE_REG'), '54000',
                 'load_boundaries(''region''), feature 1: invalid geometry of 5 vertices, more than terrind.max_repair_vertices (4) to repair',
                 'R2: an invalid geometry above terrind.max_repair_vertices is refused before ST_MakeValid (54000)');
RESET terrind.max_repair_vertices;
SELECT is((SELECT loaded FROM terrind.load_boundaries('region', :'bowtie', 'INSEE_REG') WHERE item = 'repaired with ST_MakeValid'),
          1::bigint, 'R2: within the limit it is repaired');
SELECT is(current_setting('terrind.max_repair_vertices'), '100000', 'R2: the default limit');

-- XML: names holding control characters or U+FFFE still give a document
UPDATE territory SET name = E'Lacq\x01 Pau' || U&'\FFFE' || E'\x1f' WHERE phase = '2023-2027' AND id = 'ti-7510';
SELECT ok(xml_is_well_formed_document(map_svg('2023-2027', 'population', E'sub\x02title')),
          'map_svg is well-formed XML whatever the names and subtitle hold');
SELECT ok(map_svg('2023-2027', 'population') LIKE '%Lacq' || U&'\FFFD' || ' Pau%', '… the forbidden characters replaced by U+FFFD');
SELECT lives_ok($$SELECT terrind.territories_geojson('2023-2027')::text::json$$, 'territories_geojson stays JSON (jsonb escapes them)');


SELECT * FROM finish();
ROLLBACK;

-- pgTAP: SQL as analysts and drivers write it, with the default search_path
-- (terrind not in it): operators and aggregates found, eur compared and
-- combined with numbers and parameters (psycopg 3 sends a Python int as
-- smallint, a Decimal as numeric), identifiers compared and joined with text
-- and varchar (psycopg's str, JDBC's setString), and the operator each
-- combination resolves to; built-in expressions keep resolving as before.
BEGIN;
SET LOCAL search_path = "$user", public;
SELECT plan(50);

CREATE TEMP TABLE amounts (id int, amount terrind.eur);
INSERT INTO amounts VALUES (1, '1 234 567,89'), (2, '0.01'), (3, NULL);

-- operators and aggregates without the schema
SELECT is('ti-7510'::terrind.ti_code = 'ti-7510'::terrind.ti_code, true, 'ti_code = ti_code without terrind in the search_path');
SELECT is((SELECT sum(amount)::text FROM amounts), '1234567.90', 'sum(eur) without terrind in the search_path');
SELECT is((SELECT ROW(avg(amount), min(amount), max(amount))::text FROM amounts),
          '(617283.95,0.01,1234567.89)', 'avg, min and max of eur');
SELECT is((SELECT max(id) FROM (VALUES ('ti-7510'::terrind.ti_code)) v(id))::text, 'ti-7510', 'max(ti_code)');
SELECT is('10'::terrind.eur + '0.05' - '1'::terrind.eur, '9.05'::terrind.eur, 'eur + and - with literals');

-- eur and numbers: exact, as numeric
SELECT is((SELECT count(*) FROM amounts WHERE amount > 1000000), 1::bigint, 'eur > integer literal');
SELECT is((SELECT count(*) FROM amounts WHERE amount > 1234567.885), 1::bigint, 'eur > numeric literal, compared exactly (no rounding to the cent)');
SELECT is((SELECT count(*) FROM amounts WHERE amount <= 0.01), 1::bigint, 'eur <= numeric');
SELECT is((SELECT count(*) FROM amounts WHERE amount = 1234567.89), 1::bigint, 'eur = numeric');
SELECT is((SELECT count(*) FROM amounts WHERE 1000000 < amount), 1::bigint, 'integer < eur');
SELECT is((SELECT count(*) FROM amounts WHERE amount > 5::bigint), 1::bigint, 'eur > bigint');
PREPARE over_small(smallint) AS SELECT count(*) FROM amounts WHERE amount > $1;
SELECT results_eq($$EXECUTE over_small(1)$$, $$VALUES (1::bigint)$$, 'eur > smallint parameter (psycopg 3 sends small ints as smallint)');
PREPARE over_numeric(numeric) AS SELECT count(*) FROM amounts WHERE amount > $1;
SELECT results_eq($$EXECUTE over_numeric(0.005)$$, $$VALUES (2::bigint)$$, 'eur > numeric parameter');
SELECT is(pg_typeof('10'::terrind.eur + 5), 'numeric'::regtype, 'eur + integer is numeric');
SELECT is('10'::terrind.eur + 5, 15.00::numeric, 'eur + integer is exact');
SELECT is('10'::terrind.eur - 0.005, 9.995::numeric, 'eur - numeric is exact');
SELECT is(pg_typeof('10'::terrind.eur * 2), 'terrind.eur'::regtype, 'eur * integer stays eur');
SELECT is(pg_typeof('10'::terrind.eur * 1.5), 'terrind.eur'::regtype, 'eur * numeric stays eur');
SELECT is(pg_typeof(2 * '10'::terrind.eur), 'terrind.eur'::regtype, 'integer * eur stays eur');
SELECT is(pg_typeof('10'::terrind.eur / 3), 'terrind.eur'::regtype, 'eur / integer stays eur');
SELECT is(pg_typeof('10'::terrind.eur / '4'::terrind.eur), 'numeric'::regtype, 'eur / eur is a numeric ratio');
SELECT is(pg_typeof('10'::terrind.eur + '1'::terrind.eur), 'terrind.eur'::regtype, 'eur + eur stays eur');
SELECT is(round('10.25'::terrind.eur, 1), 10.3::numeric, 'numeric functions take eur');

-- casts
SELECT is('1234567.89'::terrind.eur::numeric, 1234567.89::numeric, 'eur::numeric');
SELECT is('1234567.89'::terrind.eur::float8, 1234567.89::float8, 'eur::float8');
SELECT is(pg_typeof(coalesce(amount, 0.0)), 'numeric'::regtype, 'coalesce(eur, 0.0) is numeric') FROM amounts WHERE id = 3;
SELECT is(coalesce(amount, '0'), '0'::terrind.eur, 'coalesce(eur, ''0'') stays eur') FROM amounts WHERE id = 3;
SELECT is((SELECT sum(coalesce(amount, 0.0)) FROM amounts), 1234567.90::numeric, 'sum of coalesce(eur, 0.0)');
SELECT is((SELECT CASE WHEN id = 3 THEN 0.0 ELSE amount END FROM amounts WHERE id = 3), 0.0::numeric, 'CASE mixes eur and numeric');
SELECT throws_ok($$SELECT coalesce(amount, 0) FROM amounts$$, '42846', NULL,
    'coalesce(eur, integer) is refused (an implicit integer to eur cast would make integer * numeric ambiguous)');
PREPARE put_small(smallint) AS INSERT INTO amounts VALUES (4, $1);
EXECUTE put_small(7);
SELECT is((SELECT amount FROM amounts WHERE id = 4), '7'::terrind.eur, 'smallint parameter into an eur column');
PREPARE put_decimal(numeric) AS INSERT INTO amounts VALUES (5, $1);
EXECUTE put_decimal(7.125);
SELECT is((SELECT amount FROM amounts WHERE id = 5), '7.13'::terrind.eur, 'numeric parameter into an eur column rounds half away from zero');

-- identifiers and text or varchar
CREATE TEMP TABLE bi_ids (id text, v varchar);
INSERT INTO bi_ids VALUES ('ti-7510', 'ti-7510'), ('ti-8413', 'ti-8413');
CREATE TEMP TABLE ti (id terrind.ti_code);
INSERT INTO ti VALUES ('ti-7510'), ('ti-7511');
SELECT is((SELECT count(*) FROM ti JOIN bi_ids b ON b.id = ti.id), 1::bigint, 'join ti_code with text');
SELECT is((SELECT count(*) FROM ti JOIN bi_ids b ON ti.id = b.v), 1::bigint, 'join ti_code with varchar');
SET LOCAL enable_mergejoin = off;
SET LOCAL enable_nestloop = off;
SELECT is((SELECT count(*) FROM ti JOIN bi_ids b ON b.id = ti.id), 1::bigint, 'hash join of ti_code and text');
RESET enable_mergejoin;
RESET enable_nestloop;
PREPARE by_varchar(varchar) AS SELECT count(*) FROM ti WHERE id = $1;
SELECT results_eq($$EXECUTE by_varchar('ti-7510')$$, $$VALUES (1::bigint)$$, 'ti_code = varchar parameter (JDBC setString)');
PREPARE by_text(text) AS SELECT count(*) FROM ti WHERE id = $1;
SELECT results_eq($$EXECUTE by_text('TI-7510')$$, $$VALUES (1::bigint)$$, 'ti_code = text parameter, read like input');
SELECT throws_ok($$SELECT count(*) FROM ti WHERE id = 'garbage'::text$$, '22P02',
    'invalid territory id "garbage": expected ti-RRNN', 'invalid text against ti_code is 22P02');
SELECT throws_ok($$SELECT count(*) FROM ti WHERE id = 'ti-75'::varchar$$, '22P02', NULL, 'invalid varchar against ti_code is 22P02');
SELECT is('732829320'::terrind.siren = '732 829 320'::text, true, 'siren = text');
SELECT is('732829320'::varchar = '732829320'::terrind.siren, true, 'varchar = siren');
SELECT is('73282932000074'::terrind.siret = '73282932000074'::varchar, true, 'siret = varchar');
SELECT is('2A004'::terrind.commune_code = '2a004'::text, true, 'commune_code = text');
SELECT is('competences'::terrind.need = 'Compétences'::varchar, true, 'need = varchar');
SELECT is('ti-7510'::terrind.ti_code < 'ti-8413'::text, true, 'ti_code < text');

-- built-in expressions resolve as before (no new ambiguity)
SELECT is(5 * 1.5, 7.5, 'integer * numeric');
SELECT is(1.5 * 5, 7.5, 'numeric * integer');
SELECT is(7 / 2.0, 3.5000000000000000, 'integer / numeric');
SELECT is(2 * 1.5::float8, 3::float8, 'integer * float8');
SELECT is(ROW('a'::varchar = 'a', 'a'::varchar = 'a'::varchar, 'a'::text = 'a'::varchar,
              'ab'::varchar LIKE 'a%', 5 = 5.0, 2::int2 * 3::int8 = 6, coalesce(1, 1.5) = 1)::text,
          '(t,t,t,t,t,t,t)', 'comparisons of text, varchar and numbers');
SELECT finish();
ROLLBACK;

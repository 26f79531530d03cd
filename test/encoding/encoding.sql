-- pgTAP: terrind in a database of any encoding (scripts/encoding-tests.sh runs
-- it in UTF8, LATIN9, WIN1252 and SQL_ASCII databases, client_encoding UTF8).
-- Every text crossing the boundary (src/boundary.c): type input and output,
-- labels, rules and facts, loaders' CSV reader and input_error(), messages.
-- Only characters all four encodings hold appear below (é, Î, ü, €, U+00A0);
-- outputs are compared as UTF-8 bytes where they differ by encoding.
BEGIN;
SET search_path = terrind, public;
SELECT * FROM no_plan();

SELECT getdatabaseencoding() IN ('UTF8', 'SQL_ASCII') AS utf8_bytes \gset

-- types: the euro sign and no-break spaces in, French display out ----------
SELECT is('12 €'::eur::text, '12.00', 'eur: the euro sign');
SELECT is('1 234,56 €'::eur::text, '1234.56', 'eur: no-break space thousands');
SELECT is('1,36 Md€'::eur::text, '1360000000.00', 'eur: Md€');
SELECT is(' 732 829 320 '::siren::text, '732829320', 'siren: no-break spaces');
SELECT is(encode(convert_to(format_eur('1234567.89'::eur), 'UTF8'), 'hex'),
          CASE WHEN :'utf8_bytes'::boolean THEN '31e280af323334e280af3536372c3839c2a0e282ac'
               ELSE '31c2a0323334c2a03536372c3839c2a0e282ac' END,
          'format_eur: narrow no-break spaces where the database has them, else no-break spaces');
SELECT is(encode(convert_to(format_eur('1360000000'::eur, true), 'UTF8'), 'hex'),
          '312c3336c2a04d64e282ac', 'format_eur scaled: 1,36 Md€');
SELECT is('Compétences'::need::text, 'competences', 'need: a French label in');
SELECT is('Transition écologique'::need::text, 'transition_ecologique', 'need: another');
SELECT is(need_label('competences'), 'Compétences', 'need_label: accents out');
SELECT is('{Compétences: 1 000,01 €}'::need_breakdown::text, '{competences: 1000.01}',
          'need_breakdown: labels and amounts in');
SELECT is(jsonb_object_keys('{competences: 5}'::need_breakdown::jsonb), 'Compétences',
          'need_breakdown as jsonb: French labels as keys');
SELECT is(label, 'Engagé', 'seeded labels read as UTF-8 by the install script')
FROM funding_status WHERE status = 'engaged';
SELECT throws_ok($$SELECT 'é'::eur$$, '22P02', NULL, 'eur: a bad character is 22P02');
SELECT throws_like($$SELECT 'x€'::eur$$, '%"x€"%', 'eur: the message quotes the input');

-- eligibility: accented fact names, strings and the texts explain writes ----
SELECT is('région   >  1'::eligibility_rule::text, 'région > 1', 'rule: accented fact name');
SELECT is(rule_facts('région = ''Île'' and x > 1'), '{région,x}', 'rule_facts: names out');
SELECT ok(eligible('région = ''Île''', '{"région": "Île"}'), 'eligible: accented key and string match');
SELECT ok(NOT eligible('région = ''Île''', '{"région": "Ile"}'), 'eligible: and differ');
SELECT ok(eligible('nom in (''École'', ''Lyon'')', '{"nom": "École"}'), 'eligible: in a list');
SELECT is(explain('région = ''Île''', '{"région": "Île"}') -> 'comparisons' -> 0 ->> 'text',
          'région = ''Île''', 'explain: the comparison text');
SELECT is(explain('région = ''Île''', '{"région": "Île"}') -> 'comparisons' -> 0 ->> 'left',
          'Île', 'explain: the fact value');
SELECT is((verdict('région = ''Île''', '{"région": "Ile"}')).failing, '{"région = ''Île''"}',
          'verdict: failing conditions');
SELECT throws_like($$SELECT 'région >'::eligibility_rule$$, '%', 'rule: bad text raises');

-- a message longer than the core's 255 bytes is cut between characters
CREATE FUNCTION pg_temp.message_of(sql text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE sql;
    RETURN NULL;
EXCEPTION WHEN OTHERS THEN
    RETURN SQLERRM;
END $$;
SELECT ok(pg_temp.message_of(format('SELECT eligible(%L::eligibility_rule, jsonb_build_object(%L, ''{}''::jsonb))',
                                    'xx' || repeat('é', 125) || ' > 1', 'xx' || repeat('é', 125))) LIKE 'fact "xxé%éé',
          'a long message ends with a whole character');

-- loaders: the CSV reader and input_error() ---------------------------------
SELECT is((SELECT fields FROM csv_records(E'nom,ville\nÉcole,Île\n') WHERE line = 2), '{École,Île}',
          'csv_records: accented fields');
SELECT throws_like($$SELECT * FROM csv_records(E'a\n"x"ü\n')$$, '%unexpected "ü"%',
                   'csv_records: the whole character in the message');
SELECT is(input_error('1 000,01 €', 'eur'), NULL, 'input_error: the euro sign');
SELECT is(input_error('Compétences', 'need'), NULL, 'input_error: a need label');
SELECT matches(input_error('x€', 'eur'), '"x€"', 'input_error: the message quotes the input');

-- map labels -----------------------------------------------------------------
SELECT is(encode(convert_to(map_number(12345, 0, 'fr'), 'UTF8'), 'hex'),
          CASE WHEN getdatabaseencoding() = 'UTF8' THEN '3132e280af333435' ELSE '3132203334' || '35' END,
          'map_number: narrow no-break spaces in UTF8, spaces elsewhere');

-- SQL_ASCII: text the core cannot read as UTF-8 -------------------------------
\if :utf8_bytes
SELECT CASE WHEN getdatabaseencoding() = 'SQL_ASCII'
    THEN throws_ok($$SELECT convert_from('\x3132e9'::bytea, 'SQL_ASCII')::eur$$, '22021', NULL,
                   'SQL_ASCII: text that is not UTF-8 is 22021')
    ELSE pass('UTF8: the server checks text') END;
SELECT CASE WHEN getdatabaseencoding() = 'SQL_ASCII'
    THEN matches(input_error(convert_from('\x3132e9'::bytea, 'SQL_ASCII'), 'eur'), 'not valid UTF-8',
                 'SQL_ASCII: input_error() returns the message instead of raising')
    ELSE pass('UTF8: the server checks text') END;
\endif

SELECT * FROM finish();
ROLLBACK;

-- pgTAP: the scalar types as a user calls them, with every error's SQLSTATE.
BEGIN;
SET search_path = terrind, public;
SELECT plan(62);

SELECT has_type('terrind', t, 'type ' || t || ' exists')
FROM unnest(ARRAY['siren', 'siret', 'commune_code', 'ti_code', 'eur', 'eur_sum_state']) t;

-- SIREN
SELECT is('732 829 320'::siren::text, '732829320', 'SIREN: grouped input, 9-digit output');
SELECT is(E'\u00a0732\u202f829\u00a0320 '::siren::text, '732829320', 'SIREN: no-break and narrow no-break spaces');
SELECT throws_ok($$SELECT '732829321'::terrind.siren$$, '22P02',
    'invalid SIREN "732829321": check digit should be 0, not 1', 'SIREN: wrong check digit is 22P02 naming the expected digit');
SELECT throws_ok($$SELECT '73282932'::terrind.siren$$, '22P02',
    'invalid SIREN "73282932": expected 9 digits, found 8', 'SIREN: too short');
SELECT throws_ok($$SELECT '7328 2932A'::terrind.siren$$, '22P02', NULL, 'SIREN: letter');
SELECT throws_ok($$SELECT 1234567890::bigint::terrind.siren$$, '22003', NULL, 'SIREN from bigint: out of range is 22003');
SELECT throws_ok($$SELECT 732829321::terrind.siren$$, '22023', NULL, 'SIREN from integer: wrong check digit is 22023');
SELECT is(732829320::siren, '732829320'::siren, 'SIREN from integer');
SELECT is('732829320'::siren::bigint, 732829320::bigint, 'SIREN to bigint');

-- SIRET
SELECT is('732 829 320 00074'::siret::text, '73282932000074', 'SIRET: grouped input');
SELECT is(siren('73282932000074'::siret), '732829320'::siren, 'siren(siret)');
SELECT is(nic('73282932000074'::siret), '00074', 'nic(siret) keeps leading zeros');
SELECT lives_ok($$SELECT '35600000000048'::terrind.siret$$, 'SIRET: La Poste head office (Luhn)');
SELECT lives_ok($$SELECT '35600000049837'::terrind.siret$$, 'SIRET: La Poste establishment (digit sum multiple of 5, not Luhn)');
SELECT throws_ok($$SELECT '35600000000113'::terrind.siret$$, '22P02', NULL, 'SIRET: La Poste Luhn-valid but digit sum 19');
SELECT throws_ok($$SELECT '73282932000075'::terrind.siret$$, '22P02',
    'invalid SIRET "73282932000075": check digit should be 4, not 5', 'SIRET: wrong check digit');

-- commune codes
SELECT is('2a004'::commune_code::text, '2A004', 'commune code: Corsica, canonical upper case');
SELECT is(departement_of('2B033'), '2B', 'departement_of: Haute-Corse');
SELECT is(region_of('2B033'), '94', 'region_of: Corse');
SELECT is(departement_of('97411'), '974', 'departement_of: La Réunion');
SELECT is(region_of('97611'), '06', 'region_of: Mayotte');
SELECT is(region_of('97502'), NULL, 'region_of: Saint-Pierre-et-Miquelon belongs to no region');
SELECT is(region_of('69381'), '84', 'region_of: a Lyon arrondissement');
SELECT is(region_of('13201'), '93', 'region_of: a Marseille arrondissement');
SELECT is(region_of('75120'), '11', 'region_of: a Paris arrondissement');
SELECT throws_ok($$SELECT '20004'::terrind.commune_code$$, '22P02',
    'invalid commune code "20004": "20" is not a département code', 'commune code: 20 is not a département');
SELECT throws_ok($$SELECT '1001'::terrind.commune_code$$, '22P02', NULL, 'commune code: lost leading zero');
SELECT throws_ok($$SELECT '98501'::terrind.commune_code$$, '22P02', NULL, 'commune code: 985 is no longer used');
SELECT ok(ARRAY(SELECT c FROM unnest('{"2B033","01001","98901","97502","2A004","21231","19286"}'::text[]) c
                ORDER BY c::terrind.commune_code)
          = ARRAY(SELECT c FROM unnest('{"2B033","01001","98901","97502","2A004","21231","19286"}'::text[]) c
                  ORDER BY c COLLATE "C"),
          'commune codes sort like their text');

-- territory ids
SELECT is('TI-8413'::ti_code::text, 'ti-8413', 'ti_code: canonical lower case');
SELECT is(lead_region('ti-0101'), '01', 'lead_region: Guadeloupe');
SELECT throws_ok($$SELECT 'ti-9901'::terrind.ti_code$$, '22P02',
    'invalid territory id "ti-9901": "99" is not a region code', 'ti_code: 99 is not a region');
SELECT throws_ok($$SELECT 'ti-05'::terrind.ti_code$$, '22P02', NULL, 'ti_code: malformed');

-- eur
SELECT is('1 234 567,89 €'::eur::text, '1234567.89', 'eur: French input, plain output');
SELECT is('1,36 Md€'::eur, 1360000000::eur, 'eur: Md€ scale');
SELECT is(format_eur('1234567.89'), E'1\u202f234\u202f567,89\u00a0€', 'format_eur: French display');
SELECT is(format_eur('1360000000', true), E'1,36\u00a0Md€', 'format_eur: scaled display');
SELECT throws_ok($$SELECT '0,001'::terrind.eur$$, '22P02', 'invalid amount "0,001": finer than a cent', 'eur: sub-cent');
SELECT throws_ok($$SELECT '1,234'::terrind.eur$$, '22P02', NULL, 'eur: ambiguous separator');
SELECT throws_ok($$SELECT '12 €€'::terrind.eur$$, '22P02', NULL, 'eur: malformed');
SELECT throws_ok($$SELECT '92233720368547758.08'::terrind.eur$$, '22003', NULL, 'eur: out of range input is 22003');
SELECT throws_ok($$SELECT '92233720368547758.07'::terrind.eur + '0.01'$$, '22003', NULL, 'eur: overflowing sum');
SELECT throws_ok($$SELECT '92233720368547758.07'::terrind.eur * 2$$, '22003', NULL, 'eur: overflowing product');
SELECT throws_ok($$SELECT - '-92233720368547758.08'::terrind.eur$$, '22003', NULL, 'eur: overflowing negation');
SELECT throws_ok($$SELECT '1'::terrind.eur / 0$$, '22012', NULL, 'eur: division by zero');
SELECT throws_ok($$SELECT '1'::terrind.eur * 'NaN'::numeric$$, '22023', NULL, 'eur: NaN factor');
SELECT throws_ok($$SELECT 1e30::terrind.eur$$, '22003', NULL, 'eur from numeric: out of range');
SELECT is('0.05'::eur * 0.5, '0.03'::eur, 'eur * numeric rounds half away from zero');
SELECT is('-0.05'::eur * 0.5, '-0.03'::eur, 'eur * numeric rounds half away from zero (negative)');
SELECT is('10'::eur / 3, '3.33'::eur, 'eur / integer');
SELECT is(12.345::eur, '12.35'::eur, 'numeric to eur rounds half away from zero');
SELECT is('1234.5'::eur::numeric, 1234.50, 'eur to numeric is exact');
SELECT is((SELECT sum(a) FROM (VALUES ('92233720368547758.07'::eur), ('92233720368547758.07'),
          ('-92233720368547758.07'), ('-92233720368547758.07')) t(a)), '0'::eur,
          'sum(eur): intermediate totals beyond int8 do not overflow');
SELECT throws_ok($$SELECT sum(a) FROM (VALUES ('92233720368547758.07'::terrind.eur), ('0.01')) t(a)$$,
    '22003', 'sum is out of range for type eur', 'sum(eur): a total beyond the range is an error, not a wrong total');
SELECT throws_ok($$SELECT '(x,1)'::terrind.eur_sum_state$$, '22P02', NULL, 'eur_sum_state: malformed text');

-- soft input errors (PostgreSQL 16+): pg_input_is_valid works without raising
SELECT CASE WHEN current_setting('server_version_num')::int >= 160000
    THEN results_eq($$SELECT pg_input_is_valid('732829321', 'terrind.siren'), pg_input_is_valid('732829320', 'terrind.siren')$$,
                    $$VALUES (false, true)$$, 'pg_input_is_valid reports a bad SIREN softly')
    ELSE skip('soft input errors need PostgreSQL 16', 1) END;

SELECT * FROM finish();
ROLLBACK;

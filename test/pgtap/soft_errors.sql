-- pgTAP: soft input errors, where the server has them.  Every input
-- function of terrind reports a bad value into the caller's error context
-- instead of raising (PostgreSQL 16+: pg_input_is_valid,
-- pg_input_error_info), which lets COPY ... ON_ERROR ignore skip the row
-- (PostgreSQL 17+).  On older servers the same inputs raise, tested in
-- types.sql and the other suites; here those tests are skipped.
BEGIN;
SET search_path = terrind, public;
SELECT plan(38);

CREATE TEMP TABLE inputs (type text, good text, bad text);
INSERT INTO inputs VALUES
    ('siren', '732 829 320', '732829321'),
    ('siret', '73282932000074', '73282932000075'),
    ('commune_code', '2a004', '2C004'),
    ('ti_code', 'TI-8413', 'ti-84x3'),
    ('eur', '1 234,56', '1.234'),
    ('eur', '-92233720368547758.08', '92233720368547758.08'),
    ('need', 'Transition écologique', 'recruiter'),
    ('need_breakdown', '{recruter: -1234.56, foncier: 7}', '{recruter 1}'),
    ('eur_sum_state', '(-12345,4)', '(x,1)'),
    ('need_breakdown_state', '(1,-2,0,0,0,0,0,0,3)', '(1,2)'),
    ('specialisation_state', '[[10,100], [30,200]]', '[[3,2]]'),
    ('eligibility_rule', 'population BETWEEN 50000 AND 150000 AND NOT has_metropole', 'a > 1 and');

-- called only on 16+ (the functions do not exist before): through EXECUTE
CREATE FUNCTION pg_temp.is_valid(value text, type text) RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
    valid boolean;
BEGIN
    EXECUTE 'SELECT pg_input_is_valid($1, $2)' INTO valid USING value, 'terrind.' || type;
    RETURN valid;
END $$;
CREATE FUNCTION pg_temp.soft_error(value text, type text) RETURNS text[] LANGUAGE plpgsql AS $$
DECLARE
    error text[];
BEGIN
    EXECUTE 'SELECT ARRAY[sql_error_code, message] FROM pg_input_error_info($1, $2)' INTO error
        USING value, 'terrind.' || type;
    RETURN error;
END $$;
CREATE FUNCTION pg_temp.hard_error(value text, type text) RETURNS text[] LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('SELECT %L::terrind.%I', value, type);
    RETURN NULL;
EXCEPTION WHEN OTHERS THEN
    RETURN ARRAY[SQLSTATE, SQLERRM];
END $$;

-- 1-24: each good value is valid and each bad one is not, without an error
SELECT CASE WHEN current_setting('server_version_num')::int >= 160000
    THEN ok(pg_temp.is_valid(good, type), type || ': "' || good || '" is valid input')
    ELSE skip('soft input errors need PostgreSQL 16', 1) END
FROM inputs ORDER BY type, good;
SELECT CASE WHEN current_setting('server_version_num')::int >= 160000
    THEN ok(NOT pg_temp.is_valid(bad, type), type || ': "' || bad || '" is reported softly')
    ELSE skip('soft input errors need PostgreSQL 16', 1) END
FROM inputs ORDER BY type, good;

-- 25-36: the soft error carries the SQLSTATE and message that a cast raises
SELECT CASE WHEN current_setting('server_version_num')::int >= 160000
    THEN is(pg_temp.soft_error(bad, type),
            pg_temp.hard_error(bad, type), type || ': pg_input_error_info of "' || bad || '" gives the error a cast raises')
    ELSE skip('soft input errors need PostgreSQL 16', 1) END
FROM inputs WHERE type <> 'eur' ORDER BY type;
SELECT CASE WHEN current_setting('server_version_num')::int >= 160000
    THEN is(pg_temp.soft_error('732829321', 'siren'),
            ARRAY['22P02', 'invalid SIREN "732829321": check digit should be 0, not 1'],
            'siren: pg_input_error_info names the value and the expected check digit')
    ELSE skip('soft input errors need PostgreSQL 16', 1) END;
SELECT CASE WHEN current_setting('server_version_num')::int >= 160000
    THEN is(ARRAY(SELECT (pg_temp.soft_error(bad, type))[1] FROM inputs WHERE type = 'eur' ORDER BY good),
            ARRAY['22003', '22P02'], 'eur: out of range is 22003 and bad text 22P02, softly')
    ELSE skip('soft input errors need PostgreSQL 16', 1) END;

-- 37-38: COPY ... ON_ERROR ignore loads the good rows and skips the bad ones
CREATE TEMP TABLE lines (siren text, commune text, amount text, need text, breakdown text, rule text);
INSERT INTO lines VALUES
    ('732829320', '75056', '12,50', 'foncier', '{foncier: 1}', 'a > 1'),
    ('732829321', '75056', '12,50', 'foncier', '{foncier: 1}', 'a > 1'),
    ('732829320', '2C004', '12,50', 'foncier', '{foncier: 1}', 'a > 1'),
    ('732829320', '75056', '1.234', 'foncier', '{foncier: 1}', 'a > 1'),
    ('732829320', '75056', '0,01', 'recruiter', '{foncier: 1}', 'a > 1'),
    ('732829320', '75056', '0,01', 'recruter', '{recruter 1}', 'a > 1'),
    ('732829320', '75056', '0,01', 'recruter', '{}', 'a > 1 and'),
    ('732829320', '2A004', '-7', 'recruter', '{}', 'b');
CREATE TEMP TABLE typed_lines (siren siren, commune commune_code, amount eur, need need,
                               breakdown need_breakdown, rule eligibility_rule);
SELECT current_setting('data_directory') || '/terrind-soft-errors.csv' AS csv \gset
SET terrind_test.csv = :'csv';
SET client_min_messages = warning;  -- not the NOTICE counting the skipped rows
DO $$
BEGIN
    IF current_setting('server_version_num')::int >= 170000 THEN
        EXECUTE format('COPY lines TO %L (FORMAT csv)', current_setting('terrind_test.csv'));
        EXECUTE format('COPY typed_lines FROM %L (FORMAT csv, ON_ERROR ignore)', current_setting('terrind_test.csv'));
    END IF;
END $$;
SELECT CASE WHEN current_setting('server_version_num')::int >= 170000
    THEN results_eq($$SELECT siren::text, commune::text, amount::text, need::text FROM typed_lines ORDER BY amount$$,
                    $$VALUES ('732829320', '2A004', '-7.00', 'recruter'), ('732829320', '75056', '12.50', 'foncier')$$,
                    'COPY ON_ERROR ignore: the two good rows of eight are loaded')
    ELSE skip('COPY ... ON_ERROR needs PostgreSQL 17', 1) END;
SELECT CASE WHEN current_setting('server_version_num')::int >= 170000
    THEN is((SELECT count(*) FROM typed_lines WHERE rule IS NULL OR breakdown IS NULL), 0::bigint,
            'COPY ON_ERROR ignore: no bad value is loaded as NULL')
    ELSE skip('COPY ... ON_ERROR needs PostgreSQL 17', 1) END;

SELECT * FROM finish();
ROLLBACK;

-- pgTAP: huge inputs end with a result or a clear error, and can be
-- cancelled.  Every text input
-- refuses more than 1024 bytes (TI_TEXT_MAX in src/core/text_scan.h) before
-- scanning, so a 100 MB value costs what PostgreSQL spends building it, the
-- message quotes 20 characters of it, and no terrind loop runs long enough
-- to need cancelling (see "Limits" in doc/testing.md).
BEGIN;
SELECT plan(12);

-- 100 MB for amounts; 10 MB is enough for the rest (the unit tests feed
-- 100 MB to every parser), and keeps the suite quick
SELECT throws_ok(format($$SELECT repeat(%L, %s)::terrind.%s$$, filler, bytes, type), '22P02',
                 format('invalid %s "%s...": too long (%s bytes, at most 1024)', what, repeat(filler, 20), bytes),
                 format('%s MB of %s are refused at once', bytes / 1000000, type))
FROM (VALUES ('eur', 'amount', '9', 100000000), ('eur_sum_state', 'eur aggregate state', '(', 100000000),
             ('siren', 'SIREN', ' ', 10000000), ('siret', 'SIRET', '7', 10000000),
             ('commune_code', 'commune code', '7', 10000000), ('ti_code', 'territory id', 't', 10000000)
     ) t(type, what, filler, bytes);

SELECT is(rpad('732 829 320', 1024)::terrind.siren::text, '732829320', 'up to 1024 bytes are read');
SELECT throws_ok($$SELECT rpad('732 829 320', 1025)::terrind.siren$$, '22P02', NULL, '1025 bytes are too many');

-- huge documents: a result, or a cancellation that works (statement_timeout
-- cancels through the same interrupt check as a user's cancel request)
CREATE TEMP TABLE big AS
SELECT 'id_ti,lib_ti,siren_groupement,lib_groupement,nature_juridique' || E'\n' ||
       repeat(E'ti-7510,"Lacq, Pau, Tarbes",200067254,CA Pau Béarn Pyrénées,CA\n', 1600000) AS csv;
CREATE TEMP TABLE big_cog AS
SELECT jsonb_agg(jsonb_build_object('code', '01001', 'nom', 'Commune ' || g, 'type', 'commune-actuelle',
                                    'departement', '01', 'region', '84', 'population', g)) AS communes
FROM generate_series(1, 1000000) g;
SELECT cmp_ok(octet_length(csv), '>', 100000000, 'a CSV of more than 100 MB') FROM big;
SELECT is((SELECT count(*) FROM terrind.csv_records(part)),
          (SELECT (octet_length(part) - octet_length(replace(part, E'\n', '')))::bigint + 1),
          '30 MB of CSV read to the end, a record per line')
FROM (SELECT left(csv, 30000000) AS part FROM big) p;
-- (PL/pgSQL's WHEN OTHERS never catches a cancellation: name it)
CREATE FUNCTION pg_temp.cancelled(sql text) RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE sql;
    RETURN false;
EXCEPTION WHEN query_canceled THEN
    RETURN true;
END $$;
SET LOCAL statement_timeout = '1s';
SELECT ok(pg_temp.cancelled($$SELECT * FROM terrind.load_territories('2023-2027', (SELECT csv FROM big))$$),
          'loading 100 MB of CSV can be cancelled');
SELECT ok(pg_temp.cancelled($$SELECT * FROM terrind.load_cog(2026, '[]', '[]', (SELECT communes FROM big_cog), '[]')$$),
          format('loading a COG document of %s MB of JSON can be cancelled', octet_length(communes::text) / 1000000))
FROM big_cog;
RESET statement_timeout;

SELECT * FROM finish();
ROLLBACK;

-- pgTAP: huge inputs end at once with a clear error.  Every text input
-- refuses more than 1024 bytes (TI_TEXT_MAX in src/core/text_scan.h) before
-- scanning, so a 100 MB value costs what PostgreSQL spends building it, the
-- message quotes 20 characters of it, and no terrind loop runs long enough
-- to need cancelling (see "Limits" in README.md).
BEGIN;
SELECT plan(8);

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

SELECT * FROM finish();
ROLLBACK;

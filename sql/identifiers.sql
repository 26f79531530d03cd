-- Identifier types: siren, siret, commune_code, ti_code.
SET search_path = terrind, public;
\set VERBOSITY default

-- SIREN: canonical output, grouped input, casts
SELECT '732829320'::siren, ' 732 829 320 '::siren, E'732\u00a0829\u202f320'::siren;
SELECT '000000000'::siren, 732829320::siren, 732829320::bigint::siren, '732829320'::siren::bigint;
SELECT '732829321'::siren;
SELECT '73282932'::siren;
SELECT '73282932X'::siren;
SELECT ''::siren;
SELECT 732829321::siren;
SELECT 1000000000::bigint::siren;
SELECT (-1)::siren;

-- SIRET and its parts; La Poste's digit-sum rule
SELECT '73282932000074'::siret, '732 829 320 00074'::siret;
SELECT siren('73282932000074'::siret), nic('73282932000074'::siret);
SELECT '35600000000048'::siret AS la_poste_head_office, '35600000049837'::siret AS la_poste_establishment;
SELECT '73282932000075'::siret;
SELECT '35600000000113'::siret;
SELECT '7328293200007'::siret;

-- commune codes: Corsica, overseas, arrondissements, order = text order
SELECT c::commune_code, departement_of(c::commune_code), region_of(c::commune_code)
FROM (VALUES ('01001'), ('2a004'), ('2B033'), ('13201'), ('69381'), ('75101'),
             ('97105'), ('97411'), ('97611'), ('97502'), ('97701'), ('98818')) v(c);
SELECT bool_and(a < b) AS same_order_as_text
FROM (SELECT c::commune_code AS a, lead(c) OVER (ORDER BY c COLLATE "C")::commune_code AS b
      FROM (VALUES ('01001'), ('19286'), ('21231'), ('2A004'), ('2B033'), ('30189'),
                   ('95690'), ('97105'), ('97801'), ('98411'), ('98901')) v(c)) s
WHERE b IS NOT NULL;
SELECT '1001'::commune_code;
SELECT '20004'::commune_code;
SELECT '97901'::commune_code;
SELECT '01000'::commune_code;
SELECT '2C004'::commune_code;

-- territory ids
SELECT 'ti-8413'::ti_code, ' TI-0101'::ti_code, lead_region('ti-7510');
SELECT 'ti-9901'::ti_code;
SELECT 'ti-841'::ti_code;

-- text casts both ways, assignment into typed columns
CREATE TEMP TABLE ids (s siren, t siret, c commune_code, ti ti_code);
INSERT INTO ids VALUES ('732829320', '73282932000074', '2A004', 'ti-8413');
INSERT INTO ids SELECT '200035970'::text, '35600000000048'::text, '75056'::text, 'ti-7510'::text;
SELECT s::text, t::text, c::text, ti::text FROM ids ORDER BY s;

-- every operator class validates
SELECT count(*) >= 12 AS many, bool_and(amvalidate(oid)) AS all_valid,
       string_agg(opcname, ', ') FILTER (WHERE NOT amvalidate(oid)) AS invalid
FROM pg_opclass WHERE opcnamespace = 'terrind'::regnamespace;

-- binary COPY round trip, and binary input is checked like text input
CREATE TEMP TABLE ids_back (LIKE ids);
DO $$
BEGIN
    EXECUTE format('COPY ids TO %L (FORMAT binary)', '/tmp/terrind_ids_' || pg_backend_pid());
    EXECUTE format('COPY ids_back FROM %L (FORMAT binary)', '/tmp/terrind_ids_' || pg_backend_pid());
END $$;
SELECT count(*) AS rows_back, bool_and(i = b) AS identical
FROM (SELECT row_number() OVER (ORDER BY s) n, ids AS i FROM ids) x
JOIN (SELECT row_number() OVER (ORDER BY s) n, ids_back AS b FROM ids_back) y USING (n);
CREATE TEMP TABLE raw_int (v int4);
CREATE TEMP TABLE raw_text (v text);
CREATE TEMP TABLE one_siren (s siren);
CREATE TEMP TABLE one_commune (c commune_code);
INSERT INTO raw_int VALUES (732829321);
INSERT INTO raw_text VALUES ('20004');
DO $$
BEGIN
    EXECUTE format('COPY raw_int TO %L (FORMAT binary)', '/tmp/terrind_raw_int_' || pg_backend_pid());
    EXECUTE format('COPY raw_text TO %L (FORMAT binary)', '/tmp/terrind_raw_text_' || pg_backend_pid());
END $$;
DO $$
BEGIN
    EXECUTE format('COPY one_siren FROM %L (FORMAT binary)', '/tmp/terrind_raw_int_' || pg_backend_pid());
EXCEPTION WHEN invalid_binary_representation THEN
    RAISE NOTICE 'binary siren rejected: %', SQLERRM;
END $$;
DO $$
BEGIN
    EXECUTE format('COPY one_commune FROM %L (FORMAT binary)', '/tmp/terrind_raw_text_' || pg_backend_pid());
EXCEPTION WHEN invalid_binary_representation THEN
    RAISE NOTICE 'binary commune code rejected: %', SQLERRM;
END $$;

-- indexes, hash and merge joins use the operator classes
CREATE TEMP TABLE establishments AS
SELECT siren(g::bigint * 10 + (10 - (SELECT sum(d) FROM (
           SELECT CASE WHEN i % 2 = 0 THEN x ELSE (x * 2) / 10 + (x * 2) % 10 END AS d
           FROM (SELECT i, substr(lpad(g::text, 8, '0'), 9 - i, 1)::int AS x
                 FROM generate_series(1, 8) i) digits) s) % 10) % 10) AS s,
       g AS n
FROM generate_series(10000000, 10002000) g;
CREATE INDEX ON establishments (s);
ANALYZE establishments;
SELECT count(*) FROM establishments;
SET enable_seqscan = off;
EXPLAIN (COSTS OFF) SELECT * FROM establishments WHERE s = '100000009';
EXPLAIN (COSTS OFF) SELECT * FROM establishments WHERE s BETWEEN '100000009' AND '100001007';
SELECT count(*) FROM establishments WHERE s BETWEEN '100000009' AND '100001007';
RESET enable_seqscan;
SET enable_mergejoin = off;
SET enable_nestloop = off;
EXPLAIN (COSTS OFF) SELECT count(*) FROM establishments a JOIN establishments b USING (s);
SELECT count(*) FROM establishments a JOIN establishments b USING (s);
RESET enable_mergejoin;
SET enable_hashjoin = off;
EXPLAIN (COSTS OFF) SELECT count(*) FROM establishments a JOIN establishments b USING (s);
SELECT count(*) FROM establishments a JOIN establishments b USING (s);
RESET enable_hashjoin;
RESET enable_nestloop;
SET enable_sort = off;
EXPLAIN (COSTS OFF) SELECT s, count(*) FROM establishments GROUP BY s;
RESET enable_sort;
CREATE INDEX ON establishments USING hash (s);
SET enable_seqscan = off;
SET enable_bitmapscan = off;
DROP INDEX establishments_s_idx;
EXPLAIN (COSTS OFF) SELECT * FROM establishments WHERE s = '100000009';
RESET enable_seqscan;
RESET enable_bitmapscan;

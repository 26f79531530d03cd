
-- ======================================================================
-- Loaders for the files people download: the COG JSON of
-- @etalab/decoupage-administratif and ANCT's territory CSV files.  Each
-- loader checks everything first and either loads all or nothing; a
-- rejected load lists every bad row with its line (or element) number.
-- Loaders are not granted to PUBLIC: whoever may change reference data
-- gets EXECUTE on them (and INSERT, UPDATE, DELETE on the tables).
-- ======================================================================
CREATE FUNCTION @extschema@.csv_records(csv text)
RETURNS TABLE (line int, fields text[])
AS 'MODULE_PATHNAME', 'csv_records' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.csv_records(text) IS 'records of a CSV text (UTF-8 BOM or not, CRLF or LF, comma, semicolon or tab separators, quoted fields) with the physical line each starts on; the header is the first record';

CREATE FUNCTION @extschema@.input_error(value text, type regtype)
RETURNS text
AS 'MODULE_PATHNAME', 'input_error' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.input_error(text, regtype) IS 'why value is not valid input for a terrind type (siren, siret, commune_code, ti_code, eur, need), or NULL if it is; never raises for a bad value';

CREATE FUNCTION @extschema@.csv_columns(csv text, columns text[])
RETURNS TABLE (line int, field_count int, header_count int, v text[])
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
DECLARE
    header text[];
    header_line int;
    wanted text;
    pos int;
    found int;
    positions int[] := '{}';
BEGIN
    SELECT r.line, r.fields INTO header_line, header FROM csv_records(csv) r ORDER BY r.line LIMIT 1;
    IF header IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = '22P02', MESSAGE = 'empty CSV: expected a header line';
    END IF;
    header := ARRAY(SELECT lower(btrim(h)) FROM unnest(header) h);
    FOREACH wanted IN ARRAY columns LOOP
        SELECT min(h.i), count(*) INTO pos, found
        FROM unnest(string_to_array(ltrim(wanted, '?'), '|')) name
        JOIN unnest(header) WITH ORDINALITY h(v, i) ON h.v = lower(name);
        IF found > 1 THEN
            RAISE EXCEPTION USING ERRCODE = '22P02',
                MESSAGE = format('CSV header (line %s) has column %s %s times', header_line,
                                 replace(ltrim(wanted, '?'), '|', ' or '), found),
                DETAIL = format('The header holds: %s.', array_to_string(header, ', ')),
                HINT = 'Keep one column of each name: which one holds the data is not for terrind to guess.';
        END IF;
        IF pos IS NULL AND left(wanted, 1) <> '?' THEN
            RAISE EXCEPTION USING ERRCODE = '22P02',
                MESSAGE = format('CSV header (line %s) has no column %s', header_line,
                                 replace(ltrim(wanted, '?'), '|', ' or ')),
                DETAIL = format('The header holds: %s.', array_to_string(header, ', '));
        END IF;
        positions := positions || pos;
    END LOOP;
    RETURN QUERY
        SELECT r.line, cardinality(r.fields), cardinality(header),
               ARRAY(SELECT nullif(btrim(r.fields[i]), '') FROM unnest(positions) WITH ORDINALITY u(i, o) ORDER BY o)
        FROM csv_records(csv) r
        WHERE r.line > header_line
        ORDER BY r.line;
END $$;
COMMENT ON FUNCTION @extschema@.csv_columns(text, text[]) IS 'data records of a CSV text as arrays of the wanted columns, found by header name (case-insensitive; ''a|b'' accepts either name, a leading ''?'' marks an optional column); values trimmed, empty as NULL; 22P02 for a wanted column missing or present more than once';

-- A rejected load lists its first problems in the error's DETAIL (a
-- million-line DETAIL would flood the client and the server log); the
-- whole list stays queryable in the session, rollback or not.
CREATE FUNCTION @extschema@.max_reported_problems()
RETURNS int
AS 'MODULE_PATHNAME', 'max_reported_problems_setting' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.max_reported_problems() IS 'the setting terrind.max_reported_problems (default 100): how many problems a rejected load lists in its error DETAIL';

CREATE FUNCTION @extschema@.keep_load_problems(loader text, problems text[])
RETURNS void
AS 'MODULE_PATHNAME', 'keep_load_problems' LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION @extschema@.keep_load_problems(text, text[]) IS 'used by the loaders: keep the problems of a rejected load in session memory for load_problems(), replacing the previous list';

CREATE FUNCTION @extschema@.load_problems()
RETURNS TABLE (loader text, n int, problem text)
AS 'MODULE_PATHNAME', 'load_problems' LANGUAGE C VOLATILE PARALLEL RESTRICTED;
COMMENT ON FUNCTION @extschema@.load_problems() IS 'every problem of the last load rejected in this session (its error DETAIL lists the first terrind.max_reported_problems), numbered in the order of the DETAIL; kept after the rollback, until the next rejection or the end of the session';

-- The DETAIL of a rejected load: its first problems, and how to get the rest.
CREATE FUNCTION @extschema@.problems_detail(loader text, problems text[])
RETURNS text
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
DECLARE
    shown constant int := max_reported_problems();
BEGIN
    PERFORM keep_load_problems(loader, problems);
    RETURN array_to_string(problems[1:shown], E'\n')
        || CASE WHEN cardinality(problems) > shown
                THEN format(E'\n… and %s more (terrind.max_reported_problems = %s): SELECT * FROM terrind.load_problems() lists all %s.',
                            cardinality(problems) - shown, shown, cardinality(problems))
                ELSE '' END;
END $$;
COMMENT ON FUNCTION @extschema@.problems_detail(text, text[]) IS 'used by the loaders: the DETAIL of a rejected load, its first terrind.max_reported_problems problems and the count of the others, after keeping them all for load_problems()';

-- Raise the rejection of a whole load, listing its problems (DETAIL).
CREATE FUNCTION @extschema@.reject_load(loader text, problems text[], total bigint, duplicates_only boolean)
RETURNS void
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
BEGIN
    IF cardinality(problems) > 0 THEN
        RAISE EXCEPTION USING
            ERRCODE = CASE WHEN duplicates_only THEN '23505' ELSE '22P02' END,
            MESSAGE = format('%s: %s problem%s in %s rows, nothing loaded', loader, cardinality(problems),
                             CASE WHEN cardinality(problems) > 1 THEN 's' ELSE '' END, total),
            DETAIL = problems_detail(loader, problems),
            HINT = 'Line numbers count the header as line 1.  Fix the rows listed and load the whole file again.';
    END IF;
END $$;
COMMENT ON FUNCTION @extschema@.reject_load(text, text[], bigint, boolean) IS 'used by the loaders: raise 22P02 (23505 when every problem is a duplicate) listing the first problems (all in load_problems()), if there is any';

-- Loaders of one scope (a phase's lists and funding, the COG, a boundary
-- level, employment) run one at a time.  The claim is a row, not an
-- advisory lock: at REPEATABLE READ or SERIALIZABLE a loader whose snapshot
-- predates another load of its scope cannot see what that load wrote and
-- would merge with it, and updating the row the other load updated makes
-- PostgreSQL refuse it with 40001, which the caller retries.
CREATE TABLE @extschema@.load_claim (
    scope text PRIMARY KEY,
    loads bigint NOT NULL CHECK (loads >= 1),
    last_load_at timestamptz NOT NULL,
    last_loaded_by name NOT NULL
);
SELECT pg_catalog.pg_extension_config_dump('terrind.load_claim', '');
COMMENT ON TABLE @extschema@.load_claim IS 'one row per loader scope (phase <p>, cog, boundaries <level>, employment), updated by every load of that scope: serialises loads and makes one whose snapshot predates another fail with 40001';
COMMENT ON COLUMN @extschema@.load_claim.scope IS 'what a load replaces: phase <phase> (lists, communes, polygons, geometries and funding of a phase), cog, boundaries <level>, employment';
COMMENT ON COLUMN @extschema@.load_claim.loads IS 'number of loads of the scope that claimed it (rolled-back ones included until their rollback)';
COMMENT ON COLUMN @extschema@.load_claim.last_load_at IS 'start of the transaction of the last load';
COMMENT ON COLUMN @extschema@.load_claim.last_loaded_by IS 'role that ran the last load';

CREATE FUNCTION @extschema@.claim_load(scope text, caller text)
RETURNS void
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
BEGIN
    INSERT INTO load_claim AS c (scope, loads, last_load_at, last_loaded_by)
    VALUES (claim_load.scope, 1, now(), current_user)
    ON CONFLICT ON CONSTRAINT load_claim_pkey DO UPDATE
    SET loads = c.loads + 1, last_load_at = EXCLUDED.last_load_at, last_loaded_by = EXCLUDED.last_loaded_by;
EXCEPTION WHEN serialization_failure THEN
    RAISE EXCEPTION USING ERRCODE = '40001',
        MESSAGE = format('%s: another load of %s committed after this transaction''s snapshot; nothing loaded', caller, scope),
        DETAIL = format('At %s this load would not see what the other wrote, and would merge with it.',
                        current_setting('transaction_isolation')),
        HINT = 'Retry the whole transaction, as after any serialization failure.';
END $$;
COMMENT ON FUNCTION @extschema@.claim_load(text, text) IS 'used by the loaders: wait for any other load of the scope to end, then claim it (load_claim) until the end of the transaction; 40001 at REPEATABLE READ or SERIALIZABLE when another load of the scope committed after the transaction''s snapshot';

CREATE FUNCTION @extschema@.require_phase(phase text)
RETURNS void
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM terrind.phase p WHERE p.phase = require_phase.phase) THEN
        RAISE EXCEPTION USING ERRCODE = CASE WHEN phase IS NULL THEN '22004' ELSE '22023' END,
            MESSAGE = CASE WHEN phase IS NULL THEN 'phase must not be NULL' ELSE format('unknown phase %L', phase) END,
            DETAIL = format('Known phases: %s.', (SELECT string_agg(p.phase, ', ' ORDER BY p.phase) FROM terrind.phase p));
    END IF;
END $$;
COMMENT ON FUNCTION @extschema@.require_phase(text) IS 'raise 22004 for a NULL phase, 22023 unless the phase is one of terrind.phase';

CREATE FUNCTION @extschema@.load_territories(phase text, csv text)
RETURNS TABLE (item text, loaded bigint)
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
DECLARE
    p constant text := load_territories.phase;
    problems text[];
    duplicates_only boolean;
    total bigint;
BEGIN
    IF p IS NULL OR csv IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = '22004', MESSAGE = 'load_territories: phase and csv must not be NULL';
    END IF;
    PERFORM lock_phase_list(p, format('load_territories(%L)', p));

    IF to_regclass('pg_temp.terrind_member_rows') IS NOT NULL THEN
        DROP TABLE pg_temp.terrind_member_rows;
    END IF;
    CREATE TEMP TABLE terrind_member_rows ON COMMIT DROP AS
    SELECT c.line, c.field_count, c.header_count,
           c.v[1] AS id, c.v[2] AS territory_name, c.v[3] AS siren, c.v[4] AS member_name, c.v[5] AS nature,
           input_error(c.v[1], 'terrind.ti_code') AS id_error,
           input_error(c.v[3], 'terrind.siren') AS siren_error
    FROM csv_columns(csv, ARRAY['id_ti|id_territoire', 'lib_ti|lib_territoire', 'siren_groupement|siren',
                                'lib_groupement|nom_groupement', '?nature_juridique|nature']) c;
    -- a missing nature is taken from the COG when the SIREN is known there
    UPDATE pg_temp.terrind_member_rows r
    SET nature = coalesce((SELECT g.nature FROM groupement g WHERE g.siren = r.siren::siren),
                          (SELECT 'COM' FROM commune c WHERE c.siren = r.siren::siren AND c.type = 'commune-actuelle'))
    WHERE r.nature IS NULL AND r.siren_error IS NULL AND r.siren IS NOT NULL;

    SELECT count(*) INTO total FROM pg_temp.terrind_member_rows;
    WITH valid AS (
        SELECT r.*, r.id::ti_code AS tid, r.siren::siren AS sid
        FROM pg_temp.terrind_member_rows r
        WHERE r.field_count = r.header_count AND r.id_error IS NULL AND r.siren_error IS NULL
          AND r.id IS NOT NULL AND r.siren IS NOT NULL
    ), problem AS (
        SELECT line, false AS duplicate, format('%s fields, expected %s as in the header', field_count, header_count) AS what
        FROM pg_temp.terrind_member_rows WHERE field_count <> header_count
        UNION ALL
        SELECT line, false, CASE WHEN id IS NULL THEN 'id_ti is empty' ELSE 'id_ti: ' || id_error END
        FROM pg_temp.terrind_member_rows WHERE field_count = header_count AND (id IS NULL OR id_error IS NOT NULL)
        UNION ALL
        SELECT line, false, CASE WHEN siren IS NULL THEN 'siren_groupement is empty' ELSE 'siren_groupement: ' || siren_error END
        FROM pg_temp.terrind_member_rows WHERE field_count = header_count AND (siren IS NULL OR siren_error IS NOT NULL)
        UNION ALL
        SELECT line, false, CASE WHEN nature IS NULL
                                 THEN format('nature_juridique is empty and SIREN %s is not in the loaded COG', siren)
                                 ELSE format('nature_juridique %L: expected COM, EPT, CC, CA, CU, METRO or MET69', nature) END
        FROM pg_temp.terrind_member_rows
        WHERE field_count = header_count AND siren_error IS NULL
          AND (nature IS NULL OR nature NOT IN ('COM', 'EPT', 'CC', 'CA', 'CU', 'METRO', 'MET69'))
        UNION ALL
        SELECT line, false, 'lib_ti is empty' FROM pg_temp.terrind_member_rows
        WHERE field_count = header_count AND territory_name IS NULL
        UNION ALL
        SELECT line, false, 'lib_groupement is empty' FROM pg_temp.terrind_member_rows
        WHERE field_count = header_count AND member_name IS NULL
        UNION ALL
        SELECT line, true, format('member %s of %s already listed on line %s', sid, tid, first_line)
        FROM (SELECT line, sid, tid, min(line) OVER (PARTITION BY tid, sid) AS first_line FROM valid) d
        WHERE line > first_line
        UNION ALL
        SELECT line, false, format('%s is named %L here but %L on line %s', tid, territory_name, first_name, first_line)
        FROM (SELECT line, tid, territory_name,
                     first_value(territory_name) OVER w AS first_name, first_value(line) OVER w AS first_line
              FROM valid WHERE territory_name IS NOT NULL
              WINDOW w AS (PARTITION BY tid ORDER BY line)) n
        WHERE territory_name <> first_name
    )
    SELECT array_agg(format('line %s: %s', line, what) ORDER BY line, what), bool_and(duplicate)
    INTO problems, duplicates_only FROM problem;
    PERFORM reject_load(format('load_territories(%L)', p), problems, total, duplicates_only);

    -- a territory the new list drops must not take funding lines with it
    -- (terrind.funding, funding_lines.sql): refuse, naming every one
    SELECT array_agg(format('%s (%s): %s funding line%s, %s', t.id, t.name, f.lines,
                            CASE WHEN f.lines > 1 THEN 's' ELSE '' END, format_eur(f.amount)) ORDER BY t.id) INTO problems
    FROM territory t
    CROSS JOIN LATERAL (SELECT count(*) AS lines, sum(x.amount) AS amount FROM funding x
                        WHERE x.phase = p AND x.territory_id = t.id) f
    WHERE t.phase = p AND f.lines > 0
      AND NOT EXISTS (SELECT 1 FROM pg_temp.terrind_member_rows r WHERE r.id::ti_code = t.id);
    IF problems IS NOT NULL THEN
        RAISE EXCEPTION USING ERRCODE = '23503',
            MESSAGE = format('load_territories(%L): %s absent from the new list ha%s funding lines, nothing loaded', p,
                             CASE WHEN cardinality(problems) > 1 THEN cardinality(problems) || ' territories' ELSE '1 territory' END,
                             CASE WHEN cardinality(problems) > 1 THEN 've' ELSE 's' END),
            DETAIL = array_to_string(problems, E'\n'),
            HINT = 'Move their lines to the territories that succeed them (UPDATE terrind.funding SET territory_id = …) or delete them, then load the list again.';
    END IF;

    -- replace the phase's list: territories updated in place (their funding
    -- lines and commune lists stay attached), members replaced
    INSERT INTO territory (phase, id, name)
    SELECT DISTINCT ON (r.id::ti_code) p, r.id::ti_code, r.territory_name
    FROM pg_temp.terrind_member_rows r ORDER BY r.id::ti_code, r.line
    ON CONFLICT ON CONSTRAINT territory_pkey DO UPDATE SET name = EXCLUDED.name;
    GET DIAGNOSTICS total = ROW_COUNT;
    item := 'territories'; loaded := total; RETURN NEXT;

    DELETE FROM territory t
    WHERE t.phase = p AND NOT EXISTS (SELECT 1 FROM pg_temp.terrind_member_rows r WHERE r.id::ti_code = t.id);
    GET DIAGNOSTICS total = ROW_COUNT;
    item := 'territories removed'; loaded := total; RETURN NEXT;

    DELETE FROM territory_member m WHERE m.phase = p;
    INSERT INTO territory_member (phase, territory_id, siren, name, nature)
    SELECT p, r.id::ti_code, r.siren::siren, r.member_name, r.nature FROM pg_temp.terrind_member_rows r;
    GET DIAGNOSTICS total = ROW_COUNT;
    item := 'members'; loaded := total; RETURN NEXT;
END $$;
REVOKE EXECUTE ON FUNCTION @extschema@.load_territories(text, text) FROM PUBLIC;
COMMENT ON FUNCTION @extschema@.load_territories(text, text) IS 'load ANCT''s per-member list of a phase (liste-ti-grpt…csv: id_ti, lib_ti, siren_groupement, lib_groupement, nature_juridique), replacing that phase''s list; all or nothing, every bad row reported with its line; 23503 if territories the list drops have funding lines';

CREATE FUNCTION @extschema@.load_territory_communes(phase text, csv text)
RETURNS TABLE (item text, loaded bigint)
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
DECLARE
    p constant text := load_territory_communes.phase;
    problems text[];
    duplicates_only boolean;
    total bigint;
BEGIN
    IF p IS NULL OR csv IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = '22004', MESSAGE = 'load_territory_communes: phase and csv must not be NULL';
    END IF;
    PERFORM lock_phase_list(p, format('load_territory_communes(%L)', p));

    IF to_regclass('pg_temp.terrind_commune_rows') IS NOT NULL THEN
        DROP TABLE pg_temp.terrind_commune_rows;
    END IF;
    CREATE TEMP TABLE terrind_commune_rows ON COMMIT DROP AS
    SELECT c.line, c.field_count, c.header_count, c.v[1] AS commune, c.v[2] AS commune_name, btrim(id) AS id,
           input_error(c.v[1], 'terrind.commune_code') AS commune_error,
           input_error(btrim(id), 'terrind.ti_code') AS id_error
    FROM csv_columns(csv, ARRAY['insee_com|code_insee|codgeo', 'lib_com|nom_com|libgeo', 'id_ti|id_territoire']) c
    LEFT JOIN LATERAL regexp_split_to_table(c.v[3], ';') id ON true;

    SELECT count(DISTINCT line) INTO total FROM pg_temp.terrind_commune_rows;
    WITH valid AS (
        SELECT r.*, r.commune::commune_code AS code, r.id::ti_code AS tid
        FROM pg_temp.terrind_commune_rows r
        WHERE r.field_count = r.header_count AND r.commune_error IS NULL AND r.id_error IS NULL
          AND r.commune IS NOT NULL AND r.id IS NOT NULL
    ), problem AS (
        SELECT DISTINCT line, false AS duplicate, format('%s fields, expected %s as in the header', field_count, header_count) AS what
        FROM pg_temp.terrind_commune_rows WHERE field_count <> header_count
        UNION ALL
        SELECT DISTINCT line, false, CASE WHEN commune IS NULL THEN 'insee_com is empty' ELSE 'insee_com: ' || commune_error END
        FROM pg_temp.terrind_commune_rows WHERE field_count = header_count AND (commune IS NULL OR commune_error IS NOT NULL)
        UNION ALL
        SELECT line, false, CASE WHEN coalesce(id, '') = '' THEN 'id_ti is empty' ELSE 'id_ti: ' || id_error END
        FROM pg_temp.terrind_commune_rows WHERE field_count = header_count AND (coalesce(id, '') = '' OR id_error IS NOT NULL)
        UNION ALL
        SELECT DISTINCT line, false, 'lib_com is empty' FROM pg_temp.terrind_commune_rows
        WHERE field_count = header_count AND commune_name IS NULL
        UNION ALL
        SELECT line, false, format('%s is not a territory of phase %s: load the per-member list first', tid, p)
        FROM valid v WHERE NOT EXISTS (SELECT 1 FROM territory t WHERE t.phase = p AND t.id = v.tid)
        UNION ALL
        SELECT line, true, CASE WHEN line = first_line THEN format('commune %s lists %s twice', code, tid)
                                ELSE format('commune %s in %s already listed on line %s', code, tid, first_line) END
        FROM (SELECT line, code, tid, min(line) OVER w AS first_line, row_number() OVER (w ORDER BY line) AS k
              FROM valid WINDOW w AS (PARTITION BY code, tid)) d
        WHERE k > 1
    )
    SELECT array_agg(format('line %s: %s', line, what) ORDER BY line, what), bool_and(duplicate)
    INTO problems, duplicates_only FROM problem;
    PERFORM reject_load(format('load_territory_communes(%L)', p), problems, total, duplicates_only);

    DELETE FROM territory_commune tc WHERE tc.phase = p;
    INSERT INTO territory_commune (phase, commune, territory_id, commune_name)
    SELECT p, r.commune::commune_code, r.id::ti_code, r.commune_name FROM pg_temp.terrind_commune_rows r;
    GET DIAGNOSTICS total = ROW_COUNT;
    item := 'commune memberships'; loaded := total; RETURN NEXT;
    item := 'communes'; loaded := (SELECT count(DISTINCT tc.commune) FROM territory_commune tc WHERE tc.phase = p); RETURN NEXT;
END $$;
REVOKE EXECUTE ON FUNCTION @extschema@.load_territory_communes(text, text) FROM PUBLIC;
COMMENT ON FUNCTION @extschema@.load_territory_communes(text, text) IS 'load ANCT''s per-commune list of a phase (liste-ti-com…csv: insee_com, lib_com, id_ti with several ids separated by ";"), replacing that phase''s commune lists; the territories must be loaded; all or nothing';

-- A COG code in the normal form of its type, NULL when it is not one.
CREATE FUNCTION @extschema@.cog_code(code text, type regtype)
RETURNS text
LANGUAGE sql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
    SELECT CASE WHEN input_error(code, type) IS NOT NULL THEN NULL
                WHEN type = 'terrind.siren'::regtype THEN code::siren::text
                ELSE code::commune_code::text END
$$;
COMMENT ON FUNCTION @extschema@.cog_code(text, regtype) IS 'used by load_cog: a commune code or SIREN (type terrind.commune_code or terrind.siren) as the table stores it (2A004, 200066801), NULL if it is not valid input';

CREATE FUNCTION @extschema@.cog_population_ok(v jsonb)
RETURNS boolean
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
    SELECT jsonb_typeof(v) = 'null' OR (jsonb_typeof(v) = 'number' AND v::text ~ '^[0-9]{1,9}$')
$$;
COMMENT ON FUNCTION @extschema@.cog_population_ok(jsonb) IS 'used by load_cog: whether a population is a whole number of inhabitants below 10^9 (or JSON null)';

CREATE FUNCTION @extschema@.load_cog(cog_year int, regions jsonb, departements jsonb, communes jsonb,
                                     epci jsonb, ept jsonb DEFAULT '[]')
RETURNS TABLE (item text, loaded bigint)
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
DECLARE
    year constant int := load_cog.cog_year;
    problems text[];
    affected bigint;
BEGIN
    IF year IS NULL OR year NOT BETWEEN 1943 AND 2200 THEN
        RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE = format('load_cog: COG year %s is not a year between 1943 and 2200', year);
    END IF;
    SELECT array_agg(format('%s: expected the JSON array of data/%s.json, got %s', f, f, coalesce(jsonb_typeof(doc), 'NULL')))
    INTO problems
    FROM (VALUES ('regions', regions), ('departements', departements), ('communes', communes),
                 ('epci', epci), ('ept', ept)) d(f, doc)
    WHERE doc IS NULL OR jsonb_typeof(doc) <> 'array';
    IF problems IS NOT NULL THEN
        RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE = 'load_cog: ' || array_to_string(problems, '; ');
    END IF;
    PERFORM claim_load('cog', 'load_cog');

    IF to_regclass('pg_temp.terrind_cog_rows') IS NOT NULL THEN
        DROP TABLE pg_temp.terrind_cog_rows;
    END IF;
    -- codes in their normal form ('2a004' is 2A004, '200 066 801' is
    -- 200066801): what the tables hold, and compare with, is that form
    CREATE TEMP TABLE terrind_cog_rows ON COMMIT DROP AS
    SELECT x.file, x.n, CASE WHEN x.file = 'communes' THEN coalesce(cog_code(x.code, 'terrind.commune_code'), x.code)
                             WHEN x.file IN ('epci', 'ept') THEN coalesce(cog_code(x.code, 'terrind.siren'), x.code)
                             ELSE x.code END AS code, x.v
    FROM (SELECT 'regions' AS file, e.n, e.v->>'code' AS code, e.v
          FROM jsonb_array_elements(regions) WITH ORDINALITY e(v, n)
          UNION ALL SELECT 'departements', e.n, e.v->>'code', e.v FROM jsonb_array_elements(departements) WITH ORDINALITY e(v, n)
          UNION ALL SELECT 'communes', e.n, e.v->>'code', e.v FROM jsonb_array_elements(communes) WITH ORDINALITY e(v, n)
          UNION ALL SELECT 'epci', e.n, e.v->>'code', e.v FROM jsonb_array_elements(epci) WITH ORDINALITY e(v, n)
          UNION ALL SELECT 'ept', e.n, e.v->>'code', e.v FROM jsonb_array_elements(ept) WITH ORDINALITY e(v, n)) x;
    CREATE INDEX ON pg_temp.terrind_cog_rows (file, code);
    ANALYZE pg_temp.terrind_cog_rows;

    WITH r AS (SELECT * FROM pg_temp.terrind_cog_rows),
    problem AS (
        SELECT file, n, code, 'not a JSON object' AS what FROM r WHERE jsonb_typeof(v) <> 'object'
        UNION ALL
        SELECT file, n, code, 'no "nom"' FROM r WHERE jsonb_typeof(v) = 'object' AND coalesce(v->>'nom', '') = ''
        UNION ALL
        SELECT file, n, code, format('region code %L: expected 2 digits or a 3-digit collectivité code', code)
        FROM r WHERE file = 'regions' AND coalesce(code, '') !~ '^([0-9]{2}|9[78][0-9])$'
        UNION ALL
        SELECT file, n, code, format('département code %L: expected 2 digits, 2A, 2B or 3 digits overseas', code)
        FROM r WHERE file = 'departements' AND coalesce(code, '') !~ '^([0-9]{2}|2[AB]|9[78][0-9])$'
        UNION ALL
        SELECT file, n, code, format('zone %L: expected metro, drom or com', v->>'zone')
        FROM r WHERE file IN ('regions', 'departements') AND coalesce(v->>'zone', '') NOT IN ('metro', 'drom', 'com')
        UNION ALL
        SELECT file, n, code, format('region %L is not in regions', v->>'region')
        FROM r WHERE file = 'departements'
          AND NOT EXISTS (SELECT 1 FROM pg_temp.terrind_cog_rows x WHERE x.file = 'regions' AND x.code = r.v->>'region')
        UNION ALL
        SELECT file, n, code, 'chefLieu: ' || input_error(v->>'chefLieu', 'terrind.commune_code')
        FROM r WHERE file IN ('regions', 'departements') AND input_error(v->>'chefLieu', 'terrind.commune_code') IS NOT NULL
        UNION ALL
        SELECT file, n, code, coalesce(input_error(code, 'terrind.commune_code'), 'no "code"')
        FROM r WHERE file = 'communes' AND (code IS NULL OR input_error(code, 'terrind.commune_code') IS NOT NULL)
        UNION ALL
        SELECT file, n, code, format('type %L: expected commune-actuelle, commune-deleguee, commune-associee or arrondissement-municipal', v->>'type')
        FROM r WHERE file = 'communes'
          AND coalesce(v->>'type', '') NOT IN ('commune-actuelle', 'commune-deleguee', 'commune-associee', 'arrondissement-municipal')
        UNION ALL
        SELECT file, n, code, format('département %L of region %L is not in departements', v->>'departement', v->>'region')
        FROM r WHERE file = 'communes'
          AND NOT EXISTS (SELECT 1 FROM pg_temp.terrind_cog_rows x
                          WHERE x.file = 'departements' AND x.code = r.v->>'departement' AND x.v->>'region' = r.v->>'region')
        UNION ALL
        SELECT file, n, code, 'siren: ' || input_error(v->>'siren', 'terrind.siren')
        FROM r WHERE file = 'communes' AND input_error(v->>'siren', 'terrind.siren') IS NOT NULL
        UNION ALL
        SELECT file, n, code, format('%s %s: expected a whole number of inhabitants below 1 000 000 000', k, v->k)
        FROM r, unnest(CASE file WHEN 'communes' THEN '{population}'::text[]
                                 ELSE '{populationTotale,populationMunicipale}' END) k
        WHERE file IN ('communes', 'epci', 'ept') AND v ? k AND NOT cog_population_ok(v->k)
        UNION ALL
        SELECT file, n, code, format('modeFinancement %s: expected "FPU" or "FA"', v->'modeFinancement')
        FROM r WHERE file IN ('epci', 'ept') AND jsonb_typeof(v->'modeFinancement') IS DISTINCT FROM 'null'
          AND v ? 'modeFinancement'
          AND NOT (jsonb_typeof(v->'modeFinancement') = 'string' AND v->>'modeFinancement' IN ('FPU', 'FA', ''))
        UNION ALL
        SELECT file, n, code, format('membres %s: expected an array of communes', left((v->'membres')::text, 40))
        FROM r WHERE file IN ('epci', 'ept') AND v ? 'membres' AND jsonb_typeof(v->'membres') <> 'array'
        UNION ALL
        SELECT file, n, code, format('member %s: %s %s: expected a whole number of inhabitants below 1 000 000 000', m->>'code', k, m->k)
        FROM r, jsonb_array_elements(CASE WHEN jsonb_typeof(v->'membres') = 'array' THEN v->'membres' ELSE '[]' END) m,
             unnest('{populationTotale,populationMunicipale}'::text[]) k
        WHERE file IN ('epci', 'ept') AND m ? k AND NOT cog_population_ok(m->k)
        UNION ALL
        SELECT file, n, code, format('member %s listed %s times', mc, times)
        FROM (SELECT file, n, code, cog_code(m->>'code', 'terrind.commune_code') AS mc, count(*) AS times
              FROM r, jsonb_array_elements(CASE WHEN jsonb_typeof(v->'membres') = 'array' THEN v->'membres' ELSE '[]' END) m
              WHERE file IN ('epci', 'ept') GROUP BY 1, 2, 3, 4) d
        WHERE mc IS NOT NULL AND times > 1
        UNION ALL
        SELECT file, n, code, 'commune / chefLieu: ' || input_error(coalesce(v->>'commune', v->>'chefLieu'), 'terrind.commune_code')
        FROM r WHERE file = 'communes' AND v->>'type' <> 'commune-actuelle'
          AND input_error(coalesce(v->>'commune', v->>'chefLieu', ''), 'terrind.commune_code') IS NOT NULL
        UNION ALL
        SELECT file, n, code, coalesce('code: ' || input_error(code, 'terrind.siren'), 'no "code"')
        FROM r WHERE file IN ('epci', 'ept') AND (code IS NULL OR input_error(code, 'terrind.siren') IS NOT NULL)
        UNION ALL
        SELECT file, n, code, format('type %L: expected %s', v->>'type',
                                     CASE file WHEN 'epci' THEN 'CC, CA, CU, METRO or MET69' ELSE 'EPT' END)
        FROM r WHERE (file = 'epci' AND coalesce(v->>'type', '') NOT IN ('CC', 'CA', 'CU', 'METRO', 'MET69'))
                  OR (file = 'ept' AND coalesce(v->>'type', '') <> 'EPT')
        UNION ALL
        SELECT file, n, code, format('member %s: no "nom"', m->>'code')
        FROM r, jsonb_array_elements(CASE WHEN jsonb_typeof(v->'membres') = 'array' THEN v->'membres' ELSE '[]' END) m
        WHERE file IN ('epci', 'ept') AND coalesce(m->>'nom', '') = ''
        UNION ALL
        SELECT file, n, code, format('member %s: %s', m->>'code',
                                     coalesce(input_error(m->>'code', 'terrind.commune_code'), 'not a current commune in communes'))
        FROM r, jsonb_array_elements(CASE WHEN jsonb_typeof(v->'membres') = 'array' THEN v->'membres' ELSE '[]' END) m
        WHERE file IN ('epci', 'ept')
          AND NOT EXISTS (SELECT 1 FROM pg_temp.terrind_cog_rows x
                          WHERE x.file = 'communes' AND x.code = cog_code(m->>'code', 'terrind.commune_code')
                            AND x.v->>'type' = 'commune-actuelle')
        UNION ALL
        SELECT file, n, code, format('listed again: first as %s', first)
        FROM (SELECT file, n, code, first_value(format('%s.json element %s', file, n)) OVER w AS first,
                     row_number() OVER w AS k
              FROM r
              -- an EPCI and an EPT are both groupements: one SIREN, one of them
              WINDOW w AS (PARTITION BY CASE WHEN file IN ('epci', 'ept') THEN 'groupement' ELSE file END, code,
                                        CASE WHEN file = 'communes' THEN v->>'type' END
                           ORDER BY file, n)) d
        WHERE k > 1
    )
    SELECT array_agg(format('%s.json element %s%s: %s', file, n, coalesce(format(' (code %s)', code), ''), what)
                     ORDER BY file, n, what)
    INTO problems FROM problem;
    SELECT count(*) INTO affected FROM pg_temp.terrind_cog_rows;
    PERFORM reject_load('load_cog', problems, affected, false);

    -- upsert, then remove what the new COG no longer has, so that columns
    -- added by users (geometries) stay attached to codes that persist
    INSERT INTO region (code, name, zone, chef_lieu, cog_year)
    SELECT code, v->>'nom', v->>'zone', (v->>'chefLieu')::commune_code, year
    FROM pg_temp.terrind_cog_rows WHERE file = 'regions'
    ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, zone = EXCLUDED.zone,
        chef_lieu = EXCLUDED.chef_lieu, cog_year = EXCLUDED.cog_year;
    GET DIAGNOSTICS affected = ROW_COUNT;
    item := 'regions'; loaded := affected; RETURN NEXT;

    INSERT INTO departement (code, name, region, zone, chef_lieu, cog_year)
    SELECT code, v->>'nom', v->>'region', v->>'zone', (v->>'chefLieu')::commune_code, year
    FROM pg_temp.terrind_cog_rows WHERE file = 'departements'
    ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, region = EXCLUDED.region, zone = EXCLUDED.zone,
        chef_lieu = EXCLUDED.chef_lieu, cog_year = EXCLUDED.cog_year;
    GET DIAGNOSTICS affected = ROW_COUNT;
    item := 'departements'; loaded := affected; RETURN NEXT;

    INSERT INTO commune (code, type, name, departement, region, parent, siren, population, postal_codes, cog_year)
    SELECT code::commune_code, v->>'type', v->>'nom', v->>'departement', v->>'region',
           CASE WHEN v->>'type' <> 'commune-actuelle' THEN coalesce(v->>'commune', v->>'chefLieu')::commune_code END,
           (v->>'siren')::siren, (v->>'population')::int,
           ARRAY(SELECT jsonb_array_elements_text(CASE WHEN jsonb_typeof(v->'codesPostaux') = 'array' THEN v->'codesPostaux' ELSE '[]' END)),
           year
    FROM pg_temp.terrind_cog_rows WHERE file = 'communes'
    ON CONFLICT (code, type) DO UPDATE SET name = EXCLUDED.name, departement = EXCLUDED.departement,
        region = EXCLUDED.region, parent = EXCLUDED.parent, siren = EXCLUDED.siren,
        population = EXCLUDED.population, postal_codes = EXCLUDED.postal_codes, cog_year = EXCLUDED.cog_year;
    GET DIAGNOSTICS affected = ROW_COUNT;
    item := 'communes'; loaded := affected; RETURN NEXT;

    INSERT INTO groupement (siren, name, nature, financing, population_totale, population_municipale, cog_year)
    SELECT code::siren, v->>'nom', v->>'type', nullif(v->>'modeFinancement', ''),
           (v->>'populationTotale')::int, (v->>'populationMunicipale')::int, year
    FROM pg_temp.terrind_cog_rows WHERE file IN ('epci', 'ept')
    ON CONFLICT (siren) DO UPDATE SET name = EXCLUDED.name, nature = EXCLUDED.nature, financing = EXCLUDED.financing,
        population_totale = EXCLUDED.population_totale, population_municipale = EXCLUDED.population_municipale,
        cog_year = EXCLUDED.cog_year;
    GET DIAGNOSTICS affected = ROW_COUNT;
    item := 'epci and ept'; loaded := affected; RETURN NEXT;

    DELETE FROM groupement_member;
    INSERT INTO groupement_member (groupement, commune, name, population_totale, population_municipale)
    SELECT r.code::siren, (m->>'code')::commune_code, m->>'nom', (m->>'populationTotale')::int, (m->>'populationMunicipale')::int
    FROM pg_temp.terrind_cog_rows r,
         jsonb_array_elements(CASE WHEN jsonb_typeof(r.v->'membres') = 'array' THEN r.v->'membres' ELSE '[]' END) m
    WHERE r.file IN ('epci', 'ept');
    GET DIAGNOSTICS affected = ROW_COUNT;
    item := 'epci and ept members'; loaded := affected; RETURN NEXT;

    DELETE FROM groupement g WHERE NOT EXISTS
        (SELECT 1 FROM pg_temp.terrind_cog_rows r WHERE r.file IN ('epci', 'ept') AND r.code = g.siren::text);
    DELETE FROM commune c WHERE NOT EXISTS
        (SELECT 1 FROM pg_temp.terrind_cog_rows r WHERE r.file = 'communes' AND r.code = c.code::text AND r.v->>'type' = c.type);
    DELETE FROM departement d WHERE NOT EXISTS
        (SELECT 1 FROM pg_temp.terrind_cog_rows r WHERE r.file = 'departements' AND r.code = d.code);
    DELETE FROM region g WHERE NOT EXISTS
        (SELECT 1 FROM pg_temp.terrind_cog_rows r WHERE r.file = 'regions' AND r.code = g.code);
END $$;
REVOKE EXECUTE ON FUNCTION @extschema@.load_cog(int, jsonb, jsonb, jsonb, jsonb, jsonb) FROM PUBLIC;
COMMENT ON FUNCTION @extschema@.load_cog(int, jsonb, jsonb, jsonb, jsonb, jsonb) IS 'load the COG reference geography from the JSON files of @etalab/decoupage-administratif (data/regions.json, departements.json, communes.json, epci.json, ept.json), replacing the previous reference data in one transaction; all or nothing, every bad element reported';


-- ----------------------------------------------------------------------
-- 17 hardening: PostGIS called with its declared argument types and every
-- argument (no overload or default can be shadowed), bounded repairs,
-- loaders that refuse to merge concurrent loads, clearer errors and
-- limits.  Functions whose body changed are dropped and created again
-- from their new definition in the schema parts.
-- ----------------------------------------------------------------------
CREATE FUNCTION @extschema@.create_with_postgis(definition text)
RETURNS void
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    EXECUTE replace(definition, '@postgis@',
                    (SELECT quote_ident(n.nspname) FROM pg_extension e
                     JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'postgis'));
END $$;

DROP FUNCTION @extschema@.feature_geometry(jsonb,int);
DROP FUNCTION @extschema@.geojson_features(jsonb,text);
DROP FUNCTION @extschema@.store_territory_geometries(text,text,text[]);
DROP FUNCTION @extschema@.nearest_territories(geometry,text,int);
DROP FUNCTION @extschema@.region_shares(text,text);
DROP FUNCTION @extschema@.overlay(text,regclass,name);
DROP FUNCTION @extschema@.territories_geojson(text);
DROP FUNCTION @extschema@.map_frames();
DROP FUNCTION @extschema@.reject_load(text,text[],bigint,boolean);
DROP FUNCTION @extschema@.csv_columns(text,text[]);
DROP FUNCTION @extschema@.load_territories(text,text);
DROP FUNCTION @extschema@.load_territory_communes(text,text);
DROP FUNCTION @extschema@.load_cog(int,jsonb,jsonb,jsonb,jsonb,jsonb);
DROP FUNCTION @extschema@.reject_features(text,text[],bigint);
DROP FUNCTION @extschema@.load_boundaries(text,jsonb,text);
DROP FUNCTION @extschema@.lock_phase_list(text,text);
DROP FUNCTION @extschema@.load_employment(text,text);
DROP FUNCTION @extschema@.map_number(float8);
DROP FUNCTION @extschema@.map_svg(text,text,text);
DROP FUNCTION @extschema@.layer_srid(regclass,name);

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

CREATE FUNCTION @extschema@.load_employment(csv text, source text DEFAULT NULL)
RETURNS TABLE (item text, loaded bigint)
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
DECLARE
    problems text[];
    duplicates_only boolean;
    total bigint;
BEGIN
    IF csv IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = '22004', MESSAGE = 'load_employment: csv must not be NULL';
    END IF;
    PERFORM claim_load('employment', 'load_employment');

    IF to_regclass('pg_temp.terrind_employment_rows') IS NOT NULL THEN
        DROP TABLE pg_temp.terrind_employment_rows;
    END IF;
    -- a sector column named after its nomenclature (na17, na38, section)
    -- says the nomenclature; a column named sector needs a nomenclature column
    CREATE TEMP TABLE terrind_employment_rows ON COMMIT DROP AS
    SELECT r.*, n.nomenclature, count_value(r.jobs_text) AS jobs,
           CASE WHEN g.nature = 'EPT' THEN 'ept' WHEN g.nature IS NOT NULL THEN 'epci'
                WHEN c.siren IS NOT NULL THEN 'commune' END AS zone_level
    FROM (SELECT c.*, CASE WHEN c.zone_error IS NULL THEN c.zone_text::siren END AS zone,
                 CASE WHEN c.year_text ~ '^[0-9]{4}$' THEN c.year_text::int END AS year,
                 coalesce(c.nomenclature_cell, c.column_nomenclature) AS nomenclature_text
          FROM (SELECT c.line, c.field_count, c.header_count, c.v[1] AS zone_text, c.v[2] AS year_text,
                       input_error(c.v[1], 'terrind.siren') AS zone_error,
                       num_nonnulls(c.v[4], c.v[5], c.v[6], c.v[7]) AS codes,
                       upper(coalesce(c.v[4], c.v[5], c.v[6], c.v[7])) AS sector,
                       c.v[3] AS nomenclature_cell,
                       CASE WHEN c.v[5] IS NOT NULL THEN 'NA17' WHEN c.v[6] IS NOT NULL THEN 'NA38'
                            WHEN c.v[7] IS NOT NULL THEN 'NAF-section' END AS column_nomenclature,
                       c.v[8] AS jobs_text, c.v[9] AS establishments_text
                FROM csv_columns(csv, ARRAY['zone|siren|epci|siren_epci|codgeo', 'year|annee|année', '?nomenclature',
                                            '?sector|secteur', '?na17|a17', '?na38|a38', '?section|naf_section|a21',
                                            'jobs|emplois|effectifs', '?establishments|etablissements|établissements']) c) c) r
    LEFT JOIN sector_nomenclature n ON lower(n.nomenclature) = lower(r.nomenclature_text)
    LEFT JOIN groupement g ON g.siren = r.zone
    LEFT JOIN commune c ON c.siren = r.zone AND c.type = 'commune-actuelle';

    SELECT count(*) INTO total FROM pg_temp.terrind_employment_rows;
    WITH r AS (
        SELECT * FROM pg_temp.terrind_employment_rows WHERE field_count = header_count
    ), problem AS (
        SELECT line, false AS duplicate, format('%s fields, expected %s as in the header', field_count, header_count) AS what
        FROM pg_temp.terrind_employment_rows WHERE field_count <> header_count
        UNION ALL
        SELECT line, false, CASE WHEN zone_text IS NULL THEN 'zone is empty' ELSE 'zone: ' || zone_error END
        FROM r WHERE zone_text IS NULL OR zone_error IS NOT NULL
        UNION ALL
        SELECT line, false, format('zone %s is neither an EPCI, an EPT nor a commune of the loaded COG%s', zone_text,
                                   CASE WHEN NOT EXISTS (SELECT FROM groupement) THEN ' (no COG is loaded: run terrind.load_cog first)' ELSE '' END)
        FROM r WHERE zone_error IS NULL AND zone_level IS NULL
        UNION ALL
        SELECT line, false, CASE WHEN year_text IS NULL THEN 'year is empty'
                                 ELSE format('year %L: expected a year between 1900 and 2200', year_text) END
        FROM r WHERE year IS NULL OR year NOT BETWEEN 1900 AND 2200
        UNION ALL
        SELECT line, false, CASE WHEN codes = 0 THEN 'no sector code: fill the column sector, na17, na38 or section'
                                 ELSE 'several sector codes: keep one of the columns sector, na17, na38 and section' END
        FROM r WHERE codes <> 1
        UNION ALL
        SELECT line, false, CASE WHEN nomenclature_text IS NULL
                                 THEN 'nomenclature is empty: a column sector needs a column nomenclature (or name it na17, na38 or section)'
                                 ELSE format('unknown nomenclature %L (known: %s)', nomenclature_text,
                                             (SELECT string_agg(k.nomenclature, ', ' ORDER BY k.nomenclature) FROM sector_nomenclature k)) END
        FROM r WHERE codes = 1 AND nomenclature IS NULL
        UNION ALL
        SELECT line, false, format('the code is in column %s but nomenclature says %s', lower(column_nomenclature), nomenclature_cell)
        FROM r WHERE codes = 1 AND lower(nomenclature_cell) <> lower(column_nomenclature)
        UNION ALL
        SELECT line, false, format('sector %L is not a code of %s (see terrind.sector)', sector, nomenclature)
        FROM r WHERE codes = 1 AND nomenclature IS NOT NULL
          AND NOT EXISTS (SELECT FROM sector s WHERE s.nomenclature = r.nomenclature AND s.code = r.sector)
        UNION ALL
        SELECT line, false, CASE WHEN jobs_text IS NULL THEN 'jobs is empty (a secret cell? fill it or leave the row out)'
                                 ELSE 'jobs: ' || count_error(jobs_text) END
        FROM r WHERE jobs IS NULL
        UNION ALL
        SELECT line, false, CASE WHEN count_error(establishments_text) IS NOT NULL THEN 'establishments: ' || count_error(establishments_text)
                                 ELSE format('establishments %L: expected a whole number below 2147483648', establishments_text) END
        FROM r WHERE establishments_text IS NOT NULL
          AND (count_error(establishments_text) IS NOT NULL OR count_value(establishments_text) NOT BETWEEN 0 AND 2147483647
               OR count_value(establishments_text) <> trunc(count_value(establishments_text)))
        UNION ALL
        SELECT line, true, format('zone %s, sector %s in %s already on line %s', zone, sector, year, first_line)
        FROM (SELECT line, zone, sector, year, min(line) OVER (PARTITION BY zone, sector, year) AS first_line
              FROM r WHERE zone_level IS NOT NULL AND year IS NOT NULL AND codes = 1) d
        WHERE line > first_line
        UNION ALL
        SELECT line, false, format('year %s is in %s on line %s, not in %s: one nomenclature per year', year, first_nomenclature, first_line, nomenclature)
        FROM (SELECT line, year, nomenclature, first_value(nomenclature) OVER w AS first_nomenclature, first_value(line) OVER w AS first_line
              FROM r WHERE year IS NOT NULL AND nomenclature IS NOT NULL
              WINDOW w AS (PARTITION BY year ORDER BY line)) m
        WHERE nomenclature <> first_nomenclature
    )
    SELECT array_agg(format('line %s: %s', line, what) ORDER BY line, what), bool_and(duplicate)
    INTO problems, duplicates_only FROM problem;
    PERFORM reject_load('load_employment', problems, total, duplicates_only);

    -- replace the years the file holds, leave the others
    DELETE FROM employment_year y WHERE y.year IN (SELECT r.year FROM pg_temp.terrind_employment_rows r);
    INSERT INTO employment_year (year, nomenclature, source)
    SELECT DISTINCT r.year, r.nomenclature, coalesce(load_employment.source, 'loaded by terrind.load_employment')
    FROM pg_temp.terrind_employment_rows r;
    GET DIAGNOSTICS total = ROW_COUNT;
    item := 'years'; loaded := total; RETURN NEXT;
    INSERT INTO employment (zone, zone_level, year, nomenclature, sector, jobs, establishments)
    SELECT r.zone, r.zone_level, r.year, r.nomenclature, r.sector, r.jobs, count_value(r.establishments_text)::int
    FROM pg_temp.terrind_employment_rows r;
    GET DIAGNOSTICS total = ROW_COUNT;
    item := 'rows'; loaded := total; RETURN NEXT;
    item := 'zones'; loaded := (SELECT count(DISTINCT r.zone) FROM pg_temp.terrind_employment_rows r); RETURN NEXT;
END $$;
REVOKE EXECUTE ON FUNCTION @extschema@.load_employment(text, text) FROM PUBLIC;
COMMENT ON FUNCTION @extschema@.load_employment(text, text) IS 'load employment by zone, sector and year from CSV (columns zone, year, jobs, a sector code in sector + nomenclature, na17, na38 or section, optional establishments), replacing the years the file holds; source describes the figures; all or nothing, every bad row reported with its line';

CREATE FUNCTION @extschema@.max_repair_vertices()
RETURNS int
AS 'MODULE_PATHNAME', 'max_repair_vertices_setting' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.max_repair_vertices() IS 'the setting terrind.max_repair_vertices (default 100000): the largest invalid geometry, in vertices, that terrind repairs with ST_MakeValid';

SELECT terrind.create_with_postgis($def$
CREATE FUNCTION terrind.repair_geometry(geom @postgis@.geometry, what text)
RETURNS @postgis@.geometry
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, terrind, pg_temp
AS $$
DECLARE
    vertices constant int := @postgis@.ST_NPoints(geom);
    bound constant int := max_repair_vertices();
BEGIN
    IF vertices > bound THEN
        RAISE EXCEPTION USING ERRCODE = '54000',
            MESSAGE = format('%s: invalid geometry of %s vertices, more than terrind.max_repair_vertices (%s) to repair',
                             what, vertices, bound),
            DETAIL = 'ST_MakeValid on a large invalid geometry can run for hours, deaf to cancel.',
            HINT = 'Repair it before loading (e.g. ogr2ogr -makevalid), or raise the limit: SET terrind.max_repair_vertices = ….';
    END IF;
    RETURN @postgis@.ST_CollectionExtract(@postgis@.ST_MakeValid(geom), 3);
END $$;
$def$);
COMMENT ON FUNCTION @extschema@.repair_geometry(geometry, text) IS 'an invalid geometry made valid by ST_MakeValid, its polygons kept; 54000 naming what (the loader and feature) when it has more vertices than terrind.max_repair_vertices';

SELECT terrind.create_with_postgis($def$
CREATE FUNCTION terrind.feature_geometry(feature jsonb, srid int, what text,
                                             OUT geom @postgis@.geometry, OUT problem text, OUT repaired text)
LANGUAGE plpgsql STABLE PARALLEL UNSAFE
SET search_path = pg_catalog, terrind, pg_temp
AS $$
DECLARE
    g constant jsonb := feature->'geometry';
    validity @postgis@.valid_detail;
BEGIN
    IF jsonb_typeof(feature) IS DISTINCT FROM 'object' OR feature->>'type' IS DISTINCT FROM 'Feature' THEN
        problem := 'not a GeoJSON Feature';
    ELSIF jsonb_typeof(g) IS DISTINCT FROM 'object' THEN
        problem := 'no geometry';
    ELSIF coalesce(g->>'type', '') NOT IN ('Polygon', 'MultiPolygon') THEN
        problem := format('geometry type %s: expected Polygon or MultiPolygon', coalesce(g->>'type', 'missing'));
    END IF;
    IF problem IS NOT NULL THEN
        RETURN;
    END IF;
    BEGIN
        geom := @postgis@.ST_Transform(@postgis@.ST_SetSRID(@postgis@.ST_GeomFromGeoJSON(g), srid), 4326);
        validity := @postgis@.ST_IsValidDetail(geom, 0);
        IF NOT validity.valid THEN
            repaired := validity.reason;
            geom := repair_geometry(geom, what);
        END IF;
    EXCEPTION WHEN program_limit_exceeded THEN
        RAISE;
    WHEN OTHERS THEN
        -- PostGIS reports malformed GeoJSON and failed projections as XX000
        problem := 'geometry: ' || SQLERRM;
        geom := NULL;
        RETURN;
    END;
    IF @postgis@.ST_IsEmpty(geom) AND repaired IS NOT NULL THEN
        problem := format('invalid geometry (%s) that ST_MakeValid cannot repair into a polygon', repaired);
    ELSIF @postgis@.ST_IsEmpty(geom) THEN
        problem := 'empty geometry';
    ELSIF @postgis@.ST_XMin(geom::@postgis@.box3d) < -180 OR @postgis@.ST_XMax(geom::@postgis@.box3d) > 180
          OR @postgis@.ST_YMin(geom::@postgis@.box3d) < -90 OR @postgis@.ST_YMax(geom::@postgis@.box3d) > 90 THEN
        problem := format('coordinates out of longitude/latitude range (%s): is the file''s CRS declared, e.g. "urn:ogc:def:crs:EPSG::2154" for Lambert-93?',
                          @postgis@.Box2D(geom));
    END IF;
    geom := CASE WHEN problem IS NULL THEN @postgis@.ST_Multi(geom) END;
END $$;
$def$);
COMMENT ON FUNCTION @extschema@.feature_geometry(jsonb, int, text) IS 'the geometry of a GeoJSON feature as a MultiPolygon in EPSG:4326 (from the given SRID), repaired by ST_MakeValid when invalid (repaired says why), or the problem that rejects it; 54000 naming what (the loader and feature) for an invalid geometry too large to repair (repair_geometry)';

CREATE FUNCTION @extschema@.geojson_features(doc jsonb, loader text)
RETURNS TABLE (n int, properties jsonb, geom geometry, problem text, repaired text)
LANGUAGE plpgsql STABLE PARALLEL UNSAFE
SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
DECLARE
    srid constant int := geojson_srid(doc, loader);
BEGIN
    RETURN QUERY
        SELECT e.n::int, CASE WHEN jsonb_typeof(e.f->'properties') = 'object' THEN e.f->'properties' ELSE '{}' END,
               g.geom, g.problem, g.repaired
        FROM jsonb_array_elements(doc->'features') WITH ORDINALITY e(f, n),
             LATERAL feature_geometry(e.f, srid, format('%s, feature %s', loader, e.n)) g
        ORDER BY e.n;
END $$;
COMMENT ON FUNCTION @extschema@.geojson_features(jsonb, text) IS 'features of a GeoJSON FeatureCollection, numbered from 1, with their properties and checked geometry (see feature_geometry); 22P02 if the document is no FeatureCollection or declares an unknown CRS';

CREATE FUNCTION @extschema@.reject_features(loader text, problems text[], total bigint)
RETURNS void
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
BEGIN
    IF cardinality(problems) > 0 THEN
        RAISE EXCEPTION USING ERRCODE = '22P02',
            MESSAGE = format('%s: %s problem%s in %s features, nothing loaded', loader, cardinality(problems),
                             CASE WHEN cardinality(problems) > 1 THEN 's' ELSE '' END, total),
            DETAIL = problems_detail(loader, problems),
            HINT = 'Features are numbered from 1 in the order of the "features" array.  Fix the features listed and load the whole file again.';
    END IF;
END $$;
COMMENT ON FUNCTION @extschema@.reject_features(text, text[], bigint) IS 'used by the GeoJSON loaders: raise 22P02 listing the first problems with their feature number (all in load_problems()), if there is any';

CREATE FUNCTION @extschema@.load_boundaries(level text, doc jsonb, code_property text)
RETURNS TABLE (item text, loaded bigint)
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
DECLARE
    lv record;
    loader constant text := format('load_boundaries(%L)', level);
    problems text[];
    repairs text[];
    total bigint;
BEGIN
    IF level IS NULL OR doc IS NULL OR code_property IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = '22004', MESSAGE = 'load_boundaries: level, doc and code_property must not be NULL';
    END IF;
    lv := boundary_level(level);
    PERFORM claim_load(format('boundaries %s', level), loader);

    IF to_regclass('pg_temp.terrind_boundary_rows') IS NOT NULL THEN
        DROP TABLE pg_temp.terrind_boundary_rows;
    END IF;
    CREATE TEMP TABLE terrind_boundary_rows ON COMMIT DROP AS
    SELECT f.n, nullif(btrim(f.properties->>code_property), '') AS code, f.geom, f.problem, f.repaired,
           CASE WHEN lv.key_type <> 'text'::regtype THEN input_error(btrim(f.properties->>code_property), lv.key_type) END AS code_error,
           false AS known
    FROM geojson_features(doc, loader) f;
    EXECUTE format('UPDATE pg_temp.terrind_boundary_rows f SET known = true
                    WHERE f.code IS NOT NULL AND f.code_error IS NULL
                      AND EXISTS (SELECT 1 FROM terrind.%I t WHERE t.%I = f.code::%s AND %s)',
                   lv.tab, lv.key, lv.key_type, lv.rows_filter);

    SELECT count(*) INTO total FROM pg_temp.terrind_boundary_rows;
    WITH problem AS (
        SELECT n, problem AS what FROM pg_temp.terrind_boundary_rows WHERE problem IS NOT NULL
        UNION ALL
        SELECT n, CASE WHEN code IS NULL THEN format('no property %L', code_property)
                       WHEN code_error IS NOT NULL THEN format('%s: %s', code_property, code_error)
                       ELSE format('%s %s is not a %s of the loaded COG', code_property, code, level) END
        FROM pg_temp.terrind_boundary_rows WHERE NOT known
        UNION ALL
        SELECT n, format('%s %s already at feature %s', code_property, code, first_n)
        FROM (SELECT n, code, min(n) OVER (PARTITION BY code) AS first_n FROM pg_temp.terrind_boundary_rows WHERE known) d
        WHERE n > first_n
    )
    SELECT array_agg(format('feature %s: %s', n, what) ORDER BY n, what) INTO problems FROM problem;
    PERFORM reject_features(loader, problems, total);

    SELECT array_agg(format('feature %s (%s %s): %s', n, code_property, code, repaired) ORDER BY n) INTO repairs
    FROM pg_temp.terrind_boundary_rows WHERE repaired IS NOT NULL;
    PERFORM report_repairs(loader, repairs);

    EXECUTE format('UPDATE terrind.%I t SET geom = f.geom FROM pg_temp.terrind_boundary_rows f
                    WHERE t.%I = f.code::%s AND %s', lv.tab, lv.key, lv.key_type, lv.rows_filter);
    item := 'boundaries'; loaded := total; RETURN NEXT;
    item := 'repaired with ST_MakeValid'; loaded := coalesce(cardinality(repairs), 0); RETURN NEXT;
    EXECUTE format('SELECT count(*) FROM terrind.%I t WHERE t.geom IS NULL AND %s', lv.tab, lv.rows_filter) INTO total;
    item := format('%s rows still without boundary', level); loaded := total; RETURN NEXT;
END $$;
REVOKE EXECUTE ON FUNCTION @extschema@.load_boundaries(text, jsonb, text) FROM PUBLIC;
COMMENT ON FUNCTION @extschema@.load_boundaries(text, jsonb, text) IS 'set the boundaries of a level (region, departement, commune, groupement) from a GeoJSON FeatureCollection whose features carry the code in property code_property; transformed from the CRS the file declares (CRS84 by default) to EPSG:4326, Polygons made MultiPolygons, invalid geometries repaired by ST_MakeValid or rejected; codes absent from the file keep their boundary; all or nothing, every bad feature reported';

CREATE FUNCTION @extschema@.lock_phase_list(phase text, caller text)
RETURNS void
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
BEGIN
    IF phase IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = '22004', MESSAGE = format('%s: phase must not be NULL', caller);
    END IF;
    PERFORM require_phase(phase);
    PERFORM claim_load(format('phase %s', phase), caller);
END $$;
COMMENT ON FUNCTION @extschema@.lock_phase_list(text, text) IS 'used by the list, spatial and funding loaders: 22004 for a NULL phase, 22023 for an unknown one, else claim_load(''phase <phase>''): loads of one phase run one at a time, and 40001 at REPEATABLE READ or SERIALIZABLE if another committed after the snapshot';

SELECT terrind.create_with_postgis($def$
CREATE FUNCTION terrind.store_territory_geometries(phase text, source text, without_geometry text[])
RETURNS bigint
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, terrind, pg_temp
AS $$
DECLARE
    stored bigint;
BEGIN
    DELETE FROM territory_geometry t WHERE t.phase = store_territory_geometries.phase;
    INSERT INTO territory_geometry (phase, id, geom, area_m2, parts)
    SELECT store_territory_geometries.phase, n.id, n.geom, @postgis@.ST_Area(n.geom::@postgis@.geography, true), @postgis@.ST_NumGeometries(n.geom)
    FROM pg_temp.terrind_new_geometries n;
    GET DIAGNOSTICS stored = ROW_COUNT;
    INSERT INTO territory_geometry_status (phase, source, built_at, territories, without_geometry, members_md5, inputs_md5)
    VALUES (store_territory_geometries.phase, source, now(), stored, coalesce(without_geometry, '{}'),
            geometry_fingerprint(store_territory_geometries.phase, false),
            geometry_fingerprint(store_territory_geometries.phase, true))
    ON CONFLICT ON CONSTRAINT territory_geometry_status_pkey DO UPDATE
    SET source = EXCLUDED.source, built_at = EXCLUDED.built_at, territories = EXCLUDED.territories,
        without_geometry = EXCLUDED.without_geometry, members_md5 = EXCLUDED.members_md5,
        inputs_md5 = EXCLUDED.inputs_md5, stale_since = NULL, stale_reason = NULL;
    DROP TABLE pg_temp.terrind_new_geometries;
    RETURN stored;
END $$;
$def$);
COMMENT ON FUNCTION @extschema@.store_territory_geometries(text, text, text[]) IS 'used by refresh_territory_geometries and load_territory_polygons: replace a phase''s territory geometries by the rows of the temporary table terrind_new_geometries (id, geom) and mark them current';

SELECT terrind.create_with_postgis($def$
CREATE FUNCTION terrind.nearest_territories(geom @postgis@.geometry, phase text, k int)
RETURNS TABLE (id terrind.ti_code, name text, distance_m float8)
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, terrind, pg_temp
AS $$
DECLARE
    g @postgis@.geography;
    c record;
    ids ti_code[] := '{}';
    distances float8[] := '{}';
BEGIN
    IF k < 1 THEN
        RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE = format('nearest_territories: k must be at least 1, not %s', k);
    END IF;
    PERFORM require_geometries(phase);
    IF 'NaN'::float8 IN (@postgis@.ST_XMin(geom::@postgis@.box3d), @postgis@.ST_XMax(geom::@postgis@.box3d),
                         @postgis@.ST_YMin(geom::@postgis@.box3d), @postgis@.ST_YMax(geom::@postgis@.box3d)) THEN
        RAISE EXCEPTION USING ERRCODE = '22023',
            MESSAGE = format('nearest_territories: the geometry has NaN coordinates (%s)', @postgis@.ST_AsText(geom, 15)),
            DETAIL = 'A distance to a point without coordinates is meaningless.';
    END IF;
    g := to_wgs84(geom)::@postgis@.geography;
    -- Candidates come from the index in order of distance on the sphere;
    -- the exact distance on the ellipsoid differs from it by less than
    -- 1 %, so once a candidate is more than 1 % farther on the sphere than
    -- the k-th best exact distance, no later one can enter the k nearest.
    FOR c IN SELECT t.id, t.geom::@postgis@.geography OPERATOR(@postgis@.<->) g AS sphere_m, @postgis@.ST_Distance(t.geom::@postgis@.geography, g, true) AS exact_m
             FROM territory_geometry t WHERE t.phase = nearest_territories.phase
             ORDER BY t.geom::@postgis@.geography OPERATOR(@postgis@.<->) g LOOP
        EXIT WHEN cardinality(ids) >= k
              AND c.sphere_m > 1.01 * (SELECT d FROM unnest(distances) d ORDER BY d OFFSET k - 1 LIMIT 1) + 1;
        ids := ids || c.id;
        distances := distances || c.exact_m;
    END LOOP;
    RETURN QUERY
        SELECT x.id, t.name, x.d FROM unnest(ids, distances) x(id, d)
        JOIN territory t ON t.phase = nearest_territories.phase AND t.id = x.id
        ORDER BY x.d, x.id LIMIT k;
END $$;
$def$);
COMMENT ON FUNCTION @extschema@.nearest_territories(geometry, text, int) IS 'the k territories of a phase nearest to a geometry (any SRID; none means longitude/latitude), found through the index with the KNN operator <->, ordered by exact distance on the WGS 84 ellipsoid in metres (0 inside); 22023 for an unknown phase or k < 1, 55000 without geometries';

SELECT terrind.create_with_postgis($def$
CREATE FUNCTION terrind.region_shares(phase text, id text)
RETURNS TABLE (region text, area_share float8, population_share float8)
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, terrind, pg_temp
AS $$
DECLARE
    g constant @postgis@.geometry := territory_geom(phase, id);
BEGIN
    IF NOT EXISTS (SELECT 1 FROM terrind.region r WHERE r.geom IS NOT NULL) THEN
        RAISE EXCEPTION USING ERRCODE = '55000', MESSAGE = 'region boundaries are not loaded',
            HINT = 'Load them with terrind.load_boundaries(''region'', …).';
    END IF;
    RETURN QUERY
    WITH areas AS (
        SELECT r.code, @postgis@.ST_Area(@postgis@.ST_CollectionExtract(@postgis@.ST_Intersection(r.geom, g, '-1'::float8), 3)::@postgis@.geography, true) AS a
        FROM terrind.region r WHERE @postgis@.ST_Intersects(r.geom, g)
    ), people AS (
        SELECT v.region AS code, v.population::float8 AS p FROM territory_region_population v
        WHERE v.phase = region_shares.phase AND v.territory_id = region_shares.id::ti_code
    ), shares AS (
        SELECT coalesce(a.code, n.code) AS code, a.a, n.p
        FROM (SELECT * FROM areas WHERE areas.a > 0) a FULL JOIN people n ON n.code = a.code
    )
    SELECT s.code, coalesce(s.a, 0) / nullif(sum(s.a) OVER (), 0), coalesce(s.p, 0) / nullif(sum(s.p) OVER (), 0)
    FROM shares s ORDER BY s.code;
END $$;
$def$);
COMMENT ON FUNCTION @extschema@.region_shares(text, text) IS 'shares of a territory''s area (its geometry intersected with region boundaries, on the ellipsoid) and of its population (communes covered by its members, counted once) per region; each column sums to 1 (NULL when nothing is known); 22023 for an unknown phase or territory, 55000 without geometry or region boundaries';

SELECT terrind.create_with_postgis($def$
CREATE FUNCTION terrind.overlay(phase text, layer regclass, geom_column name)
RETURNS TABLE (id terrind.ti_code, area_m2 float8, covered_m2 float8, covered_share float8)
LANGUAGE plpgsql STABLE STRICT PARALLEL UNSAFE
SET search_path = pg_catalog, terrind, pg_temp
AS $$
DECLARE
    srid constant int := layer_srid(layer, geom_column);
BEGIN
    PERFORM require_geometries(phase);
    -- With a declared SRID the territory goes to the layer's SRID, so that
    -- the layer's own GiST index finds the candidate rows; the pieces are
    -- then measured in EPSG:4326 on the ellipsoid.  Overlapping layer
    -- polygons are counted once (union).
    RETURN QUERY EXECUTE format($q$
        SELECT t.id, t.area_m2, coalesce(@postgis@.ST_Area(c.geom::@postgis@.geography, true), 0),
               coalesce(@postgis@.ST_Area(c.geom::@postgis@.geography, true), 0) / nullif(t.area_m2, 0)
        FROM terrind.territory_geometry t
        LEFT JOIN LATERAL (
            SELECT @postgis@.ST_Union(@postgis@.ST_CollectionExtract(@postgis@.ST_Intersection(x.geom, t.geom, '-1'::float8), 3)) AS geom
            FROM (SELECT CASE WHEN (@postgis@.ST_IsValidDetail(g, 0)).valid THEN g ELSE terrind.repair_geometry(g, %4$L) END AS geom
                  FROM (SELECT terrind.to_wgs84(l.%1$I) AS g FROM %2$s l WHERE %3$s) l) x) c ON true
        WHERE t.phase = $1
        ORDER BY t.id $q$,
        geom_column, layer,
        CASE WHEN srid > 0 THEN format('@postgis@.ST_Intersects(l.%I, @postgis@.ST_Transform(t.geom, %s))', geom_column, srid)
             ELSE format('@postgis@.ST_Intersects(terrind.to_wgs84(l.%I), t.geom)', geom_column) END,
        format('overlay(%s.%I)', layer, geom_column))
    USING phase;
EXCEPTION WHEN internal_error THEN
    -- GEOS (XX000) on geometries ST_MakeValid could not save
    RAISE EXCEPTION USING ERRCODE = '22023',
        MESSAGE = format('overlay: PostGIS failed on the geometries of %s.%I: %s', layer, geom_column, SQLERRM),
        HINT = format('Repair them first, e.g. UPDATE %s SET %I = @postgis@.ST_MakeValid(%I).', layer, geom_column, geom_column);
END $$;
$def$);
COMMENT ON FUNCTION @extschema@.overlay(text, regclass, name) IS 'how much of each territory of a phase the polygons of a user''s layer cover: area_m2 and covered_m2 on the ellipsoid (overlapping layer polygons counted once, invalid ones repaired), covered_share = covered_m2 / area_m2; any SRID (declare it on the column so that the layer''s GiST index is used); 22023 for an unknown phase or a column that is missing or not geometry';

SELECT terrind.create_with_postgis($def$
CREATE FUNCTION terrind.territories_geojson(phase text)
RETURNS jsonb
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, terrind, pg_temp
AS $$
BEGIN
    PERFORM require_geometries(phase);
    RETURN (
        SELECT jsonb_build_object(
            'type', 'FeatureCollection',
            'phase', territories_geojson.phase,
            'geometry_source', st.source,
            'geometry_stale', st.stale_reason,
            'features', coalesce((
                SELECT jsonb_agg(jsonb_build_object(
                    'type', 'Feature',
                    'id', s.id,
                    'geometry', @postgis@.ST_AsGeoJSON(g.geom, 6, 8)::jsonb,
                    'properties', jsonb_build_object(
                        'id', s.id, 'name', s.name, 'phase', s.phase,
                        'lead_region', s.lead_region, 'lead_region_name', s.lead_region_name,
                        'population', s.population, 'member_count', s.member_count,
                        'area_km2', round((g.area_m2 / 1e6)::numeric, 3), 'parts', g.parts,
                        'funding_totals', funding_totals(s.phase, s.id)))
                    ORDER BY s.id)
                FROM territory_summary s
                LEFT JOIN territory_geometry g ON g.phase = s.phase AND g.id::text = s.id
                WHERE s.phase = territories_geojson.phase), '[]'))
        FROM territory_geometry_status st WHERE st.phase = territories_geojson.phase);
END $$;
$def$);
COMMENT ON FUNCTION @extschema@.territories_geojson(text) IS 'the territories of a phase as a GeoJSON FeatureCollection (RFC 7946, longitude/latitude, 6 decimals) for QGIS, Leaflet or MapLibre: id, name, lead region, population, member count, area, parts, and funding_totals per status and need ({"engaged": {"Recruter": 1234.56}}, {} without funding lines); territories without geometry have a null geometry; 22023 for an unknown phase, 55000 without geometries';

SELECT terrind.create_with_postgis($def$
CREATE FUNCTION terrind.map_frames()
RETURNS TABLE (frame int, label text, srid int, area @postgis@.geometry, x float8, y float8, w float8, h float8,
               scale float8, transform text)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, terrind, pg_temp
AS $$
    WITH f AS (
        SELECT 0 AS frame, 'France métropolitaine' AS label, 2154 AS srid, @postgis@.ST_Collect(r.geom) AS area,
               240.0 AS x, 90.0 AS y, 640.0 AS w, 660.0 AS h
        FROM region r WHERE r.zone = 'metro' AND r.geom IS NOT NULL HAVING count(*) > 0
        UNION ALL
        SELECT i, r.name, v.srid, r.geom, 20.0, 90.0 + 132 * (i - 1), 190.0, 112.0
        FROM (SELECT r.*, row_number() OVER (ORDER BY r.code)::int AS i FROM region r WHERE r.geom IS NOT NULL) r
        JOIN (VALUES ('01', 5490), ('02', 5490), ('03', 2972), ('04', 2975), ('06', 4471)) v(code, srid) ON v.code = r.code
    ), b AS (
        SELECT f.*, @postgis@.ST_Transform(f.area, f.srid)::@postgis@.box3d AS box,
               -- insets keep 18 px for their label
               CASE WHEN f.frame > 0 THEN 18.0 ELSE 0 END AS top
        FROM f
    ), s AS (
        SELECT b.*, least(b.w / (@postgis@.ST_XMax(b.box) - @postgis@.ST_XMin(b.box)), (b.h - b.top) / (@postgis@.ST_YMax(b.box) - @postgis@.ST_YMin(b.box))) AS scale
        FROM b
    )
    SELECT s.frame, s.label, s.srid, s.area, s.x, s.y, s.w, s.h, s.scale,
           format('translate(%s %s) scale(%s)',
                  round((s.x + (s.w - (@postgis@.ST_XMax(s.box) - @postgis@.ST_XMin(s.box)) * s.scale) / 2 - @postgis@.ST_XMin(s.box) * s.scale)::numeric, 2),
                  round((s.y + s.top + (s.h - s.top - (@postgis@.ST_YMax(s.box) - @postgis@.ST_YMin(s.box)) * s.scale) / 2 + @postgis@.ST_YMax(s.box) * s.scale)::numeric, 2),
                  s.scale)
    FROM s
$$;
$def$);
COMMENT ON FUNCTION @extschema@.map_frames() IS 'used by map_svg: metropolitan France (Lambert-93, EPSG:2154) and one inset per overseas region with a boundary (Guadeloupe and Martinique EPSG:5490, Guyane 2972, La Réunion 2975, Mayotte 4471), with the SVG transform placing each in its box';

SELECT terrind.create_with_postgis($def$
CREATE FUNCTION terrind.layer_srid(layer regclass, geom_column name)
RETURNS int
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, terrind, pg_temp
AS $$
DECLARE
    col record;
BEGIN
    IF (SELECT c.relkind FROM pg_class c WHERE c.oid = layer) NOT IN ('r', 'p', 'v', 'm', 'f') THEN
        RAISE EXCEPTION USING ERRCODE = '22023',
            MESSAGE = format('%s is a %s, not a table or view holding a layer', layer,
                             (SELECT CASE c.relkind WHEN 'c' THEN 'composite type' WHEN 'i' THEN 'index' WHEN 'S' THEN 'sequence'
                                                    WHEN 'I' THEN 'partitioned index' WHEN 't' THEN 'TOAST table' ELSE 'relation' END
                              FROM pg_class c WHERE c.oid = layer));
    END IF;
    SELECT a.atttypid::regtype AS type, a.atttypmod AS typmod INTO col
    FROM pg_attribute a WHERE a.attrelid = layer AND a.attname = geom_column AND a.attnum > 0 AND NOT a.attisdropped;
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE = format('%s has no column %I', layer, geom_column),
            DETAIL = format('Its geometry columns: %s.', coalesce((
                SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum) FROM pg_attribute a
                WHERE a.attrelid = layer AND a.atttypid = '@postgis@.geometry'::regtype AND NOT a.attisdropped), 'none'));
    END IF;
    IF col.type <> '@postgis@.geometry'::regtype THEN
        RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE = format('%s.%I is %s, not geometry', layer, geom_column, col.type);
    END IF;
    IF col.typmod >= 0 AND @postgis@.postgis_typmod_type(col.typmod) !~ '^(Geometry|GeometryCollection|Polygon|MultiPolygon)' THEN
        RAISE EXCEPTION USING ERRCODE = '22023',
            MESSAGE = format('%s.%I holds %s geometries, which cover no area', layer, geom_column, @postgis@.postgis_typmod_type(col.typmod));
    END IF;
    RETURN CASE WHEN col.typmod >= 0 THEN @postgis@.postgis_typmod_srid(col.typmod) ELSE 0 END;
END $$;
$def$);
COMMENT ON FUNCTION @extschema@.layer_srid(regclass, name) IS 'SRID of a layer''s geometry column (0 when unconstrained); 22023 unless the layer is a table or view and the column exists and is a geometry column that may hold polygons';

SELECT terrind.create_with_postgis($def$
CREATE FUNCTION terrind.map_svg(phase text, metric text, subtitle text DEFAULT NULL, lang text DEFAULT 'fr',
                                labels boolean DEFAULT false)
RETURNS text
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, terrind, pg_temp
AS $$
DECLARE
    -- the metrics a map can show, and every text of the map, in each language
    words constant jsonb := '{
        "fr": {"population": "population des communes couvertes", "member_count": "membres (EPCI, EPT, communes)",
               "funding_announced": "financements annoncés (€)", "funding_engaged": "financements engagés (€)",
               "funding_deployed": "financements déployés (€)", "deployment_rate": "déployé ÷ engagé (%)",
               "title": "Territoires d''industrie %s : %s", "no data": "sans donnée",
               "status": "%s territoires avec une géométrie (%s)", "anct": "polygones de l''ANCT",
               "union": "union des contours des membres", "stale": ", GÉOMÉTRIES PÉRIMÉES : ",
               "footer": "Classes par quantiles (effectif). France métropolitaine en Lambert-93 (EPSG:2154) ; outre-mer en cartouches, chacun dans sa projection UTM et à sa propre échelle."},
        "en": {"population": "population of the communes covered", "member_count": "members (EPCI, EPT, communes)",
               "funding_announced": "funding announced (€)", "funding_engaged": "funding engaged (€)",
               "funding_deployed": "funding deployed (€)", "deployment_rate": "deployed ÷ engaged (%)",
               "title": "Territoires d''industrie %s: %s", "no data": "no data",
               "status": "%s territories with a geometry (%s)", "anct": "ANCT polygons",
               "union": "union of members'' boundaries", "stale": ", STALE: ",
               "footer": "Quantile classes (count). Metropolitan France in Lambert-93 (EPSG:2154); overseas regions in insets, each in its UTM projection and at its own scale."}}';
    metrics constant text[] := '{population,member_count,funding_announced,funding_engaged,funding_deployed,deployment_rate}';
    palette constant text[] := '{#ffffb2,#fecc5c,#fd8d3c,#f03b20,#bd0026}';   -- ColorBrewer YlOrRd
    txt jsonb;
    svg xml;
BEGIN
    PERFORM require_geometries(phase);
    IF metric IS NULL OR metric <> ALL (metrics) THEN
        RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE = format('map_svg: unknown metric %L', metric),
            DETAIL = format('Metrics: %s.', (SELECT string_agg(k, ', ' ORDER BY k) FROM unnest(metrics) k));
    END IF;
    IF lang IS NULL OR labels IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = '22004', MESSAGE = 'map_svg: lang and labels must not be NULL';
    ELSIF NOT words ? lang THEN
        RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE = format('map_svg: unknown language %L', lang),
            DETAIL = 'Languages: en, fr.';
    END IF;
    txt := words -> lang;
    IF NOT EXISTS (SELECT 1 FROM map_frames()) THEN
        RAISE EXCEPTION USING ERRCODE = '55000', MESSAGE = 'map_svg: region boundaries are not loaded',
            HINT = 'The map draws territories over regional outlines: load them with terrind.load_boundaries(''region'', …).';
    END IF;
    WITH v AS (
        SELECT l.id, l.name, l.geom,
               (jsonb_build_object('population', l.population, 'member_count', l.member_count,
                                   'funding_announced', r.announced, 'funding_engaged', r.engaged,
                                   'funding_deployed', r.deployed, 'deployment_rate', 100 * r.deployment_rate)
                ->> metric)::float8 AS value
        FROM territory_layer l
        LEFT JOIN funding_territory_rates r ON r.phase = l.phase AND r.territory_id = l.id AND r.level = 'territory'
        WHERE l.phase = map_svg.phase
    ), breaks AS (      -- quantile classes, at most five, none empty
        SELECT ARRAY(SELECT DISTINCT q FROM unnest(percentile_disc('{0,0.2,0.4,0.6,0.8}'::float8[])
                                                   WITHIN GROUP (ORDER BY v.value)) q ORDER BY q) AS t
        FROM v WHERE v.value IS NOT NULL
    ), classed AS (
        SELECT v.*, width_bucket(v.value, b.t) AS class, cardinality(b.t) AS classes FROM v, breaks b
    ), colored AS (
        SELECT c.*, coalesce(palette[5 - c.classes + c.class], '#cccccc') AS fill FROM classed c
    ), bounds AS (
        SELECT c.class, c.fill, min(c.value) AS lo, max(c.value) AS hi, count(*) AS n FROM colored c GROUP BY c.class, c.fill
    ), digits AS (      -- the fewest decimals at which no two classes' printed bounds meet
        SELECT coalesce(min(d), 3) AS d FROM generate_series(0, 3) d
        WHERE NOT EXISTS (SELECT FROM bounds a JOIN bounds b ON b.class = a.class + 1
                          WHERE round(a.hi::numeric, d) >= round(b.lo::numeric, d))
    ), frames AS (
        SELECT f.*,     -- a scale bar of a round length, at most a quarter of the frame
               (SELECT max(k * 10 ^ floor(log(f.w / 4 / f.scale))) FROM unnest('{1,2,5}'::float8[]) k
                WHERE k * 10 ^ floor(log(f.w / 4 / f.scale)) <= f.w / 4 / f.scale) AS bar_m
        FROM map_frames() f
    ), regions AS (
        SELECT f.frame, svg_path(r.geom, f.srid, f.scale) AS d
        FROM frames f JOIN region r ON r.geom OPERATOR(@postgis@.&&) f.area AND (r.zone = 'metro') = (f.frame = 0)
    ), legend AS (
        SELECT row_number() OVER (ORDER BY b.class NULLS LAST) AS i, b.fill,
               CASE WHEN b.class IS NULL THEN format('%s (%s)', txt->>'no data', b.n)
                    WHEN round(b.lo::numeric, g.d) = round(b.hi::numeric, g.d) THEN format('%s (%s)', map_number(b.lo, g.d, lang), b.n)
                    ELSE format('%s – %s (%s)', map_number(b.lo, g.d, lang), map_number(b.hi, g.d, lang), b.n) END AS label
        FROM bounds b, digits g
    )
    SELECT xmlelement(name svg,
        xmlattributes('http://www.w3.org/2000/svg' AS xmlns, 1200 AS width, 790 AS height, '0 0 1200 790' AS "viewBox",
                      'sans-serif' AS "font-family", lang AS "xml:lang"),
        xmlelement(name title, format(txt->>'title', phase, txt->>metric)),
        -- stroke widths are set per frame in its units: renderers without
        -- vector-effect would otherwise scale them away
        xmlelement(name style, '.territory{stroke:#ffffff}.region{fill:none;stroke:#4d4d4d}'
                               '.land{fill:#ececec;stroke:none}.inset{fill:none;stroke:#999999}'
                               '.label{fill:#1a1a1a;stroke:#ffffff;paint-order:stroke;text-anchor:middle}'),
        xmlelement(name rect, xmlattributes(1200 AS width, 790 AS height, '#ffffff' AS fill)),
        xmlelement(name text, xmlattributes(20 AS x, 34 AS y, 22 AS "font-size", 'bold' AS "font-weight"),
                   format(txt->>'title', phase, txt->>metric)),
        xmlelement(name text, xmlattributes(20 AS x, 56 AS y, 13 AS "font-size"), subtitle),
        xmlelement(name text, xmlattributes(20 AS x, 74 AS y, 12 AS "font-size", '#555555' AS fill),
                   (SELECT format(txt->>'status', count(*), txt->>CASE st.source WHEN 'anct' THEN 'anct' ELSE 'union' END)
                           || CASE WHEN st.stale_reason IS NOT NULL THEN (txt->>'stale') || st.stale_reason ELSE '' END
                    FROM v, territory_geometry_status st WHERE st.phase = map_svg.phase
                    GROUP BY st.source, st.stale_reason)),
        (SELECT xmlagg(xmlelement(name g, xmlattributes('frame-' || f.frame AS id),
                    CASE WHEN f.frame > 0 THEN xmlconcat(
                        xmlelement(name rect, xmlattributes('inset' AS class, f.x AS x, f.y AS y, f.w AS width, f.h AS height)),
                        xmlelement(name text, xmlattributes(f.x + 4 AS x, f.y + 13 AS y, 11 AS "font-size"), f.label)) END,
                    xmlelement(name g, xmlattributes(f.transform AS transform),
                        (SELECT xmlagg(xmlelement(name path, xmlattributes('land' AS class, r.d AS d))) FROM regions r WHERE r.frame = f.frame),
                        xmlelement(name g, xmlattributes(0.6 / f.scale AS "stroke-width"),
                            (SELECT xmlagg(xmlelement(name path, xmlattributes('territory' AS class, c.fill AS fill, svg_path(c.geom, f.srid, f.scale) AS d),
                                                      xmlelement(name title, format('%s %s: %s', c.id, c.name,
                                                                                    coalesce(map_number(c.value, g.d, lang), txt->>'no data'))))
                                           ORDER BY c.id)
                             FROM colored c, digits g WHERE c.geom OPERATOR(@postgis@.&&) f.area)),
                        xmlelement(name g, xmlattributes(1 / f.scale AS "stroke-width"),
                            (SELECT xmlagg(xmlelement(name path, xmlattributes('region' AS class, r.d AS d))) FROM regions r WHERE r.frame = f.frame)),
                        CASE WHEN labels THEN xmlelement(name g, xmlattributes(10 / f.scale AS "font-size", 2 / f.scale AS "stroke-width"),
                            (SELECT xmlagg(xmlelement(name text, xmlattributes('label' AS class,
                                                      round(@postgis@.ST_X(p.pt)::numeric, 1) AS x, round(-@postgis@.ST_Y(p.pt)::numeric, 1) AS y), c.name)
                                           ORDER BY c.id)
                             FROM colored c CROSS JOIN LATERAL (SELECT @postgis@.ST_PointOnSurface(@postgis@.ST_Transform(c.geom, f.srid)) AS pt) p
                             WHERE c.geom OPERATOR(@postgis@.&&) f.area)) END),
                    -- scale bar, in the frame's bottom left corner
                    xmlelement(name g, xmlattributes('scale' AS class),
                        xmlelement(name rect, xmlattributes(f.x + 8 AS x, f.y + f.h - 12 AS y, round((f.bar_m * f.scale)::numeric, 1) AS width,
                                                            3 AS height, '#4d4d4d' AS fill)),
                        xmlelement(name text, xmlattributes(f.x + 8 AS x, f.y + f.h - 16 AS y, 10 AS "font-size"),
                                   CASE WHEN f.bar_m >= 1000 THEN map_number(f.bar_m / 1000, 0, lang) || ' km'
                                        ELSE map_number(f.bar_m, 0, lang) || ' m' END)))
                ORDER BY f.frame)
         FROM frames f),
        xmlelement(name g, xmlattributes('legend' AS id),
            xmlelement(name text, xmlattributes(910 AS x, 106 AS y, 13 AS "font-size", 'bold' AS "font-weight"), txt->>metric),
            (SELECT xmlagg(xmlconcat(
                        xmlelement(name rect, xmlattributes(910 AS x, 100 + 24 * l.i AS y, 18 AS width, 16 AS height, l.fill AS fill, '#999999' AS stroke)),
                        xmlelement(name text, xmlattributes(936 AS x, 113 + 24 * l.i AS y, 12 AS "font-size"), l.label))
                    ORDER BY l.i)
             FROM legend l)),
        xmlelement(name text, xmlattributes(20 AS x, 778 AS y, 11 AS "font-size", '#555555' AS fill), txt->>'footer'))
    INTO svg;
    -- names and the subtitle are data: whatever they hold, the SVG stays XML
    RETURN '<?xml version="1.0" encoding="UTF-8"?>' || E'\n' || xml_chars(svg::text) || E'\n';
END $$;
$def$);
COMMENT ON FUNCTION @extschema@.map_svg(text, text, text, text, boolean) IS 'a standalone SVG choropleth of the territories of a phase over regional outlines, with title, optional subtitle, legend (quantile classes printed with as many decimals as keep them apart, and a no-data entry), a scale bar per frame and, with labels, the territories'' names; texts in French (lang ''fr'', the default) or English (''en''); metrics population, member_count, funding_announced, funding_engaged, funding_deployed (€) and deployment_rate (%); metropolitan France in Lambert-93, overseas regions in insets; 22023 for an unknown phase, metric or language, 22004 for a NULL one, 55000 without territory geometries or region boundaries';

CREATE FUNCTION @extschema@.map_number(v float8, decimals int, lang text)
RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
    -- grouped by hand: to_char's picture prints # beyond its width
    SELECT regexp_replace(split_part(n, '.', 1), '([0-9])(?=([0-9]{3})+$)',
                          '\1' || CASE lang WHEN 'en' THEN ',' ELSE U&'\202F' END, 'g')
        || CASE WHEN decimals > 0 THEN CASE lang WHEN 'en' THEN '.' ELSE ',' END || split_part(n, '.', 2) ELSE '' END
    FROM (SELECT round(v::numeric, decimals)::text AS n) x
$$;
COMMENT ON FUNCTION @extschema@.map_number(float8, int, text) IS 'used by map_svg: a number rounded to some decimals, written in French (12 345,6, narrow no-break spaces) or English (12,345.6), however large';

-- Characters XML 1.0 forbids (C0 controls but tab, line feed and carriage
-- return; U+FFFE, U+FFFF) would make a document no XML parser reads.
CREATE FUNCTION @extschema@.xml_chars(t text)
RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
    SELECT regexp_replace(t, '[\x01-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]', U&'\FFFD', 'g')
$$;
COMMENT ON FUNCTION @extschema@.xml_chars(text) IS 'used by map_svg: text with the characters XML 1.0 forbids (control characters other than tab, line feed and carriage return; U+FFFE, U+FFFF) replaced by U+FFFD';

DROP FUNCTION @extschema@.create_with_postgis(text);

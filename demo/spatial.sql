-- Demo, spatial part: ANCT's généralised département and region boundaries
-- (data/anct/, overseas at their true place), the territories' real
-- polygons loaded by load_programme, the questions terrind answers, and SVG
-- maps and a GeoJSON layer written to :out.  Run from demo.sql after the
-- territory report, with -v anct=<data/anct> -v out=<directory>.
SET search_path = terrind, public;
\pset footer off

\echo
\echo '== Contours : départements et régions de l''ANCT (généralisés pour les cartes, outre-mer à sa vraie place) =='
\set anct_departements `cat :'anct'/departements.geojson`
\set anct_regions `cat :'anct'/regions.geojson`
SELECT 'departement' AS niveau, item, loaded FROM load_boundaries('departement', :'anct_departements', 'insee_dep')
UNION ALL
SELECT 'region', item, loaded FROM load_boundaries('region', :'anct_regions', 'insee_reg');

\echo
\echo '== Géométries des territoires : les polygones de l''ANCT (load_programme) =='
SELECT phase, territories AS "avec un polygone", array_to_string(without_geometry, '; ') AS "sans polygone"
FROM territory_geometry_status ORDER BY phase;
SELECT count(*) FILTER (WHERE parts > 1) AS "territoires en plusieurs morceaux",
       to_char(sum(area_m2) / 1e6, 'FM999G999G999') AS "km² couverts"
FROM territory_geometry WHERE phase = '2023-2027';

\echo
\echo '== Dans quel territoire est ce site ?  territories_at, phase 2023-2027 =='
-- a city that is in no territory, two industrial sites, a point on the
-- largest territory, and a point on a border that two territories share:
-- it belongs to both
WITH sites AS (
    SELECT s.n, s.site, ST_SetSRID(ST_Point(s.lon, s.lat), 4326) AS geom
    FROM (VALUES (1, 'Lyon, place Bellecour', 4.8320, 45.7578), (2, 'Oyonnax, place de l''Hôtel de ville', 5.6553, 46.2561),
                 (3, 'Lacq, l''usine à gaz', -0.6260, 43.4120)) s(n, site, lon, lat)
    UNION ALL
    (SELECT 4, 'un point de ' || g.id, ST_PointOnSurface(g.geom) FROM territory_geometry g
     WHERE g.phase = '2023-2027' ORDER BY g.area_m2 DESC LIMIT 1)
    UNION ALL
    (SELECT 5, format('un point où %s et %s se touchent', a.id, b.id),
            ST_PointN(ST_GeometryN(ST_CollectionExtract(ST_Intersection(ST_Boundary(a.geom), ST_Boundary(b.geom)), 2), 1), 1)
     FROM territory_geometry a JOIN territory_geometry b ON b.phase = a.phase AND a.id < b.id AND ST_Touches(a.geom, b.geom)
     WHERE a.phase = '2023-2027' AND ST_Dimension(ST_Intersection(a.geom, b.geom)) = 1
     ORDER BY a.id, b.id LIMIT 1)
)
SELECT s.site, coalesce(string_agg(t.id || ' ' || t.name, '; ' ORDER BY t.id), '(aucun)') AS territoires
FROM sites s
LEFT JOIN LATERAL territories_at(s.geom, '2023-2027') a ON true
LEFT JOIN territory t ON t.phase = '2023-2027' AND t.id = a
GROUP BY s.n, s.site ORDER BY s.n;

\echo
\echo '== Les trois territoires les plus proches de Paris, Notre-Dame (distance sur l''ellipsoïde) =='
SELECT id, name AS nom, to_char(distance_m / 1000, 'FM999G990D0') AS km
FROM nearest_territories(ST_SetSRID(ST_Point(2.3499, 48.8530), 4326), '2023-2027', 3);

\echo
\echo '== Parts régionales de ti-7510 Lacq-Pau-Tarbes, à cheval sur deux régions (pour funding_by_region ''area'') =='
SELECT region AS "région", round(area_share::numeric, 3) AS "part de la surface", round(population_share::numeric, 3) AS "part de la population"
FROM region_shares('2023-2027', 'ti-7510');

\echo
\echo '== Financements par région, les trois méthodes : phase 2018-2022 (lignes ILLUSTRATIVES de funding.sql) =='
\echo 'area répartit les lignes selon region_shares (polygones de l''ANCT et contours des régions) ; les 3'
\echo 'territoires de phase 1 dessinés seulement par des points (communes seules) restent à leur région pilote.'
SELECT m AS "méthode", count(DISTINCT f.region) AS "régions",
       format_eur(sum(f.amount) FILTER (WHERE f.status = 'engaged')) AS "engagé",
       format_eur(sum(f.amount) FILTER (WHERE f.status = 'deployed')) AS "déployé",
       (SELECT count(DISTINCT w.territory_id) FROM region_weights('2018-2022', m) w WHERE w.fallback) AS "territoires laissés à leur région pilote"
FROM unnest(ARRAY['lead', 'population', 'area']) WITH ORDINALITY m, funding_by_region('2018-2022', m) f
GROUP BY m, ordinality ORDER BY ordinality;

\echo
\echo '== Croisement avec une couche de l''utilisateur : part de chaque territoire en départements de montagne =='
\echo '(couche ILLUSTRATIVE : les départements des Alpes et des Pyrénées tiennent lieu de zone de montagne)'
CREATE TEMP TABLE mountain_zone AS
SELECT code, geom FROM departement WHERE code IN ('04', '05', '06', '38', '73', '74', '09', '31', '64', '65', '66');
CREATE INDEX ON mountain_zone USING gist (geom);
SELECT o.id, t.name AS nom, to_char(o.area_m2 / 1e6, 'FM999G990') AS km2, to_char(100 * o.covered_share, 'FM990D0') AS "% en montagne"
FROM terrind.overlay('2023-2027', 'mountain_zone', 'geom') o JOIN territory t ON t.phase = '2023-2027' AND t.id = o.id
WHERE o.covered_share > 0 ORDER BY o.covered_share DESC, o.id LIMIT 5;

\echo
\echo '== Fichiers pour les personnes et les outils =='
\set map_file :out '/territoires-2023-2027-population.svg'
\set geojson_file :out '/territoires-2023-2027.geojson'
\set rate_map_file :out '/territoires-2018-2022-deployment-rate.svg'
SELECT map_svg('2023-2027', 'population',
               'ANCT — Programme Territoires d''industrie (fichier du 16/09/2024, Licence Ouverte 2.0) · population : COG 2026')
\g (format=unaligned tuples_only=on) :map_file
SELECT territories_geojson('2023-2027') \g (format=unaligned tuples_only=on) :geojson_file
SELECT map_svg('2018-2022', 'deployment_rate',
               'Lignes de financement ILLUSTRATIVES, calées sur les totaux de la Cour des comptes (1,7 Md€ engagés, 794 M€ déployés)')
\g (format=unaligned tuples_only=on) :rate_map_file
\echo 'Carte SVG de la population (territoires et polygones réels) écrite dans' :map_file
\echo 'GeoJSON des territoires (polygones de l''ANCT ; funding_totals ILLUSTRATIFS) écrit dans' :geojson_file
\echo 'Carte SVG du taux de déploiement, phase 2018-2022 (lignes ILLUSTRATIVES) écrite dans' :rate_map_file

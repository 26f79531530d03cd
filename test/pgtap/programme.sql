-- pgTAP: ANCT's official files loaded whole by load_programme (both phases,
-- side by side), what they hold, what a bad file gives, and that the result
-- equals the per-member CSV loader plus the polygon loader.
BEGIN;
SET search_path = terrind, public;
SELECT plan(29);

\set regions `cat test/fixtures/cog/regions.json`
\set departements `cat test/fixtures/cog/departements.json`
\set communes `cat test/fixtures/cog/communes.json`
\set epci `cat test/fixtures/cog/epci.json`
\set ept `cat test/fixtures/cog/ept.json`
\set p2 `cat data/anct/territoires-industrie-2023-2027.geojson`
\set p1 `cat data/anct/territoires-industrie-2018-2022.geojson`
\set anct_regions `cat data/anct/regions.geojson`
SELECT count(*) FROM load_cog(2026, :'regions', :'departements', :'communes', :'epci', :'ept');
-- start from no territories (the upgrade test runs this on a database that has some)
DELETE FROM funding;
DELETE FROM territory;

-- both phases, each in one call
SELECT results_eq(format('SELECT item, loaded FROM load_programme(%L, %L)', '2023-2027', :'p2'),
    $$VALUES ('territories', 183::bigint), ('territories removed', 0), ('members', 641),
             ('members of unknown nature (absent from the loaded COG)', 625),
             ('territory polygons', 183), ('territories drawn only as points (no polygon)', 0),
             ('repaired with ST_MakeValid', 0)$$,
    'phase 2023-2027: 183 territories, 641 member links, 183 polygons');
SELECT results_eq(format('SELECT item, loaded FROM load_programme(%L, %L)', '2018-2022', :'p1'),
    $$VALUES ('territories', 149::bigint), ('territories removed', 0), ('members', 588),
             ('members of unknown nature (absent from the loaded COG)', 547),
             ('territory polygons', 146), ('territories drawn only as points (no polygon)', 3),
             ('repaired with ST_MakeValid', 0)$$,
    'phase 2018-2022: 149 territories, 588 member links; 3 drawn only as points (single communes)');
SELECT results_eq($$SELECT phase, count(*), count(DISTINCT siren), count(*) FILTER (WHERE siren::text LIKE '21%')
                    FROM territory_member GROUP BY phase ORDER BY phase$$,
    $$VALUES ('2018-2022', 588::bigint, 588::bigint, 38::bigint), ('2023-2027', 641, 641, 12)$$,
    'member links, distinct members and single-commune members per phase');
SELECT results_eq($$SELECT lead_region, count(*) FROM territory WHERE phase = '2023-2027' GROUP BY 1 ORDER BY 1$$,
    $$VALUES ('01', 3::bigint), ('02', 2), ('03', 2), ('04', 2), ('06', 1), ('11', 11), ('24', 12), ('27', 10),
             ('28', 10), ('32', 17), ('44', 21), ('52', 18), ('53', 10), ('75', 16), ('76', 14), ('84', 24),
             ('93', 8), ('94', 2)$$,
    'phase 2023-2027 per lead region');
SELECT results_eq($$SELECT lead_region, count(*) FROM territory WHERE phase = '2018-2022' GROUP BY 1 ORDER BY 1$$,
    $$VALUES ('01', 1::bigint), ('02', 2), ('03', 3), ('04', 2), ('11', 9), ('24', 8), ('27', 10), ('28', 8),
             ('32', 14), ('44', 15), ('52', 17), ('53', 10), ('75', 14), ('76', 9), ('84', 17), ('93', 8), ('94', 2)$$,
    'phase 2018-2022 per lead region');
SELECT is((SELECT count(*) FROM (SELECT 1 FROM territory_member WHERE phase = '2023-2027'
                                 GROUP BY territory_id HAVING count(*) = 1) x), 43::bigint,
          'phase 2023-2027: 43 territories have a single member');
-- phase 1 names holding commas pair up with their SIRENs
SELECT results_eq($$SELECT siren::text, name FROM territory_member WHERE phase = '2018-2022' AND territory_id = 'ti-5214' ORDER BY siren$$,
    $$VALUES ('200071934', 'CC du Pays de Fontenay-Vendée'), ('248500415', 'CC du Pays de la Châtaigneraie'),
             ('248500464', 'CC du Pays de Pouzauges'), ('248500563', 'CC Vendée, Sèvre, Autise'),
             ('248500621', 'CC du Pays des Herbiers')$$,
    'phase 1 names with a comma ("CC Vendée, Sèvre, Autise") pair with their SIREN');
-- the same id, two territories
SELECT results_eq($$SELECT phase, name FROM territory WHERE id = 'ti-8413' ORDER BY phase$$,
    $$VALUES ('2018-2022', 'Lezoux - Thiers - Ambert - Montbrison'), ('2023-2027', 'Plastics Vallée – Oyonnax')$$,
    'ti-8413 is two different territories, keyed by phase');
SELECT is((SELECT count(*) FROM territory_member a JOIN territory_member b USING (siren)
           WHERE a.phase = '2018-2022' AND b.phase = '2023-2027' AND a.territory_id = 'ti-8413' AND b.territory_id = 'ti-8413'),
          0::bigint, 'ti-8413 shares no member across phases');
-- territories whose polygon lies in several regions (ANCT's region boundaries; more than 1 % of its area in each)
SELECT results_eq($$
    WITH reg AS (SELECT f.properties->>'insee_reg' AS code, f.geom FROM geojson_features($$ || quote_literal(:'anct_regions') || $$::jsonb, 'test') f)
    SELECT g.id::text, array_agg(r.code ORDER BY r.code)
    FROM territory_geometry g JOIN reg r ON ST_Intersects(g.geom, r.geom)
    WHERE g.phase = '2023-2027' AND ST_Area(ST_Intersection(g.geom, r.geom)::geography) > 0.01 * g.area_m2
    GROUP BY g.id HAVING count(*) > 1 ORDER BY 1$$,
    $$VALUES ('ti-2409', '{24,28}'::text[]), ('ti-2703', '{27,84}'), ('ti-2801', '{28,52}'), ('ti-2809', '{28,32}'),
             ('ti-5310', '{52,53}'), ('ti-7510', '{75,76}'), ('ti-7601', '{76,84}'), ('ti-7603', '{76,84}'),
             ('ti-9308', '{76,93}')$$,
    'phase 2023-2027: the 9 territories spanning regions, ti-7510 Lacq-Pau-Tarbes among them');
-- members absent from the loaded COG are findings, not refusals
SELECT is((SELECT count(*) FROM check_territories('2023-2027') WHERE finding = 'member absent from the COG'),
          (SELECT count(*) FROM territory_member m WHERE m.phase = '2023-2027' AND m.siren NOT IN
               ('200067254', '200069300', '200042935', '200071173', '216404459', '216403485', '216403006', '216504407',
                '216502864', '210102836', '210100533', '200053668')),
          'check_territories reports every member the (fixture) COG does not know');

-- the phases compared by member overlap (ANCT publishes 107 renewed, 47 reconfigured, 29 new;
-- doc/territories.md explains the 3 territories on which the counts differ)
SELECT results_eq($$SELECT outcome, count(*) FROM phase_continuity('2018-2022', '2023-2027') GROUP BY 1 ORDER BY 1$$,
    $$VALUES ('new', 32::bigint), ('reconfigured', 47), ('renewed', 104)$$,
    'phase_continuity: 104 renewed, 47 reconfigured, 32 new');
SELECT results_eq($$SELECT outcome, predecessor, members, predecessor_members, shared_members, share_from_predecessor, share_of_predecessor_kept
                    FROM phase_continuity() WHERE id = 'ti-7510'$$,
    $$VALUES ('renewed', 'ti-7505', 11, 10, 10, 10 / 11.0::float8, 1::float8)$$,
    'ti-7510 Lacq-Pau-Tarbes renews ti-7505: 10 of its 11 members, all 10 of the predecessor''s');
SELECT results_eq($$SELECT outcome, predecessor, shared_members, share_of_predecessor_kept FROM phase_continuity() WHERE id = 'ti-8413'$$,
    $$VALUES ('reconfigured', 'ti-8408', 1, 0.2::float8)$$,
    'ti-8413 Plastics Vallée keeps 1 of the 5 members of ti-8408: reconfigured');
SELECT results_eq($$SELECT id, outcome, predecessor, shared_members FROM phase_continuity() WHERE id IN ('ti-9301', 'ti-9305', 'ti-9306') ORDER BY id$$,
    $$VALUES ('ti-9301', 'new', NULL::text, 0), ('ti-9305', 'new', NULL, 0), ('ti-9306', 'new', NULL, 0)$$,
    'the métropoles that replaced phase-1 territories of single communes share no SIREN with them: new');
SELECT throws_ok($$SELECT * FROM terrind.phase_continuity('2018-2022', '2030-2034')$$, '22023', NULL,
    'phase_continuity: unknown phase: 22023');

-- a bad file: nothing loaded, every problem named by feature number
SELECT throws_ok(format('SELECT * FROM load_programme(%L, %L)', '2023-2027', $$
{"type": "FeatureCollection", "features": [
 {"type": "Feature", "properties": {"id_territoire": "ti-7510", "lib_territoire": "Lacq", "liste_geo": "CA Pau (200067255); CA Tarbes (200069300)"},
  "geometry": {"type": "Polygon", "coordinates": [[[0, 43], [1, 43], [1, 44], [0, 43]]]}},
 {"type": "Feature", "properties": {"id_territoire": "ti-8413", "lib_territoire": "Oyonnax"},
  "geometry": {"type": "Polygon", "coordinates": [[[5, 46], [6, 46], [6, 47], [5, 46]]]}},
 {"type": "Feature", "properties": {"id_territoire": "ti-8402", "lib_territoire": "Bresse", "liste_geo": "CA Bourg (200071173)"},
  "geometry": {"type": "Polygon", "coordinates": [[[5, 46], [6, 46]]]}},
 {"type": "Feature", "properties": {"lib_territoire": "Sans id", "liste_geo": "Bresse (200071173"},
  "geometry": {"type": "Polygon", "coordinates": [[[5, 46], [6, 46], [6, 47], [5, 46]]]}}]}$$),
    '22P02',
    $$load_programme('2023-2027'): 5 problems in 4 features, nothing loaded$$,
    'a bad file is refused whole');
SELECT is((SELECT count(*) FROM territory WHERE phase = '2023-2027'), 183::bigint, 'the refused file left the loaded phase alone');
CREATE FUNCTION pg_temp.detail(sql text) RETURNS text LANGUAGE plpgsql AS $f$
DECLARE d text;
BEGIN
    EXECUTE sql;
    RETURN NULL;
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS d = PG_EXCEPTION_DETAIL;
    RETURN d;
END $f$;
SELECT matches(pg_temp.detail(format('SELECT * FROM load_programme(%L, %L)', '2023-2027', $$
{"type": "FeatureCollection", "features": [
 {"type": "Feature", "properties": {"id_territoire": "ti-7510", "lib_territoire": "Lacq", "liste_geo": "CA Pau (200067255); CA Tarbes (200069300)"},
  "geometry": {"type": "Polygon", "coordinates": [[[0, 43], [1, 43], [1, 44], [0, 43]]]}},
 {"type": "Feature", "properties": {"id_territoire": "ti-8413", "lib_territoire": "Oyonnax"},
  "geometry": {"type": "Polygon", "coordinates": [[[5, 46], [6, 46], [6, 47], [5, 46]]]}},
 {"type": "Feature", "properties": {"id_territoire": "ti-8402", "lib_territoire": "Bresse", "liste_geo": "CA Bourg (200071173)"},
  "geometry": {"type": "Polygon", "coordinates": [[[5, 46], [6, 46]]]}},
 {"type": "Feature", "properties": {"lib_territoire": "Sans id", "liste_geo": "Bresse (200071173"},
  "geometry": {"type": "Polygon", "coordinates": [[[5, 46], [6, 46], [6, 47], [5, 46]]]}}]}$$)),
    '^feature 1: member SIREN 200067255: .*\nfeature 2: no members: expected liste_geo .*\nfeature 3: invalid geometry .* cannot repair into a polygon\nfeature 4: liste_geo item .*\nfeature 4: no id_territoire .*$',
    'every problem named: bad SIREN (1), missing property (2), broken geometry (3), unreadable member and no id (4)');
SELECT throws_ok($$SELECT * FROM terrind.load_programme('2030-2034', '{"type": "FeatureCollection", "features": []}')$$,
    '22023', NULL, 'unknown phase: 22023');
SELECT throws_ok($$SELECT * FROM terrind.load_programme('2023-2027', '{"type": "Feature"}')$$,
    '22P02', NULL, 'not a FeatureCollection: 22P02');

-- the same content through the per-member CSV loader and the polygon loader
SAVEPOINT loaders;
CREATE TEMP TABLE same_doc AS SELECT $${"type": "FeatureCollection", "features": [
 {"type": "Feature", "properties": {"id_territoire": "ti-7510", "lib_territoire": "Lacq, Pau, Tarbes",
   "liste_geo": "CA Pau Béarn Pyrénées (200067254); CA Tarbes-Lourdes-Pyrénées (200069300); Lacq (216403006)"},
  "geometry": {"type": "MultiPolygon", "coordinates": [[[[-0.6, 43.2], [0.2, 43.2], [0.2, 43.4], [-0.6, 43.4], [-0.6, 43.2]]]]}},
 {"type": "Feature", "properties": {"id_territoire": "ti-8413", "lib_territoire": "Plastics Vallée \"Oyonnax\"",
   "liste_geo": "CC Haut-Bugey Agglomération (200042935); Pau (216404459)"},
  "geometry": {"type": "Polygon", "coordinates": [[[5.5, 46.2], [5.8, 46.2], [5.8, 46.4], [5.5, 46.4], [5.5, 46.2]]]}},
 {"type": "Feature", "properties": {"id_territoire": "ti-8402", "lib_territoire": "Bresse", "liste_geo": "CA du Bassin de Bourg-en-Bresse (200071173)"},
  "geometry": {"type": "MultiPolygon", "coordinates": [[[[5.0, 46.1], [5.4, 46.1], [5.4, 46.3], [5.0, 46.1]]]]}}]}$$::jsonb AS doc;
SELECT count(*) FROM load_territories('2023-2027', $csv$id_ti,lib_ti,siren_groupement,lib_groupement
ti-7510,"Lacq, Pau, Tarbes",200067254,CA Pau Béarn Pyrénées
ti-7510,"Lacq, Pau, Tarbes",200069300,CA Tarbes-Lourdes-Pyrénées
ti-7510,"Lacq, Pau, Tarbes",216403006,Lacq
ti-8413,"Plastics Vallée ""Oyonnax""",200042935,CC Haut-Bugey Agglomération
ti-8413,"Plastics Vallée ""Oyonnax""",216404459,Pau
ti-8402,Bresse,200071173,CA du Bassin de Bourg-en-Bresse
$csv$);
SELECT count(*) FROM load_territory_polygons('2023-2027', (SELECT doc FROM same_doc));
CREATE TEMP TABLE by_loaders AS
SELECT 'territory' AS t, format('%s|%s', id, name) AS r FROM territory WHERE phase = '2023-2027'
UNION ALL SELECT 'member', format('%s|%s|%s|%s', territory_id, siren, name, nature) FROM territory_member WHERE phase = '2023-2027'
UNION ALL SELECT 'geometry', format('%s|%s|%s|%s', id, md5(ST_AsBinary(geom)), area_m2, parts) FROM territory_geometry WHERE phase = '2023-2027';
SELECT count(*) FROM load_programme('2023-2027', (SELECT doc FROM same_doc));
SELECT set_eq($$
    SELECT 'territory' AS t, format('%s|%s', id, name) AS r FROM territory WHERE phase = '2023-2027'
    UNION ALL SELECT 'member', format('%s|%s|%s|%s', territory_id, siren, name, nature) FROM territory_member WHERE phase = '2023-2027'
    UNION ALL SELECT 'geometry', format('%s|%s|%s|%s', id, md5(ST_AsBinary(geom)), area_m2, parts) FROM territory_geometry WHERE phase = '2023-2027'$$,
    'SELECT t, r FROM by_loaders',
    'load_programme gives the territories, members and geometries of load_territories + load_territory_polygons');
SELECT is((SELECT count(*) FROM by_loaders), 12::bigint, 'the comparison covers 3 territories, 6 members, 3 geometries');
-- a territory the new file drops keeps its money: refused, nothing loaded
INSERT INTO funding (phase, territory_id, need, source, status, amount)
VALUES ('2023-2027', 'ti-8402', 'foncier', 'pia', 'engaged', '1 000 €');
SELECT throws_ok(format('SELECT * FROM terrind.load_programme(%L, %L)', '2023-2027',
                        (SELECT jsonb_set(doc, '{features}', (doc->'features') - 2) FROM same_doc)),
    '23503', $$load_programme('2023-2027'): 1 territory absent from the new file has funding lines, nothing loaded$$,
    'dropping a territory with funding lines: 23503');
SELECT is((SELECT count(*) FROM territory WHERE phase = '2023-2027' AND id = 'ti-8402'), 1::bigint,
          'the territory with funding lines is still there');
ROLLBACK TO SAVEPOINT loaders;

-- phase 1 draws single communes as points: kept polygons, dropped points
SELECT is(programme_polygons('{"type": "GeometryCollection", "geometries": [{"type": "Point", "coordinates": [3, 46]},
          {"type": "Polygon", "coordinates": [[[3, 46], [4, 46], [4, 47], [3, 46]]]}]}'),
          '{"type": "MultiPolygon", "coordinates": [[[[3, 46], [4, 46], [4, 47], [3, 46]]]]}'::jsonb,
          'programme_polygons: a collection''s polygons, its points dropped');
SELECT is(programme_polygons('{"type": "GeometryCollection", "geometries": [{"type": "Point", "coordinates": [3, 46]}]}'),
          NULL, 'programme_polygons: points only, no polygon');
SELECT is(programme_polygons('{"type": "GeometryCollection", "geometries": [{"type": "LineString", "coordinates": [[3, 46], [4, 46]]}]}'),
          '{"type": "GeometryCollection", "geometries": [{"type": "LineString", "coordinates": [[3, 46], [4, 46]]}]}'::jsonb,
          'programme_polygons: a line is left for feature_geometry to reject');

-- who may load
SELECT ok(NOT has_function_privilege('public', 'terrind.load_programme(text, jsonb)', 'EXECUTE'),
          'load_programme is not granted to PUBLIC');

SELECT * FROM finish();
ROLLBACK;

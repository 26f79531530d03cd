-- A small world for the GIS clients (ogr2ogr, QGIS): one region, one
-- département, two communes of one EPCI, territories in both phases, funding
-- lines with a location.
\set ON_ERROR_STOP on
CREATE EXTENSION IF NOT EXISTS terrind CASCADE;
SELECT terrind.load_cog(2026,
    '[{"code": "84", "nom": "Auvergne-Rhône-Alpes", "zone": "metro", "chefLieu": "01053"}]',
    '[{"code": "01", "nom": "Ain", "region": "84", "zone": "metro", "chefLieu": "01053"}]',
    '[{"code": "01053", "nom": "Bourg", "type": "commune-actuelle", "departement": "01", "region": "84", "siren": "210100533", "population": 700},
      {"code": "01283", "nom": "Oyonnax", "type": "commune-actuelle", "departement": "01", "region": "84", "siren": "210102836", "population": 300}]',
    '[{"code": "200071173", "nom": "CA Bourg", "type": "CA", "membres": [{"code": "01053", "nom": "Bourg"}, {"code": "01283", "nom": "Oyonnax"}]}]');
SELECT terrind.load_boundaries('commune', '{"type": "FeatureCollection", "features": [
    {"type": "Feature", "properties": {"c": "01053"}, "geometry": {"type": "Polygon", "coordinates": [[[0, 45], [1, 45], [1, 46], [0, 46], [0, 45]]]}},
    {"type": "Feature", "properties": {"c": "01283"}, "geometry": {"type": "Polygon", "coordinates": [[[1, 45], [2, 45], [2, 46], [1, 46], [1, 45]]]}}]}', 'c');
SELECT terrind.load_boundaries('region', '{"type": "FeatureCollection", "features": [
    {"type": "Feature", "properties": {"c": "84"}, "geometry": {"type": "Polygon", "coordinates": [[[0, 45], [2, 45], [2, 46], [0, 46], [0, 45]]]}}]}', 'c');
SELECT terrind.load_boundaries('departement', '{"type": "FeatureCollection", "features": [
    {"type": "Feature", "properties": {"c": "01"}, "geometry": {"type": "Polygon", "coordinates": [[[0, 45], [2, 45], [2, 46], [0, 46], [0, 45]]]}}]}', 'c');
SELECT terrind.load_boundaries('groupement', '{"type": "FeatureCollection", "features": [
    {"type": "Feature", "properties": {"c": "200071173"}, "geometry": {"type": "Polygon", "coordinates": [[[0, 45], [2, 45], [2, 46], [0, 46], [0, 45]]]}}]}', 'c');
SELECT count(*) FROM terrind.load_territories('2023-2027', E'id_ti,lib_ti,siren_groupement,lib_groupement,nature_juridique\nti-8401,Bresse,200071173,CA Bourg,CA\nti-8402,Oyonnax,210102836,Oyonnax,COM\n');
SELECT count(*) FROM terrind.load_territories('2018-2022', E'id_ti,lib_ti,siren_groupement,lib_groupement,nature_juridique\nti-8401,Ain,200071173,CA Bourg,CA\n');
SELECT count(*) FROM terrind.refresh_territory_geometries('2023-2027');
SELECT count(*) FROM terrind.refresh_territory_geometries('2018-2022');
INSERT INTO terrind.funding (phase, territory_id, need, source, status, amount, location)
VALUES ('2023-2027', 'ti-8401', 'competences', 'pic', 'engaged', '1000', 'SRID=4326;POINT(0.5 45.5)'),
       ('2023-2027', 'ti-8402', 'foncier', 'fonds_vert', 'deployed', '20.50', 'SRID=4326;POINT(1.5 45.8)');

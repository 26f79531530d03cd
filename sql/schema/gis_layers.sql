
-- ======================================================================
-- GIS layers: what a QGIS (or ogr2ogr) user opens.  Each has an integer
-- fid first (unique, stable: derived from the feature's code, so
-- selections survive a reload), only types QGIS 3.22 reads (identifiers as
-- text), one typed geometry column, and one layer per phase for
-- territories, which would otherwise be drawn twice where the phases share
-- an id.  The tables keep terrind's types and composite keys for SQL.
-- ======================================================================

CREATE VIEW @extschema@.region_layer AS
SELECT r.code::pg_catalog.int4 AS fid, r.code, r.name, r.zone, r.geom
FROM @extschema@.region r;
COMMENT ON VIEW @extschema@.region_layer IS 'regions as a GIS layer: integer fid, plain types, geometry(MultiPolygon, 4326)';
COMMENT ON COLUMN @extschema@.region_layer.fid IS 'feature id: the region''s INSEE code as an integer';
COMMENT ON COLUMN @extschema@.region_layer.code IS 'INSEE code of the region';
COMMENT ON COLUMN @extschema@.region_layer.name IS 'name of the region';
COMMENT ON COLUMN @extschema@.region_layer.zone IS 'metro or overseas zone (COG)';
COMMENT ON COLUMN @extschema@.region_layer.geom IS 'region outline, MultiPolygon in WGS 84 (EPSG:4326); NULL until boundaries are loaded';

CREATE VIEW @extschema@.departement_layer AS
SELECT CASE d.code WHEN '2A' THEN 201 WHEN '2B' THEN 202 ELSE d.code::pg_catalog.int4 END AS fid,
       d.code, d.name, d.region, d.zone, d.geom
FROM @extschema@.departement d;
COMMENT ON VIEW @extschema@.departement_layer IS 'départements as a GIS layer: integer fid, plain types, geometry(MultiPolygon, 4326)';
COMMENT ON COLUMN @extschema@.departement_layer.fid IS 'feature id: the département code as an integer (2A is 201, 2B is 202)';
COMMENT ON COLUMN @extschema@.departement_layer.code IS 'code of the département';
COMMENT ON COLUMN @extschema@.departement_layer.name IS 'name of the département';
COMMENT ON COLUMN @extschema@.departement_layer.region IS 'INSEE code of its region';
COMMENT ON COLUMN @extschema@.departement_layer.zone IS 'metro or overseas zone (COG)';
COMMENT ON COLUMN @extschema@.departement_layer.geom IS 'outline, MultiPolygon in WGS 84 (EPSG:4326); NULL until boundaries are loaded';

CREATE VIEW @extschema@.commune_layer AS
SELECT ((pg_catalog.substr(k.code, 1, 1)::pg_catalog.int4 * 12
         + pg_catalog.strpos('0123456789AB', pg_catalog.substr(k.code, 2, 1)) - 1) * 1000
        + pg_catalog.substr(k.code, 3)::pg_catalog.int4) * 4
       + pg_catalog.array_position('{commune-actuelle,commune-deleguee,commune-associee,arrondissement-municipal}'::text[], c.type) - 1 AS fid,
       k.code, c.type, c.name, c.departement, c.region, c.parent::text AS parent, c.siren::text AS siren,
       c.population, pg_catalog.array_to_string(c.postal_codes, ' ') AS postal_codes, c.geom
FROM @extschema@.commune c CROSS JOIN LATERAL (SELECT c.code::text AS code) k;
COMMENT ON VIEW @extschema@.commune_layer IS 'communes as a GIS layer: integer fid, plain types, geometry(MultiPolygon, 4326)';
COMMENT ON COLUMN @extschema@.commune_layer.fid IS 'feature id: the commune code and type as an integer (unique as the pair)';
COMMENT ON COLUMN @extschema@.commune_layer.code IS 'INSEE code of the commune';
COMMENT ON COLUMN @extschema@.commune_layer.type IS 'commune-actuelle, commune-deleguee, commune-associee or arrondissement-municipal';
COMMENT ON COLUMN @extschema@.commune_layer.name IS 'name of the commune';
COMMENT ON COLUMN @extschema@.commune_layer.departement IS 'code of its département';
COMMENT ON COLUMN @extschema@.commune_layer.region IS 'INSEE code of its region';
COMMENT ON COLUMN @extschema@.commune_layer.parent IS 'code of the current commune a delegated or associated one belongs to';
COMMENT ON COLUMN @extschema@.commune_layer.siren IS 'SIREN of the commune';
COMMENT ON COLUMN @extschema@.commune_layer.population IS 'municipal population (COG)';
COMMENT ON COLUMN @extschema@.commune_layer.postal_codes IS 'postal codes, separated by spaces';
COMMENT ON COLUMN @extschema@.commune_layer.geom IS 'outline, MultiPolygon in WGS 84 (EPSG:4326); NULL until boundaries are loaded';

CREATE VIEW @extschema@.groupement_layer AS
SELECT g.siren::pg_catalog.int8::pg_catalog.int4 AS fid, g.siren::text AS siren, g.name, g.nature, g.financing,
       g.population_totale, g.population_municipale, g.geom
FROM @extschema@.groupement g;
COMMENT ON VIEW @extschema@.groupement_layer IS 'EPCI and EPT as a GIS layer: integer fid, plain types, geometry(MultiPolygon, 4326)';
COMMENT ON COLUMN @extschema@.groupement_layer.fid IS 'feature id: the SIREN as an integer';
COMMENT ON COLUMN @extschema@.groupement_layer.siren IS 'SIREN of the EPCI or EPT';
COMMENT ON COLUMN @extschema@.groupement_layer.name IS 'name';
COMMENT ON COLUMN @extschema@.groupement_layer.nature IS 'legal nature: CC, CA, CU, METRO, MET69 or EPT';
COMMENT ON COLUMN @extschema@.groupement_layer.financing IS 'tax regime: FPU or FA';
COMMENT ON COLUMN @extschema@.groupement_layer.population_totale IS 'total population (COG)';
COMMENT ON COLUMN @extschema@.groupement_layer.population_municipale IS 'municipal population (COG)';
COMMENT ON COLUMN @extschema@.groupement_layer.geom IS 'outline, MultiPolygon in WGS 84 (EPSG:4326); NULL until boundaries are loaded';

CREATE VIEW @extschema@.territories_2018_2022 AS
SELECT pg_catalog.substr(l.id, 4)::pg_catalog.int4 AS fid, l.id, l.name, l.lead_region, l.lead_region_name,
       l.member_count, l.population, l.area_m2, l.parts, l.geometry_source, l.geometry_stale, l.geom
FROM @extschema@.territory_layer l WHERE l.phase = '2018-2022';
CREATE VIEW @extschema@.territories_2023_2027 AS
SELECT pg_catalog.substr(l.id, 4)::pg_catalog.int4 AS fid, l.id, l.name, l.lead_region, l.lead_region_name,
       l.member_count, l.population, l.area_m2, l.parts, l.geometry_source, l.geometry_stale, l.geom
FROM @extschema@.territory_layer l WHERE l.phase = '2023-2027';
COMMENT ON VIEW @extschema@.territories_2018_2022 IS 'territories of phase 2018-2022 as a GIS layer: integer fid, plain types, geometry(MultiPolygon, 4326)';
COMMENT ON VIEW @extschema@.territories_2023_2027 IS 'territories of phase 2023-2027 as a GIS layer: integer fid, plain types, geometry(MultiPolygon, 4326)';
COMMENT ON COLUMN @extschema@.territories_2018_2022.fid IS 'feature id: the territory id''s digits (ti-8413 is 8413)';
COMMENT ON COLUMN @extschema@.territories_2023_2027.fid IS 'feature id: the territory id''s digits (ti-8413 is 8413)';
COMMENT ON COLUMN @extschema@.territories_2018_2022.id IS 'territory id (ti-RRNN)';
COMMENT ON COLUMN @extschema@.territories_2018_2022.name IS 'territory name';
COMMENT ON COLUMN @extschema@.territories_2018_2022.lead_region IS 'INSEE code of the lead region';
COMMENT ON COLUMN @extschema@.territories_2018_2022.lead_region_name IS 'name of the lead region';
COMMENT ON COLUMN @extschema@.territories_2018_2022.member_count IS 'number of members (EPCI, EPT or communes)';
COMMENT ON COLUMN @extschema@.territories_2018_2022.population IS 'population of the communes covered, each counted once';
COMMENT ON COLUMN @extschema@.territories_2018_2022.area_m2 IS 'area in square metres (on the spheroid)';
COMMENT ON COLUMN @extschema@.territories_2018_2022.parts IS 'number of polygons of the geometry';
COMMENT ON COLUMN @extschema@.territories_2018_2022.geometry_source IS 'boundaries the geometry was built from';
COMMENT ON COLUMN @extschema@.territories_2018_2022.geometry_stale IS 'true when boundaries or members changed since the geometry was built';
COMMENT ON COLUMN @extschema@.territories_2018_2022.geom IS 'territory outline, MultiPolygon in WGS 84 (EPSG:4326)';
COMMENT ON COLUMN @extschema@.territories_2023_2027.id IS 'territory id (ti-RRNN)';
COMMENT ON COLUMN @extschema@.territories_2023_2027.name IS 'territory name';
COMMENT ON COLUMN @extschema@.territories_2023_2027.lead_region IS 'INSEE code of the lead region';
COMMENT ON COLUMN @extschema@.territories_2023_2027.lead_region_name IS 'name of the lead region';
COMMENT ON COLUMN @extschema@.territories_2023_2027.member_count IS 'number of members (EPCI, EPT or communes)';
COMMENT ON COLUMN @extschema@.territories_2023_2027.population IS 'population of the communes covered, each counted once';
COMMENT ON COLUMN @extschema@.territories_2023_2027.area_m2 IS 'area in square metres (on the spheroid)';
COMMENT ON COLUMN @extschema@.territories_2023_2027.parts IS 'number of polygons of the geometry';
COMMENT ON COLUMN @extschema@.territories_2023_2027.geometry_source IS 'boundaries the geometry was built from';
COMMENT ON COLUMN @extschema@.territories_2023_2027.geometry_stale IS 'true when boundaries or members changed since the geometry was built';
COMMENT ON COLUMN @extschema@.territories_2023_2027.geom IS 'territory outline, MultiPolygon in WGS 84 (EPSG:4326)';

CREATE VIEW @extschema@.funding_layer AS
SELECT f.id AS fid, f.phase, f.territory_id::text AS territory_id, f.need::text AS need, f.source, f.status,
       f.amount::pg_catalog.numeric(19,2) AS amount, f.decided_on, f.label,
       f.location AS geom
FROM @extschema@.funding f
WHERE f.location IS NOT NULL;
COMMENT ON VIEW @extschema@.funding_layer IS 'located funding lines as a GIS layer: integer fid, plain types, geometry(Geometry, 4326)';
COMMENT ON COLUMN @extschema@.funding_layer.fid IS 'feature id: the funding line''s id';
COMMENT ON COLUMN @extschema@.funding_layer.phase IS 'programme phase';
COMMENT ON COLUMN @extschema@.funding_layer.territory_id IS 'territory id (ti-RRNN)';
COMMENT ON COLUMN @extschema@.funding_layer.need IS 'need code';
COMMENT ON COLUMN @extschema@.funding_layer.source IS 'funding source code';
COMMENT ON COLUMN @extschema@.funding_layer.status IS 'funding status (announced, engaged, deployed)';
COMMENT ON COLUMN @extschema@.funding_layer.amount IS 'amount in euros, exact to the cent';
COMMENT ON COLUMN @extschema@.funding_layer.decided_on IS 'date of the decision';
COMMENT ON COLUMN @extschema@.funding_layer.label IS 'label of the funding line';
COMMENT ON COLUMN @extschema@.funding_layer.geom IS 'location of the funding line in WGS 84 (EPSG:4326), usually a point';

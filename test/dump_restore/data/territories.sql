-- Rows in every table terrind registers for pg_dump: the fixture COG and
-- territory lists (test/fixtures), boundaries and territory geometries.
\set QUIET on
SET search_path = terrind, public;
\set regions `cat test/fixtures/cog/regions.json`
\set departements `cat test/fixtures/cog/departements.json`
\set communes `cat test/fixtures/cog/communes.json`
\set epci `cat test/fixtures/cog/epci.json`
\set ept `cat test/fixtures/cog/ept.json`
SELECT count(*) FROM load_cog(2026, :'regions', :'departements', :'communes', :'epci', :'ept');
\set grpt2023 `cat test/fixtures/territories/liste-ti-grpt2023-20240115.csv`
\set com2023 `cat test/fixtures/territories/liste-ti-com2023-20240115.csv`
SELECT count(*) FROM load_territories('2023-2027', :'grpt2023');
SELECT count(*) FROM load_territory_communes('2023-2027', :'com2023');
-- a phase of the user's own, beside the two seeded ones
INSERT INTO phase VALUES ('2028-2032', 2028, 2032, 'a phase added by a user');
\set communes_l93 `cat test/fixtures/spatial/communes-l93.geojson`
\set epci_l93 `cat test/fixtures/spatial/epci-l93.geojson`
\set departements_l93 `cat test/fixtures/spatial/departements-l93.geojson`
\set regions_l93 `cat test/fixtures/spatial/regions-l93.geojson`
SELECT count(*) FROM load_boundaries('commune', :'communes_l93', 'INSEE_COM');
SELECT count(*) FROM load_boundaries('groupement', :'epci_l93', 'CODE_SIREN');
SELECT count(*) FROM load_boundaries('departement', :'departements_l93', 'INSEE_DEP');
SELECT count(*) FROM load_boundaries('region', :'regions_l93', 'INSEE_REG');
SELECT count(*) FROM refresh_territory_geometries('2023-2027');

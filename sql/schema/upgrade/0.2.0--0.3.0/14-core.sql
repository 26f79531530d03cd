
-- ----------------------------------------------------------------------
-- 14-core: the install script is read as UTF-8 (encoding = UTF8 in
-- terrind.control) and converted to the database encoding, so it holds only
-- characters LATIN9, WIN1252 and EUC_JP databases have: "..." for the
-- ellipsis, "->" for the arrow, EUR for the euro sign (EUC_JP has none);
-- map_svg (17-hardening.sql re-creates it) writes an en dash and narrow
-- no-break spaces only in a UTF8 database.  The functions (dropped and
-- created again, as extension scripts never CREATE OR REPLACE), comments and
-- seeded descriptions that changed, as the install script has them.
-- ----------------------------------------------------------------------

-- load_territories and region_shares: re-created once, in 17-hardening.sql;
-- require_split_method, in 18-followups.sql

COMMENT ON TYPE @extschema@.eur IS 'exact amount of euros, stored as a 64-bit count of cents; reads 1234.56, 1 234,56 EUR, 1,36 Md EUR (or with the euro sign); prints 1234.56';
COMMENT ON FUNCTION @extschema@.format_eur(@extschema@.eur, pg_catalog.bool) IS 'French display with the euro sign: 1 234 567,89 EUR, or with scaled => true 1,23 M EUR (k EUR, M EUR, Md EUR, 2 decimals at most)';
COMMENT ON COLUMN @extschema@.commune.siren IS 'SIREN of the commune (current communes; communes nouvelles have 200... SIRENs)';
COMMENT ON FUNCTION @extschema@.load_territory_communes(text, text) IS 'load ANCT''s per-commune list of a phase (liste-ti-com...csv: insee_com, lib_com, id_ti with several ids separated by ";"), replacing that phase''s commune lists; the territories must be loaded; all or nothing';
COMMENT ON COLUMN @extschema@.region.geom IS 'boundary (EPSG:4326), loaded by load_boundaries(''region'', ...)';
COMMENT ON COLUMN @extschema@.departement.geom IS 'boundary (EPSG:4326), loaded by load_boundaries(''departement'', ...)';
COMMENT ON COLUMN @extschema@.commune.geom IS 'boundary (EPSG:4326) of a current commune or a municipal arrondissement, loaded by load_boundaries(''commune'', ...)';
COMMENT ON COLUMN @extschema@.groupement.geom IS 'boundary (EPSG:4326), loaded by load_boundaries(''groupement'', ...); when NULL, territory geometries use the union of its communes';
COMMENT ON FUNCTION @extschema@.polygon_members(jsonb) IS 'members listed in the properties of an ANCT territory polygon: liste_geo "Name (SIREN); ..." (phase 2) or siren_groupement "SIREN, SIREN" with the names of lib_groupement (phase 1; a piece not beginning with CC, CA, CU or EPT continues the previous name when there are more pieces than SIRENs); error says why an item is unreadable';
COMMENT ON COLUMN @extschema@.measure.unit_amount IS 'public amount per unit, e.g. 4 000 EUR per young graduate hired (VTE); NULL where none is published';
COMMENT ON FUNCTION @extschema@.load_funding(text, boolean) IS 'load funding lines from a CSV spreadsheet (columns by header name: phase, id_ti, need, measure, source, status, amount, decided_on, siret, label; needs as codes or French labels, amounts as eur reads them, 1 234,56 EUR or 1,2 M EUR), appended; with replace => true the lines of each (phase, source) the file holds replace the earlier ones; all or nothing, every bad row reported with its line';
COMMENT ON VIEW @extschema@.funding_source_totals IS 'funding per phase, source and status, with a rollup row per phase and status (level ''status'', source NULL): the announced -> engaged -> deployed funnel; amount numeric(19,2)';

UPDATE @extschema@.funding_source SET description = 'Programme d''investissements d''avenir: more than 500 M EUR of the 1.36 Md EUR "prioritairement fléchés" in 2018' WHERE code = 'pia';
UPDATE @extschema@.funding_source SET description = 'Plan d''investissement dans les compétences: 250 M EUR of the 2018 envelope; training needs and a call for professional-training engineering' WHERE code = 'pic';
UPDATE @extschema@.funding_source SET description = 'Caisse des Dépôts: 500 M EUR of the 2018 envelope, a commitment later raised to 1.05 Md EUR; engineering, industrial real estate, land and brownfield reconversion' WHERE code = 'banque_des_territoires';
UPDATE @extschema@.funding_source SET description = 'an industrial investment fund of 400 M EUR (first tranche 150 M EUR), plus 298.5 M EUR in 2021 shared 1:1 between the State and the Regions' WHERE code = 'france_relance';
UPDATE @extschema@.funding_source SET description = '100 M EUR for the programme in 2024' WHERE code = 'fonds_vert';
UPDATE @extschema@.funding_status SET description = 'committed to projects (the Cour des comptes counted 1.7 Md EUR engaged in November 2024)' WHERE status = 'engaged';
UPDATE @extschema@.funding_status SET description = 'actually deployed (the Cour des comptes counted 794 M EUR deployed in November 2024)' WHERE status = 'deployed';


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

-- min() and max() transitions as C functions of terrind (src/scalar_type.c), not
-- LANGUAGE internal aliases: Citus looks internal functions up by name per row.
-- The aggregates depend on them: dropped and created again too.
DROP AGGREGATE @extschema@.min(@extschema@.siren);
DROP AGGREGATE @extschema@.max(@extschema@.siren);
DROP FUNCTION @extschema@.siren_smaller(@extschema@.siren, @extschema@.siren);
CREATE FUNCTION @extschema@.siren_smaller(@extschema@.siren, @extschema@.siren) RETURNS @extschema@.siren
    AS 'MODULE_PATHNAME', 'siren_smaller' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.siren_smaller(@extschema@.siren, @extschema@.siren) IS 'the smaller of two siren values (min() transition)';
DROP FUNCTION @extschema@.siren_larger(@extschema@.siren, @extschema@.siren);
CREATE FUNCTION @extschema@.siren_larger(@extschema@.siren, @extschema@.siren) RETURNS @extschema@.siren
    AS 'MODULE_PATHNAME', 'siren_larger' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.siren_larger(@extschema@.siren, @extschema@.siren) IS 'the larger of two siren values (max() transition)';
CREATE AGGREGATE @extschema@.min(@extschema@.siren) (
    SFUNC = @extschema@.siren_smaller, STYPE = @extschema@.siren,
    COMBINEFUNC = @extschema@.siren_smaller, SORTOP = OPERATOR(@extschema@.<), PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.max(@extschema@.siren) (
    SFUNC = @extschema@.siren_larger, STYPE = @extschema@.siren,
    COMBINEFUNC = @extschema@.siren_larger, SORTOP = OPERATOR(@extschema@.>), PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.min(@extschema@.siren) IS 'smallest siren (uses a btree index when there is one)';
COMMENT ON AGGREGATE @extschema@.max(@extschema@.siren) IS 'largest siren (uses a btree index when there is one)';
DROP AGGREGATE @extschema@.min(@extschema@.siret);
DROP AGGREGATE @extschema@.max(@extschema@.siret);
DROP FUNCTION @extschema@.siret_smaller(@extschema@.siret, @extschema@.siret);
CREATE FUNCTION @extschema@.siret_smaller(@extschema@.siret, @extschema@.siret) RETURNS @extschema@.siret
    AS 'MODULE_PATHNAME', 'siret_smaller' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.siret_smaller(@extschema@.siret, @extschema@.siret) IS 'the smaller of two siret values (min() transition)';
DROP FUNCTION @extschema@.siret_larger(@extschema@.siret, @extschema@.siret);
CREATE FUNCTION @extschema@.siret_larger(@extschema@.siret, @extschema@.siret) RETURNS @extschema@.siret
    AS 'MODULE_PATHNAME', 'siret_larger' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.siret_larger(@extschema@.siret, @extschema@.siret) IS 'the larger of two siret values (max() transition)';
CREATE AGGREGATE @extschema@.min(@extschema@.siret) (
    SFUNC = @extschema@.siret_smaller, STYPE = @extschema@.siret,
    COMBINEFUNC = @extschema@.siret_smaller, SORTOP = OPERATOR(@extschema@.<), PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.max(@extschema@.siret) (
    SFUNC = @extschema@.siret_larger, STYPE = @extschema@.siret,
    COMBINEFUNC = @extschema@.siret_larger, SORTOP = OPERATOR(@extschema@.>), PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.min(@extschema@.siret) IS 'smallest siret (uses a btree index when there is one)';
COMMENT ON AGGREGATE @extschema@.max(@extschema@.siret) IS 'largest siret (uses a btree index when there is one)';
DROP AGGREGATE @extschema@.min(@extschema@.commune_code);
DROP AGGREGATE @extschema@.max(@extschema@.commune_code);
DROP FUNCTION @extschema@.commune_code_smaller(@extschema@.commune_code, @extschema@.commune_code);
CREATE FUNCTION @extschema@.commune_code_smaller(@extschema@.commune_code, @extschema@.commune_code) RETURNS @extschema@.commune_code
    AS 'MODULE_PATHNAME', 'commune_code_smaller' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.commune_code_smaller(@extschema@.commune_code, @extschema@.commune_code) IS 'the smaller of two commune_code values (min() transition)';
DROP FUNCTION @extschema@.commune_code_larger(@extschema@.commune_code, @extschema@.commune_code);
CREATE FUNCTION @extschema@.commune_code_larger(@extschema@.commune_code, @extschema@.commune_code) RETURNS @extschema@.commune_code
    AS 'MODULE_PATHNAME', 'commune_code_larger' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.commune_code_larger(@extschema@.commune_code, @extschema@.commune_code) IS 'the larger of two commune_code values (max() transition)';
CREATE AGGREGATE @extschema@.min(@extschema@.commune_code) (
    SFUNC = @extschema@.commune_code_smaller, STYPE = @extschema@.commune_code,
    COMBINEFUNC = @extschema@.commune_code_smaller, SORTOP = OPERATOR(@extschema@.<), PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.max(@extschema@.commune_code) (
    SFUNC = @extschema@.commune_code_larger, STYPE = @extschema@.commune_code,
    COMBINEFUNC = @extschema@.commune_code_larger, SORTOP = OPERATOR(@extschema@.>), PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.min(@extschema@.commune_code) IS 'smallest commune_code (uses a btree index when there is one)';
COMMENT ON AGGREGATE @extschema@.max(@extschema@.commune_code) IS 'largest commune_code (uses a btree index when there is one)';
DROP AGGREGATE @extschema@.min(@extschema@.ti_code);
DROP AGGREGATE @extschema@.max(@extschema@.ti_code);
DROP FUNCTION @extschema@.ti_code_smaller(@extschema@.ti_code, @extschema@.ti_code);
CREATE FUNCTION @extschema@.ti_code_smaller(@extschema@.ti_code, @extschema@.ti_code) RETURNS @extschema@.ti_code
    AS 'MODULE_PATHNAME', 'ti_code_smaller' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ti_code_smaller(@extschema@.ti_code, @extschema@.ti_code) IS 'the smaller of two ti_code values (min() transition)';
DROP FUNCTION @extschema@.ti_code_larger(@extschema@.ti_code, @extschema@.ti_code);
CREATE FUNCTION @extschema@.ti_code_larger(@extschema@.ti_code, @extschema@.ti_code) RETURNS @extschema@.ti_code
    AS 'MODULE_PATHNAME', 'ti_code_larger' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ti_code_larger(@extschema@.ti_code, @extschema@.ti_code) IS 'the larger of two ti_code values (max() transition)';
CREATE AGGREGATE @extschema@.min(@extschema@.ti_code) (
    SFUNC = @extschema@.ti_code_smaller, STYPE = @extschema@.ti_code,
    COMBINEFUNC = @extschema@.ti_code_smaller, SORTOP = OPERATOR(@extschema@.<), PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.max(@extschema@.ti_code) (
    SFUNC = @extschema@.ti_code_larger, STYPE = @extschema@.ti_code,
    COMBINEFUNC = @extschema@.ti_code_larger, SORTOP = OPERATOR(@extschema@.>), PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.min(@extschema@.ti_code) IS 'smallest ti_code (uses a btree index when there is one)';
COMMENT ON AGGREGATE @extschema@.max(@extschema@.ti_code) IS 'largest ti_code (uses a btree index when there is one)';
DROP AGGREGATE @extschema@.min(@extschema@.eur);
DROP AGGREGATE @extschema@.max(@extschema@.eur);
DROP FUNCTION @extschema@.eur_smaller(@extschema@.eur, @extschema@.eur);
CREATE FUNCTION @extschema@.eur_smaller(@extschema@.eur, @extschema@.eur) RETURNS @extschema@.eur
    AS 'MODULE_PATHNAME', 'eur_smaller' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.eur_smaller(@extschema@.eur, @extschema@.eur) IS 'the smaller of two eur values (min() transition)';
DROP FUNCTION @extschema@.eur_larger(@extschema@.eur, @extschema@.eur);
CREATE FUNCTION @extschema@.eur_larger(@extschema@.eur, @extschema@.eur) RETURNS @extschema@.eur
    AS 'MODULE_PATHNAME', 'eur_larger' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.eur_larger(@extschema@.eur, @extschema@.eur) IS 'the larger of two eur values (max() transition)';
CREATE AGGREGATE @extschema@.min(@extschema@.eur) (
    SFUNC = @extschema@.eur_smaller, STYPE = @extschema@.eur,
    COMBINEFUNC = @extschema@.eur_smaller, SORTOP = OPERATOR(@extschema@.<), PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.max(@extschema@.eur) (
    SFUNC = @extschema@.eur_larger, STYPE = @extschema@.eur,
    COMBINEFUNC = @extschema@.eur_larger, SORTOP = OPERATOR(@extschema@.>), PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.min(@extschema@.eur) IS 'smallest eur (uses a btree index when there is one)';
COMMENT ON AGGREGATE @extschema@.max(@extschema@.eur) IS 'largest eur (uses a btree index when there is one)';
DROP AGGREGATE @extschema@.min(@extschema@.need);
DROP AGGREGATE @extschema@.max(@extschema@.need);
DROP FUNCTION @extschema@.need_smaller(@extschema@.need, @extschema@.need);
CREATE FUNCTION @extschema@.need_smaller(@extschema@.need, @extschema@.need) RETURNS @extschema@.need
    AS 'MODULE_PATHNAME', 'need_smaller' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.need_smaller(@extschema@.need, @extschema@.need) IS 'the smaller of two need values (min() transition)';
DROP FUNCTION @extschema@.need_larger(@extschema@.need, @extschema@.need);
CREATE FUNCTION @extschema@.need_larger(@extschema@.need, @extschema@.need) RETURNS @extschema@.need
    AS 'MODULE_PATHNAME', 'need_larger' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.need_larger(@extschema@.need, @extschema@.need) IS 'the larger of two need values (max() transition)';
CREATE AGGREGATE @extschema@.min(@extschema@.need) (
    SFUNC = @extschema@.need_smaller, STYPE = @extschema@.need,
    COMBINEFUNC = @extschema@.need_smaller, SORTOP = OPERATOR(@extschema@.<), PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.max(@extschema@.need) (
    SFUNC = @extschema@.need_larger, STYPE = @extschema@.need,
    COMBINEFUNC = @extschema@.need_larger, SORTOP = OPERATOR(@extschema@.>), PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.min(@extschema@.need) IS 'smallest need (uses a btree index when there is one)';
COMMENT ON AGGREGATE @extschema@.max(@extschema@.need) IS 'largest need (uses a btree index when there is one)';

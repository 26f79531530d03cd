
-- ======================================================================
-- Identifiers: SIREN, SIRET, INSEE commune codes and territory ids
-- (src/identifiers.c over src/core/identifiers.c).  Checked by form
-- only: an input function never reads a table.
-- ======================================================================
COMMENT ON TYPE @extschema@.siren IS 'SIREN: 9 digits with a Luhn check digit (spaces between groups accepted on input)';
COMMENT ON TYPE @extschema@.siret IS 'SIRET: 14 digits (SIREN + NIC), Luhn over all 14, or a digit sum multiple of 5 for La Poste (SIREN 356000000)';
COMMENT ON TYPE @extschema@.commune_code IS 'INSEE commune code (COG): département (01-95, 2A, 2B) + 3 digits, or overseas (971-978, 984, 986-989) + 2 digits; ordered like the text codes';
COMMENT ON TYPE @extschema@.ti_code IS 'Territoire d''industrie id ti-RRNN, RR the INSEE code of the lead region';

CREATE FUNCTION @extschema@.siren(pg_catalog.int8) RETURNS @extschema@.siren
    AS 'MODULE_PATHNAME', 'siren_from_int8' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.siren(pg_catalog.int4) RETURNS @extschema@.siren
    AS 'MODULE_PATHNAME', 'siren_from_int4' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.int8(@extschema@.siren) RETURNS pg_catalog.int8
    AS 'MODULE_PATHNAME', 'siren_to_int8' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION @extschema@.siren(pg_catalog.int8) IS 'the SIREN with these digits (22003 beyond 9 digits, 22023 on a wrong check digit)';
COMMENT ON FUNCTION @extschema@.siren(pg_catalog.int4) IS 'the SIREN with these digits (22003 beyond 9 digits, 22023 on a wrong check digit)';
COMMENT ON FUNCTION @extschema@.int8(@extschema@.siren) IS 'the digits of a SIREN as a number';
CREATE CAST (pg_catalog.int8 AS @extschema@.siren) WITH FUNCTION @extschema@.siren(pg_catalog.int8);
CREATE CAST (pg_catalog.int4 AS @extschema@.siren) WITH FUNCTION @extschema@.siren(pg_catalog.int4);
CREATE CAST (@extschema@.siren AS pg_catalog.int8) WITH FUNCTION @extschema@.int8(@extschema@.siren) AS ASSIGNMENT;
COMMENT ON CAST (pg_catalog.int8 AS @extschema@.siren) IS 'checked like text input';
COMMENT ON CAST (pg_catalog.int4 AS @extschema@.siren) IS 'checked like text input';
COMMENT ON CAST (@extschema@.siren AS pg_catalog.int8) IS 'the digits of a SIREN as a number';

CREATE FUNCTION @extschema@.siren(@extschema@.siret) RETURNS @extschema@.siren
    AS 'MODULE_PATHNAME', 'siret_siren' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.nic(@extschema@.siret) RETURNS pg_catalog.text
    AS 'MODULE_PATHNAME', 'siret_nic' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION @extschema@.siren(@extschema@.siret) IS 'the SIREN of an establishment (first 9 digits of its SIRET)';
COMMENT ON FUNCTION @extschema@.nic(@extschema@.siret) IS 'the NIC of an establishment (last 5 digits of its SIRET, as text)';

CREATE FUNCTION @extschema@.departement_of(@extschema@.commune_code) RETURNS pg_catalog.text
    AS 'MODULE_PATHNAME', 'commune_code_departement' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.region_of(@extschema@.commune_code) RETURNS pg_catalog.text
    AS 'MODULE_PATHNAME', 'commune_code_region' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION @extschema@.departement_of(@extschema@.commune_code) IS 'code of the commune''s département (2A, 75, 974) or collectivité d''outre-mer (975, 988)';
COMMENT ON FUNCTION @extschema@.region_of(@extschema@.commune_code) IS 'INSEE code of the commune''s region (regions since 2016); NULL for a collectivité d''outre-mer, which belongs to none';

CREATE FUNCTION @extschema@.lead_region(@extschema@.ti_code) RETURNS pg_catalog.text
    AS 'MODULE_PATHNAME', 'ti_code_lead_region' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION @extschema@.lead_region(@extschema@.ti_code) IS 'INSEE code of the territory''s lead region (RR in ti-RRNN)';

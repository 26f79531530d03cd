-- terrind script, assembled from sql/schema/ by the Makefile.
-- Security (PostgreSQL "Security Considerations for Extensions"): plain
-- CREATE only, never replacing an object; every reference schema-qualified;
-- no function runs with its owner's rights.
\echo Use "CREATE EXTENSION terrind" to load this file. \quit

-- ======================================================================
-- siren: the common part of terrind's integer-coded scalar types,
-- instantiated from sql/schema/scalar_type.sql.in.  A siren is stored as
-- a int4 whose order is the order of its canonical text, so equality,
-- ordering and hashing are PostgreSQL's own int4 functions.
-- ======================================================================
CREATE TYPE @extschema@.siren;

CREATE FUNCTION @extschema@.siren_in(pg_catalog.cstring) RETURNS @extschema@.siren
    AS 'MODULE_PATHNAME', 'siren_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.siren_out(@extschema@.siren) RETURNS pg_catalog.cstring
    AS 'MODULE_PATHNAME', 'siren_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.siren_recv(pg_catalog.internal) RETURNS @extschema@.siren
    AS 'MODULE_PATHNAME', 'siren_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.siren_send(@extschema@.siren) RETURNS pg_catalog.bytea
    AS 'MODULE_PATHNAME', 'siren_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.siren (
    INPUT = @extschema@.siren_in,
    OUTPUT = @extschema@.siren_out,
    RECEIVE = @extschema@.siren_recv,
    SEND = @extschema@.siren_send,
    LIKE = pg_catalog.int4
);

COMMENT ON FUNCTION @extschema@.siren_in(pg_catalog.cstring) IS 'text input of siren (checks the value''s form)';
COMMENT ON FUNCTION @extschema@.siren_out(@extschema@.siren) IS 'text output of siren (canonical form)';
COMMENT ON FUNCTION @extschema@.siren_recv(pg_catalog.internal) IS 'binary input of siren (checked like text input)';
COMMENT ON FUNCTION @extschema@.siren_send(@extschema@.siren) IS 'binary output of siren';

CREATE FUNCTION @extschema@.siren_eq(@extschema@.siren, @extschema@.siren) RETURNS pg_catalog.bool
    AS 'int4eq' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.siren_ne(@extschema@.siren, @extschema@.siren) RETURNS pg_catalog.bool
    AS 'int4ne' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.siren_lt(@extschema@.siren, @extschema@.siren) RETURNS pg_catalog.bool
    AS 'int4lt' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.siren_le(@extschema@.siren, @extschema@.siren) RETURNS pg_catalog.bool
    AS 'int4le' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.siren_gt(@extschema@.siren, @extschema@.siren) RETURNS pg_catalog.bool
    AS 'int4gt' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.siren_ge(@extschema@.siren, @extschema@.siren) RETURNS pg_catalog.bool
    AS 'int4ge' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.siren_cmp(@extschema@.siren, @extschema@.siren) RETURNS pg_catalog.int4
    AS 'btint4cmp' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.siren_hash(@extschema@.siren) RETURNS pg_catalog.int4
    AS 'hashint4' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.siren_hash_extended(@extschema@.siren, pg_catalog.int8) RETURNS pg_catalog.int8
    AS 'hashint4extended' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.siren_smaller(@extschema@.siren, @extschema@.siren) RETURNS @extschema@.siren
    AS 'int4smaller' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.siren_larger(@extschema@.siren, @extschema@.siren) RETURNS @extschema@.siren
    AS 'int4larger' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.siren_eq(@extschema@.siren, @extschema@.siren) IS 'implementation of = for siren';
COMMENT ON FUNCTION @extschema@.siren_ne(@extschema@.siren, @extschema@.siren) IS 'implementation of <> for siren';
COMMENT ON FUNCTION @extschema@.siren_lt(@extschema@.siren, @extschema@.siren) IS 'implementation of < for siren';
COMMENT ON FUNCTION @extschema@.siren_le(@extschema@.siren, @extschema@.siren) IS 'implementation of <= for siren';
COMMENT ON FUNCTION @extschema@.siren_gt(@extschema@.siren, @extschema@.siren) IS 'implementation of > for siren';
COMMENT ON FUNCTION @extschema@.siren_ge(@extschema@.siren, @extschema@.siren) IS 'implementation of >= for siren';
COMMENT ON FUNCTION @extschema@.siren_cmp(@extschema@.siren, @extschema@.siren) IS 'btree comparison of siren (-1, 0 or 1)';
COMMENT ON FUNCTION @extschema@.siren_hash(@extschema@.siren) IS 'hash of a siren, for hash joins, hash aggregation and hash indexes';
COMMENT ON FUNCTION @extschema@.siren_hash_extended(@extschema@.siren, pg_catalog.int8) IS 'seeded 64-bit hash of a siren, for hash partitioning';
COMMENT ON FUNCTION @extschema@.siren_smaller(@extschema@.siren, @extschema@.siren) IS 'the smaller of two siren values (min() transition)';
COMMENT ON FUNCTION @extschema@.siren_larger(@extschema@.siren, @extschema@.siren) IS 'the larger of two siren values (max() transition)';

CREATE OPERATOR @extschema@.= (
    LEFTARG = @extschema@.siren, RIGHTARG = @extschema@.siren, FUNCTION = @extschema@.siren_eq,
    COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
    RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel, HASHES, MERGES);
CREATE OPERATOR @extschema@.<> (
    LEFTARG = @extschema@.siren, RIGHTARG = @extschema@.siren, FUNCTION = @extschema@.siren_ne,
    COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
    RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel);
CREATE OPERATOR @extschema@.< (
    LEFTARG = @extschema@.siren, RIGHTARG = @extschema@.siren, FUNCTION = @extschema@.siren_lt,
    COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=),
    RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel);
CREATE OPERATOR @extschema@.<= (
    LEFTARG = @extschema@.siren, RIGHTARG = @extschema@.siren, FUNCTION = @extschema@.siren_le,
    COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>),
    RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel);
CREATE OPERATOR @extschema@.> (
    LEFTARG = @extschema@.siren, RIGHTARG = @extschema@.siren, FUNCTION = @extschema@.siren_gt,
    COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=),
    RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel);
CREATE OPERATOR @extschema@.>= (
    LEFTARG = @extschema@.siren, RIGHTARG = @extschema@.siren, FUNCTION = @extschema@.siren_ge,
    COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<),
    RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel);

COMMENT ON OPERATOR @extschema@.= (@extschema@.siren, @extschema@.siren) IS 'equal';
COMMENT ON OPERATOR @extschema@.<> (@extschema@.siren, @extschema@.siren) IS 'not equal';
COMMENT ON OPERATOR @extschema@.< (@extschema@.siren, @extschema@.siren) IS 'less than (order of the canonical text)';
COMMENT ON OPERATOR @extschema@.<= (@extschema@.siren, @extschema@.siren) IS 'less than or equal';
COMMENT ON OPERATOR @extschema@.> (@extschema@.siren, @extschema@.siren) IS 'greater than';
COMMENT ON OPERATOR @extschema@.>= (@extschema@.siren, @extschema@.siren) IS 'greater than or equal';

CREATE OPERATOR CLASS @extschema@.siren_ops DEFAULT FOR TYPE @extschema@.siren USING btree AS
    OPERATOR 1 @extschema@.< ,
    OPERATOR 2 @extschema@.<= ,
    OPERATOR 3 @extschema@.= ,
    OPERATOR 4 @extschema@.>= ,
    OPERATOR 5 @extschema@.> ,
    FUNCTION 1 @extschema@.siren_cmp(@extschema@.siren, @extschema@.siren),
    FUNCTION 2 pg_catalog.btint4sortsupport(pg_catalog.internal),
    FUNCTION 4 pg_catalog.btequalimage(pg_catalog.oid);
CREATE OPERATOR CLASS @extschema@.siren_hash_ops DEFAULT FOR TYPE @extschema@.siren USING hash AS
    OPERATOR 1 @extschema@.= ,
    FUNCTION 1 @extschema@.siren_hash(@extschema@.siren),
    FUNCTION 2 @extschema@.siren_hash_extended(@extschema@.siren, pg_catalog.int8);

COMMENT ON OPERATOR CLASS @extschema@.siren_ops USING btree IS 'btree order of siren (indexes, merge joins, sorting)';
COMMENT ON OPERATOR CLASS @extschema@.siren_hash_ops USING hash IS 'hashing of siren (hash joins, hash aggregation, hash indexes)';
COMMENT ON OPERATOR FAMILY @extschema@.siren_ops USING btree IS 'btree operators of siren';
COMMENT ON OPERATOR FAMILY @extschema@.siren_hash_ops USING hash IS 'hash operators of siren';

CREATE AGGREGATE @extschema@.min(@extschema@.siren) (
    SFUNC = @extschema@.siren_smaller, STYPE = @extschema@.siren,
    COMBINEFUNC = @extschema@.siren_smaller, SORTOP = OPERATOR(@extschema@.<), PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.max(@extschema@.siren) (
    SFUNC = @extschema@.siren_larger, STYPE = @extschema@.siren,
    COMBINEFUNC = @extschema@.siren_larger, SORTOP = OPERATOR(@extschema@.>), PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.min(@extschema@.siren) IS 'smallest siren (uses a btree index when there is one)';
COMMENT ON AGGREGATE @extschema@.max(@extschema@.siren) IS 'largest siren (uses a btree index when there is one)';

CREATE CAST (@extschema@.siren AS pg_catalog.text) WITH INOUT AS ASSIGNMENT;
CREATE CAST (pg_catalog.text AS @extschema@.siren) WITH INOUT AS ASSIGNMENT;
COMMENT ON CAST (@extschema@.siren AS pg_catalog.text) IS 'canonical text of a siren';
COMMENT ON CAST (pg_catalog.text AS @extschema@.siren) IS 'parse text as siren (same checks as input)';

-- ======================================================================
-- siret: the common part of terrind's integer-coded scalar types,
-- instantiated from sql/schema/scalar_type.sql.in.  A siret is stored as
-- a int8 whose order is the order of its canonical text, so equality,
-- ordering and hashing are PostgreSQL's own int8 functions.
-- ======================================================================
CREATE TYPE @extschema@.siret;

CREATE FUNCTION @extschema@.siret_in(pg_catalog.cstring) RETURNS @extschema@.siret
    AS 'MODULE_PATHNAME', 'siret_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.siret_out(@extschema@.siret) RETURNS pg_catalog.cstring
    AS 'MODULE_PATHNAME', 'siret_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.siret_recv(pg_catalog.internal) RETURNS @extschema@.siret
    AS 'MODULE_PATHNAME', 'siret_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.siret_send(@extschema@.siret) RETURNS pg_catalog.bytea
    AS 'MODULE_PATHNAME', 'siret_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.siret (
    INPUT = @extschema@.siret_in,
    OUTPUT = @extschema@.siret_out,
    RECEIVE = @extschema@.siret_recv,
    SEND = @extschema@.siret_send,
    LIKE = pg_catalog.int8
);

COMMENT ON FUNCTION @extschema@.siret_in(pg_catalog.cstring) IS 'text input of siret (checks the value''s form)';
COMMENT ON FUNCTION @extschema@.siret_out(@extschema@.siret) IS 'text output of siret (canonical form)';
COMMENT ON FUNCTION @extschema@.siret_recv(pg_catalog.internal) IS 'binary input of siret (checked like text input)';
COMMENT ON FUNCTION @extschema@.siret_send(@extschema@.siret) IS 'binary output of siret';

CREATE FUNCTION @extschema@.siret_eq(@extschema@.siret, @extschema@.siret) RETURNS pg_catalog.bool
    AS 'int8eq' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.siret_ne(@extschema@.siret, @extschema@.siret) RETURNS pg_catalog.bool
    AS 'int8ne' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.siret_lt(@extschema@.siret, @extschema@.siret) RETURNS pg_catalog.bool
    AS 'int8lt' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.siret_le(@extschema@.siret, @extschema@.siret) RETURNS pg_catalog.bool
    AS 'int8le' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.siret_gt(@extschema@.siret, @extschema@.siret) RETURNS pg_catalog.bool
    AS 'int8gt' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.siret_ge(@extschema@.siret, @extschema@.siret) RETURNS pg_catalog.bool
    AS 'int8ge' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.siret_cmp(@extschema@.siret, @extschema@.siret) RETURNS pg_catalog.int4
    AS 'btint8cmp' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.siret_hash(@extschema@.siret) RETURNS pg_catalog.int4
    AS 'hashint8' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.siret_hash_extended(@extschema@.siret, pg_catalog.int8) RETURNS pg_catalog.int8
    AS 'hashint8extended' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.siret_smaller(@extschema@.siret, @extschema@.siret) RETURNS @extschema@.siret
    AS 'int8smaller' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.siret_larger(@extschema@.siret, @extschema@.siret) RETURNS @extschema@.siret
    AS 'int8larger' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.siret_eq(@extschema@.siret, @extschema@.siret) IS 'implementation of = for siret';
COMMENT ON FUNCTION @extschema@.siret_ne(@extschema@.siret, @extschema@.siret) IS 'implementation of <> for siret';
COMMENT ON FUNCTION @extschema@.siret_lt(@extschema@.siret, @extschema@.siret) IS 'implementation of < for siret';
COMMENT ON FUNCTION @extschema@.siret_le(@extschema@.siret, @extschema@.siret) IS 'implementation of <= for siret';
COMMENT ON FUNCTION @extschema@.siret_gt(@extschema@.siret, @extschema@.siret) IS 'implementation of > for siret';
COMMENT ON FUNCTION @extschema@.siret_ge(@extschema@.siret, @extschema@.siret) IS 'implementation of >= for siret';
COMMENT ON FUNCTION @extschema@.siret_cmp(@extschema@.siret, @extschema@.siret) IS 'btree comparison of siret (-1, 0 or 1)';
COMMENT ON FUNCTION @extschema@.siret_hash(@extschema@.siret) IS 'hash of a siret, for hash joins, hash aggregation and hash indexes';
COMMENT ON FUNCTION @extschema@.siret_hash_extended(@extschema@.siret, pg_catalog.int8) IS 'seeded 64-bit hash of a siret, for hash partitioning';
COMMENT ON FUNCTION @extschema@.siret_smaller(@extschema@.siret, @extschema@.siret) IS 'the smaller of two siret values (min() transition)';
COMMENT ON FUNCTION @extschema@.siret_larger(@extschema@.siret, @extschema@.siret) IS 'the larger of two siret values (max() transition)';

CREATE OPERATOR @extschema@.= (
    LEFTARG = @extschema@.siret, RIGHTARG = @extschema@.siret, FUNCTION = @extschema@.siret_eq,
    COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
    RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel, HASHES, MERGES);
CREATE OPERATOR @extschema@.<> (
    LEFTARG = @extschema@.siret, RIGHTARG = @extschema@.siret, FUNCTION = @extschema@.siret_ne,
    COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
    RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel);
CREATE OPERATOR @extschema@.< (
    LEFTARG = @extschema@.siret, RIGHTARG = @extschema@.siret, FUNCTION = @extschema@.siret_lt,
    COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=),
    RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel);
CREATE OPERATOR @extschema@.<= (
    LEFTARG = @extschema@.siret, RIGHTARG = @extschema@.siret, FUNCTION = @extschema@.siret_le,
    COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>),
    RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel);
CREATE OPERATOR @extschema@.> (
    LEFTARG = @extschema@.siret, RIGHTARG = @extschema@.siret, FUNCTION = @extschema@.siret_gt,
    COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=),
    RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel);
CREATE OPERATOR @extschema@.>= (
    LEFTARG = @extschema@.siret, RIGHTARG = @extschema@.siret, FUNCTION = @extschema@.siret_ge,
    COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<),
    RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel);

COMMENT ON OPERATOR @extschema@.= (@extschema@.siret, @extschema@.siret) IS 'equal';
COMMENT ON OPERATOR @extschema@.<> (@extschema@.siret, @extschema@.siret) IS 'not equal';
COMMENT ON OPERATOR @extschema@.< (@extschema@.siret, @extschema@.siret) IS 'less than (order of the canonical text)';
COMMENT ON OPERATOR @extschema@.<= (@extschema@.siret, @extschema@.siret) IS 'less than or equal';
COMMENT ON OPERATOR @extschema@.> (@extschema@.siret, @extschema@.siret) IS 'greater than';
COMMENT ON OPERATOR @extschema@.>= (@extschema@.siret, @extschema@.siret) IS 'greater than or equal';

CREATE OPERATOR CLASS @extschema@.siret_ops DEFAULT FOR TYPE @extschema@.siret USING btree AS
    OPERATOR 1 @extschema@.< ,
    OPERATOR 2 @extschema@.<= ,
    OPERATOR 3 @extschema@.= ,
    OPERATOR 4 @extschema@.>= ,
    OPERATOR 5 @extschema@.> ,
    FUNCTION 1 @extschema@.siret_cmp(@extschema@.siret, @extschema@.siret),
    FUNCTION 2 pg_catalog.btint8sortsupport(pg_catalog.internal),
    FUNCTION 4 pg_catalog.btequalimage(pg_catalog.oid);
CREATE OPERATOR CLASS @extschema@.siret_hash_ops DEFAULT FOR TYPE @extschema@.siret USING hash AS
    OPERATOR 1 @extschema@.= ,
    FUNCTION 1 @extschema@.siret_hash(@extschema@.siret),
    FUNCTION 2 @extschema@.siret_hash_extended(@extschema@.siret, pg_catalog.int8);

COMMENT ON OPERATOR CLASS @extschema@.siret_ops USING btree IS 'btree order of siret (indexes, merge joins, sorting)';
COMMENT ON OPERATOR CLASS @extschema@.siret_hash_ops USING hash IS 'hashing of siret (hash joins, hash aggregation, hash indexes)';
COMMENT ON OPERATOR FAMILY @extschema@.siret_ops USING btree IS 'btree operators of siret';
COMMENT ON OPERATOR FAMILY @extschema@.siret_hash_ops USING hash IS 'hash operators of siret';

CREATE AGGREGATE @extschema@.min(@extschema@.siret) (
    SFUNC = @extschema@.siret_smaller, STYPE = @extschema@.siret,
    COMBINEFUNC = @extschema@.siret_smaller, SORTOP = OPERATOR(@extschema@.<), PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.max(@extschema@.siret) (
    SFUNC = @extschema@.siret_larger, STYPE = @extschema@.siret,
    COMBINEFUNC = @extschema@.siret_larger, SORTOP = OPERATOR(@extschema@.>), PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.min(@extschema@.siret) IS 'smallest siret (uses a btree index when there is one)';
COMMENT ON AGGREGATE @extschema@.max(@extschema@.siret) IS 'largest siret (uses a btree index when there is one)';

CREATE CAST (@extschema@.siret AS pg_catalog.text) WITH INOUT AS ASSIGNMENT;
CREATE CAST (pg_catalog.text AS @extschema@.siret) WITH INOUT AS ASSIGNMENT;
COMMENT ON CAST (@extschema@.siret AS pg_catalog.text) IS 'canonical text of a siret';
COMMENT ON CAST (pg_catalog.text AS @extschema@.siret) IS 'parse text as siret (same checks as input)';

-- ======================================================================
-- commune_code: the common part of terrind's integer-coded scalar types,
-- instantiated from sql/schema/scalar_type.sql.in.  A commune_code is stored as
-- a int4 whose order is the order of its canonical text, so equality,
-- ordering and hashing are PostgreSQL's own int4 functions.
-- ======================================================================
CREATE TYPE @extschema@.commune_code;

CREATE FUNCTION @extschema@.commune_code_in(pg_catalog.cstring) RETURNS @extschema@.commune_code
    AS 'MODULE_PATHNAME', 'commune_code_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.commune_code_out(@extschema@.commune_code) RETURNS pg_catalog.cstring
    AS 'MODULE_PATHNAME', 'commune_code_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.commune_code_recv(pg_catalog.internal) RETURNS @extschema@.commune_code
    AS 'MODULE_PATHNAME', 'commune_code_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.commune_code_send(@extschema@.commune_code) RETURNS pg_catalog.bytea
    AS 'MODULE_PATHNAME', 'commune_code_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.commune_code (
    INPUT = @extschema@.commune_code_in,
    OUTPUT = @extschema@.commune_code_out,
    RECEIVE = @extschema@.commune_code_recv,
    SEND = @extschema@.commune_code_send,
    LIKE = pg_catalog.int4
);

COMMENT ON FUNCTION @extschema@.commune_code_in(pg_catalog.cstring) IS 'text input of commune_code (checks the value''s form)';
COMMENT ON FUNCTION @extschema@.commune_code_out(@extschema@.commune_code) IS 'text output of commune_code (canonical form)';
COMMENT ON FUNCTION @extschema@.commune_code_recv(pg_catalog.internal) IS 'binary input of commune_code (checked like text input)';
COMMENT ON FUNCTION @extschema@.commune_code_send(@extschema@.commune_code) IS 'binary output of commune_code';

CREATE FUNCTION @extschema@.commune_code_eq(@extschema@.commune_code, @extschema@.commune_code) RETURNS pg_catalog.bool
    AS 'int4eq' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.commune_code_ne(@extschema@.commune_code, @extschema@.commune_code) RETURNS pg_catalog.bool
    AS 'int4ne' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.commune_code_lt(@extschema@.commune_code, @extschema@.commune_code) RETURNS pg_catalog.bool
    AS 'int4lt' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.commune_code_le(@extschema@.commune_code, @extschema@.commune_code) RETURNS pg_catalog.bool
    AS 'int4le' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.commune_code_gt(@extschema@.commune_code, @extschema@.commune_code) RETURNS pg_catalog.bool
    AS 'int4gt' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.commune_code_ge(@extschema@.commune_code, @extschema@.commune_code) RETURNS pg_catalog.bool
    AS 'int4ge' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.commune_code_cmp(@extschema@.commune_code, @extschema@.commune_code) RETURNS pg_catalog.int4
    AS 'btint4cmp' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.commune_code_hash(@extschema@.commune_code) RETURNS pg_catalog.int4
    AS 'hashint4' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.commune_code_hash_extended(@extschema@.commune_code, pg_catalog.int8) RETURNS pg_catalog.int8
    AS 'hashint4extended' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.commune_code_smaller(@extschema@.commune_code, @extschema@.commune_code) RETURNS @extschema@.commune_code
    AS 'int4smaller' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.commune_code_larger(@extschema@.commune_code, @extschema@.commune_code) RETURNS @extschema@.commune_code
    AS 'int4larger' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.commune_code_eq(@extschema@.commune_code, @extschema@.commune_code) IS 'implementation of = for commune_code';
COMMENT ON FUNCTION @extschema@.commune_code_ne(@extschema@.commune_code, @extschema@.commune_code) IS 'implementation of <> for commune_code';
COMMENT ON FUNCTION @extschema@.commune_code_lt(@extschema@.commune_code, @extschema@.commune_code) IS 'implementation of < for commune_code';
COMMENT ON FUNCTION @extschema@.commune_code_le(@extschema@.commune_code, @extschema@.commune_code) IS 'implementation of <= for commune_code';
COMMENT ON FUNCTION @extschema@.commune_code_gt(@extschema@.commune_code, @extschema@.commune_code) IS 'implementation of > for commune_code';
COMMENT ON FUNCTION @extschema@.commune_code_ge(@extschema@.commune_code, @extschema@.commune_code) IS 'implementation of >= for commune_code';
COMMENT ON FUNCTION @extschema@.commune_code_cmp(@extschema@.commune_code, @extschema@.commune_code) IS 'btree comparison of commune_code (-1, 0 or 1)';
COMMENT ON FUNCTION @extschema@.commune_code_hash(@extschema@.commune_code) IS 'hash of a commune_code, for hash joins, hash aggregation and hash indexes';
COMMENT ON FUNCTION @extschema@.commune_code_hash_extended(@extschema@.commune_code, pg_catalog.int8) IS 'seeded 64-bit hash of a commune_code, for hash partitioning';
COMMENT ON FUNCTION @extschema@.commune_code_smaller(@extschema@.commune_code, @extschema@.commune_code) IS 'the smaller of two commune_code values (min() transition)';
COMMENT ON FUNCTION @extschema@.commune_code_larger(@extschema@.commune_code, @extschema@.commune_code) IS 'the larger of two commune_code values (max() transition)';

CREATE OPERATOR @extschema@.= (
    LEFTARG = @extschema@.commune_code, RIGHTARG = @extschema@.commune_code, FUNCTION = @extschema@.commune_code_eq,
    COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
    RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel, HASHES, MERGES);
CREATE OPERATOR @extschema@.<> (
    LEFTARG = @extschema@.commune_code, RIGHTARG = @extschema@.commune_code, FUNCTION = @extschema@.commune_code_ne,
    COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
    RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel);
CREATE OPERATOR @extschema@.< (
    LEFTARG = @extschema@.commune_code, RIGHTARG = @extschema@.commune_code, FUNCTION = @extschema@.commune_code_lt,
    COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=),
    RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel);
CREATE OPERATOR @extschema@.<= (
    LEFTARG = @extschema@.commune_code, RIGHTARG = @extschema@.commune_code, FUNCTION = @extschema@.commune_code_le,
    COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>),
    RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel);
CREATE OPERATOR @extschema@.> (
    LEFTARG = @extschema@.commune_code, RIGHTARG = @extschema@.commune_code, FUNCTION = @extschema@.commune_code_gt,
    COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=),
    RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel);
CREATE OPERATOR @extschema@.>= (
    LEFTARG = @extschema@.commune_code, RIGHTARG = @extschema@.commune_code, FUNCTION = @extschema@.commune_code_ge,
    COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<),
    RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel);

COMMENT ON OPERATOR @extschema@.= (@extschema@.commune_code, @extschema@.commune_code) IS 'equal';
COMMENT ON OPERATOR @extschema@.<> (@extschema@.commune_code, @extschema@.commune_code) IS 'not equal';
COMMENT ON OPERATOR @extschema@.< (@extschema@.commune_code, @extschema@.commune_code) IS 'less than (order of the canonical text)';
COMMENT ON OPERATOR @extschema@.<= (@extschema@.commune_code, @extschema@.commune_code) IS 'less than or equal';
COMMENT ON OPERATOR @extschema@.> (@extschema@.commune_code, @extschema@.commune_code) IS 'greater than';
COMMENT ON OPERATOR @extschema@.>= (@extschema@.commune_code, @extschema@.commune_code) IS 'greater than or equal';

CREATE OPERATOR CLASS @extschema@.commune_code_ops DEFAULT FOR TYPE @extschema@.commune_code USING btree AS
    OPERATOR 1 @extschema@.< ,
    OPERATOR 2 @extschema@.<= ,
    OPERATOR 3 @extschema@.= ,
    OPERATOR 4 @extschema@.>= ,
    OPERATOR 5 @extschema@.> ,
    FUNCTION 1 @extschema@.commune_code_cmp(@extschema@.commune_code, @extschema@.commune_code),
    FUNCTION 2 pg_catalog.btint4sortsupport(pg_catalog.internal),
    FUNCTION 4 pg_catalog.btequalimage(pg_catalog.oid);
CREATE OPERATOR CLASS @extschema@.commune_code_hash_ops DEFAULT FOR TYPE @extschema@.commune_code USING hash AS
    OPERATOR 1 @extschema@.= ,
    FUNCTION 1 @extschema@.commune_code_hash(@extschema@.commune_code),
    FUNCTION 2 @extschema@.commune_code_hash_extended(@extschema@.commune_code, pg_catalog.int8);

COMMENT ON OPERATOR CLASS @extschema@.commune_code_ops USING btree IS 'btree order of commune_code (indexes, merge joins, sorting)';
COMMENT ON OPERATOR CLASS @extschema@.commune_code_hash_ops USING hash IS 'hashing of commune_code (hash joins, hash aggregation, hash indexes)';
COMMENT ON OPERATOR FAMILY @extschema@.commune_code_ops USING btree IS 'btree operators of commune_code';
COMMENT ON OPERATOR FAMILY @extschema@.commune_code_hash_ops USING hash IS 'hash operators of commune_code';

CREATE AGGREGATE @extschema@.min(@extschema@.commune_code) (
    SFUNC = @extschema@.commune_code_smaller, STYPE = @extschema@.commune_code,
    COMBINEFUNC = @extschema@.commune_code_smaller, SORTOP = OPERATOR(@extschema@.<), PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.max(@extschema@.commune_code) (
    SFUNC = @extschema@.commune_code_larger, STYPE = @extschema@.commune_code,
    COMBINEFUNC = @extschema@.commune_code_larger, SORTOP = OPERATOR(@extschema@.>), PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.min(@extschema@.commune_code) IS 'smallest commune_code (uses a btree index when there is one)';
COMMENT ON AGGREGATE @extschema@.max(@extschema@.commune_code) IS 'largest commune_code (uses a btree index when there is one)';

CREATE CAST (@extschema@.commune_code AS pg_catalog.text) WITH INOUT AS ASSIGNMENT;
CREATE CAST (pg_catalog.text AS @extschema@.commune_code) WITH INOUT AS ASSIGNMENT;
COMMENT ON CAST (@extschema@.commune_code AS pg_catalog.text) IS 'canonical text of a commune_code';
COMMENT ON CAST (pg_catalog.text AS @extschema@.commune_code) IS 'parse text as commune_code (same checks as input)';

-- ======================================================================
-- ti_code: the common part of terrind's integer-coded scalar types,
-- instantiated from sql/schema/scalar_type.sql.in.  A ti_code is stored as
-- a int2 whose order is the order of its canonical text, so equality,
-- ordering and hashing are PostgreSQL's own int2 functions.
-- ======================================================================
CREATE TYPE @extschema@.ti_code;

CREATE FUNCTION @extschema@.ti_code_in(pg_catalog.cstring) RETURNS @extschema@.ti_code
    AS 'MODULE_PATHNAME', 'ti_code_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.ti_code_out(@extschema@.ti_code) RETURNS pg_catalog.cstring
    AS 'MODULE_PATHNAME', 'ti_code_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.ti_code_recv(pg_catalog.internal) RETURNS @extschema@.ti_code
    AS 'MODULE_PATHNAME', 'ti_code_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.ti_code_send(@extschema@.ti_code) RETURNS pg_catalog.bytea
    AS 'MODULE_PATHNAME', 'ti_code_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.ti_code (
    INPUT = @extschema@.ti_code_in,
    OUTPUT = @extschema@.ti_code_out,
    RECEIVE = @extschema@.ti_code_recv,
    SEND = @extschema@.ti_code_send,
    LIKE = pg_catalog.int2
);

COMMENT ON FUNCTION @extschema@.ti_code_in(pg_catalog.cstring) IS 'text input of ti_code (checks the value''s form)';
COMMENT ON FUNCTION @extschema@.ti_code_out(@extschema@.ti_code) IS 'text output of ti_code (canonical form)';
COMMENT ON FUNCTION @extschema@.ti_code_recv(pg_catalog.internal) IS 'binary input of ti_code (checked like text input)';
COMMENT ON FUNCTION @extschema@.ti_code_send(@extschema@.ti_code) IS 'binary output of ti_code';

CREATE FUNCTION @extschema@.ti_code_eq(@extschema@.ti_code, @extschema@.ti_code) RETURNS pg_catalog.bool
    AS 'int2eq' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.ti_code_ne(@extschema@.ti_code, @extschema@.ti_code) RETURNS pg_catalog.bool
    AS 'int2ne' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.ti_code_lt(@extschema@.ti_code, @extschema@.ti_code) RETURNS pg_catalog.bool
    AS 'int2lt' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.ti_code_le(@extschema@.ti_code, @extschema@.ti_code) RETURNS pg_catalog.bool
    AS 'int2le' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.ti_code_gt(@extschema@.ti_code, @extschema@.ti_code) RETURNS pg_catalog.bool
    AS 'int2gt' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.ti_code_ge(@extschema@.ti_code, @extschema@.ti_code) RETURNS pg_catalog.bool
    AS 'int2ge' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.ti_code_cmp(@extschema@.ti_code, @extschema@.ti_code) RETURNS pg_catalog.int4
    AS 'btint2cmp' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.ti_code_hash(@extschema@.ti_code) RETURNS pg_catalog.int4
    AS 'hashint2' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.ti_code_hash_extended(@extschema@.ti_code, pg_catalog.int8) RETURNS pg_catalog.int8
    AS 'hashint2extended' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.ti_code_smaller(@extschema@.ti_code, @extschema@.ti_code) RETURNS @extschema@.ti_code
    AS 'int2smaller' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.ti_code_larger(@extschema@.ti_code, @extschema@.ti_code) RETURNS @extschema@.ti_code
    AS 'int2larger' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.ti_code_eq(@extschema@.ti_code, @extschema@.ti_code) IS 'implementation of = for ti_code';
COMMENT ON FUNCTION @extschema@.ti_code_ne(@extschema@.ti_code, @extschema@.ti_code) IS 'implementation of <> for ti_code';
COMMENT ON FUNCTION @extschema@.ti_code_lt(@extschema@.ti_code, @extschema@.ti_code) IS 'implementation of < for ti_code';
COMMENT ON FUNCTION @extschema@.ti_code_le(@extschema@.ti_code, @extschema@.ti_code) IS 'implementation of <= for ti_code';
COMMENT ON FUNCTION @extschema@.ti_code_gt(@extschema@.ti_code, @extschema@.ti_code) IS 'implementation of > for ti_code';
COMMENT ON FUNCTION @extschema@.ti_code_ge(@extschema@.ti_code, @extschema@.ti_code) IS 'implementation of >= for ti_code';
COMMENT ON FUNCTION @extschema@.ti_code_cmp(@extschema@.ti_code, @extschema@.ti_code) IS 'btree comparison of ti_code (-1, 0 or 1)';
COMMENT ON FUNCTION @extschema@.ti_code_hash(@extschema@.ti_code) IS 'hash of a ti_code, for hash joins, hash aggregation and hash indexes';
COMMENT ON FUNCTION @extschema@.ti_code_hash_extended(@extschema@.ti_code, pg_catalog.int8) IS 'seeded 64-bit hash of a ti_code, for hash partitioning';
COMMENT ON FUNCTION @extschema@.ti_code_smaller(@extschema@.ti_code, @extschema@.ti_code) IS 'the smaller of two ti_code values (min() transition)';
COMMENT ON FUNCTION @extschema@.ti_code_larger(@extschema@.ti_code, @extschema@.ti_code) IS 'the larger of two ti_code values (max() transition)';

CREATE OPERATOR @extschema@.= (
    LEFTARG = @extschema@.ti_code, RIGHTARG = @extschema@.ti_code, FUNCTION = @extschema@.ti_code_eq,
    COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
    RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel, HASHES, MERGES);
CREATE OPERATOR @extschema@.<> (
    LEFTARG = @extschema@.ti_code, RIGHTARG = @extschema@.ti_code, FUNCTION = @extschema@.ti_code_ne,
    COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
    RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel);
CREATE OPERATOR @extschema@.< (
    LEFTARG = @extschema@.ti_code, RIGHTARG = @extschema@.ti_code, FUNCTION = @extschema@.ti_code_lt,
    COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=),
    RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel);
CREATE OPERATOR @extschema@.<= (
    LEFTARG = @extschema@.ti_code, RIGHTARG = @extschema@.ti_code, FUNCTION = @extschema@.ti_code_le,
    COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>),
    RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel);
CREATE OPERATOR @extschema@.> (
    LEFTARG = @extschema@.ti_code, RIGHTARG = @extschema@.ti_code, FUNCTION = @extschema@.ti_code_gt,
    COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=),
    RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel);
CREATE OPERATOR @extschema@.>= (
    LEFTARG = @extschema@.ti_code, RIGHTARG = @extschema@.ti_code, FUNCTION = @extschema@.ti_code_ge,
    COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<),
    RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel);

COMMENT ON OPERATOR @extschema@.= (@extschema@.ti_code, @extschema@.ti_code) IS 'equal';
COMMENT ON OPERATOR @extschema@.<> (@extschema@.ti_code, @extschema@.ti_code) IS 'not equal';
COMMENT ON OPERATOR @extschema@.< (@extschema@.ti_code, @extschema@.ti_code) IS 'less than (order of the canonical text)';
COMMENT ON OPERATOR @extschema@.<= (@extschema@.ti_code, @extschema@.ti_code) IS 'less than or equal';
COMMENT ON OPERATOR @extschema@.> (@extschema@.ti_code, @extschema@.ti_code) IS 'greater than';
COMMENT ON OPERATOR @extschema@.>= (@extschema@.ti_code, @extschema@.ti_code) IS 'greater than or equal';

CREATE OPERATOR CLASS @extschema@.ti_code_ops DEFAULT FOR TYPE @extschema@.ti_code USING btree AS
    OPERATOR 1 @extschema@.< ,
    OPERATOR 2 @extschema@.<= ,
    OPERATOR 3 @extschema@.= ,
    OPERATOR 4 @extschema@.>= ,
    OPERATOR 5 @extschema@.> ,
    FUNCTION 1 @extschema@.ti_code_cmp(@extschema@.ti_code, @extschema@.ti_code),
    FUNCTION 2 pg_catalog.btint2sortsupport(pg_catalog.internal),
    FUNCTION 4 pg_catalog.btequalimage(pg_catalog.oid);
CREATE OPERATOR CLASS @extschema@.ti_code_hash_ops DEFAULT FOR TYPE @extschema@.ti_code USING hash AS
    OPERATOR 1 @extschema@.= ,
    FUNCTION 1 @extschema@.ti_code_hash(@extschema@.ti_code),
    FUNCTION 2 @extschema@.ti_code_hash_extended(@extschema@.ti_code, pg_catalog.int8);

COMMENT ON OPERATOR CLASS @extschema@.ti_code_ops USING btree IS 'btree order of ti_code (indexes, merge joins, sorting)';
COMMENT ON OPERATOR CLASS @extschema@.ti_code_hash_ops USING hash IS 'hashing of ti_code (hash joins, hash aggregation, hash indexes)';
COMMENT ON OPERATOR FAMILY @extschema@.ti_code_ops USING btree IS 'btree operators of ti_code';
COMMENT ON OPERATOR FAMILY @extschema@.ti_code_hash_ops USING hash IS 'hash operators of ti_code';

CREATE AGGREGATE @extschema@.min(@extschema@.ti_code) (
    SFUNC = @extschema@.ti_code_smaller, STYPE = @extschema@.ti_code,
    COMBINEFUNC = @extschema@.ti_code_smaller, SORTOP = OPERATOR(@extschema@.<), PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.max(@extschema@.ti_code) (
    SFUNC = @extschema@.ti_code_larger, STYPE = @extschema@.ti_code,
    COMBINEFUNC = @extschema@.ti_code_larger, SORTOP = OPERATOR(@extschema@.>), PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.min(@extschema@.ti_code) IS 'smallest ti_code (uses a btree index when there is one)';
COMMENT ON AGGREGATE @extschema@.max(@extschema@.ti_code) IS 'largest ti_code (uses a btree index when there is one)';

CREATE CAST (@extschema@.ti_code AS pg_catalog.text) WITH INOUT AS ASSIGNMENT;
CREATE CAST (pg_catalog.text AS @extschema@.ti_code) WITH INOUT AS ASSIGNMENT;
COMMENT ON CAST (@extschema@.ti_code AS pg_catalog.text) IS 'canonical text of a ti_code';
COMMENT ON CAST (pg_catalog.text AS @extschema@.ti_code) IS 'parse text as ti_code (same checks as input)';

-- ======================================================================
-- eur: the common part of terrind's integer-coded scalar types,
-- instantiated from sql/schema/scalar_type.sql.in.  A eur is stored as
-- a int8 whose order is the order of its canonical text, so equality,
-- ordering and hashing are PostgreSQL's own int8 functions.
-- ======================================================================
CREATE TYPE @extschema@.eur;

CREATE FUNCTION @extschema@.eur_in(pg_catalog.cstring) RETURNS @extschema@.eur
    AS 'MODULE_PATHNAME', 'eur_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.eur_out(@extschema@.eur) RETURNS pg_catalog.cstring
    AS 'MODULE_PATHNAME', 'eur_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.eur_recv(pg_catalog.internal) RETURNS @extschema@.eur
    AS 'MODULE_PATHNAME', 'eur_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.eur_send(@extschema@.eur) RETURNS pg_catalog.bytea
    AS 'MODULE_PATHNAME', 'eur_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.eur (
    INPUT = @extschema@.eur_in,
    OUTPUT = @extschema@.eur_out,
    RECEIVE = @extschema@.eur_recv,
    SEND = @extschema@.eur_send,
    LIKE = pg_catalog.int8
);

COMMENT ON FUNCTION @extschema@.eur_in(pg_catalog.cstring) IS 'text input of eur (checks the value''s form)';
COMMENT ON FUNCTION @extschema@.eur_out(@extschema@.eur) IS 'text output of eur (canonical form)';
COMMENT ON FUNCTION @extschema@.eur_recv(pg_catalog.internal) IS 'binary input of eur (checked like text input)';
COMMENT ON FUNCTION @extschema@.eur_send(@extschema@.eur) IS 'binary output of eur';

CREATE FUNCTION @extschema@.eur_eq(@extschema@.eur, @extschema@.eur) RETURNS pg_catalog.bool
    AS 'int8eq' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.eur_ne(@extschema@.eur, @extschema@.eur) RETURNS pg_catalog.bool
    AS 'int8ne' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.eur_lt(@extschema@.eur, @extschema@.eur) RETURNS pg_catalog.bool
    AS 'int8lt' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.eur_le(@extschema@.eur, @extschema@.eur) RETURNS pg_catalog.bool
    AS 'int8le' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.eur_gt(@extschema@.eur, @extschema@.eur) RETURNS pg_catalog.bool
    AS 'int8gt' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.eur_ge(@extschema@.eur, @extschema@.eur) RETURNS pg_catalog.bool
    AS 'int8ge' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.eur_cmp(@extschema@.eur, @extschema@.eur) RETURNS pg_catalog.int4
    AS 'btint8cmp' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.eur_hash(@extschema@.eur) RETURNS pg_catalog.int4
    AS 'hashint8' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.eur_hash_extended(@extschema@.eur, pg_catalog.int8) RETURNS pg_catalog.int8
    AS 'hashint8extended' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.eur_smaller(@extschema@.eur, @extschema@.eur) RETURNS @extschema@.eur
    AS 'int8smaller' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.eur_larger(@extschema@.eur, @extschema@.eur) RETURNS @extschema@.eur
    AS 'int8larger' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.eur_eq(@extschema@.eur, @extschema@.eur) IS 'implementation of = for eur';
COMMENT ON FUNCTION @extschema@.eur_ne(@extschema@.eur, @extschema@.eur) IS 'implementation of <> for eur';
COMMENT ON FUNCTION @extschema@.eur_lt(@extschema@.eur, @extschema@.eur) IS 'implementation of < for eur';
COMMENT ON FUNCTION @extschema@.eur_le(@extschema@.eur, @extschema@.eur) IS 'implementation of <= for eur';
COMMENT ON FUNCTION @extschema@.eur_gt(@extschema@.eur, @extschema@.eur) IS 'implementation of > for eur';
COMMENT ON FUNCTION @extschema@.eur_ge(@extschema@.eur, @extschema@.eur) IS 'implementation of >= for eur';
COMMENT ON FUNCTION @extschema@.eur_cmp(@extschema@.eur, @extschema@.eur) IS 'btree comparison of eur (-1, 0 or 1)';
COMMENT ON FUNCTION @extschema@.eur_hash(@extschema@.eur) IS 'hash of a eur, for hash joins, hash aggregation and hash indexes';
COMMENT ON FUNCTION @extschema@.eur_hash_extended(@extschema@.eur, pg_catalog.int8) IS 'seeded 64-bit hash of a eur, for hash partitioning';
COMMENT ON FUNCTION @extschema@.eur_smaller(@extschema@.eur, @extschema@.eur) IS 'the smaller of two eur values (min() transition)';
COMMENT ON FUNCTION @extschema@.eur_larger(@extschema@.eur, @extschema@.eur) IS 'the larger of two eur values (max() transition)';

CREATE OPERATOR @extschema@.= (
    LEFTARG = @extschema@.eur, RIGHTARG = @extschema@.eur, FUNCTION = @extschema@.eur_eq,
    COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
    RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel, HASHES, MERGES);
CREATE OPERATOR @extschema@.<> (
    LEFTARG = @extschema@.eur, RIGHTARG = @extschema@.eur, FUNCTION = @extschema@.eur_ne,
    COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
    RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel);
CREATE OPERATOR @extschema@.< (
    LEFTARG = @extschema@.eur, RIGHTARG = @extschema@.eur, FUNCTION = @extschema@.eur_lt,
    COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=),
    RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel);
CREATE OPERATOR @extschema@.<= (
    LEFTARG = @extschema@.eur, RIGHTARG = @extschema@.eur, FUNCTION = @extschema@.eur_le,
    COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>),
    RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel);
CREATE OPERATOR @extschema@.> (
    LEFTARG = @extschema@.eur, RIGHTARG = @extschema@.eur, FUNCTION = @extschema@.eur_gt,
    COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=),
    RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel);
CREATE OPERATOR @extschema@.>= (
    LEFTARG = @extschema@.eur, RIGHTARG = @extschema@.eur, FUNCTION = @extschema@.eur_ge,
    COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<),
    RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel);

COMMENT ON OPERATOR @extschema@.= (@extschema@.eur, @extschema@.eur) IS 'equal';
COMMENT ON OPERATOR @extschema@.<> (@extschema@.eur, @extschema@.eur) IS 'not equal';
COMMENT ON OPERATOR @extschema@.< (@extschema@.eur, @extschema@.eur) IS 'less than (order of the canonical text)';
COMMENT ON OPERATOR @extschema@.<= (@extschema@.eur, @extschema@.eur) IS 'less than or equal';
COMMENT ON OPERATOR @extschema@.> (@extschema@.eur, @extschema@.eur) IS 'greater than';
COMMENT ON OPERATOR @extschema@.>= (@extschema@.eur, @extschema@.eur) IS 'greater than or equal';

CREATE OPERATOR CLASS @extschema@.eur_ops DEFAULT FOR TYPE @extschema@.eur USING btree AS
    OPERATOR 1 @extschema@.< ,
    OPERATOR 2 @extschema@.<= ,
    OPERATOR 3 @extschema@.= ,
    OPERATOR 4 @extschema@.>= ,
    OPERATOR 5 @extschema@.> ,
    FUNCTION 1 @extschema@.eur_cmp(@extschema@.eur, @extschema@.eur),
    FUNCTION 2 pg_catalog.btint8sortsupport(pg_catalog.internal),
    FUNCTION 4 pg_catalog.btequalimage(pg_catalog.oid);
CREATE OPERATOR CLASS @extschema@.eur_hash_ops DEFAULT FOR TYPE @extschema@.eur USING hash AS
    OPERATOR 1 @extschema@.= ,
    FUNCTION 1 @extschema@.eur_hash(@extschema@.eur),
    FUNCTION 2 @extschema@.eur_hash_extended(@extschema@.eur, pg_catalog.int8);

COMMENT ON OPERATOR CLASS @extschema@.eur_ops USING btree IS 'btree order of eur (indexes, merge joins, sorting)';
COMMENT ON OPERATOR CLASS @extschema@.eur_hash_ops USING hash IS 'hashing of eur (hash joins, hash aggregation, hash indexes)';
COMMENT ON OPERATOR FAMILY @extschema@.eur_ops USING btree IS 'btree operators of eur';
COMMENT ON OPERATOR FAMILY @extschema@.eur_hash_ops USING hash IS 'hash operators of eur';

CREATE AGGREGATE @extschema@.min(@extschema@.eur) (
    SFUNC = @extschema@.eur_smaller, STYPE = @extschema@.eur,
    COMBINEFUNC = @extschema@.eur_smaller, SORTOP = OPERATOR(@extschema@.<), PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.max(@extschema@.eur) (
    SFUNC = @extschema@.eur_larger, STYPE = @extschema@.eur,
    COMBINEFUNC = @extschema@.eur_larger, SORTOP = OPERATOR(@extschema@.>), PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.min(@extschema@.eur) IS 'smallest eur (uses a btree index when there is one)';
COMMENT ON AGGREGATE @extschema@.max(@extschema@.eur) IS 'largest eur (uses a btree index when there is one)';

CREATE CAST (@extschema@.eur AS pg_catalog.text) WITH INOUT AS ASSIGNMENT;
CREATE CAST (pg_catalog.text AS @extschema@.eur) WITH INOUT AS ASSIGNMENT;
COMMENT ON CAST (@extschema@.eur AS pg_catalog.text) IS 'canonical text of a eur';
COMMENT ON CAST (pg_catalog.text AS @extschema@.eur) IS 'parse text as eur (same checks as input)';

-- ======================================================================
-- need: the common part of terrind's integer-coded scalar types,
-- instantiated from sql/schema/scalar_type.sql.in.  A need is stored as
-- a int2 whose order is the order of its canonical text, so equality,
-- ordering and hashing are PostgreSQL's own int2 functions.
-- ======================================================================
CREATE TYPE @extschema@.need;

CREATE FUNCTION @extschema@.need_in(pg_catalog.cstring) RETURNS @extschema@.need
    AS 'MODULE_PATHNAME', 'need_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.need_out(@extschema@.need) RETURNS pg_catalog.cstring
    AS 'MODULE_PATHNAME', 'need_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.need_recv(pg_catalog.internal) RETURNS @extschema@.need
    AS 'MODULE_PATHNAME', 'need_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.need_send(@extschema@.need) RETURNS pg_catalog.bytea
    AS 'MODULE_PATHNAME', 'need_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.need (
    INPUT = @extschema@.need_in,
    OUTPUT = @extschema@.need_out,
    RECEIVE = @extschema@.need_recv,
    SEND = @extschema@.need_send,
    LIKE = pg_catalog.int2
);

COMMENT ON FUNCTION @extschema@.need_in(pg_catalog.cstring) IS 'text input of need (checks the value''s form)';
COMMENT ON FUNCTION @extschema@.need_out(@extschema@.need) IS 'text output of need (canonical form)';
COMMENT ON FUNCTION @extschema@.need_recv(pg_catalog.internal) IS 'binary input of need (checked like text input)';
COMMENT ON FUNCTION @extschema@.need_send(@extschema@.need) IS 'binary output of need';

CREATE FUNCTION @extschema@.need_eq(@extschema@.need, @extschema@.need) RETURNS pg_catalog.bool
    AS 'int2eq' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.need_ne(@extschema@.need, @extschema@.need) RETURNS pg_catalog.bool
    AS 'int2ne' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.need_lt(@extschema@.need, @extschema@.need) RETURNS pg_catalog.bool
    AS 'int2lt' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.need_le(@extschema@.need, @extschema@.need) RETURNS pg_catalog.bool
    AS 'int2le' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.need_gt(@extschema@.need, @extschema@.need) RETURNS pg_catalog.bool
    AS 'int2gt' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.need_ge(@extschema@.need, @extschema@.need) RETURNS pg_catalog.bool
    AS 'int2ge' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.need_cmp(@extschema@.need, @extschema@.need) RETURNS pg_catalog.int4
    AS 'btint2cmp' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.need_hash(@extschema@.need) RETURNS pg_catalog.int4
    AS 'hashint2' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.need_hash_extended(@extschema@.need, pg_catalog.int8) RETURNS pg_catalog.int8
    AS 'hashint2extended' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.need_smaller(@extschema@.need, @extschema@.need) RETURNS @extschema@.need
    AS 'int2smaller' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.need_larger(@extschema@.need, @extschema@.need) RETURNS @extschema@.need
    AS 'int2larger' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.need_eq(@extschema@.need, @extschema@.need) IS 'implementation of = for need';
COMMENT ON FUNCTION @extschema@.need_ne(@extschema@.need, @extschema@.need) IS 'implementation of <> for need';
COMMENT ON FUNCTION @extschema@.need_lt(@extschema@.need, @extschema@.need) IS 'implementation of < for need';
COMMENT ON FUNCTION @extschema@.need_le(@extschema@.need, @extschema@.need) IS 'implementation of <= for need';
COMMENT ON FUNCTION @extschema@.need_gt(@extschema@.need, @extschema@.need) IS 'implementation of > for need';
COMMENT ON FUNCTION @extschema@.need_ge(@extschema@.need, @extschema@.need) IS 'implementation of >= for need';
COMMENT ON FUNCTION @extschema@.need_cmp(@extschema@.need, @extschema@.need) IS 'btree comparison of need (-1, 0 or 1)';
COMMENT ON FUNCTION @extschema@.need_hash(@extschema@.need) IS 'hash of a need, for hash joins, hash aggregation and hash indexes';
COMMENT ON FUNCTION @extschema@.need_hash_extended(@extschema@.need, pg_catalog.int8) IS 'seeded 64-bit hash of a need, for hash partitioning';
COMMENT ON FUNCTION @extschema@.need_smaller(@extschema@.need, @extschema@.need) IS 'the smaller of two need values (min() transition)';
COMMENT ON FUNCTION @extschema@.need_larger(@extschema@.need, @extschema@.need) IS 'the larger of two need values (max() transition)';

CREATE OPERATOR @extschema@.= (
    LEFTARG = @extschema@.need, RIGHTARG = @extschema@.need, FUNCTION = @extschema@.need_eq,
    COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
    RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel, HASHES, MERGES);
CREATE OPERATOR @extschema@.<> (
    LEFTARG = @extschema@.need, RIGHTARG = @extschema@.need, FUNCTION = @extschema@.need_ne,
    COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
    RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel);
CREATE OPERATOR @extschema@.< (
    LEFTARG = @extschema@.need, RIGHTARG = @extschema@.need, FUNCTION = @extschema@.need_lt,
    COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=),
    RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel);
CREATE OPERATOR @extschema@.<= (
    LEFTARG = @extschema@.need, RIGHTARG = @extschema@.need, FUNCTION = @extschema@.need_le,
    COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>),
    RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel);
CREATE OPERATOR @extschema@.> (
    LEFTARG = @extschema@.need, RIGHTARG = @extschema@.need, FUNCTION = @extschema@.need_gt,
    COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=),
    RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel);
CREATE OPERATOR @extschema@.>= (
    LEFTARG = @extschema@.need, RIGHTARG = @extschema@.need, FUNCTION = @extschema@.need_ge,
    COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<),
    RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel);

COMMENT ON OPERATOR @extschema@.= (@extschema@.need, @extschema@.need) IS 'equal';
COMMENT ON OPERATOR @extschema@.<> (@extschema@.need, @extschema@.need) IS 'not equal';
COMMENT ON OPERATOR @extschema@.< (@extschema@.need, @extschema@.need) IS 'less than (order of the canonical text)';
COMMENT ON OPERATOR @extschema@.<= (@extschema@.need, @extschema@.need) IS 'less than or equal';
COMMENT ON OPERATOR @extschema@.> (@extschema@.need, @extschema@.need) IS 'greater than';
COMMENT ON OPERATOR @extschema@.>= (@extschema@.need, @extschema@.need) IS 'greater than or equal';

CREATE OPERATOR CLASS @extschema@.need_ops DEFAULT FOR TYPE @extschema@.need USING btree AS
    OPERATOR 1 @extschema@.< ,
    OPERATOR 2 @extschema@.<= ,
    OPERATOR 3 @extschema@.= ,
    OPERATOR 4 @extschema@.>= ,
    OPERATOR 5 @extschema@.> ,
    FUNCTION 1 @extschema@.need_cmp(@extschema@.need, @extschema@.need),
    FUNCTION 2 pg_catalog.btint2sortsupport(pg_catalog.internal),
    FUNCTION 4 pg_catalog.btequalimage(pg_catalog.oid);
CREATE OPERATOR CLASS @extschema@.need_hash_ops DEFAULT FOR TYPE @extschema@.need USING hash AS
    OPERATOR 1 @extschema@.= ,
    FUNCTION 1 @extschema@.need_hash(@extschema@.need),
    FUNCTION 2 @extschema@.need_hash_extended(@extschema@.need, pg_catalog.int8);

COMMENT ON OPERATOR CLASS @extschema@.need_ops USING btree IS 'btree order of need (indexes, merge joins, sorting)';
COMMENT ON OPERATOR CLASS @extschema@.need_hash_ops USING hash IS 'hashing of need (hash joins, hash aggregation, hash indexes)';
COMMENT ON OPERATOR FAMILY @extschema@.need_ops USING btree IS 'btree operators of need';
COMMENT ON OPERATOR FAMILY @extschema@.need_hash_ops USING hash IS 'hash operators of need';

CREATE AGGREGATE @extschema@.min(@extschema@.need) (
    SFUNC = @extschema@.need_smaller, STYPE = @extschema@.need,
    COMBINEFUNC = @extschema@.need_smaller, SORTOP = OPERATOR(@extschema@.<), PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.max(@extschema@.need) (
    SFUNC = @extschema@.need_larger, STYPE = @extschema@.need,
    COMBINEFUNC = @extschema@.need_larger, SORTOP = OPERATOR(@extschema@.>), PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.min(@extschema@.need) IS 'smallest need (uses a btree index when there is one)';
COMMENT ON AGGREGATE @extschema@.max(@extschema@.need) IS 'largest need (uses a btree index when there is one)';

CREATE CAST (@extschema@.need AS pg_catalog.text) WITH INOUT AS ASSIGNMENT;
CREATE CAST (pg_catalog.text AS @extschema@.need) WITH INOUT AS ASSIGNMENT;
COMMENT ON CAST (@extschema@.need AS pg_catalog.text) IS 'canonical text of a need';
COMMENT ON CAST (pg_catalog.text AS @extschema@.need) IS 'parse text as need (same checks as input)';

-- ======================================================================
-- Identifiers: SIREN, SIRET, INSEE commune codes and territory ids
-- (src/identifier_types.c over src/core/identifiers.c).  Checked by form
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

-- ======================================================================
-- Money: eur, an exact amount of euros as an int8 count of cents
-- (src/eur_type.c over src/core/money.c).  Every operation is overflow-
-- checked (22003) and rounds half away from zero to the cent.
-- ======================================================================
COMMENT ON TYPE @extschema@.eur IS 'exact amount of euros, stored as a 64-bit count of cents; reads 1234.56, 1 234,56 €, 1,36 Md€; prints 1234.56';

CREATE FUNCTION @extschema@.format_eur(@extschema@.eur, scaled pg_catalog.bool DEFAULT false) RETURNS pg_catalog.text
    AS 'MODULE_PATHNAME', 'format_eur' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.format_eur(@extschema@.eur, pg_catalog.bool) IS 'French display: 1 234 567,89 €, or with scaled => true 1,23 M€ (k€, M€, Md€, 2 decimals at most)';

-- arithmetic ----------------------------------------------------------
CREATE FUNCTION @extschema@.eur_pl(@extschema@.eur, @extschema@.eur) RETURNS @extschema@.eur
    AS 'MODULE_PATHNAME', 'eur_pl' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.eur_mi(@extschema@.eur, @extschema@.eur) RETURNS @extschema@.eur
    AS 'MODULE_PATHNAME', 'eur_mi' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.eur_um(@extschema@.eur) RETURNS @extschema@.eur
    AS 'MODULE_PATHNAME', 'eur_um' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.eur_mul(@extschema@.eur, pg_catalog.int4) RETURNS @extschema@.eur
    AS 'MODULE_PATHNAME', 'eur_mul_int4' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.eur_mul(@extschema@.eur, pg_catalog.int8) RETURNS @extschema@.eur
    AS 'MODULE_PATHNAME', 'eur_mul_int8' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.eur_mul(@extschema@.eur, pg_catalog.float8) RETURNS @extschema@.eur
    AS 'MODULE_PATHNAME', 'eur_mul_float8' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.eur_mul(@extschema@.eur, pg_catalog.numeric) RETURNS @extschema@.eur
    AS 'MODULE_PATHNAME', 'eur_mul_numeric' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.eur_div(@extschema@.eur, pg_catalog.int4) RETURNS @extschema@.eur
    AS 'MODULE_PATHNAME', 'eur_div_int4' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.eur_div(@extschema@.eur, pg_catalog.int8) RETURNS @extschema@.eur
    AS 'MODULE_PATHNAME', 'eur_div_int8' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.eur_div(@extschema@.eur, pg_catalog.float8) RETURNS @extschema@.eur
    AS 'MODULE_PATHNAME', 'eur_div_float8' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.eur_div(@extschema@.eur, pg_catalog.numeric) RETURNS @extschema@.eur
    AS 'MODULE_PATHNAME', 'eur_div_numeric' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.eur_div(@extschema@.eur, @extschema@.eur) RETURNS pg_catalog.numeric
    AS 'MODULE_PATHNAME', 'eur_div_eur' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.eur_mul(pg_catalog.int4, @extschema@.eur) RETURNS @extschema@.eur
    AS 'MODULE_PATHNAME', 'int4_mul_eur' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.eur_mul(pg_catalog.int8, @extschema@.eur) RETURNS @extschema@.eur
    AS 'MODULE_PATHNAME', 'int8_mul_eur' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.eur_mul(pg_catalog.float8, @extschema@.eur) RETURNS @extschema@.eur
    AS 'MODULE_PATHNAME', 'float8_mul_eur' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.eur_mul(pg_catalog.numeric, @extschema@.eur) RETURNS @extschema@.eur
    AS 'MODULE_PATHNAME', 'numeric_mul_eur' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.eur_pl(@extschema@.eur, @extschema@.eur) IS 'implementation of eur + eur';
COMMENT ON FUNCTION @extschema@.eur_mi(@extschema@.eur, @extschema@.eur) IS 'implementation of eur - eur';
COMMENT ON FUNCTION @extschema@.eur_um(@extschema@.eur) IS 'implementation of - eur';
COMMENT ON FUNCTION @extschema@.eur_mul(@extschema@.eur, pg_catalog.int4) IS 'implementation of eur * integer (exact)';
COMMENT ON FUNCTION @extschema@.eur_mul(@extschema@.eur, pg_catalog.int8) IS 'implementation of eur * bigint (exact)';
COMMENT ON FUNCTION @extschema@.eur_mul(@extschema@.eur, pg_catalog.float8) IS 'implementation of eur * double precision (rounded half away from zero to the cent)';
COMMENT ON FUNCTION @extschema@.eur_mul(@extschema@.eur, pg_catalog.numeric) IS 'implementation of eur * numeric (rounded half away from zero to the cent)';
COMMENT ON FUNCTION @extschema@.eur_mul(pg_catalog.int4, @extschema@.eur) IS 'implementation of integer * eur (exact)';
COMMENT ON FUNCTION @extschema@.eur_mul(pg_catalog.int8, @extschema@.eur) IS 'implementation of bigint * eur (exact)';
COMMENT ON FUNCTION @extschema@.eur_mul(pg_catalog.float8, @extschema@.eur) IS 'implementation of double precision * eur (rounded half away from zero to the cent)';
COMMENT ON FUNCTION @extschema@.eur_mul(pg_catalog.numeric, @extschema@.eur) IS 'implementation of numeric * eur (rounded half away from zero to the cent)';
COMMENT ON FUNCTION @extschema@.eur_div(@extschema@.eur, pg_catalog.int4) IS 'implementation of eur / integer (rounded half away from zero to the cent)';
COMMENT ON FUNCTION @extschema@.eur_div(@extschema@.eur, pg_catalog.int8) IS 'implementation of eur / bigint (rounded half away from zero to the cent)';
COMMENT ON FUNCTION @extschema@.eur_div(@extschema@.eur, pg_catalog.float8) IS 'implementation of eur / double precision (rounded half away from zero to the cent)';
COMMENT ON FUNCTION @extschema@.eur_div(@extschema@.eur, pg_catalog.numeric) IS 'implementation of eur / numeric (rounded half away from zero to the cent)';
COMMENT ON FUNCTION @extschema@.eur_div(@extschema@.eur, @extschema@.eur) IS 'implementation of eur / eur: the ratio of two amounts, as numeric';

CREATE OPERATOR @extschema@.+ (LEFTARG = @extschema@.eur, RIGHTARG = @extschema@.eur,
    FUNCTION = @extschema@.eur_pl, COMMUTATOR = OPERATOR(@extschema@.+));
CREATE OPERATOR @extschema@.- (LEFTARG = @extschema@.eur, RIGHTARG = @extschema@.eur,
    FUNCTION = @extschema@.eur_mi);
CREATE OPERATOR @extschema@.- (RIGHTARG = @extschema@.eur, FUNCTION = @extschema@.eur_um);
CREATE OPERATOR @extschema@.* (LEFTARG = @extschema@.eur, RIGHTARG = pg_catalog.int4,
    FUNCTION = @extschema@.eur_mul, COMMUTATOR = OPERATOR(@extschema@.*));
CREATE OPERATOR @extschema@.* (LEFTARG = @extschema@.eur, RIGHTARG = pg_catalog.int8,
    FUNCTION = @extschema@.eur_mul, COMMUTATOR = OPERATOR(@extschema@.*));
CREATE OPERATOR @extschema@.* (LEFTARG = @extschema@.eur, RIGHTARG = pg_catalog.float8,
    FUNCTION = @extschema@.eur_mul, COMMUTATOR = OPERATOR(@extschema@.*));
CREATE OPERATOR @extschema@.* (LEFTARG = @extschema@.eur, RIGHTARG = pg_catalog.numeric,
    FUNCTION = @extschema@.eur_mul, COMMUTATOR = OPERATOR(@extschema@.*));
CREATE OPERATOR @extschema@.* (LEFTARG = pg_catalog.int4, RIGHTARG = @extschema@.eur,
    FUNCTION = @extschema@.eur_mul, COMMUTATOR = OPERATOR(@extschema@.*));
CREATE OPERATOR @extschema@.* (LEFTARG = pg_catalog.int8, RIGHTARG = @extschema@.eur,
    FUNCTION = @extschema@.eur_mul, COMMUTATOR = OPERATOR(@extschema@.*));
CREATE OPERATOR @extschema@.* (LEFTARG = pg_catalog.float8, RIGHTARG = @extschema@.eur,
    FUNCTION = @extschema@.eur_mul, COMMUTATOR = OPERATOR(@extschema@.*));
CREATE OPERATOR @extschema@.* (LEFTARG = pg_catalog.numeric, RIGHTARG = @extschema@.eur,
    FUNCTION = @extschema@.eur_mul, COMMUTATOR = OPERATOR(@extschema@.*));
CREATE OPERATOR @extschema@./ (LEFTARG = @extschema@.eur, RIGHTARG = pg_catalog.int4,
    FUNCTION = @extschema@.eur_div);
CREATE OPERATOR @extschema@./ (LEFTARG = @extschema@.eur, RIGHTARG = pg_catalog.int8,
    FUNCTION = @extschema@.eur_div);
CREATE OPERATOR @extschema@./ (LEFTARG = @extschema@.eur, RIGHTARG = pg_catalog.float8,
    FUNCTION = @extschema@.eur_div);
CREATE OPERATOR @extschema@./ (LEFTARG = @extschema@.eur, RIGHTARG = pg_catalog.numeric,
    FUNCTION = @extschema@.eur_div);
CREATE OPERATOR @extschema@./ (LEFTARG = @extschema@.eur, RIGHTARG = @extschema@.eur,
    FUNCTION = @extschema@.eur_div);

COMMENT ON OPERATOR @extschema@.+ (@extschema@.eur, @extschema@.eur) IS 'sum of two amounts (22003 on overflow)';
COMMENT ON OPERATOR @extschema@.- (@extschema@.eur, @extschema@.eur) IS 'difference of two amounts (22003 on overflow)';
COMMENT ON OPERATOR @extschema@.- (NONE, @extschema@.eur) IS 'negated amount';
COMMENT ON OPERATOR @extschema@.* (@extschema@.eur, pg_catalog.int4) IS 'amount times a count (exact)';
COMMENT ON OPERATOR @extschema@.* (@extschema@.eur, pg_catalog.int8) IS 'amount times a count (exact)';
COMMENT ON OPERATOR @extschema@.* (@extschema@.eur, pg_catalog.float8) IS 'amount times a factor, rounded half away from zero to the cent';
COMMENT ON OPERATOR @extschema@.* (@extschema@.eur, pg_catalog.numeric) IS 'amount times a factor, rounded half away from zero to the cent';
COMMENT ON OPERATOR @extschema@.* (pg_catalog.int4, @extschema@.eur) IS 'count times an amount (exact)';
COMMENT ON OPERATOR @extschema@.* (pg_catalog.int8, @extschema@.eur) IS 'count times an amount (exact)';
COMMENT ON OPERATOR @extschema@.* (pg_catalog.float8, @extschema@.eur) IS 'factor times an amount, rounded half away from zero to the cent';
COMMENT ON OPERATOR @extschema@.* (pg_catalog.numeric, @extschema@.eur) IS 'factor times an amount, rounded half away from zero to the cent';
COMMENT ON OPERATOR @extschema@./ (@extschema@.eur, pg_catalog.int4) IS 'amount divided by a count, rounded half away from zero to the cent';
COMMENT ON OPERATOR @extschema@./ (@extschema@.eur, pg_catalog.int8) IS 'amount divided by a count, rounded half away from zero to the cent';
COMMENT ON OPERATOR @extschema@./ (@extschema@.eur, pg_catalog.float8) IS 'amount divided by a factor, rounded half away from zero to the cent';
COMMENT ON OPERATOR @extschema@./ (@extschema@.eur, pg_catalog.numeric) IS 'amount divided by a factor, rounded half away from zero to the cent';
COMMENT ON OPERATOR @extschema@./ (@extschema@.eur, @extschema@.eur) IS 'ratio of two amounts, as numeric';

-- casts ---------------------------------------------------------------
CREATE FUNCTION @extschema@.eur(pg_catalog.numeric) RETURNS @extschema@.eur
    AS 'MODULE_PATHNAME', 'eur_from_numeric' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.eur(pg_catalog.int4) RETURNS @extschema@.eur
    AS 'MODULE_PATHNAME', 'eur_from_int4' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.eur(pg_catalog.int8) RETURNS @extschema@.eur
    AS 'MODULE_PATHNAME', 'eur_from_int8' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.numeric(@extschema@.eur) RETURNS pg_catalog.numeric
    AS 'MODULE_PATHNAME', 'eur_to_numeric' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.eur(pg_catalog.numeric) IS 'amount of euros, rounded half away from zero to the cent';
COMMENT ON FUNCTION @extschema@.eur(pg_catalog.int4) IS 'whole euros as an amount';
COMMENT ON FUNCTION @extschema@.eur(pg_catalog.int8) IS 'whole euros as an amount (22003 beyond the range)';
COMMENT ON FUNCTION @extschema@.numeric(@extschema@.eur) IS 'amount in euros as numeric with 2 decimals (exact)';
CREATE CAST (pg_catalog.numeric AS @extschema@.eur) WITH FUNCTION @extschema@.eur(pg_catalog.numeric) AS ASSIGNMENT;
CREATE CAST (pg_catalog.int4 AS @extschema@.eur) WITH FUNCTION @extschema@.eur(pg_catalog.int4) AS ASSIGNMENT;
CREATE CAST (pg_catalog.int8 AS @extschema@.eur) WITH FUNCTION @extschema@.eur(pg_catalog.int8) AS ASSIGNMENT;
CREATE CAST (@extschema@.eur AS pg_catalog.numeric) WITH FUNCTION @extschema@.numeric(@extschema@.eur) AS ASSIGNMENT;
COMMENT ON CAST (pg_catalog.numeric AS @extschema@.eur) IS 'rounds half away from zero to the cent';
COMMENT ON CAST (pg_catalog.int4 AS @extschema@.eur) IS 'whole euros';
COMMENT ON CAST (pg_catalog.int8 AS @extschema@.eur) IS 'whole euros';
COMMENT ON CAST (@extschema@.eur AS pg_catalog.numeric) IS 'exact, 2 decimals';

-- sum() and avg() -----------------------------------------------------
CREATE TYPE @extschema@.eur_sum_state;
CREATE FUNCTION @extschema@.eur_sum_state_in(pg_catalog.cstring) RETURNS @extschema@.eur_sum_state
    AS 'MODULE_PATHNAME', 'eur_sum_state_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.eur_sum_state_out(@extschema@.eur_sum_state) RETURNS pg_catalog.cstring
    AS 'MODULE_PATHNAME', 'eur_sum_state_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.eur_sum_state_recv(pg_catalog.internal) RETURNS @extschema@.eur_sum_state
    AS 'MODULE_PATHNAME', 'eur_sum_state_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.eur_sum_state_send(@extschema@.eur_sum_state) RETURNS pg_catalog.bytea
    AS 'MODULE_PATHNAME', 'eur_sum_state_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE TYPE @extschema@.eur_sum_state (
    INPUT = @extschema@.eur_sum_state_in, OUTPUT = @extschema@.eur_sum_state_out,
    RECEIVE = @extschema@.eur_sum_state_recv, SEND = @extschema@.eur_sum_state_send,
    INTERNALLENGTH = 24, ALIGNMENT = double, STORAGE = plain);
COMMENT ON TYPE @extschema@.eur_sum_state IS 'partial state of sum(eur) and avg(eur): (sum in cents, count), summed in 128 bits so that no intermediate total overflows';
COMMENT ON FUNCTION @extschema@.eur_sum_state_in(pg_catalog.cstring) IS 'text input of eur_sum_state: (sum_cents,count)';
COMMENT ON FUNCTION @extschema@.eur_sum_state_out(@extschema@.eur_sum_state) IS 'text output of eur_sum_state: (sum_cents,count)';
COMMENT ON FUNCTION @extschema@.eur_sum_state_recv(pg_catalog.internal) IS 'binary input of eur_sum_state (version byte, sum high, sum low, count)';
COMMENT ON FUNCTION @extschema@.eur_sum_state_send(@extschema@.eur_sum_state) IS 'binary output of eur_sum_state';

CREATE FUNCTION @extschema@.eur_sum_accum(@extschema@.eur_sum_state, @extschema@.eur) RETURNS @extschema@.eur_sum_state
    AS 'MODULE_PATHNAME', 'eur_sum_accum' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.eur_sum_combine(@extschema@.eur_sum_state, @extschema@.eur_sum_state) RETURNS @extschema@.eur_sum_state
    AS 'MODULE_PATHNAME', 'eur_sum_combine' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.eur_sum_final(@extschema@.eur_sum_state) RETURNS @extschema@.eur
    AS 'MODULE_PATHNAME', 'eur_sum_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.eur_avg_final(@extschema@.eur_sum_state) RETURNS @extschema@.eur
    AS 'MODULE_PATHNAME', 'eur_avg_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.eur_sum_accum(@extschema@.eur_sum_state, @extschema@.eur) IS 'sum(eur) and avg(eur) transition: adds one amount';
COMMENT ON FUNCTION @extschema@.eur_sum_combine(@extschema@.eur_sum_state, @extschema@.eur_sum_state) IS 'sum(eur) and avg(eur) combine: adds two partial states (parallel query, Citus)';
COMMENT ON FUNCTION @extschema@.eur_sum_final(@extschema@.eur_sum_state) IS 'sum(eur) final: the total, NULL for no rows, 22003 beyond the eur range';
COMMENT ON FUNCTION @extschema@.eur_avg_final(@extschema@.eur_sum_state) IS 'avg(eur) final: the mean rounded half away from zero to the cent, NULL for no rows';

CREATE AGGREGATE @extschema@.sum(@extschema@.eur) (
    SFUNC = @extschema@.eur_sum_accum, STYPE = @extschema@.eur_sum_state, INITCOND = '(0,0)',
    COMBINEFUNC = @extschema@.eur_sum_combine, FINALFUNC = @extschema@.eur_sum_final,
    PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.avg(@extschema@.eur) (
    SFUNC = @extschema@.eur_sum_accum, STYPE = @extschema@.eur_sum_state, INITCOND = '(0,0)',
    COMBINEFUNC = @extschema@.eur_sum_combine, FINALFUNC = @extschema@.eur_avg_final,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.sum(@extschema@.eur) IS 'exact total of amounts (128-bit intermediate; 22003 if the total is beyond the eur range)';
COMMENT ON AGGREGATE @extschema@.avg(@extschema@.eur) IS 'mean amount, rounded half away from zero to the cent';

-- ======================================================================
-- Reference geography: the COG as published by Etalab in the npm package
-- @etalab/decoupage-administratif (regions, départements, communes, EPCI
-- and EPT with their members), loaded by terrind.load_cog (loaders.sql).
-- Foreign keys inside the set are deferred so that a load can replace it
-- in one transaction.
-- ======================================================================
CREATE TABLE @extschema@.region (
    code text PRIMARY KEY CONSTRAINT region_code_form CHECK (code ~ '^([0-9]{2}|9[78][0-9])$'),
    name text NOT NULL CHECK (name <> ''),
    zone text NOT NULL CHECK (zone IN ('metro', 'drom', 'com')),
    chef_lieu @extschema@.commune_code,
    cog_year int NOT NULL CHECK (cog_year BETWEEN 1943 AND 2200)
);
COMMENT ON TABLE @extschema@.region IS 'regions (INSEE codes since 2016) and, as the COG package lists them, collectivités d''outre-mer (975, 977, 978, 984, 986-989)';
COMMENT ON COLUMN @extschema@.region.code IS 'INSEE region code (2 digits), or the code of a collectivité d''outre-mer (3 digits)';
COMMENT ON COLUMN @extschema@.region.zone IS 'metro (metropolitan France), drom (overseas region) or com (collectivité d''outre-mer)';
COMMENT ON COLUMN @extschema@.region.chef_lieu IS 'commune code of the regional capital';
COMMENT ON COLUMN @extschema@.region.cog_year IS 'COG year the row was loaded from';

CREATE TABLE @extschema@.departement (
    code text PRIMARY KEY CONSTRAINT departement_code_form CHECK (code ~ '^([0-9]{2}|2[AB]|9[78][0-9])$'),
    name text NOT NULL CHECK (name <> ''),
    region text NOT NULL REFERENCES @extschema@.region DEFERRABLE INITIALLY DEFERRED,
    zone text NOT NULL CHECK (zone IN ('metro', 'drom', 'com')),
    chef_lieu @extschema@.commune_code,
    cog_year int NOT NULL CHECK (cog_year BETWEEN 1943 AND 2200),
    UNIQUE (code, region)
);
COMMENT ON TABLE @extschema@.departement IS 'départements (and collectivités d''outre-mer) with their region';
COMMENT ON COLUMN @extschema@.departement.region IS 'code of the region the département belongs to';
COMMENT ON COLUMN @extschema@.departement.chef_lieu IS 'commune code of the préfecture';
COMMENT ON COLUMN @extschema@.departement.cog_year IS 'COG year the row was loaded from';

CREATE TABLE @extschema@.commune (
    code @extschema@.commune_code NOT NULL,
    type text NOT NULL CHECK (type IN ('commune-actuelle', 'commune-deleguee', 'commune-associee', 'arrondissement-municipal')),
    name text NOT NULL CHECK (name <> ''),
    departement text NOT NULL,
    region text NOT NULL,
    parent @extschema@.commune_code,
    siren @extschema@.siren,
    population int CHECK (population >= 0),
    postal_codes text[],
    cog_year int NOT NULL CHECK (cog_year BETWEEN 1943 AND 2200),
    PRIMARY KEY (code, type),
    FOREIGN KEY (departement, region) REFERENCES @extschema@.departement (code, region) DEFERRABLE INITIALLY DEFERRED,
    -- an associated commune may lie in another département than its code says
    CONSTRAINT commune_in_its_departement
        CHECK (type = 'commune-associee' OR departement = @extschema@.departement_of(code)),
    CONSTRAINT commune_parent CHECK ((type = 'commune-actuelle') = (parent IS NULL))
);
CREATE UNIQUE INDEX commune_siren_key ON @extschema@.commune (siren) WHERE type = 'commune-actuelle';
COMMENT ON TABLE @extschema@.commune IS 'communes of every COG type: current communes, delegated and associated communes, municipal arrondissements (Paris, Lyon, Marseille)';
COMMENT ON COLUMN @extschema@.commune.type IS 'commune-actuelle, commune-deleguee, commune-associee or arrondissement-municipal; a code may appear once per type';
COMMENT ON COLUMN @extschema@.commune.parent IS 'for a delegated or associated commune its chef-lieu commune, for an arrondissement its commune; NULL for a current commune';
COMMENT ON COLUMN @extschema@.commune.siren IS 'SIREN of the commune (current communes; communes nouvelles have 200… SIRENs)';
COMMENT ON COLUMN @extschema@.commune.population IS 'population municipale (INSEE), NULL where the COG gives none';
COMMENT ON COLUMN @extschema@.commune.postal_codes IS 'postal codes (La Poste), as listed by the COG package';
COMMENT ON COLUMN @extschema@.commune.cog_year IS 'COG year the row was loaded from';

CREATE TABLE @extschema@.groupement (
    siren @extschema@.siren PRIMARY KEY,
    name text NOT NULL CHECK (name <> ''),
    nature text NOT NULL CHECK (nature IN ('CC', 'CA', 'CU', 'METRO', 'MET69', 'EPT')),
    financing text CHECK (financing IN ('FPU', 'FA')),
    population_totale int CHECK (population_totale >= 0),
    population_municipale int CHECK (population_municipale >= 0),
    cog_year int NOT NULL CHECK (cog_year BETWEEN 1943 AND 2200)
);
COMMENT ON TABLE @extschema@.groupement IS 'intercommunalités à fiscalité propre (EPCI: CC, CA, CU, METRO, MET69) and établissements publics territoriaux of the Paris métropole (EPT)';
COMMENT ON COLUMN @extschema@.groupement.nature IS 'CC, CA, CU, METRO, MET69 or EPT';
COMMENT ON COLUMN @extschema@.groupement.financing IS 'fiscal regime: FPU (fiscalité professionnelle unique) or FA (fiscalité additionnelle); NULL for EPT';
COMMENT ON COLUMN @extschema@.groupement.cog_year IS 'COG year the row was loaded from';

CREATE TABLE @extschema@.groupement_member (
    groupement @extschema@.siren NOT NULL REFERENCES @extschema@.groupement ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    commune @extschema@.commune_code NOT NULL,
    commune_type text NOT NULL DEFAULT 'commune-actuelle' CHECK (commune_type = 'commune-actuelle'),
    name text NOT NULL,
    population_totale int CHECK (population_totale >= 0),
    population_municipale int CHECK (population_municipale >= 0),
    PRIMARY KEY (groupement, commune),
    FOREIGN KEY (commune, commune_type) REFERENCES @extschema@.commune (code, type) DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX groupement_member_commune_idx ON @extschema@.groupement_member (commune);
COMMENT ON TABLE @extschema@.groupement_member IS 'the current communes each EPCI or EPT is made of';
COMMENT ON COLUMN @extschema@.groupement_member.commune_type IS 'always commune-actuelle: lets the foreign key reach the commune table';

SELECT pg_catalog.pg_extension_config_dump('terrind.region', '');
SELECT pg_catalog.pg_extension_config_dump('terrind.departement', '');
SELECT pg_catalog.pg_extension_config_dump('terrind.commune', '');
SELECT pg_catalog.pg_extension_config_dump('terrind.groupement', '');
SELECT pg_catalog.pg_extension_config_dump('terrind.groupement_member', '');

-- ======================================================================
-- Territoires d'industrie by phase: territories keyed by (phase, id), their
-- members (groupements by SIREN) and, from the per-commune file, their
-- communes.  Members are not foreign keys to the COG on purpose: a SIREN
-- gone stale after an EPCI merger is a finding of check_territories, not a
-- reason to refuse ANCT's list.
-- ======================================================================
CREATE TABLE @extschema@.phase (
    phase text PRIMARY KEY,
    first_year int NOT NULL,
    last_year int NOT NULL,
    label text NOT NULL,
    CONSTRAINT phase_is_its_years CHECK (phase = first_year || '-' || last_year AND last_year >= first_year)
);
COMMENT ON TABLE @extschema@.phase IS 'phases of the programme; territories, members and needs are keyed by phase';
COMMENT ON COLUMN @extschema@.phase.phase IS 'first and last year, ''2018-2022'' or ''2023-2027''';
INSERT INTO @extschema@.phase VALUES
    ('2018-2022', 2018, 2022, 'Phase 1: 124 territories announced on 22 November 2018 (149 by the end of 2022); needs recruter, innover, attirer, simplifier'),
    ('2023-2027', 2023, 2027, 'Phase 2: 183 territories chosen by a call for applications (630 intercommunalités); priorities compétences, innovation, transition écologique, foncier');

CREATE TABLE @extschema@.territory (
    phase text NOT NULL REFERENCES @extschema@.phase,
    id @extschema@.ti_code NOT NULL,
    name text NOT NULL CHECK (btrim(name) <> ''),
    lead_region text NOT NULL GENERATED ALWAYS AS (@extschema@.lead_region(id)) STORED,
    PRIMARY KEY (phase, id)
);
COMMENT ON TABLE @extschema@.territory IS 'Territoires d''industrie; the same id is reused across phases for different territories, so the key is (phase, id)';
COMMENT ON COLUMN @extschema@.territory.lead_region IS 'INSEE code of the lead region, from the id (ti-RRNN)';

CREATE TABLE @extschema@.territory_member (
    phase text NOT NULL,
    territory_id @extschema@.ti_code NOT NULL,
    siren @extschema@.siren NOT NULL,
    name text NOT NULL CHECK (btrim(name) <> ''),
    nature text NOT NULL CHECK (nature IN ('COM', 'EPT', 'CC', 'CA', 'CU', 'METRO', 'MET69')),
    PRIMARY KEY (phase, territory_id, siren),
    FOREIGN KEY (phase, territory_id) REFERENCES @extschema@.territory ON DELETE CASCADE
);
CREATE INDEX territory_member_siren_idx ON @extschema@.territory_member (siren);
COMMENT ON TABLE @extschema@.territory_member IS 'members of each territory (ANCT''s per-member file): EPCI, EPT or single communes, by SIREN';
COMMENT ON COLUMN @extschema@.territory_member.nature IS 'nature juridique: COM (a commune), EPT, CC, CA, CU, METRO or MET69';

CREATE TABLE @extschema@.territory_commune (
    phase text NOT NULL,
    commune @extschema@.commune_code NOT NULL,
    territory_id @extschema@.ti_code NOT NULL,
    commune_name text NOT NULL,
    PRIMARY KEY (phase, commune, territory_id),
    FOREIGN KEY (phase, territory_id) REFERENCES @extschema@.territory ON DELETE CASCADE
);
CREATE INDEX territory_commune_territory_idx ON @extschema@.territory_commune (phase, territory_id);
COMMENT ON TABLE @extschema@.territory_commune IS 'communes of each territory (ANCT''s per-commune file); a commune may belong to two territories';

SELECT pg_catalog.pg_extension_config_dump('terrind.territory', '');
SELECT pg_catalog.pg_extension_config_dump('terrind.territory_member', '');
SELECT pg_catalog.pg_extension_config_dump('terrind.territory_commune', '');
SELECT pg_catalog.pg_extension_config_dump('terrind.phase',
    'WHERE phase NOT IN (''2018-2022'', ''2023-2027'')');

-- Every commune a territory covers through its members: the communes of
-- its EPCI and EPT, and its single-commune members.
CREATE VIEW @extschema@.territory_coverage AS
SELECT m.phase, m.territory_id, c.code AS commune, c.name AS commune_name,
       c.departement, c.region, c.population, m.siren AS through_member
FROM @extschema@.territory_member m
JOIN @extschema@.groupement_member gm ON gm.groupement OPERATOR(@extschema@.=) m.siren
JOIN @extschema@.commune c ON c.code OPERATOR(@extschema@.=) gm.commune AND c.type = gm.commune_type
UNION ALL
SELECT m.phase, m.territory_id, c.code, c.name, c.departement, c.region, c.population, m.siren
FROM @extschema@.territory_member m
JOIN @extschema@.commune c ON c.siren OPERATOR(@extschema@.=) m.siren AND c.type = 'commune-actuelle';
COMMENT ON VIEW @extschema@.territory_coverage IS 'each commune covered by a territory, with the member (EPCI, EPT or commune SIREN) it comes through; needs the COG loaded';

-- A territory's population per region: region_shares and funding_by_region
-- split by it, so both count each commune once, alike.
CREATE VIEW @extschema@.territory_region_population AS
SELECT x.phase, x.territory_id, x.region, count(*) AS communes, sum(x.population)::bigint AS population
FROM (SELECT DISTINCT v.phase, v.territory_id, v.commune, v.region, v.population
      FROM @extschema@.territory_coverage v) x
GROUP BY x.phase, x.territory_id, x.region;
COMMENT ON VIEW @extschema@.territory_region_population IS 'communes covered by each territory per region (counted once) and their population (NULL where the COG gives none); needs the COG loaded';

CREATE VIEW @extschema@.territory_summary AS
WITH covered AS (
    SELECT DISTINCT phase, territory_id, commune, departement, region, population
    FROM @extschema@.territory_coverage
), per_territory AS (
    SELECT phase, territory_id,
           sum(population)::bigint AS population,
           array_agg(DISTINCT region ORDER BY region) AS regions,
           array_agg(DISTINCT departement ORDER BY departement) AS departements
    FROM covered GROUP BY phase, territory_id
)
SELECT t.phase, t.id::text AS id, t.name, t.lead_region, r.name AS lead_region_name,
       (SELECT count(*) FROM @extschema@.territory_member m
        WHERE m.phase = t.phase AND m.territory_id OPERATOR(@extschema@.=) t.id) AS member_count,
       coalesce(p.population, 0) AS population,
       coalesce(p.regions, '{}') AS regions,
       coalesce(p.departements, '{}') AS departements
FROM @extschema@.territory t
LEFT JOIN @extschema@.region r ON r.code = t.lead_region
LEFT JOIN per_territory p ON p.phase = t.phase AND p.territory_id OPERATOR(@extschema@.=) t.id;
COMMENT ON VIEW @extschema@.territory_summary IS 'one row per territory with plain column types for BI tools: members, population of the communes covered (counted once), regions and départements spanned';

CREATE FUNCTION @extschema@.check_territories(phase text)
RETURNS TABLE (finding text, territory_id text, subject text, detail text)
LANGUAGE sql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
    -- members the loaded COG does not know: typically SIRENs gone stale after a merger
    SELECT 'member absent from the COG', m.territory_id::text, m.siren::text,
           format('%s (%s) is neither an EPCI, an EPT nor a commune of the loaded COG%s',
                  m.name, m.nature,
                  coalesce(' ' || (SELECT max(cog_year)::text FROM groupement), ''))
    FROM territory_member m
    WHERE m.phase = $1
      AND NOT EXISTS (SELECT 1 FROM groupement g WHERE g.siren = m.siren)
      AND NOT EXISTS (SELECT 1 FROM commune c WHERE c.siren = m.siren AND c.type = 'commune-actuelle')
    UNION ALL
    -- the file says one nature, the COG another
    SELECT 'member nature differs from the COG', m.territory_id::text, m.siren::text,
           format('%s is %s in the list but %s in the COG', m.name, m.nature, g.nature)
    FROM territory_member m JOIN groupement g ON g.siren = m.siren
    WHERE m.phase = $1 AND m.nature <> g.nature
    UNION ALL
    SELECT 'territory spans several regions', s.id, array_to_string(s.regions, ', '),
           format('%s lies in %s regions: %s', s.name, cardinality(s.regions), array_to_string(s.regions, ', '))
    FROM territory_summary s
    WHERE s.phase = $1 AND cardinality(s.regions) > 1
    UNION ALL
    SELECT 'lead region holds none of its members', s.id, s.lead_region,
           format('%s is led by region %s but its communes lie in %s', s.name, s.lead_region,
                  array_to_string(s.regions, ', '))
    FROM territory_summary s
    WHERE s.phase = $1 AND cardinality(s.regions) > 0 AND NOT s.lead_region = ANY (s.regions)
    UNION ALL
    -- communes in two territories, through members or in the per-commune list
    SELECT 'commune in several territories', NULL, x.commune::text,
           format('%s is in %s', x.name, string_agg(DISTINCT x.territory_id::text, ', ' ORDER BY x.territory_id::text))
    FROM (SELECT commune, commune_name AS name, territory_id FROM territory_coverage WHERE phase = $1
          UNION
          SELECT commune, commune_name, territory_id FROM territory_commune WHERE phase = $1) x
    GROUP BY x.commune, x.name
    HAVING count(DISTINCT x.territory_id) > 1
    UNION ALL
    -- per-commune list and members disagree (only once the COG is loaded)
    SELECT 'commune listed but not covered by the members', tc.territory_id::text, tc.commune::text,
           format('%s is listed for %s but none of its members contains it', tc.commune_name, tc.territory_id)
    FROM territory_commune tc
    WHERE tc.phase = $1
      AND EXISTS (SELECT 1 FROM commune)
      AND NOT EXISTS (SELECT 1 FROM territory_coverage v
                      WHERE v.phase = tc.phase AND v.territory_id = tc.territory_id AND v.commune = tc.commune)
    ORDER BY 1, 2, 3
$$;
COMMENT ON FUNCTION @extschema@.check_territories(text) IS 'findings to know before trusting figures for a phase: members absent from the COG (stale SIRENs), natures that differ, territories spanning regions or led by a region holding none of their communes, communes in several territories, listed communes no member covers';

-- ======================================================================
-- Loaders for the files people download: the COG JSON of
-- @etalab/decoupage-administratif and ANCT's territory CSV files.  Each
-- loader checks everything first and either loads all or nothing; a
-- rejected load lists every bad row with its line (or element) number.
-- Loaders are not granted to PUBLIC: whoever may change reference data
-- gets EXECUTE on them (and INSERT, UPDATE, DELETE on the tables).
-- ======================================================================
CREATE FUNCTION @extschema@.csv_records(csv text)
RETURNS TABLE (line int, fields text[])
AS 'MODULE_PATHNAME', 'csv_records' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.csv_records(text) IS 'records of a CSV text (UTF-8 BOM or not, CRLF or LF, comma, semicolon or tab separators, quoted fields) with the physical line each starts on; the header is the first record';

CREATE FUNCTION @extschema@.input_error(value text, type regtype)
RETURNS text
AS 'MODULE_PATHNAME', 'input_error' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.input_error(text, regtype) IS 'why value is not valid input for a terrind type (siren, siret, commune_code, ti_code, eur, need), or NULL if it is; never raises for a bad value';

CREATE FUNCTION @extschema@.csv_columns(csv text, columns text[])
RETURNS TABLE (line int, field_count int, header_count int, v text[])
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
DECLARE
    header text[];
    header_line int;
    wanted text;
    pos int;
    positions int[] := '{}';
BEGIN
    SELECT r.line, r.fields INTO header_line, header FROM csv_records(csv) r ORDER BY r.line LIMIT 1;
    IF header IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = '22P02', MESSAGE = 'empty CSV: expected a header line';
    END IF;
    header := ARRAY(SELECT lower(btrim(h)) FROM unnest(header) h);
    FOREACH wanted IN ARRAY columns LOOP
        SELECT min(array_position(header, lower(name))) INTO pos
        FROM unnest(string_to_array(ltrim(wanted, '?'), '|')) name;
        IF pos IS NULL AND left(wanted, 1) <> '?' THEN
            RAISE EXCEPTION USING ERRCODE = '22P02',
                MESSAGE = format('CSV header (line %s) has no column %s', header_line,
                                 replace(ltrim(wanted, '?'), '|', ' or ')),
                DETAIL = format('The header holds: %s.', array_to_string(header, ', '));
        END IF;
        positions := positions || pos;
    END LOOP;
    RETURN QUERY
        SELECT r.line, cardinality(r.fields), cardinality(header),
               ARRAY(SELECT nullif(btrim(r.fields[i]), '') FROM unnest(positions) WITH ORDINALITY u(i, o) ORDER BY o)
        FROM csv_records(csv) r
        WHERE r.line > header_line
        ORDER BY r.line;
END $$;
COMMENT ON FUNCTION @extschema@.csv_columns(text, text[]) IS 'data records of a CSV text as arrays of the wanted columns, found by header name (case-insensitive; ''a|b'' accepts either name, a leading ''?'' marks an optional column); values trimmed, empty as NULL';

-- Raise the rejection of a whole load, listing every problem (DETAIL).
CREATE FUNCTION @extschema@.reject_load(loader text, problems text[], total bigint, duplicates_only boolean)
RETURNS void
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
BEGIN
    IF cardinality(problems) > 0 THEN
        RAISE EXCEPTION USING
            ERRCODE = CASE WHEN duplicates_only THEN '23505' ELSE '22P02' END,
            MESSAGE = format('%s: %s problem%s in %s rows, nothing loaded', loader, cardinality(problems),
                             CASE WHEN cardinality(problems) > 1 THEN 's' ELSE '' END, total),
            DETAIL = array_to_string(problems, E'\n'),
            HINT = 'Line numbers count the header as line 1.  Fix the rows listed and load the whole file again.';
    END IF;
END $$;
COMMENT ON FUNCTION @extschema@.reject_load(text, text[], bigint, boolean) IS 'used by the loaders: raise 22P02 (23505 when every problem is a duplicate) listing every problem, if there is any';

CREATE FUNCTION @extschema@.require_phase(phase text)
RETURNS void
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM terrind.phase p WHERE p.phase = require_phase.phase) THEN
        RAISE EXCEPTION USING ERRCODE = '22023',
            MESSAGE = format('unknown phase %L', phase),
            DETAIL = format('Known phases: %s.', (SELECT string_agg(p.phase, ', ' ORDER BY p.phase) FROM terrind.phase p));
    END IF;
END $$;
COMMENT ON FUNCTION @extschema@.require_phase(text) IS 'raise 22023 unless the phase is one of terrind.phase';

CREATE FUNCTION @extschema@.load_territories(phase text, csv text)
RETURNS TABLE (item text, loaded bigint)
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
DECLARE
    p constant text := load_territories.phase;
    problems text[];
    duplicates_only boolean;
    total bigint;
BEGIN
    IF p IS NULL OR csv IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = '22004', MESSAGE = 'load_territories: phase and csv must not be NULL';
    END IF;
    PERFORM require_phase(p);
    PERFORM pg_advisory_xact_lock(hashtext('terrind.load_territories'), hashtext(p));

    IF to_regclass('pg_temp.terrind_member_rows') IS NOT NULL THEN
        DROP TABLE pg_temp.terrind_member_rows;
    END IF;
    CREATE TEMP TABLE terrind_member_rows ON COMMIT DROP AS
    SELECT c.line, c.field_count, c.header_count,
           c.v[1] AS id, c.v[2] AS territory_name, c.v[3] AS siren, c.v[4] AS member_name, c.v[5] AS nature,
           input_error(c.v[1], 'terrind.ti_code') AS id_error,
           input_error(c.v[3], 'terrind.siren') AS siren_error
    FROM csv_columns(csv, ARRAY['id_ti|id_territoire', 'lib_ti|lib_territoire', 'siren_groupement|siren',
                                'lib_groupement|nom_groupement', '?nature_juridique|nature']) c;
    -- a missing nature is taken from the COG when the SIREN is known there
    UPDATE pg_temp.terrind_member_rows r
    SET nature = coalesce((SELECT g.nature FROM groupement g WHERE g.siren = r.siren::siren),
                          (SELECT 'COM' FROM commune c WHERE c.siren = r.siren::siren AND c.type = 'commune-actuelle'))
    WHERE r.nature IS NULL AND r.siren_error IS NULL AND r.siren IS NOT NULL;

    SELECT count(*) INTO total FROM pg_temp.terrind_member_rows;
    WITH valid AS (
        SELECT r.*, r.id::ti_code AS tid, r.siren::siren AS sid
        FROM pg_temp.terrind_member_rows r
        WHERE r.field_count = r.header_count AND r.id_error IS NULL AND r.siren_error IS NULL
          AND r.id IS NOT NULL AND r.siren IS NOT NULL
    ), problem AS (
        SELECT line, false AS duplicate, format('%s fields, expected %s as in the header', field_count, header_count) AS what
        FROM pg_temp.terrind_member_rows WHERE field_count <> header_count
        UNION ALL
        SELECT line, false, CASE WHEN id IS NULL THEN 'id_ti is empty' ELSE 'id_ti: ' || id_error END
        FROM pg_temp.terrind_member_rows WHERE field_count = header_count AND (id IS NULL OR id_error IS NOT NULL)
        UNION ALL
        SELECT line, false, CASE WHEN siren IS NULL THEN 'siren_groupement is empty' ELSE 'siren_groupement: ' || siren_error END
        FROM pg_temp.terrind_member_rows WHERE field_count = header_count AND (siren IS NULL OR siren_error IS NOT NULL)
        UNION ALL
        SELECT line, false, CASE WHEN nature IS NULL
                                 THEN format('nature_juridique is empty and SIREN %s is not in the loaded COG', siren)
                                 ELSE format('nature_juridique %L: expected COM, EPT, CC, CA, CU, METRO or MET69', nature) END
        FROM pg_temp.terrind_member_rows
        WHERE field_count = header_count AND siren_error IS NULL
          AND (nature IS NULL OR nature NOT IN ('COM', 'EPT', 'CC', 'CA', 'CU', 'METRO', 'MET69'))
        UNION ALL
        SELECT line, false, 'lib_ti is empty' FROM pg_temp.terrind_member_rows
        WHERE field_count = header_count AND territory_name IS NULL
        UNION ALL
        SELECT line, false, 'lib_groupement is empty' FROM pg_temp.terrind_member_rows
        WHERE field_count = header_count AND member_name IS NULL
        UNION ALL
        SELECT line, true, format('member %s of %s already listed on line %s', sid, tid, first_line)
        FROM (SELECT line, sid, tid, min(line) OVER (PARTITION BY tid, sid) AS first_line FROM valid) d
        WHERE line > first_line
        UNION ALL
        SELECT line, false, format('%s is named %L here but %L on line %s', tid, territory_name, first_name, first_line)
        FROM (SELECT line, tid, territory_name,
                     first_value(territory_name) OVER w AS first_name, first_value(line) OVER w AS first_line
              FROM valid WHERE territory_name IS NOT NULL
              WINDOW w AS (PARTITION BY tid ORDER BY line)) n
        WHERE territory_name <> first_name
    )
    SELECT array_agg(format('line %s: %s', line, what) ORDER BY line, what), bool_and(duplicate)
    INTO problems, duplicates_only FROM problem;
    PERFORM reject_load(format('load_territories(%L)', p), problems, total, duplicates_only);

    -- a territory the new list drops must not take funding lines with it
    -- (terrind.funding, funding_lines.sql): refuse, naming every one
    SELECT array_agg(format('%s (%s): %s funding line%s, %s', t.id, t.name, f.lines,
                            CASE WHEN f.lines > 1 THEN 's' ELSE '' END, format_eur(f.amount)) ORDER BY t.id) INTO problems
    FROM territory t
    CROSS JOIN LATERAL (SELECT count(*) AS lines, sum(x.amount) AS amount FROM funding x
                        WHERE x.phase = p AND x.territory_id = t.id) f
    WHERE t.phase = p AND f.lines > 0
      AND NOT EXISTS (SELECT 1 FROM pg_temp.terrind_member_rows r WHERE r.id::ti_code = t.id);
    IF problems IS NOT NULL THEN
        RAISE EXCEPTION USING ERRCODE = '23503',
            MESSAGE = format('load_territories(%L): %s absent from the new list ha%s funding lines, nothing loaded', p,
                             CASE WHEN cardinality(problems) > 1 THEN cardinality(problems) || ' territories' ELSE '1 territory' END,
                             CASE WHEN cardinality(problems) > 1 THEN 've' ELSE 's' END),
            DETAIL = array_to_string(problems, E'\n'),
            HINT = 'Move their lines to the territories that succeed them (UPDATE terrind.funding SET territory_id = …) or delete them, then load the list again.';
    END IF;

    -- replace the phase's list: territories updated in place (their funding
    -- lines and commune lists stay attached), members replaced
    INSERT INTO territory (phase, id, name)
    SELECT DISTINCT ON (r.id::ti_code) p, r.id::ti_code, r.territory_name
    FROM pg_temp.terrind_member_rows r ORDER BY r.id::ti_code, r.line
    ON CONFLICT ON CONSTRAINT territory_pkey DO UPDATE SET name = EXCLUDED.name;
    GET DIAGNOSTICS total = ROW_COUNT;
    item := 'territories'; loaded := total; RETURN NEXT;

    DELETE FROM territory t
    WHERE t.phase = p AND NOT EXISTS (SELECT 1 FROM pg_temp.terrind_member_rows r WHERE r.id::ti_code = t.id);
    GET DIAGNOSTICS total = ROW_COUNT;
    item := 'territories removed'; loaded := total; RETURN NEXT;

    DELETE FROM territory_member m WHERE m.phase = p;
    INSERT INTO territory_member (phase, territory_id, siren, name, nature)
    SELECT p, r.id::ti_code, r.siren::siren, r.member_name, r.nature FROM pg_temp.terrind_member_rows r;
    GET DIAGNOSTICS total = ROW_COUNT;
    item := 'members'; loaded := total; RETURN NEXT;
END $$;
REVOKE EXECUTE ON FUNCTION @extschema@.load_territories(text, text) FROM PUBLIC;
COMMENT ON FUNCTION @extschema@.load_territories(text, text) IS 'load ANCT''s per-member list of a phase (liste-ti-grpt…csv: id_ti, lib_ti, siren_groupement, lib_groupement, nature_juridique), replacing that phase''s list; all or nothing, every bad row reported with its line; 23503 if territories the list drops have funding lines';

CREATE FUNCTION @extschema@.load_territory_communes(phase text, csv text)
RETURNS TABLE (item text, loaded bigint)
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
DECLARE
    p constant text := load_territory_communes.phase;
    problems text[];
    duplicates_only boolean;
    total bigint;
BEGIN
    IF p IS NULL OR csv IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = '22004', MESSAGE = 'load_territory_communes: phase and csv must not be NULL';
    END IF;
    PERFORM require_phase(p);
    PERFORM pg_advisory_xact_lock(hashtext('terrind.load_territories'), hashtext(p));

    IF to_regclass('pg_temp.terrind_commune_rows') IS NOT NULL THEN
        DROP TABLE pg_temp.terrind_commune_rows;
    END IF;
    CREATE TEMP TABLE terrind_commune_rows ON COMMIT DROP AS
    SELECT c.line, c.field_count, c.header_count, c.v[1] AS commune, c.v[2] AS commune_name, btrim(id) AS id,
           input_error(c.v[1], 'terrind.commune_code') AS commune_error,
           input_error(btrim(id), 'terrind.ti_code') AS id_error
    FROM csv_columns(csv, ARRAY['insee_com|code_insee|codgeo', 'lib_com|nom_com|libgeo', 'id_ti|id_territoire']) c
    LEFT JOIN LATERAL regexp_split_to_table(c.v[3], ';') id ON true;

    SELECT count(DISTINCT line) INTO total FROM pg_temp.terrind_commune_rows;
    WITH valid AS (
        SELECT r.*, r.commune::commune_code AS code, r.id::ti_code AS tid
        FROM pg_temp.terrind_commune_rows r
        WHERE r.field_count = r.header_count AND r.commune_error IS NULL AND r.id_error IS NULL
          AND r.commune IS NOT NULL AND r.id IS NOT NULL
    ), problem AS (
        SELECT DISTINCT line, false AS duplicate, format('%s fields, expected %s as in the header', field_count, header_count) AS what
        FROM pg_temp.terrind_commune_rows WHERE field_count <> header_count
        UNION ALL
        SELECT DISTINCT line, false, CASE WHEN commune IS NULL THEN 'insee_com is empty' ELSE 'insee_com: ' || commune_error END
        FROM pg_temp.terrind_commune_rows WHERE field_count = header_count AND (commune IS NULL OR commune_error IS NOT NULL)
        UNION ALL
        SELECT line, false, CASE WHEN coalesce(id, '') = '' THEN 'id_ti is empty' ELSE 'id_ti: ' || id_error END
        FROM pg_temp.terrind_commune_rows WHERE field_count = header_count AND (coalesce(id, '') = '' OR id_error IS NOT NULL)
        UNION ALL
        SELECT DISTINCT line, false, 'lib_com is empty' FROM pg_temp.terrind_commune_rows
        WHERE field_count = header_count AND commune_name IS NULL
        UNION ALL
        SELECT line, false, format('%s is not a territory of phase %s: load the per-member list first', tid, p)
        FROM valid v WHERE NOT EXISTS (SELECT 1 FROM territory t WHERE t.phase = p AND t.id = v.tid)
        UNION ALL
        SELECT line, true, format('commune %s in %s already listed on line %s', code, tid, first_line)
        FROM (SELECT line, code, tid, min(line) OVER (PARTITION BY code, tid) AS first_line FROM valid) d
        WHERE line > first_line
    )
    SELECT array_agg(format('line %s: %s', line, what) ORDER BY line, what), bool_and(duplicate)
    INTO problems, duplicates_only FROM problem;
    PERFORM reject_load(format('load_territory_communes(%L)', p), problems, total, duplicates_only);

    DELETE FROM territory_commune tc WHERE tc.phase = p;
    INSERT INTO territory_commune (phase, commune, territory_id, commune_name)
    SELECT p, r.commune::commune_code, r.id::ti_code, r.commune_name FROM pg_temp.terrind_commune_rows r;
    GET DIAGNOSTICS total = ROW_COUNT;
    item := 'commune memberships'; loaded := total; RETURN NEXT;
    item := 'communes'; loaded := (SELECT count(DISTINCT tc.commune) FROM territory_commune tc WHERE tc.phase = p); RETURN NEXT;
END $$;
REVOKE EXECUTE ON FUNCTION @extschema@.load_territory_communes(text, text) FROM PUBLIC;
COMMENT ON FUNCTION @extschema@.load_territory_communes(text, text) IS 'load ANCT''s per-commune list of a phase (liste-ti-com…csv: insee_com, lib_com, id_ti with several ids separated by ";"), replacing that phase''s commune lists; the territories must be loaded; all or nothing';

CREATE FUNCTION @extschema@.load_cog(cog_year int, regions jsonb, departements jsonb, communes jsonb,
                                     epci jsonb, ept jsonb DEFAULT '[]')
RETURNS TABLE (item text, loaded bigint)
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
DECLARE
    year constant int := load_cog.cog_year;
    problems text[];
    affected bigint;
BEGIN
    IF year IS NULL OR year NOT BETWEEN 1943 AND 2200 THEN
        RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE = format('load_cog: COG year %s is not a year between 1943 and 2200', year);
    END IF;
    SELECT array_agg(format('%s: expected the JSON array of data/%s.json, got %s', f, f, coalesce(jsonb_typeof(doc), 'NULL')))
    INTO problems
    FROM (VALUES ('regions', regions), ('departements', departements), ('communes', communes),
                 ('epci', epci), ('ept', ept)) d(f, doc)
    WHERE doc IS NULL OR jsonb_typeof(doc) <> 'array';
    IF problems IS NOT NULL THEN
        RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE = 'load_cog: ' || array_to_string(problems, '; ');
    END IF;
    PERFORM pg_advisory_xact_lock(hashtext('terrind.load_cog'));

    IF to_regclass('pg_temp.terrind_cog_rows') IS NOT NULL THEN
        DROP TABLE pg_temp.terrind_cog_rows;
    END IF;
    CREATE TEMP TABLE terrind_cog_rows ON COMMIT DROP AS
    SELECT 'regions' AS file, e.n, e.v->>'code' AS code, e.v
    FROM jsonb_array_elements(regions) WITH ORDINALITY e(v, n)
    UNION ALL SELECT 'departements', e.n, e.v->>'code', e.v FROM jsonb_array_elements(departements) WITH ORDINALITY e(v, n)
    UNION ALL SELECT 'communes', e.n, e.v->>'code', e.v FROM jsonb_array_elements(communes) WITH ORDINALITY e(v, n)
    UNION ALL SELECT 'epci', e.n, e.v->>'code', e.v FROM jsonb_array_elements(epci) WITH ORDINALITY e(v, n)
    UNION ALL SELECT 'ept', e.n, e.v->>'code', e.v FROM jsonb_array_elements(ept) WITH ORDINALITY e(v, n);
    CREATE INDEX ON pg_temp.terrind_cog_rows (file, code);
    ANALYZE pg_temp.terrind_cog_rows;

    WITH r AS (SELECT * FROM pg_temp.terrind_cog_rows),
    problem AS (
        SELECT file, n, code, 'not a JSON object' AS what FROM r WHERE jsonb_typeof(v) <> 'object'
        UNION ALL
        SELECT file, n, code, 'no "nom"' FROM r WHERE jsonb_typeof(v) = 'object' AND coalesce(v->>'nom', '') = ''
        UNION ALL
        SELECT file, n, code, format('region code %L: expected 2 digits or a 3-digit collectivité code', code)
        FROM r WHERE file = 'regions' AND coalesce(code, '') !~ '^([0-9]{2}|9[78][0-9])$'
        UNION ALL
        SELECT file, n, code, format('département code %L: expected 2 digits, 2A, 2B or 3 digits overseas', code)
        FROM r WHERE file = 'departements' AND coalesce(code, '') !~ '^([0-9]{2}|2[AB]|9[78][0-9])$'
        UNION ALL
        SELECT file, n, code, format('zone %L: expected metro, drom or com', v->>'zone')
        FROM r WHERE file IN ('regions', 'departements') AND coalesce(v->>'zone', '') NOT IN ('metro', 'drom', 'com')
        UNION ALL
        SELECT file, n, code, format('region %L is not in regions', v->>'region')
        FROM r WHERE file = 'departements'
          AND NOT EXISTS (SELECT 1 FROM pg_temp.terrind_cog_rows x WHERE x.file = 'regions' AND x.code = r.v->>'region')
        UNION ALL
        SELECT file, n, code, 'chefLieu: ' || input_error(v->>'chefLieu', 'terrind.commune_code')
        FROM r WHERE file IN ('regions', 'departements') AND input_error(v->>'chefLieu', 'terrind.commune_code') IS NOT NULL
        UNION ALL
        SELECT file, n, code, coalesce(input_error(code, 'terrind.commune_code'), 'no "code"')
        FROM r WHERE file = 'communes' AND (code IS NULL OR input_error(code, 'terrind.commune_code') IS NOT NULL)
        UNION ALL
        SELECT file, n, code, format('type %L: expected commune-actuelle, commune-deleguee, commune-associee or arrondissement-municipal', v->>'type')
        FROM r WHERE file = 'communes'
          AND coalesce(v->>'type', '') NOT IN ('commune-actuelle', 'commune-deleguee', 'commune-associee', 'arrondissement-municipal')
        UNION ALL
        SELECT file, n, code, format('département %L of region %L is not in departements', v->>'departement', v->>'region')
        FROM r WHERE file = 'communes'
          AND NOT EXISTS (SELECT 1 FROM pg_temp.terrind_cog_rows x
                          WHERE x.file = 'departements' AND x.code = r.v->>'departement' AND x.v->>'region' = r.v->>'region')
        UNION ALL
        SELECT file, n, code, 'siren: ' || input_error(v->>'siren', 'terrind.siren')
        FROM r WHERE file = 'communes' AND input_error(v->>'siren', 'terrind.siren') IS NOT NULL
        UNION ALL
        SELECT file, n, code, format('population %s: expected a whole number of inhabitants', v->'population')
        FROM r WHERE file = 'communes' AND v ? 'population'
          AND (jsonb_typeof(v->'population') <> 'number' OR (v->>'population') !~ '^[0-9]+$')
        UNION ALL
        SELECT file, n, code, 'commune / chefLieu: ' || input_error(coalesce(v->>'commune', v->>'chefLieu'), 'terrind.commune_code')
        FROM r WHERE file = 'communes' AND v->>'type' <> 'commune-actuelle'
          AND input_error(coalesce(v->>'commune', v->>'chefLieu', ''), 'terrind.commune_code') IS NOT NULL
        UNION ALL
        SELECT file, n, code, coalesce('code: ' || input_error(code, 'terrind.siren'), 'no "code"')
        FROM r WHERE file IN ('epci', 'ept') AND (code IS NULL OR input_error(code, 'terrind.siren') IS NOT NULL)
        UNION ALL
        SELECT file, n, code, format('type %L: expected %s', v->>'type',
                                     CASE file WHEN 'epci' THEN 'CC, CA, CU, METRO or MET69' ELSE 'EPT' END)
        FROM r WHERE (file = 'epci' AND coalesce(v->>'type', '') NOT IN ('CC', 'CA', 'CU', 'METRO', 'MET69'))
                  OR (file = 'ept' AND coalesce(v->>'type', '') <> 'EPT')
        UNION ALL
        SELECT file, n, code, format('member %s: no "nom"', m->>'code')
        FROM r, jsonb_array_elements(CASE WHEN jsonb_typeof(v->'membres') = 'array' THEN v->'membres' ELSE '[]' END) m
        WHERE file IN ('epci', 'ept') AND coalesce(m->>'nom', '') = ''
        UNION ALL
        SELECT file, n, code, format('member %s: %s', m->>'code',
                                     coalesce(input_error(m->>'code', 'terrind.commune_code'), 'not a current commune in communes'))
        FROM r, jsonb_array_elements(CASE WHEN jsonb_typeof(v->'membres') = 'array' THEN v->'membres' ELSE '[]' END) m
        WHERE file IN ('epci', 'ept')
          AND NOT EXISTS (SELECT 1 FROM pg_temp.terrind_cog_rows x
                          WHERE x.file = 'communes' AND x.code = m->>'code' AND x.v->>'type' = 'commune-actuelle')
        UNION ALL
        SELECT file, n, code, format('listed again as element %s', first_n)
        FROM (SELECT file, n, code, min(n) OVER (PARTITION BY file, code, CASE WHEN file = 'communes' THEN v->>'type' END) AS first_n
              FROM r) d
        WHERE n > first_n
    )
    SELECT array_agg(format('%s.json element %s%s: %s', file, n, coalesce(format(' (code %s)', code), ''), what)
                     ORDER BY file, n, what)
    INTO problems FROM problem;
    SELECT count(*) INTO affected FROM pg_temp.terrind_cog_rows;
    PERFORM reject_load('load_cog', problems, affected, false);

    -- upsert, then remove what the new COG no longer has, so that columns
    -- added by users (geometries) stay attached to codes that persist
    INSERT INTO region (code, name, zone, chef_lieu, cog_year)
    SELECT code, v->>'nom', v->>'zone', (v->>'chefLieu')::commune_code, year
    FROM pg_temp.terrind_cog_rows WHERE file = 'regions'
    ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, zone = EXCLUDED.zone,
        chef_lieu = EXCLUDED.chef_lieu, cog_year = EXCLUDED.cog_year;
    GET DIAGNOSTICS affected = ROW_COUNT;
    item := 'regions'; loaded := affected; RETURN NEXT;

    INSERT INTO departement (code, name, region, zone, chef_lieu, cog_year)
    SELECT code, v->>'nom', v->>'region', v->>'zone', (v->>'chefLieu')::commune_code, year
    FROM pg_temp.terrind_cog_rows WHERE file = 'departements'
    ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, region = EXCLUDED.region, zone = EXCLUDED.zone,
        chef_lieu = EXCLUDED.chef_lieu, cog_year = EXCLUDED.cog_year;
    GET DIAGNOSTICS affected = ROW_COUNT;
    item := 'departements'; loaded := affected; RETURN NEXT;

    INSERT INTO commune (code, type, name, departement, region, parent, siren, population, postal_codes, cog_year)
    SELECT code::commune_code, v->>'type', v->>'nom', v->>'departement', v->>'region',
           CASE WHEN v->>'type' <> 'commune-actuelle' THEN coalesce(v->>'commune', v->>'chefLieu')::commune_code END,
           (v->>'siren')::siren, (v->>'population')::int,
           ARRAY(SELECT jsonb_array_elements_text(CASE WHEN jsonb_typeof(v->'codesPostaux') = 'array' THEN v->'codesPostaux' ELSE '[]' END)),
           year
    FROM pg_temp.terrind_cog_rows WHERE file = 'communes'
    ON CONFLICT (code, type) DO UPDATE SET name = EXCLUDED.name, departement = EXCLUDED.departement,
        region = EXCLUDED.region, parent = EXCLUDED.parent, siren = EXCLUDED.siren,
        population = EXCLUDED.population, postal_codes = EXCLUDED.postal_codes, cog_year = EXCLUDED.cog_year;
    GET DIAGNOSTICS affected = ROW_COUNT;
    item := 'communes'; loaded := affected; RETURN NEXT;

    INSERT INTO groupement (siren, name, nature, financing, population_totale, population_municipale, cog_year)
    SELECT code::siren, v->>'nom', v->>'type', nullif(v->>'modeFinancement', ''),
           (v->>'populationTotale')::int, (v->>'populationMunicipale')::int, year
    FROM pg_temp.terrind_cog_rows WHERE file IN ('epci', 'ept')
    ON CONFLICT (siren) DO UPDATE SET name = EXCLUDED.name, nature = EXCLUDED.nature, financing = EXCLUDED.financing,
        population_totale = EXCLUDED.population_totale, population_municipale = EXCLUDED.population_municipale,
        cog_year = EXCLUDED.cog_year;
    GET DIAGNOSTICS affected = ROW_COUNT;
    item := 'epci and ept'; loaded := affected; RETURN NEXT;

    DELETE FROM groupement_member;
    INSERT INTO groupement_member (groupement, commune, name, population_totale, population_municipale)
    SELECT r.code::siren, (m->>'code')::commune_code, m->>'nom', (m->>'populationTotale')::int, (m->>'populationMunicipale')::int
    FROM pg_temp.terrind_cog_rows r, jsonb_array_elements(r.v->'membres') m
    WHERE r.file IN ('epci', 'ept');
    GET DIAGNOSTICS affected = ROW_COUNT;
    item := 'epci and ept members'; loaded := affected; RETURN NEXT;

    DELETE FROM groupement g WHERE NOT EXISTS
        (SELECT 1 FROM pg_temp.terrind_cog_rows r WHERE r.file IN ('epci', 'ept') AND r.code = g.siren::text);
    DELETE FROM commune c WHERE NOT EXISTS
        (SELECT 1 FROM pg_temp.terrind_cog_rows r WHERE r.file = 'communes' AND r.code = c.code::text AND r.v->>'type' = c.type);
    DELETE FROM departement d WHERE NOT EXISTS
        (SELECT 1 FROM pg_temp.terrind_cog_rows r WHERE r.file = 'departements' AND r.code = d.code);
    DELETE FROM region g WHERE NOT EXISTS
        (SELECT 1 FROM pg_temp.terrind_cog_rows r WHERE r.file = 'regions' AND r.code = g.code);
END $$;
REVOKE EXECUTE ON FUNCTION @extschema@.load_cog(int, jsonb, jsonb, jsonb, jsonb, jsonb) FROM PUBLIC;
COMMENT ON FUNCTION @extschema@.load_cog(int, jsonb, jsonb, jsonb, jsonb, jsonb) IS 'load the COG reference geography from the JSON files of @etalab/decoupage-administratif (data/regions.json, departements.json, communes.json, epci.json, ept.json), replacing the previous reference data in one transaction; all or nothing, every bad element reported';

-- ======================================================================
-- Spatial: boundaries of the reference geography and territories as
-- PostGIS geometries, located, combined with other layers and mapped.
-- Geometry stays PostGIS's job: everything here is SQL over its types and
-- functions.  Geometries are stored in EPSG:4326 (longitude, latitude);
-- areas and distances are computed on the WGS 84 ellipsoid (geography), in
-- square metres and metres.
--
-- PostGIS may live in any schema (@extschema:postgis@ only exists from
-- PostgreSQL 16 on).  Functions that call it are created through
-- create_with_postgis, which writes PostGIS's schema wherever their text
-- says @postgis@, so that every PostGIS type, function and operator is
-- qualified and their search_path stays pg_catalog, terrind, pg_temp.
-- Leaving PostGIS's schema (usually public) out of the path matters:
-- PostgreSQL picks the best-matching function across the whole path, so
-- if untrusted users may create objects there, a public.format(text,
-- VARIADIC text[]) would beat pg_catalog.format.
-- ======================================================================

-- Run a CREATE FUNCTION whose text says @postgis@ for PostGIS's schema;
-- dropped at the end of this file.
CREATE FUNCTION @extschema@.create_with_postgis(definition text)
RETURNS void
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    EXECUTE replace(definition, '@postgis@',
                    (SELECT quote_ident(n.nspname) FROM pg_extension e
                     JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'postgis'));
END $$;

-- Boundaries of the reference geography, filled by load_boundaries (or by
-- an UPDATE from a staging table, see the README).  load_cog keeps them
-- attached to the codes that persist from one COG to the next.
ALTER TABLE @extschema@.region ADD COLUMN geom geometry(MultiPolygon, 4326);
ALTER TABLE @extschema@.departement ADD COLUMN geom geometry(MultiPolygon, 4326);
ALTER TABLE @extschema@.commune ADD COLUMN geom geometry(MultiPolygon, 4326);
ALTER TABLE @extschema@.groupement ADD COLUMN geom geometry(MultiPolygon, 4326);
CREATE INDEX region_geom_idx ON @extschema@.region USING gist (geom);
CREATE INDEX departement_geom_idx ON @extschema@.departement USING gist (geom);
CREATE INDEX commune_geom_idx ON @extschema@.commune USING gist (geom);
CREATE INDEX groupement_geom_idx ON @extschema@.groupement USING gist (geom);
COMMENT ON COLUMN @extschema@.region.geom IS 'boundary (EPSG:4326), loaded by load_boundaries(''region'', …)';
COMMENT ON COLUMN @extschema@.departement.geom IS 'boundary (EPSG:4326), loaded by load_boundaries(''departement'', …)';
COMMENT ON COLUMN @extschema@.commune.geom IS 'boundary (EPSG:4326) of a current commune or a municipal arrondissement, loaded by load_boundaries(''commune'', …)';
COMMENT ON COLUMN @extschema@.groupement.geom IS 'boundary (EPSG:4326), loaded by load_boundaries(''groupement'', …); when NULL, territory geometries use the union of its communes';

-- Territory geometries per phase: the union of their members' boundaries
-- (refresh_territory_geometries) or ANCT's published polygons
-- (load_territory_polygons).
CREATE TABLE @extschema@.territory_geometry (
    phase text NOT NULL,
    id @extschema@.ti_code NOT NULL,
    geom geometry(MultiPolygon, 4326) NOT NULL,
    area_m2 float8 NOT NULL CHECK (area_m2 >= 0),
    parts int NOT NULL CHECK (parts >= 1),
    PRIMARY KEY (phase, id),
    FOREIGN KEY (phase, id) REFERENCES @extschema@.territory ON DELETE CASCADE
);
CREATE INDEX territory_geometry_geom_idx ON @extschema@.territory_geometry USING gist (geom);
-- nearest_territories orders candidates by distance on the sphere
CREATE INDEX territory_geometry_geog_idx ON @extschema@.territory_geometry USING gist ((geom::geography));
COMMENT ON TABLE @extschema@.territory_geometry IS 'geometry of each territory of a phase (EPSG:4326), built by refresh_territory_geometries or loaded by load_territory_polygons; see territory_geometry_status for its source and staleness';
COMMENT ON COLUMN @extschema@.territory_geometry.area_m2 IS 'area on the WGS 84 ellipsoid, square metres';
COMMENT ON COLUMN @extschema@.territory_geometry.parts IS 'number of polygons of the geometry: 1 for a contiguous territory';

CREATE TABLE @extschema@.territory_geometry_status (
    phase text PRIMARY KEY REFERENCES @extschema@.phase,
    source text NOT NULL CHECK (source IN ('members', 'anct')),
    built_at timestamptz NOT NULL,
    territories int NOT NULL,
    without_geometry text[] NOT NULL DEFAULT '{}',
    members_md5 text NOT NULL,
    inputs_md5 text NOT NULL,
    stale_since timestamptz,
    stale_reason text,
    CHECK ((stale_since IS NULL) = (stale_reason IS NULL))
);
COMMENT ON TABLE @extschema@.territory_geometry_status IS 'per phase: where the territory geometries come from, when they were built, what had no geometry, and whether they are stale (member lists or boundaries changed since)';
COMMENT ON COLUMN @extschema@.territory_geometry_status.source IS 'members: unions of the members'' boundaries; anct: ANCT''s published polygons';
COMMENT ON COLUMN @extschema@.territory_geometry_status.without_geometry IS 'territories and members left without geometry by the last build';
COMMENT ON COLUMN @extschema@.territory_geometry_status.stale_reason IS 'what changed since the build, NULL while the geometries are current';
COMMENT ON COLUMN @extschema@.territory_geometry_status.members_md5 IS 'geometry_fingerprint(phase, false) at build time: the member list';
COMMENT ON COLUMN @extschema@.territory_geometry_status.inputs_md5 IS 'geometry_fingerprint(phase, true) at build time: the member list and the boundaries it used';

SELECT pg_catalog.pg_extension_config_dump('terrind.territory_geometry', '');
SELECT pg_catalog.pg_extension_config_dump('terrind.territory_geometry_status', '');

-- ----------------------------------------------------------------------
-- Staleness.  At build time the status keeps fingerprints of what the
-- geometries were made from: the phase's member list, and the boundaries
-- those members contribute (EPCI/EPT, their communes when they have none,
-- single communes).  Statement triggers on every input table recompute
-- them and compare: the status says what differs, and becomes current
-- again if the inputs come back.  Comparing contents rather than logging
-- events is what lets a restore (pg_dump, pg_restore), which re-inserts
-- every input, leave current geometries current.
-- ----------------------------------------------------------------------
SELECT terrind.create_with_postgis($def$
CREATE FUNCTION terrind.geometry_fingerprint(phase text, with_boundaries boolean)
RETURNS text
LANGUAGE sql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, terrind, pg_temp
AS $$
    SELECT md5(coalesce(string_agg(x, E'\n' ORDER BY x), ''))
    FROM (SELECT concat_ws(' ', m.territory_id, m.siren, m.nature,
                           CASE WHEN with_boundaries THEN coalesce(
                               md5(@postgis@.ST_AsEWKB(c.geom)), md5(@postgis@.ST_AsEWKB(g.geom)),
                               (SELECT md5(string_agg(cc.code::text || ':' || coalesce(md5(@postgis@.ST_AsEWKB(cc.geom)), '-'),
                                                      ',' ORDER BY cc.code))
                                FROM groupement_member gm
                                JOIN commune cc ON cc.code = gm.commune AND cc.type = gm.commune_type
                                WHERE gm.groupement = m.siren)) END) AS x
          FROM territory_member m
          LEFT JOIN commune c ON m.nature = 'COM' AND c.siren = m.siren AND c.type = 'commune-actuelle'
          LEFT JOIN groupement g ON g.siren = m.siren
          WHERE m.phase = $1) inputs
$$;
$def$);
COMMENT ON FUNCTION @extschema@.geometry_fingerprint(text, boolean) IS 'md5 of a phase''s member list and, with_boundaries, of the boundaries its members contribute: what territory geometries are compared against to know whether they are stale';

CREATE FUNCTION @extschema@.recheck_geometries()
RETURNS trigger
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
BEGIN
    UPDATE territory_geometry_status s
    SET stale_reason = r.reason,
        stale_since = CASE WHEN r.reason IS NULL THEN NULL ELSE coalesce(s.stale_since, now()) END
    FROM (SELECT st.phase,
                 CASE WHEN geometry_fingerprint(st.phase, false) <> st.members_md5 THEN 'member list changed'
                      WHEN st.source = 'members' AND geometry_fingerprint(st.phase, true) <> st.inputs_md5
                      THEN 'boundaries or EPCI composition changed' END AS reason
          FROM territory_geometry_status st) r
    WHERE r.phase = s.phase AND r.reason IS DISTINCT FROM s.stale_reason;
    RETURN NULL;
END $$;
COMMENT ON FUNCTION @extschema@.recheck_geometries() IS 'trigger: compare the inputs of every phase''s territory geometries with their fingerprints at build time, and record in territory_geometry_status whether, and why, they are stale';

CREATE TRIGGER territory_member_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON @extschema@.territory_member
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.recheck_geometries();
CREATE TRIGGER groupement_member_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON @extschema@.groupement_member
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.recheck_geometries();
CREATE TRIGGER commune_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON @extschema@.commune
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.recheck_geometries();
CREATE TRIGGER groupement_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON @extschema@.groupement
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.recheck_geometries();

-- ----------------------------------------------------------------------
-- Helpers: phases, territories and coordinates as the functions below
-- need them.
-- ----------------------------------------------------------------------
CREATE FUNCTION @extschema@.checked_phase(phase text)
RETURNS text
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
BEGIN
    PERFORM require_phase(phase);
    RETURN phase;
END $$;
COMMENT ON FUNCTION @extschema@.checked_phase(text) IS 'the phase itself, or 22023 if it is unknown: lets an inlinable SQL function validate its phase once per query';

-- Phase status before using its geometries: 55000 if there are none, a
-- WARNING if they are stale.
CREATE FUNCTION @extschema@.require_geometries(phase text)
RETURNS void
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
DECLARE
    s territory_geometry_status;
BEGIN
    PERFORM require_phase(phase);
    SELECT * INTO s FROM territory_geometry_status g WHERE g.phase = require_geometries.phase;
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = '55000',
            MESSAGE = format('phase %s has no territory geometries', phase),
            HINT = format('Build them with terrind.refresh_territory_geometries(%L) once boundaries are loaded, or load ANCT''s polygons with terrind.load_territory_polygons.', phase);
    END IF;
    IF s.stale_reason IS NOT NULL THEN
        RAISE WARNING USING
            MESSAGE = format('territory geometries of phase %s are stale: %s', phase, s.stale_reason),
            DETAIL = 'terrind.territory_geometry_status tells since when.',
            HINT = format('Run terrind.refresh_territory_geometries(%L).', phase);
    END IF;
END $$;
COMMENT ON FUNCTION @extschema@.require_geometries(text) IS 'raise 22023 for an unknown phase, 55000 if it has no territory geometries; warn if they are stale';

SELECT terrind.create_with_postgis($def$
CREATE FUNCTION terrind.territory_geom(phase text, id text)
RETURNS @postgis@.geometry
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, terrind, pg_temp
AS $$
DECLARE
    g @postgis@.geometry;
BEGIN
    PERFORM require_geometries(phase);
    IF NOT EXISTS (SELECT 1 FROM territory t WHERE t.phase = territory_geom.phase AND t.id = territory_geom.id::ti_code) THEN
        RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE = format('unknown territory %s in phase %s', id, phase);
    END IF;
    SELECT t.geom INTO g FROM territory_geometry t WHERE t.phase = territory_geom.phase AND t.id = territory_geom.id::ti_code;
    IF g IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = '55000',
            MESSAGE = format('territory %s of phase %s has no geometry', id, phase),
            DETAIL = 'None of its members had a boundary when the geometries were built.';
    END IF;
    RETURN g;
END $$;
$def$);
COMMENT ON FUNCTION @extschema@.territory_geom(text, text) IS 'geometry of a territory: 22023 if the phase or territory is unknown, 55000 if it has none';

-- Any input geometry in EPSG:4326; no SRID is taken as longitude/latitude.
-- No exception block: it runs inside parallel plans (territories_at).
SELECT terrind.create_with_postgis($def$
CREATE FUNCTION terrind.to_wgs84(geom @postgis@.geometry)
RETURNS @postgis@.geometry
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, terrind, pg_temp
AS $$
BEGIN
    IF @postgis@.ST_SRID(geom) IN (0, 4326) THEN
        RETURN @postgis@.ST_SetSRID(geom, 4326);
    END IF;
    IF NOT EXISTS (SELECT 1 FROM @postgis@.spatial_ref_sys s WHERE s.srid = @postgis@.ST_SRID(geom)) THEN
        RAISE EXCEPTION USING ERRCODE = '22023',
            MESSAGE = format('geometry has SRID %s, which PostGIS does not know (spatial_ref_sys)', @postgis@.ST_SRID(geom));
    END IF;
    RETURN @postgis@.ST_Transform(geom, 4326);
END $$;
$def$);
COMMENT ON FUNCTION @extschema@.to_wgs84(geometry) IS 'a geometry in EPSG:4326: transformed from its SRID, or taken as longitude/latitude when it has none; 22023 for an SRID PostGIS does not know';

-- ----------------------------------------------------------------------
-- GeoJSON documents: the CRS they declare, and each feature's geometry
-- parsed, transformed, checked and repaired, with the reason it was not.
-- ----------------------------------------------------------------------
SELECT terrind.create_with_postgis($def$
CREATE FUNCTION terrind.geojson_srid(doc jsonb, loader text)
RETURNS int
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, terrind, pg_temp
AS $$
DECLARE
    name constant text := doc #>> '{crs,properties,name}';
    code int;
BEGIN
    IF jsonb_typeof(doc) IS DISTINCT FROM 'object' OR doc->>'type' IS DISTINCT FROM 'FeatureCollection'
       OR jsonb_typeof(doc->'features') IS DISTINCT FROM 'array' THEN
        RAISE EXCEPTION USING ERRCODE = '22P02',
            MESSAGE = format('%s: expected a GeoJSON FeatureCollection with a "features" array, got %s', loader,
                             coalesce(doc->>'type', jsonb_typeof(doc), 'NULL'));
    END IF;
    IF doc->'crs' IS NULL OR name ~* '^(urn:ogc:def:crs:OGC:[0-9.]*:)?CRS84$' THEN
        RETURN 4326;            -- RFC 7946: longitude, latitude on WGS 84
    END IF;
    code := substring(name FROM '(?i)^(?:urn:ogc:def:crs:)?EPSG:(?:[0-9.]*:)?([0-9]{1,9})$')::int;
    IF code IS NULL OR NOT EXISTS (SELECT 1 FROM @postgis@.spatial_ref_sys s WHERE s.srid = code) THEN
        RAISE EXCEPTION USING ERRCODE = '22P02',
            MESSAGE = format('%s: unsupported CRS %s', loader, coalesce(to_jsonb(name)::text, (doc->'crs')::text)),
            DETAIL = 'Expected "urn:ogc:def:crs:EPSG::<code>" with a code PostGIS knows (spatial_ref_sys), or CRS84.';
    END IF;
    RETURN code;
END $$;
$def$);
COMMENT ON FUNCTION @extschema@.geojson_srid(jsonb, text) IS 'SRID of the CRS a GeoJSON FeatureCollection declares (crs.properties.name, e.g. urn:ogc:def:crs:EPSG::2154), 4326 when none; 22P02 if the document is no FeatureCollection or its CRS is unknown';

SELECT terrind.create_with_postgis($def$
CREATE FUNCTION terrind.feature_geometry(feature jsonb, srid int,
                                             OUT geom @postgis@.geometry, OUT problem text, OUT repaired text)
LANGUAGE plpgsql STABLE PARALLEL UNSAFE
SET search_path = pg_catalog, terrind, pg_temp
AS $$
DECLARE
    g constant jsonb := feature->'geometry';
    validity @postgis@.valid_detail;
BEGIN
    IF jsonb_typeof(feature) IS DISTINCT FROM 'object' OR feature->>'type' IS DISTINCT FROM 'Feature' THEN
        problem := 'not a GeoJSON Feature';
    ELSIF jsonb_typeof(g) IS DISTINCT FROM 'object' THEN
        problem := 'no geometry';
    ELSIF coalesce(g->>'type', '') NOT IN ('Polygon', 'MultiPolygon') THEN
        problem := format('geometry type %s: expected Polygon or MultiPolygon', coalesce(g->>'type', 'missing'));
    END IF;
    IF problem IS NOT NULL THEN
        RETURN;
    END IF;
    BEGIN
        geom := @postgis@.ST_Transform(@postgis@.ST_SetSRID(@postgis@.ST_GeomFromGeoJSON(g), srid), 4326);
        validity := @postgis@.ST_IsValidDetail(geom);
        IF NOT validity.valid THEN
            repaired := validity.reason;
            geom := @postgis@.ST_CollectionExtract(@postgis@.ST_MakeValid(geom), 3);
        END IF;
    EXCEPTION WHEN OTHERS THEN
        -- PostGIS reports malformed GeoJSON and failed projections as XX000
        problem := 'geometry: ' || SQLERRM;
        geom := NULL;
        RETURN;
    END;
    IF @postgis@.ST_IsEmpty(geom) AND repaired IS NOT NULL THEN
        problem := format('invalid geometry (%s) that ST_MakeValid cannot repair into a polygon', repaired);
    ELSIF @postgis@.ST_IsEmpty(geom) THEN
        problem := 'empty geometry';
    ELSIF @postgis@.ST_XMin(geom) < -180 OR @postgis@.ST_XMax(geom) > 180 OR @postgis@.ST_YMin(geom) < -90 OR @postgis@.ST_YMax(geom) > 90 THEN
        problem := format('coordinates out of longitude/latitude range (%s): is the file''s CRS declared, e.g. "urn:ogc:def:crs:EPSG::2154" for Lambert-93?',
                          @postgis@.Box2D(geom));
    END IF;
    geom := CASE WHEN problem IS NULL THEN @postgis@.ST_Multi(geom) END;
END $$;
$def$);
COMMENT ON FUNCTION @extschema@.feature_geometry(jsonb, int) IS 'the geometry of a GeoJSON feature as a MultiPolygon in EPSG:4326 (from the given SRID), repaired by ST_MakeValid when invalid (repaired says why), or the problem that rejects it';

CREATE FUNCTION @extschema@.geojson_features(doc jsonb, loader text)
RETURNS TABLE (n int, properties jsonb, geom geometry, problem text, repaired text)
LANGUAGE plpgsql STABLE PARALLEL UNSAFE
SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
DECLARE
    srid constant int := geojson_srid(doc, loader);
BEGIN
    RETURN QUERY
        SELECT e.n::int, CASE WHEN jsonb_typeof(e.f->'properties') = 'object' THEN e.f->'properties' ELSE '{}' END,
               g.geom, g.problem, g.repaired
        FROM jsonb_array_elements(doc->'features') WITH ORDINALITY e(f, n),
             LATERAL feature_geometry(e.f, srid) g
        ORDER BY e.n;
END $$;
COMMENT ON FUNCTION @extschema@.geojson_features(jsonb, text) IS 'features of a GeoJSON FeatureCollection, numbered from 1, with their properties and checked geometry (see feature_geometry); 22P02 if the document is no FeatureCollection or declares an unknown CRS';

CREATE FUNCTION @extschema@.reject_features(loader text, problems text[], total bigint)
RETURNS void
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
BEGIN
    IF cardinality(problems) > 0 THEN
        RAISE EXCEPTION USING ERRCODE = '22P02',
            MESSAGE = format('%s: %s problem%s in %s features, nothing loaded', loader, cardinality(problems),
                             CASE WHEN cardinality(problems) > 1 THEN 's' ELSE '' END, total),
            DETAIL = array_to_string(problems, E'\n'),
            HINT = 'Features are numbered from 1 in the order of the "features" array.  Fix the features listed and load the whole file again.';
    END IF;
END $$;
COMMENT ON FUNCTION @extschema@.reject_features(text, text[], bigint) IS 'used by the GeoJSON loaders: raise 22P02 listing every problem with its feature number, if there is any';

-- Tell which features were repaired: never silently.
CREATE FUNCTION @extschema@.report_repairs(loader text, repairs text[])
RETURNS void
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
BEGIN
    IF cardinality(repairs) > 0 THEN
        RAISE NOTICE USING
            MESSAGE = format('%s: %s invalid geometr%s repaired with ST_MakeValid', loader, cardinality(repairs),
                             CASE WHEN cardinality(repairs) > 1 THEN 'ies' ELSE 'y' END),
            DETAIL = array_to_string(repairs, E'\n');
    END IF;
END $$;
COMMENT ON FUNCTION @extschema@.report_repairs(text, text[]) IS 'used by the boundary loaders: a NOTICE listing every feature whose invalid geometry was repaired';

-- ----------------------------------------------------------------------
-- Loaders
-- ----------------------------------------------------------------------
-- Each boundary level: its table, key column, key type and the rows a code
-- designates (a commune code: the current commune or the arrondissement).
CREATE FUNCTION @extschema@.boundary_level(level text,
                                           OUT tab name, OUT key name, OUT key_type regtype, OUT rows_filter text)
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
BEGIN
    SELECT l.* INTO tab, key, key_type, rows_filter
    FROM (VALUES ('region', 'code', 'text'::regtype, 'true'),
                 ('departement', 'code', 'text', 'true'),
                 ('commune', 'code', 'terrind.commune_code', $f$t.type IN ('commune-actuelle', 'arrondissement-municipal')$f$),
                 ('groupement', 'siren', 'terrind.siren', 'true')) l(tab, key, key_type, rows_filter)
    WHERE l.tab = level;
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = '22023',
            MESSAGE = format('unknown boundary level %L', level),
            DETAIL = 'Levels: region, departement, commune, groupement (EPCI and EPT, by SIREN).';
    END IF;
END $$;
COMMENT ON FUNCTION @extschema@.boundary_level(text) IS 'table, key column and key type of a boundary level (region, departement, commune, groupement); 22023 for another level';

CREATE FUNCTION @extschema@.load_boundaries(level text, doc jsonb, code_property text)
RETURNS TABLE (item text, loaded bigint)
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
DECLARE
    lv record;
    loader constant text := format('load_boundaries(%L)', level);
    problems text[];
    repairs text[];
    total bigint;
BEGIN
    IF level IS NULL OR doc IS NULL OR code_property IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = '22004', MESSAGE = 'load_boundaries: level, doc and code_property must not be NULL';
    END IF;
    lv := boundary_level(level);
    PERFORM pg_advisory_xact_lock(hashtext('terrind.load_boundaries'), hashtext(level));

    IF to_regclass('pg_temp.terrind_boundary_rows') IS NOT NULL THEN
        DROP TABLE pg_temp.terrind_boundary_rows;
    END IF;
    CREATE TEMP TABLE terrind_boundary_rows ON COMMIT DROP AS
    SELECT f.n, nullif(btrim(f.properties->>code_property), '') AS code, f.geom, f.problem, f.repaired,
           CASE WHEN lv.key_type <> 'text'::regtype THEN input_error(btrim(f.properties->>code_property), lv.key_type) END AS code_error,
           false AS known
    FROM geojson_features(doc, loader) f;
    EXECUTE format('UPDATE pg_temp.terrind_boundary_rows f SET known = true
                    WHERE f.code IS NOT NULL AND f.code_error IS NULL
                      AND EXISTS (SELECT 1 FROM terrind.%I t WHERE t.%I = f.code::%s AND %s)',
                   lv.tab, lv.key, lv.key_type, lv.rows_filter);

    SELECT count(*) INTO total FROM pg_temp.terrind_boundary_rows;
    WITH problem AS (
        SELECT n, problem AS what FROM pg_temp.terrind_boundary_rows WHERE problem IS NOT NULL
        UNION ALL
        SELECT n, CASE WHEN code IS NULL THEN format('no property %L', code_property)
                       WHEN code_error IS NOT NULL THEN format('%s: %s', code_property, code_error)
                       ELSE format('%s %s is not a %s of the loaded COG', code_property, code, level) END
        FROM pg_temp.terrind_boundary_rows WHERE NOT known
        UNION ALL
        SELECT n, format('%s %s already at feature %s', code_property, code, first_n)
        FROM (SELECT n, code, min(n) OVER (PARTITION BY code) AS first_n FROM pg_temp.terrind_boundary_rows WHERE known) d
        WHERE n > first_n
    )
    SELECT array_agg(format('feature %s: %s', n, what) ORDER BY n, what) INTO problems FROM problem;
    PERFORM reject_features(loader, problems, total);

    SELECT array_agg(format('feature %s (%s %s): %s', n, code_property, code, repaired) ORDER BY n) INTO repairs
    FROM pg_temp.terrind_boundary_rows WHERE repaired IS NOT NULL;
    PERFORM report_repairs(loader, repairs);

    EXECUTE format('UPDATE terrind.%I t SET geom = f.geom FROM pg_temp.terrind_boundary_rows f
                    WHERE t.%I = f.code::%s AND %s', lv.tab, lv.key, lv.key_type, lv.rows_filter);
    item := 'boundaries'; loaded := total; RETURN NEXT;
    item := 'repaired with ST_MakeValid'; loaded := coalesce(cardinality(repairs), 0); RETURN NEXT;
    EXECUTE format('SELECT count(*) FROM terrind.%I t WHERE t.geom IS NULL AND %s', lv.tab, lv.rows_filter) INTO total;
    item := format('%s rows still without boundary', level); loaded := total; RETURN NEXT;
END $$;
REVOKE EXECUTE ON FUNCTION @extschema@.load_boundaries(text, jsonb, text) FROM PUBLIC;
COMMENT ON FUNCTION @extschema@.load_boundaries(text, jsonb, text) IS 'set the boundaries of a level (region, departement, commune, groupement) from a GeoJSON FeatureCollection whose features carry the code in property code_property; transformed from the CRS the file declares (CRS84 by default) to EPSG:4326, Polygons made MultiPolygons, invalid geometries repaired by ST_MakeValid or rejected; codes absent from the file keep their boundary; all or nothing, every bad feature reported';

-- Take the lock of the list loaders on a phase: its member list cannot
-- change until the caller's transaction ends.
CREATE FUNCTION @extschema@.lock_phase_list(phase text, caller text)
RETURNS void
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
BEGIN
    IF phase IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = '22004', MESSAGE = format('%s: phase must not be NULL', caller);
    END IF;
    PERFORM require_phase(phase);
    PERFORM pg_advisory_xact_lock(hashtext('terrind.load_territories'), hashtext(phase));
END $$;
COMMENT ON FUNCTION @extschema@.lock_phase_list(text, text) IS 'used by the spatial loaders and load_funding: 22004 for a NULL phase, 22023 for an unknown one, else the advisory lock load_territories takes on the phase';

-- Each member's boundary: a commune's own, an EPCI's or EPT's own, or else
-- the union of its communes' (ADMIN EXPRESS has no EPT layer), with the
-- number of its communes that had none.
SELECT terrind.create_with_postgis($def$
CREATE FUNCTION terrind.member_geometries(phase text)
RETURNS TABLE (territory_id terrind.ti_code, siren terrind.siren, name text, geom @postgis@.geometry, communes_missing bigint)
LANGUAGE sql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, terrind, pg_temp
AS $$
    SELECT m.territory_id, m.siren, m.name, coalesce(c.geom, g.geom, u.geom),
           CASE WHEN c.geom IS NULL AND g.geom IS NULL THEN u.missing END
    FROM territory_member m
    LEFT JOIN commune c ON m.nature = 'COM' AND c.siren = m.siren AND c.type = 'commune-actuelle'
    LEFT JOIN groupement g ON g.siren = m.siren
    LEFT JOIN LATERAL (
        SELECT @postgis@.ST_Union(cc.geom) AS geom, count(*) FILTER (WHERE cc.geom IS NULL) AS missing
        FROM groupement_member gm JOIN commune cc ON cc.code = gm.commune AND cc.type = gm.commune_type
        WHERE gm.groupement = m.siren AND g.geom IS NULL) u ON true
    WHERE m.phase = $1
$$;
$def$);
COMMENT ON FUNCTION @extschema@.member_geometries(text) IS 'boundary of each member of a phase''s territories: the commune''s, the EPCI''s or EPT''s, or the union of its communes''; communes_missing counts its communes without boundary in that last case';

-- Replace a phase's geometries by those its caller put in the temporary
-- table terrind_new_geometries (id, geom), and mark them current.
SELECT terrind.create_with_postgis($def$
CREATE FUNCTION terrind.store_territory_geometries(phase text, source text, without_geometry text[])
RETURNS bigint
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, terrind, pg_temp
AS $$
DECLARE
    stored bigint;
BEGIN
    DELETE FROM territory_geometry t WHERE t.phase = store_territory_geometries.phase;
    INSERT INTO territory_geometry (phase, id, geom, area_m2, parts)
    SELECT store_territory_geometries.phase, n.id, n.geom, @postgis@.ST_Area(n.geom::@postgis@.geography), @postgis@.ST_NumGeometries(n.geom)
    FROM pg_temp.terrind_new_geometries n;
    GET DIAGNOSTICS stored = ROW_COUNT;
    INSERT INTO territory_geometry_status (phase, source, built_at, territories, without_geometry, members_md5, inputs_md5)
    VALUES (store_territory_geometries.phase, source, now(), stored, coalesce(without_geometry, '{}'),
            geometry_fingerprint(store_territory_geometries.phase, false),
            geometry_fingerprint(store_territory_geometries.phase, true))
    ON CONFLICT ON CONSTRAINT territory_geometry_status_pkey DO UPDATE
    SET source = EXCLUDED.source, built_at = EXCLUDED.built_at, territories = EXCLUDED.territories,
        without_geometry = EXCLUDED.without_geometry, members_md5 = EXCLUDED.members_md5,
        inputs_md5 = EXCLUDED.inputs_md5, stale_since = NULL, stale_reason = NULL;
    DROP TABLE pg_temp.terrind_new_geometries;
    RETURN stored;
END $$;
$def$);
COMMENT ON FUNCTION @extschema@.store_territory_geometries(text, text, text[]) IS 'used by refresh_territory_geometries and load_territory_polygons: replace a phase''s territory geometries by the rows of the temporary table terrind_new_geometries (id, geom) and mark them current';

SELECT terrind.create_with_postgis($def$
CREATE FUNCTION terrind.refresh_territory_geometries(phase text)
RETURNS TABLE (item text, loaded bigint)
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, terrind, pg_temp
AS $$
DECLARE
    p constant text := refresh_territory_geometries.phase;
    missing text[];
BEGIN
    PERFORM lock_phase_list(p, 'refresh_territory_geometries');

    IF to_regclass('pg_temp.terrind_member_geoms') IS NOT NULL THEN
        DROP TABLE pg_temp.terrind_member_geoms;
    END IF;
    CREATE TEMP TABLE terrind_member_geoms ON COMMIT DROP AS SELECT * FROM member_geometries(p);
    CREATE TEMP TABLE terrind_new_geometries ON COMMIT DROP AS
    SELECT u.territory_id AS id, u.geom
    FROM (SELECT m.territory_id, @postgis@.ST_Multi(@postgis@.ST_CollectionExtract(@postgis@.ST_Union(m.geom), 3)) AS geom
          FROM pg_temp.terrind_member_geoms m WHERE m.geom IS NOT NULL GROUP BY m.territory_id) u
    WHERE NOT @postgis@.ST_IsEmpty(u.geom);

    SELECT array_agg(w ORDER BY w) INTO missing FROM (
        SELECT format('%s (%s): none of its members has a boundary', t.id, t.name)
        FROM territory t
        WHERE t.phase = p AND NOT EXISTS (SELECT 1 FROM pg_temp.terrind_new_geometries n WHERE n.id = t.id)
        UNION ALL
        SELECT format('%s: member %s (%s) has no boundary', m.territory_id, m.siren, m.name)
        FROM pg_temp.terrind_member_geoms m WHERE m.geom IS NULL
        UNION ALL
        SELECT format('%s: member %s (%s) has %s communes without boundary', m.territory_id, m.siren, m.name, m.communes_missing)
        FROM pg_temp.terrind_member_geoms m WHERE m.geom IS NOT NULL AND m.communes_missing > 0) x(w);

    item := 'territories with geometry';
    loaded := store_territory_geometries(p, 'members', missing); RETURN NEXT;
    item := 'territories without geometry';
    loaded := (SELECT count(*) FROM territory t WHERE t.phase = p) - loaded; RETURN NEXT;
    item := 'members without boundary';
    loaded := (SELECT count(*) FROM pg_temp.terrind_member_geoms m WHERE m.geom IS NULL); RETURN NEXT;
    item := 'members with communes without boundary';
    loaded := (SELECT count(*) FROM pg_temp.terrind_member_geoms m WHERE m.geom IS NOT NULL AND m.communes_missing > 0);
    RETURN NEXT;
END $$;
$def$);
REVOKE EXECUTE ON FUNCTION @extschema@.refresh_territory_geometries(text) FROM PUBLIC;
COMMENT ON FUNCTION @extschema@.refresh_territory_geometries(text) IS 'build the geometry of every territory of a phase as the union of its members'' boundaries (commune, EPCI or EPT; an EPCI or EPT without boundary contributes its communes''), replacing the phase''s geometries; what had no boundary is listed in territory_geometry_status';

-- The members an ANCT territory polygon lists: phase 2's liste_geo
-- "CA du Nord Basse-Terre (249710062); CA Grand Sud Caraïbe (249710070)",
-- or phase 1's siren_groupement "200035970, 249500109" with the names of
-- lib_groupement when they pair up one to one.
CREATE FUNCTION @extschema@.polygon_members(properties jsonb)
RETURNS TABLE (pos int, siren text, name text, error text)
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
    SELECT l.n::int, btrim(m[2]), nullif(btrim(m[1]), ''),
           CASE WHEN m IS NULL THEN format('liste_geo item %L: expected "Name (SIREN)"', btrim(l.item)) END
    FROM regexp_split_to_table(properties->>'liste_geo', ';') WITH ORDINALITY l(item, n)
    LEFT JOIN LATERAL regexp_match(l.item, '^(.*)\(\s*([0-9][0-9 ]*)\s*\)\s*$') m ON true
    WHERE btrim(l.item) <> ''
    UNION ALL
    SELECT s.n::int, btrim(s.siren),
           CASE WHEN cardinality(names) = cardinality(sirens) THEN nullif(btrim(names[s.n]), '') END, NULL
    FROM (SELECT regexp_split_to_array(properties->>'siren_groupement', '[,;]') AS sirens,
                 regexp_split_to_array(properties->>'lib_groupement', '[,;]') AS names
          WHERE NOT properties ? 'liste_geo') x,
         unnest(x.sirens) WITH ORDINALITY s(siren, n)
    WHERE btrim(s.siren) <> ''
$$;
COMMENT ON FUNCTION @extschema@.polygon_members(jsonb) IS 'members listed in the properties of an ANCT territory polygon: liste_geo "Name (SIREN); …" (phase 2) or siren_groupement "SIREN, SIREN" with lib_groupement (phase 1); error says why an item is unreadable';


-- What ANCT's polygons (in load_territory_polygons' temporary tables) say
-- that the loaded list of the phase does not.
CREATE FUNCTION @extschema@.polygon_disagreements(phase text)
RETURNS text[]
LANGUAGE sql STABLE STRICT PARALLEL RESTRICTED
SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
    SELECT coalesce(array_agg(d ORDER BY d), '{}') FROM (
        SELECT format('%s (%s) is not in the loaded list: its polygon is not loaded', r.id, r.name)
        FROM pg_temp.terrind_polygon_rows r
        WHERE NOT EXISTS (SELECT 1 FROM territory t WHERE t.phase = $1 AND t.id = r.id::ti_code)
        UNION ALL
        SELECT format('%s (%s) is in the loaded list but has no polygon in the file', t.id, t.name)
        FROM territory t
        WHERE t.phase = $1 AND NOT EXISTS (SELECT 1 FROM pg_temp.terrind_polygon_rows r WHERE r.id::ti_code = t.id)
        UNION ALL
        SELECT format('%s is named %L in the file but %L in the loaded list', t.id, r.name, t.name)
        FROM pg_temp.terrind_polygon_rows r JOIN territory t ON t.phase = $1 AND t.id = r.id::ti_code
        WHERE r.name <> t.name
        UNION ALL
        SELECT format('%s: member %s (%s) is in the file but not in the loaded list', m.id, m.siren::siren, coalesce(m.name, m.cog_name))
        FROM pg_temp.terrind_polygon_members m
        WHERE EXISTS (SELECT 1 FROM territory t WHERE t.phase = $1 AND t.id = m.id::ti_code)
          AND NOT EXISTS (SELECT 1 FROM territory_member tm
                          WHERE tm.phase = $1 AND tm.territory_id = m.id::ti_code AND tm.siren = m.siren::siren)
        UNION ALL
        SELECT format('%s: member %s (%s) is in the loaded list but not in the file', tm.territory_id, tm.siren, tm.name)
        FROM territory_member tm
        WHERE tm.phase = $1
          AND EXISTS (SELECT 1 FROM pg_temp.terrind_polygon_rows r WHERE r.id::ti_code = tm.territory_id)
          AND NOT EXISTS (SELECT 1 FROM pg_temp.terrind_polygon_members m
                          WHERE m.id::ti_code = tm.territory_id AND m.siren::siren = tm.siren)
    ) x(d)
$$;
COMMENT ON FUNCTION @extschema@.polygon_disagreements(text) IS 'used by load_territory_polygons: every territory, name or member on which the polygons being loaded and the phase''s loaded list disagree';

CREATE FUNCTION @extschema@.load_territory_polygons(phase text, doc jsonb)
RETURNS TABLE (item text, loaded bigint, detail text)
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
DECLARE
    p constant text := load_territory_polygons.phase;
    loader constant text := format('load_territory_polygons(%L)', p);
    fill constant boolean := NOT EXISTS (SELECT 1 FROM territory t WHERE t.phase = p);
    problems text[];
    findings text[];
    missing text[];
    total bigint;
BEGIN
    IF doc IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = '22004', MESSAGE = 'load_territory_polygons: doc must not be NULL';
    END IF;
    PERFORM lock_phase_list(p, 'load_territory_polygons');

    IF to_regclass('pg_temp.terrind_polygon_rows') IS NOT NULL THEN
        DROP TABLE pg_temp.terrind_polygon_rows, pg_temp.terrind_polygon_members;
    END IF;
    CREATE TEMP TABLE terrind_polygon_rows ON COMMIT DROP AS
    SELECT f.n, f.geom, f.problem, f.repaired, f.properties,
           nullif(btrim(coalesce(f.properties->>'id_territoire', f.properties->>'id_ti')), '') AS id,
           nullif(btrim(coalesce(f.properties->>'lib_territoire', f.properties->>'lib_ti')), '') AS name,
           input_error(btrim(coalesce(f.properties->>'id_territoire', f.properties->>'id_ti')), 'terrind.ti_code') AS id_error
    FROM geojson_features(doc, loader) f;
    CREATE TEMP TABLE terrind_polygon_members ON COMMIT DROP AS
    SELECT r.n, r.id, m.pos, m.siren, m.name, m.error, input_error(m.siren, 'terrind.siren') AS siren_error,
           coalesce(g.nature, CASE WHEN c.siren IS NOT NULL THEN 'COM' END) AS nature, coalesce(g.name, c.name) AS cog_name
    FROM pg_temp.terrind_polygon_rows r
    CROSS JOIN LATERAL polygon_members(r.properties) m
    LEFT JOIN groupement g ON input_error(m.siren, 'terrind.siren') IS NULL AND g.siren = m.siren::siren
    LEFT JOIN commune c ON input_error(m.siren, 'terrind.siren') IS NULL AND c.siren = m.siren::siren AND c.type = 'commune-actuelle';

    SELECT count(*) INTO total FROM pg_temp.terrind_polygon_rows;
    WITH problem AS (
        SELECT n, problem AS what FROM pg_temp.terrind_polygon_rows WHERE problem IS NOT NULL
        UNION ALL
        SELECT n, coalesce('id: ' || id_error, 'no id_territoire (phase 2 format) or id_ti (phase 1 format)')
        FROM pg_temp.terrind_polygon_rows WHERE id IS NULL OR id_error IS NOT NULL
        UNION ALL
        SELECT n, 'no lib_territoire (phase 2 format) or lib_ti (phase 1 format)' FROM pg_temp.terrind_polygon_rows WHERE name IS NULL
        UNION ALL
        SELECT n, 'no members: expected liste_geo (phase 2 format) or siren_groupement (phase 1 format)'
        FROM pg_temp.terrind_polygon_rows r WHERE NOT EXISTS (SELECT 1 FROM pg_temp.terrind_polygon_members m WHERE m.n = r.n)
        UNION ALL
        SELECT n, coalesce(error, format('member SIREN %s: %s', siren, siren_error))
        FROM pg_temp.terrind_polygon_members WHERE error IS NOT NULL OR siren_error IS NOT NULL
        UNION ALL
        SELECT n, format('member %s: not in the loaded COG, so its nature is unknown (load the COG, or the member list with load_territories, first)', siren)
        FROM pg_temp.terrind_polygon_members WHERE fill AND error IS NULL AND siren_error IS NULL AND nature IS NULL
        UNION ALL
        SELECT n, format('member %s listed again', siren)
        FROM (SELECT n, siren, pos, min(pos) OVER (PARTITION BY n, siren::siren) AS first_pos
              FROM pg_temp.terrind_polygon_members WHERE siren_error IS NULL AND error IS NULL) d
        WHERE pos > first_pos
        UNION ALL
        SELECT n, format('territory %s already at feature %s', id, first_n)
        FROM (SELECT n, id, min(n) OVER (PARTITION BY id::ti_code) AS first_n
              FROM pg_temp.terrind_polygon_rows WHERE id_error IS NULL AND id IS NOT NULL) d
        WHERE n > first_n
    )
    SELECT array_agg(format('feature %s: %s', n, what) ORDER BY n, what) INTO problems FROM problem;
    PERFORM reject_features(loader, problems, total);
    SELECT array_agg(format('feature %s (%s): %s', n, id, repaired) ORDER BY n) INTO problems
    FROM pg_temp.terrind_polygon_rows WHERE repaired IS NOT NULL;
    PERFORM report_repairs(loader, problems);

    IF fill THEN
        INSERT INTO territory (phase, id, name) SELECT p, r.id::ti_code, r.name FROM pg_temp.terrind_polygon_rows r;
        GET DIAGNOSTICS total = ROW_COUNT;
        item := 'territories filled'; loaded := total; RETURN NEXT;
        INSERT INTO territory_member (phase, territory_id, siren, name, nature)
        SELECT p, m.id::ti_code, m.siren::siren, coalesce(m.name, m.cog_name), m.nature FROM pg_temp.terrind_polygon_members m;
        GET DIAGNOSTICS total = ROW_COUNT;
        item := 'members filled'; loaded := total; RETURN NEXT;
    END IF;
    findings := polygon_disagreements(p);

    CREATE TEMP TABLE terrind_new_geometries ON COMMIT DROP AS
    SELECT r.id::ti_code AS id, r.geom FROM pg_temp.terrind_polygon_rows r
    WHERE EXISTS (SELECT 1 FROM territory t WHERE t.phase = p AND t.id = r.id::ti_code);
    missing := ARRAY(SELECT format('%s (%s): no polygon in the file', t.id, t.name) FROM territory t
                     WHERE t.phase = p AND NOT EXISTS (SELECT 1 FROM pg_temp.terrind_new_geometries n WHERE n.id = t.id)
                     ORDER BY t.id);
    item := 'territory polygons'; loaded := store_territory_geometries(p, 'anct', missing); RETURN NEXT;
    item := 'repaired with ST_MakeValid'; loaded := coalesce(cardinality(problems), 0); RETURN NEXT;
    item := 'disagreements with the loaded list'; loaded := cardinality(findings); RETURN NEXT;
    loaded := NULL;
    FOREACH detail IN ARRAY findings LOOP
        item := 'disagreement'; RETURN NEXT;
    END LOOP;
END $$;
REVOKE EXECUTE ON FUNCTION @extschema@.load_territory_polygons(text, jsonb) FROM PUBLIC;
COMMENT ON FUNCTION @extschema@.load_territory_polygons(text, jsonb) IS 'load ANCT''s territory polygons of a phase (GeoJSON; phase 2 properties id_territoire, lib_territoire, liste_geo; phase 1 properties id_ti, lib_ti, lib_groupement, siren_groupement) as the phase''s territory geometries; fills the territories and members when the phase has none, else returns every disagreement with the loaded list; all or nothing';

-- ----------------------------------------------------------------------
-- Queries
-- ----------------------------------------------------------------------
-- territories_at is created by the DO block at the end of this file.

SELECT terrind.create_with_postgis($def$
CREATE FUNCTION terrind.nearest_territories(geom @postgis@.geometry, phase text, k int)
RETURNS TABLE (id terrind.ti_code, name text, distance_m float8)
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, terrind, pg_temp
AS $$
DECLARE
    g @postgis@.geography;
    c record;
    ids ti_code[] := '{}';
    distances float8[] := '{}';
BEGIN
    IF k < 1 THEN
        RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE = format('nearest_territories: k must be at least 1, not %s', k);
    END IF;
    PERFORM require_geometries(phase);
    g := to_wgs84(geom)::@postgis@.geography;
    -- Candidates come from the index in order of distance on the sphere;
    -- the exact distance on the ellipsoid differs from it by less than
    -- 1 %, so once a candidate is more than 1 % farther on the sphere than
    -- the k-th best exact distance, no later one can enter the k nearest.
    FOR c IN SELECT t.id, t.geom::@postgis@.geography OPERATOR(@postgis@.<->) g AS sphere_m, @postgis@.ST_Distance(t.geom::@postgis@.geography, g) AS exact_m
             FROM territory_geometry t WHERE t.phase = nearest_territories.phase
             ORDER BY t.geom::@postgis@.geography OPERATOR(@postgis@.<->) g LOOP
        EXIT WHEN cardinality(ids) >= k
              AND c.sphere_m > 1.01 * (SELECT d FROM unnest(distances) d ORDER BY d OFFSET k - 1 LIMIT 1) + 1;
        ids := ids || c.id;
        distances := distances || c.exact_m;
    END LOOP;
    RETURN QUERY
        SELECT x.id, t.name, x.d FROM unnest(ids, distances) x(id, d)
        JOIN territory t ON t.phase = nearest_territories.phase AND t.id = x.id
        ORDER BY x.d, x.id LIMIT k;
END $$;
$def$);
COMMENT ON FUNCTION @extschema@.nearest_territories(geometry, text, int) IS 'the k territories of a phase nearest to a geometry (any SRID; none means longitude/latitude), found through the index with the KNN operator <->, ordered by exact distance on the WGS 84 ellipsoid in metres (0 inside); 22023 for an unknown phase or k < 1, 55000 without geometries';

SELECT terrind.create_with_postgis($def$
CREATE FUNCTION terrind.region_shares(phase text, id text)
RETURNS TABLE (region text, area_share float8, population_share float8)
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, terrind, pg_temp
AS $$
DECLARE
    g constant @postgis@.geometry := territory_geom(phase, id);
BEGIN
    IF NOT EXISTS (SELECT 1 FROM terrind.region r WHERE r.geom IS NOT NULL) THEN
        RAISE EXCEPTION USING ERRCODE = '55000', MESSAGE = 'region boundaries are not loaded',
            HINT = 'Load them with terrind.load_boundaries(''region'', …).';
    END IF;
    RETURN QUERY
    WITH areas AS (
        SELECT r.code, @postgis@.ST_Area(@postgis@.ST_CollectionExtract(@postgis@.ST_Intersection(r.geom, g), 3)::@postgis@.geography) AS a
        FROM terrind.region r WHERE @postgis@.ST_Intersects(r.geom, g)
    ), people AS (
        SELECT v.region AS code, v.population::float8 AS p FROM territory_region_population v
        WHERE v.phase = region_shares.phase AND v.territory_id = region_shares.id::ti_code
    ), shares AS (
        SELECT coalesce(a.code, n.code) AS code, a.a, n.p
        FROM (SELECT * FROM areas WHERE areas.a > 0) a FULL JOIN people n ON n.code = a.code
    )
    SELECT s.code, coalesce(s.a, 0) / nullif(sum(s.a) OVER (), 0), coalesce(s.p, 0) / nullif(sum(s.p) OVER (), 0)
    FROM shares s ORDER BY s.code;
END $$;
$def$);
COMMENT ON FUNCTION @extschema@.region_shares(text, text) IS 'shares of a territory''s area (its geometry intersected with region boundaries, on the ellipsoid) and of its population (communes covered by its members, counted once) per region; each column sums to 1 (NULL when nothing is known); 22023 for an unknown phase or territory, 55000 without geometry or region boundaries';

SELECT terrind.create_with_postgis($def$
CREATE FUNCTION terrind.territory_parts(phase text, id text)
RETURNS int
LANGUAGE sql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, terrind, pg_temp
AS $$
    SELECT @postgis@.ST_NumGeometries(territory_geom($1, $2))
$$;
$def$);
COMMENT ON FUNCTION @extschema@.territory_parts(text, text) IS 'number of disjoint polygons of a territory''s geometry: 1 when it is contiguous (polygons touching at a single point count separately); 22023 for an unknown phase or territory, 55000 without geometry';

-- The geometry column of a user's layer, checked: 22023 unless it exists
-- and holds geometry that may be polygonal; its SRID (0 if unconstrained).
SELECT terrind.create_with_postgis($def$
CREATE FUNCTION terrind.layer_srid(layer regclass, geom_column name)
RETURNS int
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, terrind, pg_temp
AS $$
DECLARE
    col record;
BEGIN
    SELECT a.atttypid::regtype AS type, a.atttypmod AS typmod INTO col
    FROM pg_attribute a WHERE a.attrelid = layer AND a.attname = geom_column AND a.attnum > 0 AND NOT a.attisdropped;
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE = format('%s has no column %I', layer, geom_column),
            DETAIL = format('Its geometry columns: %s.', coalesce((
                SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum) FROM pg_attribute a
                WHERE a.attrelid = layer AND a.atttypid = '@postgis@.geometry'::regtype AND NOT a.attisdropped), 'none'));
    END IF;
    IF col.type <> '@postgis@.geometry'::regtype THEN
        RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE = format('%s.%I is %s, not geometry', layer, geom_column, col.type);
    END IF;
    IF col.typmod >= 0 AND @postgis@.postgis_typmod_type(col.typmod) !~ '^(Geometry|GeometryCollection|Polygon|MultiPolygon)' THEN
        RAISE EXCEPTION USING ERRCODE = '22023',
            MESSAGE = format('%s.%I holds %s geometries, which cover no area', layer, geom_column, @postgis@.postgis_typmod_type(col.typmod));
    END IF;
    RETURN CASE WHEN col.typmod >= 0 THEN @postgis@.postgis_typmod_srid(col.typmod) ELSE 0 END;
END $$;
$def$);
COMMENT ON FUNCTION @extschema@.layer_srid(regclass, name) IS 'SRID of a layer''s geometry column (0 when unconstrained); 22023 unless the column exists and is a geometry column that may hold polygons';

SELECT terrind.create_with_postgis($def$
CREATE FUNCTION terrind.overlay(phase text, layer regclass, geom_column name)
RETURNS TABLE (id terrind.ti_code, area_m2 float8, covered_m2 float8, covered_share float8)
LANGUAGE plpgsql STABLE STRICT PARALLEL UNSAFE
SET search_path = pg_catalog, terrind, pg_temp
AS $$
DECLARE
    srid constant int := layer_srid(layer, geom_column);
BEGIN
    PERFORM require_geometries(phase);
    -- With a declared SRID the territory goes to the layer's SRID, so that
    -- the layer's own GiST index finds the candidate rows; the pieces are
    -- then measured in EPSG:4326 on the ellipsoid.  Overlapping layer
    -- polygons are counted once (union).
    RETURN QUERY EXECUTE format($q$
        SELECT t.id, t.area_m2, coalesce(@postgis@.ST_Area(c.geom::@postgis@.geography), 0),
               coalesce(@postgis@.ST_Area(c.geom::@postgis@.geography), 0) / nullif(t.area_m2, 0)
        FROM terrind.territory_geometry t
        LEFT JOIN LATERAL (
            SELECT @postgis@.ST_Union(@postgis@.ST_CollectionExtract(@postgis@.ST_Intersection(x.geom, t.geom), 3)) AS geom
            FROM (SELECT CASE WHEN (@postgis@.ST_IsValidDetail(g)).valid THEN g ELSE @postgis@.ST_CollectionExtract(@postgis@.ST_MakeValid(g), 3) END AS geom
                  FROM (SELECT terrind.to_wgs84(l.%1$I) AS g FROM %2$s l WHERE %3$s) l) x) c ON true
        WHERE t.phase = $1
        ORDER BY t.id $q$,
        geom_column, layer,
        CASE WHEN srid > 0 THEN format('@postgis@.ST_Intersects(l.%I, @postgis@.ST_Transform(t.geom, %s))', geom_column, srid)
             ELSE format('@postgis@.ST_Intersects(terrind.to_wgs84(l.%I), t.geom)', geom_column) END)
    USING phase;
EXCEPTION WHEN internal_error THEN
    -- GEOS (XX000) on geometries ST_MakeValid could not save
    RAISE EXCEPTION USING ERRCODE = '22023',
        MESSAGE = format('overlay: PostGIS failed on the geometries of %s.%I: %s', layer, geom_column, SQLERRM),
        HINT = format('Repair them first, e.g. UPDATE %s SET %I = @postgis@.ST_MakeValid(%I).', layer, geom_column, geom_column);
END $$;
$def$);
COMMENT ON FUNCTION @extschema@.overlay(text, regclass, name) IS 'how much of each territory of a phase the polygons of a user''s layer cover: area_m2 and covered_m2 on the ellipsoid (overlapping layer polygons counted once, invalid ones repaired), covered_share = covered_m2 / area_m2; any SRID (declare it on the column so that the layer''s GiST index is used); 22023 for an unknown phase or a column that is missing or not geometry';

-- ----------------------------------------------------------------------
-- Output for people and tools
-- ----------------------------------------------------------------------
-- A layer for QGIS and BI tools: the typed geometry column makes it appear
-- in geometry_columns.  Funding figures join it on (phase, id) from
-- funding_territory_rates (funding_lines.sql, created after this file).
CREATE VIEW @extschema@.territory_layer AS
SELECT s.phase, s.id, s.name, s.lead_region, s.lead_region_name, s.member_count, s.population,
       g.area_m2, g.parts, st.source AS geometry_source, st.stale_reason IS NOT NULL AS geometry_stale,
       g.geom
FROM @extschema@.territory_summary s
JOIN @extschema@.territory_geometry g ON g.phase = s.phase AND g.id::text = s.id
LEFT JOIN @extschema@.territory_geometry_status st ON st.phase = s.phase;
COMMENT ON VIEW @extschema@.territory_layer IS 'territories with a geometry, one row per (phase, id), with the figures of territory_summary and a typed geometry(MultiPolygon, 4326) column: a layer for QGIS';

SELECT terrind.create_with_postgis($def$
CREATE FUNCTION terrind.territories_geojson(phase text)
RETURNS jsonb
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, terrind, pg_temp
AS $$
BEGIN
    PERFORM require_geometries(phase);
    RETURN (
        SELECT jsonb_build_object(
            'type', 'FeatureCollection',
            'phase', territories_geojson.phase,
            'geometry_source', st.source,
            'geometry_stale', st.stale_reason,
            'features', coalesce((
                SELECT jsonb_agg(jsonb_build_object(
                    'type', 'Feature',
                    'id', s.id,
                    'geometry', @postgis@.ST_AsGeoJSON(g.geom, 6)::jsonb,
                    'properties', jsonb_build_object(
                        'id', s.id, 'name', s.name, 'phase', s.phase,
                        'lead_region', s.lead_region, 'lead_region_name', s.lead_region_name,
                        'population', s.population, 'member_count', s.member_count,
                        'area_km2', round((g.area_m2 / 1e6)::numeric, 3), 'parts', g.parts,
                        'funding_totals', funding_totals(s.phase, s.id)))
                    ORDER BY s.id)
                FROM territory_summary s
                LEFT JOIN territory_geometry g ON g.phase = s.phase AND g.id::text = s.id
                WHERE s.phase = territories_geojson.phase), '[]'))
        FROM territory_geometry_status st WHERE st.phase = territories_geojson.phase);
END $$;
$def$);
COMMENT ON FUNCTION @extschema@.territories_geojson(text) IS 'the territories of a phase as a GeoJSON FeatureCollection (RFC 7946, longitude/latitude, 6 decimals) for QGIS, Leaflet or MapLibre: id, name, lead region, population, member count, area, parts, and funding_totals per status and need ({"engaged": {"Recruter": 1234.56}}, {} without funding lines); territories without geometry have a null geometry; 22023 for an unknown phase, 55000 without geometries';

-- Map frames of map_svg: metropolitan France in Lambert-93, each overseas
-- region in its UTM projection in an inset; the SVG transform that maps
-- ST_AsSVG's coordinates (x, -y in the frame's CRS) into the frame's box.
SELECT terrind.create_with_postgis($def$
CREATE FUNCTION terrind.map_frames()
RETURNS TABLE (frame int, label text, srid int, area @postgis@.geometry, x float8, y float8, w float8, h float8,
               scale float8, transform text)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, terrind, pg_temp
AS $$
    WITH f AS (
        SELECT 0 AS frame, 'France métropolitaine' AS label, 2154 AS srid, @postgis@.ST_Collect(r.geom) AS area,
               240.0 AS x, 90.0 AS y, 640.0 AS w, 660.0 AS h
        FROM region r WHERE r.zone = 'metro' AND r.geom IS NOT NULL HAVING count(*) > 0
        UNION ALL
        SELECT i, r.name, v.srid, r.geom, 20.0, 90.0 + 132 * (i - 1), 190.0, 112.0
        FROM (SELECT r.*, row_number() OVER (ORDER BY r.code)::int AS i FROM region r WHERE r.geom IS NOT NULL) r
        JOIN (VALUES ('01', 5490), ('02', 5490), ('03', 2972), ('04', 2975), ('06', 4471)) v(code, srid) ON v.code = r.code
    ), b AS (
        SELECT f.*, @postgis@.Box2D(@postgis@.ST_Transform(f.area, f.srid)) AS box,
               -- insets keep 18 px for their label
               CASE WHEN f.frame > 0 THEN 18.0 ELSE 0 END AS top
        FROM f
    ), s AS (
        SELECT b.*, least(b.w / (@postgis@.ST_XMax(b.box) - @postgis@.ST_XMin(b.box)), (b.h - b.top) / (@postgis@.ST_YMax(b.box) - @postgis@.ST_YMin(b.box))) AS scale
        FROM b
    )
    SELECT s.frame, s.label, s.srid, s.area, s.x, s.y, s.w, s.h, s.scale,
           format('translate(%s %s) scale(%s)',
                  round((s.x + (s.w - (@postgis@.ST_XMax(s.box) - @postgis@.ST_XMin(s.box)) * s.scale) / 2 - @postgis@.ST_XMin(s.box) * s.scale)::numeric, 2),
                  round((s.y + s.top + (s.h - s.top - (@postgis@.ST_YMax(s.box) - @postgis@.ST_YMin(s.box)) * s.scale) / 2 + @postgis@.ST_YMax(s.box) * s.scale)::numeric, 2),
                  s.scale)
    FROM s
$$;
$def$);
COMMENT ON FUNCTION @extschema@.map_frames() IS 'used by map_svg: metropolitan France (Lambert-93, EPSG:2154) and one inset per overseas region with a boundary (Guadeloupe and Martinique EPSG:5490, Guyane 2972, La Réunion 2975, Mayotte 4471), with the SVG transform placing each in its box';

-- A geometry as SVG path data in a frame's CRS, simplified to about half
-- a pixel at the frame's scale.
SELECT terrind.create_with_postgis($def$
CREATE FUNCTION terrind.svg_path(geom @postgis@.geometry, srid int, scale float8)
RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, terrind, pg_temp
AS $$
    SELECT @postgis@.ST_AsSVG(@postgis@.ST_SimplifyPreserveTopology(@postgis@.ST_Transform(geom, srid), 0.5 / scale), 0, 0)
$$;
$def$);
COMMENT ON FUNCTION @extschema@.svg_path(geometry, int, float8) IS 'used by map_svg: SVG path data of a geometry in a frame''s CRS, simplified to half a pixel at the frame''s scale';

SELECT terrind.create_with_postgis($def$
CREATE FUNCTION terrind.map_svg(phase text, metric text, subtitle text DEFAULT NULL)
RETURNS text
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, terrind, pg_temp
AS $$
DECLARE
    -- the metrics a map can show
    metrics constant jsonb := '{"population": "population of the communes covered",
                                "member_count": "members (EPCI, EPT, communes)",
                                "funding_announced": "funding announced (€)",
                                "funding_engaged": "funding engaged (€)",
                                "funding_deployed": "funding deployed (€)",
                                "deployment_rate": "deployed ÷ engaged (%)"}';
    palette constant text[] := '{#ffffb2,#fecc5c,#fd8d3c,#f03b20,#bd0026}';   -- ColorBrewer YlOrRd
    svg xml;
BEGIN
    PERFORM require_geometries(phase);
    IF metric IS NULL OR NOT metrics ? metric THEN
        RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE = format('map_svg: unknown metric %L', metric),
            DETAIL = format('Metrics: %s.', (SELECT string_agg(k, ', ' ORDER BY k) FROM jsonb_object_keys(metrics) k));
    END IF;
    IF NOT EXISTS (SELECT 1 FROM map_frames()) THEN
        RAISE EXCEPTION USING ERRCODE = '55000', MESSAGE = 'map_svg: region boundaries are not loaded',
            HINT = 'The map draws territories over regional outlines: load them with terrind.load_boundaries(''region'', …).';
    END IF;
    WITH v AS (
        SELECT l.id, l.name, l.geom,
               (jsonb_build_object('population', l.population, 'member_count', l.member_count,
                                   'funding_announced', r.announced, 'funding_engaged', r.engaged,
                                   'funding_deployed', r.deployed, 'deployment_rate', 100 * r.deployment_rate)
                ->> metric)::float8 AS value
        FROM territory_layer l
        LEFT JOIN funding_territory_rates r ON r.phase = l.phase AND r.territory_id = l.id AND r.level = 'territory'
        WHERE l.phase = map_svg.phase
    ), breaks AS (      -- quantile classes, at most five, none empty
        SELECT ARRAY(SELECT DISTINCT q FROM unnest(percentile_disc('{0,0.2,0.4,0.6,0.8}'::float8[])
                                                   WITHIN GROUP (ORDER BY v.value)) q ORDER BY q) AS t
        FROM v WHERE v.value IS NOT NULL
    ), classed AS (
        SELECT v.*, width_bucket(v.value, b.t) AS class, cardinality(b.t) AS classes FROM v, breaks b
    ), colored AS (
        SELECT c.*, coalesce(palette[5 - c.classes + c.class], '#cccccc') AS fill FROM classed c
    ), frames AS (
        SELECT * FROM map_frames()
    ), regions AS (
        SELECT f.frame, svg_path(r.geom, f.srid, f.scale) AS d
        FROM frames f JOIN region r ON r.geom OPERATOR(@postgis@.&&) f.area AND (r.zone = 'metro') = (f.frame = 0)
    ), legend AS (
        SELECT row_number() OVER (ORDER BY c.class NULLS LAST) AS i, c.fill,
               CASE WHEN c.class IS NULL THEN 'no data'
                    WHEN min(c.value) = max(c.value) THEN format('%s (%s)', map_number(min(c.value)), count(*))
                    ELSE format('%s – %s (%s)', map_number(min(c.value)), map_number(max(c.value)), count(*)) END AS label
        FROM colored c GROUP BY c.class, c.fill
    )
    SELECT xmlelement(name svg,
        xmlattributes('http://www.w3.org/2000/svg' AS xmlns, 1200 AS width, 790 AS height, '0 0 1200 790' AS "viewBox",
                      'sans-serif' AS "font-family"),
        xmlelement(name title, format('Territoires d''industrie %s: %s', phase, metrics->>metric)),
        -- stroke widths are set per frame in its units: renderers without
        -- vector-effect would otherwise scale them away
        xmlelement(name style, '.territory{stroke:#ffffff}.region{fill:none;stroke:#4d4d4d}'
                               '.land{fill:#ececec;stroke:none}.inset{fill:none;stroke:#999999}'),
        xmlelement(name rect, xmlattributes(1200 AS width, 790 AS height, '#ffffff' AS fill)),
        xmlelement(name text, xmlattributes(20 AS x, 34 AS y, 22 AS "font-size", 'bold' AS "font-weight"),
                   format('Territoires d''industrie %s: %s', phase, metrics->>metric)),
        xmlelement(name text, xmlattributes(20 AS x, 56 AS y, 13 AS "font-size"), subtitle),
        xmlelement(name text, xmlattributes(20 AS x, 74 AS y, 12 AS "font-size", '#555555' AS fill),
                   (SELECT format('%s territories with a geometry (%s)', count(*),
                                                            CASE st.source WHEN 'anct' THEN 'ANCT polygons' ELSE 'union of members'' boundaries' END)
                           || CASE WHEN st.stale_reason IS NOT NULL THEN ', STALE: ' || st.stale_reason ELSE '' END
                    FROM v, territory_geometry_status st WHERE st.phase = map_svg.phase
                    GROUP BY st.source, st.stale_reason)),
        (SELECT xmlagg(xmlelement(name g, xmlattributes('frame-' || f.frame AS id),
                    CASE WHEN f.frame > 0 THEN xmlconcat(
                        xmlelement(name rect, xmlattributes('inset' AS class, f.x AS x, f.y AS y, f.w AS width, f.h AS height)),
                        xmlelement(name text, xmlattributes(f.x + 4 AS x, f.y + 13 AS y, 11 AS "font-size"), f.label)) END,
                    xmlelement(name g, xmlattributes(f.transform AS transform),
                        (SELECT xmlagg(xmlelement(name path, xmlattributes('land' AS class, r.d AS d))) FROM regions r WHERE r.frame = f.frame),
                        xmlelement(name g, xmlattributes(0.6 / f.scale AS "stroke-width"),
                            (SELECT xmlagg(xmlelement(name path, xmlattributes('territory' AS class, c.fill AS fill, svg_path(c.geom, f.srid, f.scale) AS d),
                                                      xmlelement(name title, format('%s %s: %s', c.id, c.name, coalesce(map_number(c.value), 'no data'))))
                                           ORDER BY c.id)
                             FROM colored c WHERE c.geom OPERATOR(@postgis@.&&) f.area)),
                        xmlelement(name g, xmlattributes(1 / f.scale AS "stroke-width"),
                            (SELECT xmlagg(xmlelement(name path, xmlattributes('region' AS class, r.d AS d))) FROM regions r WHERE r.frame = f.frame))))
                ORDER BY f.frame)
         FROM frames f),
        xmlelement(name g, xmlattributes('legend' AS id),
            xmlelement(name text, xmlattributes(910 AS x, 106 AS y, 13 AS "font-size", 'bold' AS "font-weight"), metrics->>metric),
            (SELECT xmlagg(xmlconcat(
                        xmlelement(name rect, xmlattributes(910 AS x, 100 + 24 * l.i AS y, 18 AS width, 16 AS height, l.fill AS fill, '#999999' AS stroke)),
                        xmlelement(name text, xmlattributes(936 AS x, 113 + 24 * l.i AS y, 12 AS "font-size"), l.label))
                    ORDER BY l.i)
             FROM legend l)),
        xmlelement(name text, xmlattributes(20 AS x, 778 AS y, 11 AS "font-size", '#555555' AS fill),
                   'Quantile classes (count). Metropolitan France in Lambert-93 (EPSG:2154); overseas regions in insets, '
                   'each in its UTM projection and at its own scale.'))
    INTO svg;
    RETURN '<?xml version="1.0" encoding="UTF-8"?>' || E'\n' || svg::text || E'\n';
END $$;
$def$);
COMMENT ON FUNCTION @extschema@.map_svg(text, text, text) IS 'a standalone SVG choropleth of the territories of a phase over regional outlines, with title, optional subtitle and legend (quantile classes); metrics population, member_count, funding_announced, funding_engaged, funding_deployed (€) and deployment_rate (%); metropolitan France in Lambert-93, overseas regions in insets; 22023 for an unknown phase or metric, 55000 without territory geometries or region boundaries';

CREATE FUNCTION @extschema@.map_number(v float8)
RETURNS text
LANGUAGE sql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
    SELECT replace(to_char(round(v::numeric), 'FM999,999,999,999,990'), ',', U&'\202F')
$$;
COMMENT ON FUNCTION @extschema@.map_number(float8) IS 'used by map_svg: a number rounded and grouped by thousands with narrow no-break spaces (12 345)';

-- territories_at stays a plain SQL function (no SET clause), so that
-- PostgreSQL inlines it into the calling query and uses the GiST index.
SELECT terrind.create_with_postgis($def$
CREATE FUNCTION terrind.territories_at(geom @postgis@.geometry, phase text)
RETURNS SETOF terrind.ti_code
LANGUAGE sql STABLE PARALLEL SAFE
AS $body$
    SELECT t.id FROM terrind.territory_geometry t
    WHERE t.phase OPERATOR(pg_catalog.=) (SELECT terrind.checked_phase($2))
      AND @postgis@.st_intersects(t.geom, CASE WHEN @postgis@.st_srid($1) OPERATOR(pg_catalog.=) 4326 THEN $1
                                              ELSE terrind.to_wgs84($1) END)
$body$
$def$);
COMMENT ON FUNCTION @extschema@.territories_at(geometry, text) IS 'territories of a phase that contain a point or intersect a geometry (any SRID; none means longitude/latitude), borders included: a point on a shared border is in both territories; inlined into the calling query, so that FROM points p CROSS JOIN LATERAL terrind.territories_at(p.geom, phase) is a GiST-indexed join; 22023 for an unknown phase';

DROP FUNCTION @extschema@.create_with_postgis(text);

-- ======================================================================
-- Funding: the programme's needs, amounts broken down by need and their
-- aggregates, and exact apportionment (src/funding.c over
-- src/core/funding.c, src/apportion.c over src/core/apportion.c).
-- The need type itself comes from sql/schema/scalar_type.sql.in.
-- ======================================================================
COMMENT ON TYPE @extschema@.need IS 'need of the programme: recruter, innover, attirer, simplifier (phase 2018-2022), competences, innovation, transition_ecologique, foncier (phase 2023-2027); reads codes and French labels in any case, with or without accents; sorts by phase, then in that order';
COMMENT ON OPERATOR @extschema@.< (@extschema@.need, @extschema@.need) IS 'less than (by phase, then in the programme''s order)';

CREATE FUNCTION @extschema@.need_phase(@extschema@.need) RETURNS pg_catalog.text
    AS 'MODULE_PATHNAME', 'need_phase' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.need_label(@extschema@.need) RETURNS pg_catalog.text
    AS 'MODULE_PATHNAME', 'need_label' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.need_phase(@extschema@.need) IS 'phase of the programme the need belongs to: 2018-2022 or 2023-2027';
COMMENT ON FUNCTION @extschema@.need_label(@extschema@.need) IS 'French label of the need, such as Transition écologique';

-- need_breakdown --------------------------------------------------------
CREATE TYPE @extschema@.need_breakdown;
CREATE FUNCTION @extschema@.need_breakdown_in(pg_catalog.cstring) RETURNS @extschema@.need_breakdown
    AS 'MODULE_PATHNAME', 'need_breakdown_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.need_breakdown_out(@extschema@.need_breakdown) RETURNS pg_catalog.cstring
    AS 'MODULE_PATHNAME', 'need_breakdown_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.need_breakdown_recv(pg_catalog.internal) RETURNS @extschema@.need_breakdown
    AS 'MODULE_PATHNAME', 'need_breakdown_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.need_breakdown_send(@extschema@.need_breakdown) RETURNS pg_catalog.bytea
    AS 'MODULE_PATHNAME', 'need_breakdown_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE TYPE @extschema@.need_breakdown (
    INPUT = @extschema@.need_breakdown_in, OUTPUT = @extschema@.need_breakdown_out,
    RECEIVE = @extschema@.need_breakdown_recv, SEND = @extschema@.need_breakdown_send,
    INTERNALLENGTH = 64, ALIGNMENT = double, STORAGE = plain);
COMMENT ON TYPE @extschema@.need_breakdown IS 'amounts of euros per need, exact to the cent: {recruter: 1234.56, innover: 10.00}, non-zero needs only, {} when none';
COMMENT ON FUNCTION @extschema@.need_breakdown_in(pg_catalog.cstring) IS 'text input of need_breakdown: {need: amount, ...}, needs and amounts as need and eur read them';
COMMENT ON FUNCTION @extschema@.need_breakdown_out(@extschema@.need_breakdown) IS 'text output of need_breakdown: {recruter: 1234.56, ...}, non-zero needs in need order';
COMMENT ON FUNCTION @extschema@.need_breakdown_recv(pg_catalog.internal) IS 'binary input of need_breakdown (version byte, count, then int2 need and int8 cents each), checked like text input';
COMMENT ON FUNCTION @extschema@.need_breakdown_send(@extschema@.need_breakdown) IS 'binary output of need_breakdown';

CREATE FUNCTION @extschema@.need_breakdown_eq(@extschema@.need_breakdown, @extschema@.need_breakdown) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'need_breakdown_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.need_breakdown_ne(@extschema@.need_breakdown, @extschema@.need_breakdown) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'need_breakdown_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.need_breakdown_pl(@extschema@.need_breakdown, @extschema@.need_breakdown) RETURNS @extschema@.need_breakdown
    AS 'MODULE_PATHNAME', 'need_breakdown_pl' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.need_breakdown_eq(@extschema@.need_breakdown, @extschema@.need_breakdown) IS 'implementation of = for need_breakdown';
COMMENT ON FUNCTION @extschema@.need_breakdown_ne(@extschema@.need_breakdown, @extschema@.need_breakdown) IS 'implementation of <> for need_breakdown';
COMMENT ON FUNCTION @extschema@.need_breakdown_pl(@extschema@.need_breakdown, @extschema@.need_breakdown) IS 'implementation of need_breakdown + need_breakdown';

CREATE OPERATOR @extschema@.= (
    LEFTARG = @extschema@.need_breakdown, RIGHTARG = @extschema@.need_breakdown,
    FUNCTION = @extschema@.need_breakdown_eq,
    COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
    RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel);
CREATE OPERATOR @extschema@.<> (
    LEFTARG = @extschema@.need_breakdown, RIGHTARG = @extschema@.need_breakdown,
    FUNCTION = @extschema@.need_breakdown_ne,
    COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
    RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel);
CREATE OPERATOR @extschema@.+ (
    LEFTARG = @extschema@.need_breakdown, RIGHTARG = @extschema@.need_breakdown,
    FUNCTION = @extschema@.need_breakdown_pl, COMMUTATOR = OPERATOR(@extschema@.+));
COMMENT ON OPERATOR @extschema@.= (@extschema@.need_breakdown, @extschema@.need_breakdown) IS 'same amount for every need';
COMMENT ON OPERATOR @extschema@.<> (@extschema@.need_breakdown, @extschema@.need_breakdown) IS 'a different amount for some need';
COMMENT ON OPERATOR @extschema@.+ (@extschema@.need_breakdown, @extschema@.need_breakdown) IS 'need by need sum (22003 if a need''s sum is beyond the eur range)';

CREATE FUNCTION @extschema@.amount(@extschema@.need_breakdown, @extschema@.need) RETURNS @extschema@.eur
    AS 'MODULE_PATHNAME', 'need_breakdown_amount' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.total(@extschema@.need_breakdown) RETURNS @extschema@.eur
    AS 'MODULE_PATHNAME', 'need_breakdown_total' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.jsonb(@extschema@.need_breakdown) RETURNS pg_catalog.jsonb
    AS 'MODULE_PATHNAME', 'need_breakdown_jsonb' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.amount(@extschema@.need_breakdown, @extschema@.need) IS 'amount for one need (0.00 when absent)';
COMMENT ON FUNCTION @extschema@.total(@extschema@.need_breakdown) IS 'sum over all needs (22003 beyond the eur range)';
COMMENT ON FUNCTION @extschema@.jsonb(@extschema@.need_breakdown) IS 'JSON object of the non-zero needs: French labels as keys, euros as numbers, {"Recruter": 1234.56}';
CREATE CAST (@extschema@.need_breakdown AS pg_catalog.jsonb)
    WITH FUNCTION @extschema@.jsonb(@extschema@.need_breakdown) AS ASSIGNMENT;
COMMENT ON CAST (@extschema@.need_breakdown AS pg_catalog.jsonb) IS 'French labels as keys, euros as numbers';

-- sum_by_need() and sum(need_breakdown) ---------------------------------
CREATE TYPE @extschema@.need_breakdown_state;
CREATE FUNCTION @extschema@.need_breakdown_state_in(pg_catalog.cstring) RETURNS @extschema@.need_breakdown_state
    AS 'MODULE_PATHNAME', 'need_breakdown_state_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.need_breakdown_state_out(@extschema@.need_breakdown_state) RETURNS pg_catalog.cstring
    AS 'MODULE_PATHNAME', 'need_breakdown_state_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.need_breakdown_state_recv(pg_catalog.internal) RETURNS @extschema@.need_breakdown_state
    AS 'MODULE_PATHNAME', 'need_breakdown_state_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.need_breakdown_state_send(@extschema@.need_breakdown_state) RETURNS pg_catalog.bytea
    AS 'MODULE_PATHNAME', 'need_breakdown_state_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE TYPE @extschema@.need_breakdown_state (
    INPUT = @extschema@.need_breakdown_state_in, OUTPUT = @extschema@.need_breakdown_state_out,
    RECEIVE = @extschema@.need_breakdown_state_recv, SEND = @extschema@.need_breakdown_state_send,
    INTERNALLENGTH = 136, ALIGNMENT = double, STORAGE = plain);
COMMENT ON TYPE @extschema@.need_breakdown_state IS 'partial state of sum_by_need() and sum(need_breakdown): per-need sums in cents, in 128 bits so that no intermediate total overflows, and the row count';
COMMENT ON FUNCTION @extschema@.need_breakdown_state_in(pg_catalog.cstring) IS 'text input of need_breakdown_state: (8 sums in cents in need order,count)';
COMMENT ON FUNCTION @extschema@.need_breakdown_state_out(@extschema@.need_breakdown_state) IS 'text output of need_breakdown_state: (8 sums in cents in need order,count)';
COMMENT ON FUNCTION @extschema@.need_breakdown_state_recv(pg_catalog.internal) IS 'binary input of need_breakdown_state (version byte, 8 sums as high and low halves, count)';
COMMENT ON FUNCTION @extschema@.need_breakdown_state_send(@extschema@.need_breakdown_state) IS 'binary output of need_breakdown_state';

CREATE FUNCTION @extschema@.sum_by_need_accum(@extschema@.need_breakdown_state, @extschema@.eur, @extschema@.need) RETURNS @extschema@.need_breakdown_state
    AS 'MODULE_PATHNAME', 'sum_by_need_accum' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.need_breakdown_accum(@extschema@.need_breakdown_state, @extschema@.need_breakdown) RETURNS @extschema@.need_breakdown_state
    AS 'MODULE_PATHNAME', 'need_breakdown_accum' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.need_breakdown_state_combine(@extschema@.need_breakdown_state, @extschema@.need_breakdown_state) RETURNS @extschema@.need_breakdown_state
    AS 'MODULE_PATHNAME', 'need_breakdown_state_combine' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.need_breakdown_state_final(@extschema@.need_breakdown_state) RETURNS @extschema@.need_breakdown
    AS 'MODULE_PATHNAME', 'need_breakdown_state_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.sum_by_need_accum(@extschema@.need_breakdown_state, @extschema@.eur, @extschema@.need) IS 'sum_by_need() transition: adds one amount to its need';
COMMENT ON FUNCTION @extschema@.need_breakdown_accum(@extschema@.need_breakdown_state, @extschema@.need_breakdown) IS 'sum(need_breakdown) transition: adds one breakdown';
COMMENT ON FUNCTION @extschema@.need_breakdown_state_combine(@extschema@.need_breakdown_state, @extschema@.need_breakdown_state) IS 'sum_by_need() and sum(need_breakdown) combine: adds two partial states (parallel query, Citus)';
COMMENT ON FUNCTION @extschema@.need_breakdown_state_final(@extschema@.need_breakdown_state) IS 'sum_by_need() and sum(need_breakdown) final: the breakdown, NULL for no rows, 22003 if a need''s sum is beyond the eur range';

CREATE AGGREGATE @extschema@.sum_by_need(amount @extschema@.eur, need @extschema@.need) (
    SFUNC = @extschema@.sum_by_need_accum, STYPE = @extschema@.need_breakdown_state,
    INITCOND = '(0,0,0,0,0,0,0,0,0)',
    COMBINEFUNC = @extschema@.need_breakdown_state_combine,
    FINALFUNC = @extschema@.need_breakdown_state_final, PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.sum(@extschema@.need_breakdown) (
    SFUNC = @extschema@.need_breakdown_accum, STYPE = @extschema@.need_breakdown_state,
    INITCOND = '(0,0,0,0,0,0,0,0,0)',
    COMBINEFUNC = @extschema@.need_breakdown_state_combine,
    FINALFUNC = @extschema@.need_breakdown_state_final, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.sum_by_need(@extschema@.eur, @extschema@.need) IS 'exact totals per need in one need_breakdown; rows with a NULL amount or need are skipped; NULL for no rows; 22003 if a need''s total is beyond the eur range';
COMMENT ON AGGREGATE @extschema@.sum(@extschema@.need_breakdown) IS 'need by need total of breakdowns, for rollups; NULLs skipped; NULL for no rows; 22003 beyond the eur range';

-- apportion -------------------------------------------------------------
CREATE FUNCTION @extschema@.apportion(amount @extschema@.eur, weights pg_catalog.float8[]) RETURNS @extschema@.eur[]
    AS 'MODULE_PATHNAME', 'apportion_float8' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.apportion(amount @extschema@.eur, weights pg_catalog.numeric[]) RETURNS @extschema@.eur[]
    AS 'MODULE_PATHNAME', 'apportion_numeric' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.apportion(@extschema@.eur, pg_catalog.float8[]) IS 'splits an amount by weights into parts adding up exactly to it (largest remainder, ties to the lower position; negative amounts mirrored); 22023 for an empty array or a NULL, negative, NaN or infinite weight, or all zero';
COMMENT ON FUNCTION @extschema@.apportion(@extschema@.eur, pg_catalog.numeric[]) IS 'splits an amount by exact numeric weights into parts adding up exactly to it (largest remainder, ties to the lower position; negative amounts mirrored); 22023 for an empty array or a NULL, negative, NaN or infinite weight, or all zero';

-- ======================================================================
-- Funding lines: the reference data they point to (needs, sources and
-- programmes, statuses, measures), the table users fill, its loader, and
-- the exact totals per region, territory, need, source and status.
--
-- A line records an amount that reached one status: an operation followed
-- through the funnel has one line per status it reached (announced, then
-- engaged, then deployed).  Totals per status are therefore the funnel, and
-- are never added across statuses.
-- ======================================================================

-- Needs for BI tools: the need type's codes, labels and phases as text.
CREATE VIEW @extschema@.needs AS
SELECT @extschema@.need_phase(n.need) AS phase, n.need::text AS code, @extschema@.need_label(n.need) AS label,
       n.position::int AS position
FROM pg_catalog.unnest('{recruter,innover,attirer,simplifier,competences,innovation,transition_ecologique,foncier}'::@extschema@.need[])
     WITH ORDINALITY n(need, position);
COMMENT ON VIEW @extschema@.needs IS 'the needs of each phase with plain text columns for BI tools: phase, code (as terrind.need reads and writes it), French label, position in the programme''s order (1 to 8, phase 2018-2022 first)';

-- ----------------------------------------------------------------------
-- Reference data.  Seeded from public sources and extendable: rows users
-- add are kept by pg_dump (the seeded rows come back with the extension).
-- ----------------------------------------------------------------------
CREATE TABLE @extschema@.funding_source (
    code text PRIMARY KEY CHECK (code ~ '^[a-z0-9_]+$'),
    name text NOT NULL UNIQUE CHECK (btrim(name) <> ''),
    kind text NOT NULL CHECK (kind IN ('programme', 'operator', 'public authority')),
    description text
);
COMMENT ON TABLE @extschema@.funding_source IS 'sources of funding lines: programmes (PIA, PIC, France Relance, Fonds Vert), operators (Banque des Territoires, Bpifrance, Business France, France Travail, ADEME) and public authorities (Regions, State/ANCT); seeded with those the public sources name, add others as needed';
COMMENT ON COLUMN @extschema@.funding_source.code IS 'short code: lower-case letters, digits and _';
COMMENT ON COLUMN @extschema@.funding_source.name IS 'name as spreadsheets write it; load_funding reads the code or the name, in any case';
COMMENT ON COLUMN @extschema@.funding_source.kind IS 'programme, operator or public authority';
COMMENT ON COLUMN @extschema@.funding_source.description IS 'what the public sources say of its part in the programme';
INSERT INTO @extschema@.funding_source (code, name, kind, description) VALUES
    ('pia', 'PIA', 'programme', 'Programme d''investissements d''avenir: more than 500 M€ of the 1.36 Md€ "prioritairement fléchés" in 2018'),
    ('pic', 'PIC', 'programme', 'Plan d''investissement dans les compétences: 250 M€ of the 2018 envelope; training needs and a call for professional-training engineering'),
    ('banque_des_territoires', 'Banque des Territoires', 'operator', 'Caisse des Dépôts: 500 M€ of the 2018 envelope, a commitment later raised to 1.05 Md€; engineering, industrial real estate, land and brownfield reconversion'),
    ('bpifrance', 'Bpifrance', 'operator', 'support for SME innovation and industrie du futur (with PIA funds)'),
    ('business_france', 'Business France', 'operator', 'attractiveness diagnostics and an export adviser per territory'),
    ('france_travail', 'France Travail', 'operator', 'ex-Pôle emploi: territorial GPEC'),
    ('ademe', 'ADEME', 'operator', 'industrial ecology'),
    ('france_relance', 'France Relance', 'programme', 'an industrial investment fund of 400 M€ (first tranche 150 M€), plus 298.5 M€ in 2021 shared 1:1 between the State and the Regions'),
    ('fonds_vert', 'Fonds Vert', 'programme', '100 M€ for the programme in 2024'),
    ('regions', 'Régions', 'public authority', 'the Regions pilot the programme (their presidents chair the steering) and co-finance it'),
    ('etat_anct', 'État / ANCT', 'public authority', 'the State, including the Agence nationale de la cohésion des territoires');

CREATE TABLE @extschema@.funding_status (
    status text PRIMARY KEY CHECK (status ~ '^[a-z_]+$'),
    position int NOT NULL UNIQUE,
    label text NOT NULL UNIQUE CHECK (btrim(label) <> ''),
    description text
);
COMMENT ON TABLE @extschema@.funding_status IS 'statuses a funding line''s amount reached, in the order of the funnel: announced, engaged, deployed';
COMMENT ON COLUMN @extschema@.funding_status.position IS 'place in the funnel, for sorting: announced 1, engaged 2, deployed 3';
COMMENT ON COLUMN @extschema@.funding_status.label IS 'French label; load_funding reads the status or the label, in any case';
INSERT INTO @extschema@.funding_status (status, position, label, description) VALUES
    ('announced', 1, 'Annoncé', 'announced by the State or an operator; the official totals of the programme are announcements'),
    ('engaged', 2, 'Engagé', 'committed to projects (the Cour des comptes counted 1.7 Md€ engaged in November 2024)'),
    ('deployed', 3, 'Déployé', 'actually deployed (the Cour des comptes counted 794 M€ deployed in November 2024)');

-- Measures: the services of the programme's offer.  A measure whose terms
-- change gets a new row (a new code, its own validity, replaces = the old
-- code), so that funding lines keep the terms they were decided under.
CREATE TABLE @extschema@.measure (
    phase text NOT NULL REFERENCES @extschema@.phase,
    code text NOT NULL CHECK (code ~ '^[a-z0-9_]+$'),
    need @extschema@.need NOT NULL,
    label text NOT NULL CHECK (btrim(label) <> ''),
    description text,
    source text REFERENCES @extschema@.funding_source,
    unit_amount @extschema@.eur CHECK (unit_amount OPERATOR(@extschema@.>) '0'),
    unit text,
    valid_from date,
    valid_to date,
    replaces text,
    PRIMARY KEY (phase, code),
    UNIQUE (phase, need, code),
    UNIQUE (phase, label),
    FOREIGN KEY (phase, replaces) REFERENCES @extschema@.measure (phase, code),
    CONSTRAINT measure_need_of_its_phase CHECK (@extschema@.need_phase(need) = phase),
    CONSTRAINT measure_unit_amount_has_unit CHECK ((unit_amount IS NULL) = (unit IS NULL)),
    CONSTRAINT measure_validity CHECK (valid_to >= valid_from)
);
COMMENT ON TABLE @extschema@.measure IS 'measures (services) of the programme''s offer per phase and need; seeded with the phase-1 measures public sources name, a PARTIAL list (the 2018 offer had 17 or 18 measures, later about 30 services, never itemised in full; no phase-2 list is seeded); add yours';
COMMENT ON COLUMN @extschema@.measure.code IS 'short code, unique within the phase; funding lines refer to it';
COMMENT ON COLUMN @extschema@.measure.need IS 'the need it answers, of the measure''s phase';
COMMENT ON COLUMN @extschema@.measure.source IS 'the operator or programme that provides it, NULL where the sources do not say';
COMMENT ON COLUMN @extschema@.measure.unit_amount IS 'public amount per unit, e.g. 4 000 € per young graduate hired (VTE); NULL where none is published';
COMMENT ON COLUMN @extschema@.measure.unit IS 'what unit_amount is per, e.g. ''young graduate hired''';
COMMENT ON COLUMN @extschema@.measure.valid_from IS 'first day the measure was offered on these terms, NULL when not published';
COMMENT ON COLUMN @extschema@.measure.valid_to IS 'last day, NULL when open or not published';
COMMENT ON COLUMN @extschema@.measure.replaces IS 'code of the earlier version of this measure, in the same phase';
INSERT INTO @extschema@.measure (phase, code, need, label, description, source, unit_amount, unit, valid_from, valid_to) VALUES
    ('2018-2022', 'vte', 'recruter', 'Volontariat Territorial en Entreprise (VTE)', 'a young graduate hired by an industrial company of the territory', NULL, '4000', 'young graduate hired', NULL, NULL),
    ('2018-2022', 'pic_competences', 'recruter', 'Plan d''investissement dans les compétences (PIC)', 'training for the skills the territory''s industry needs', 'pic', NULL, NULL, NULL, NULL),
    ('2018-2022', 'pic_ingenierie_formation', 'recruter', 'Appel à projets PIC ingénierie de formation', 'PIC call for projects of professional-training engineering', 'pic', NULL, NULL, NULL, NULL),
    ('2018-2022', 'gpec_territoriale', 'recruter', 'GPEC territoriale', 'territorial forward planning of jobs and skills, with France Travail (ex-Pôle emploi)', 'france_travail', NULL, NULL, NULL, NULL),
    ('2018-2022', 'innovation_pme', 'innover', 'Innovation des PME et industrie du futur', 'support for SME innovation and industrie du futur (Bpifrance, with PIA funds)', 'bpifrance', NULL, NULL, NULL, NULL),
    ('2018-2022', 'ecologie_industrielle', 'innover', 'Écologie industrielle', 'industrial ecology (ADEME)', 'ademe', NULL, NULL, NULL, NULL),
    ('2018-2022', 'ingenierie', 'attirer', 'Ingénierie (Banque des Territoires)', 'engineering for the territory''s projects', 'banque_des_territoires', NULL, NULL, NULL, NULL),
    ('2018-2022', 'immobilier_industriel', 'attirer', 'Immobilier industriel', 'industrial real estate', 'banque_des_territoires', NULL, NULL, NULL, NULL),
    ('2018-2022', 'foncier_friches', 'attirer', 'Foncier et reconversion de friches', 'land and brownfield reconversion', 'banque_des_territoires', NULL, NULL, NULL, NULL),
    ('2018-2022', 'diagnostic_attractivite', 'attirer', 'Diagnostic d''attractivité', 'attractiveness diagnostic of the territory', 'business_france', NULL, NULL, NULL, NULL),
    ('2018-2022', 'conseiller_export', 'attirer', 'Conseiller export', 'an export adviser per territory', 'business_france', NULL, NULL, NULL, NULL),
    ('2018-2022', 'sites_cles_en_main', 'attirer', 'Sites industriels clés en main', '"clés en main" industrial sites: 12 in January 2020, 127 in September 2021, 55 more in 2024', NULL, NULL, NULL, NULL, NULL),
    ('2018-2022', 'france_experimentation', 'simplifier', 'France Expérimentation', 'call for regulatory derogations', NULL, NULL, NULL, '2018-12-20', '2019-04-30'),
    ('2018-2022', 'referent_operateur', 'simplifier', 'Référent unique par opérateur', 'one referent per operator per territory', NULL, NULL, NULL, NULL, NULL);

-- ----------------------------------------------------------------------
-- The funding lines
-- ----------------------------------------------------------------------
CREATE TABLE @extschema@.funding (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    phase text NOT NULL,
    territory_id @extschema@.ti_code NOT NULL,
    need @extschema@.need NOT NULL,
    measure text,
    source text NOT NULL REFERENCES @extschema@.funding_source,
    status text NOT NULL REFERENCES @extschema@.funding_status,
    amount @extschema@.eur NOT NULL,
    decided_on date,
    siret @extschema@.siret,
    location geometry(Geometry, 4326),
    label text,
    -- RESTRICT: removing a territory must not take its money with it
    -- (load_territories refuses such a list, naming the territories)
    CONSTRAINT funding_territory_of_its_phase FOREIGN KEY (phase, territory_id)
        REFERENCES @extschema@.territory ON DELETE RESTRICT,
    CONSTRAINT funding_measure_of_its_phase_and_need FOREIGN KEY (phase, need, measure)
        REFERENCES @extschema@.measure (phase, need, code),
    CONSTRAINT funding_need_of_its_phase CHECK (@extschema@.need_phase(need) = phase)
);
CREATE INDEX funding_territory_idx ON @extschema@.funding (phase, territory_id);
CREATE INDEX funding_location_idx ON @extschema@.funding USING gist (location) WHERE location IS NOT NULL;
COMMENT ON TABLE @extschema@.funding IS 'funding lines: an amount of a source for a territory''s need that reached a status; an operation followed through the funnel has one line per status it reached, so totals are added per status, never across statuses';
COMMENT ON COLUMN @extschema@.funding.id IS 'generated key';
COMMENT ON SEQUENCE @extschema@.funding_id_seq IS 'generates funding.id; registered for pg_dump with the table';
COMMENT ON COLUMN @extschema@.funding.territory_id IS 'territory of the line''s phase; a territory with funding lines cannot be deleted (23503)';
COMMENT ON COLUMN @extschema@.funding.need IS 'need of the line''s phase (constraint funding_need_of_its_phase)';
COMMENT ON COLUMN @extschema@.funding.measure IS 'code of a measure of the same phase and need, optional';
COMMENT ON COLUMN @extschema@.funding.source IS 'code of the programme, operator or authority (funding_source)';
COMMENT ON COLUMN @extschema@.funding.status IS 'announced, engaged or deployed (funding_status)';
COMMENT ON COLUMN @extschema@.funding.amount IS 'amount that reached the status, exact to the cent; a correction (a cancelled commitment) is a negative line';
COMMENT ON COLUMN @extschema@.funding.decided_on IS 'date of the decision, optional';
COMMENT ON COLUMN @extschema@.funding.siret IS 'establishment funded, optional';
COMMENT ON COLUMN @extschema@.funding.location IS 'where the money goes (a site, a parcel), EPSG:4326, optional';
COMMENT ON COLUMN @extschema@.funding.label IS 'what was funded, free text, optional';

SELECT pg_catalog.pg_extension_config_dump('terrind.funding', '');
SELECT pg_catalog.pg_extension_config_dump('terrind.funding_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('terrind.funding_source',
    'WHERE code NOT IN (''pia'', ''pic'', ''banque_des_territoires'', ''bpifrance'', ''business_france'', ''france_travail'', ''ademe'', ''france_relance'', ''fonds_vert'', ''regions'', ''etat_anct'')');
SELECT pg_catalog.pg_extension_config_dump('terrind.funding_status',
    'WHERE status NOT IN (''announced'', ''engaged'', ''deployed'')');
SELECT pg_catalog.pg_extension_config_dump('terrind.measure',
    'WHERE NOT (phase = ''2018-2022'' AND code IN (''vte'', ''pic_competences'', ''pic_ingenierie_formation'', ''gpec_territoriale'', ''innovation_pme'', ''ecologie_industrielle'', ''ingenierie'', ''immobilier_industriel'', ''foncier_friches'', ''diagnostic_attractivite'', ''conseiller_export'', ''sites_cles_en_main'', ''france_experimentation'', ''referent_operateur''))');

-- ----------------------------------------------------------------------
-- Loader
-- ----------------------------------------------------------------------
CREATE FUNCTION @extschema@.date_from_text(v text)
RETURNS date
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
    -- checked field by field rather than cast, so that a bad date is NULL
    -- (a loader reports it) instead of an error
    SELECT CASE WHEN d.m BETWEEN 1 AND 12 AND d.y BETWEEN 1900 AND 2200 AND d.d >= 1
                 AND d.d <= extract(day FROM make_date(d.y, d.m, 1) + interval '1 month' - interval '1 day')
                THEN make_date(d.y, d.m, d.d) END
    FROM (SELECT coalesce(g[1], g[6])::int AS y, coalesce(g[2], g[5])::int AS m, coalesce(g[3], g[4])::int AS d
          FROM regexp_match(btrim(v), '^(\d{4})-(\d{1,2})-(\d{1,2})$|^(\d{1,2})/(\d{1,2})/(\d{4})$') g) d
$$;
COMMENT ON FUNCTION @extschema@.date_from_text(text) IS 'used by load_funding: a day written 2024-03-15 (ISO 8601) or 15/03/2024 (French), NULL if the text is no such valid date';

CREATE FUNCTION @extschema@.load_funding(csv text, replace boolean DEFAULT false)
RETURNS TABLE (item text, loaded bigint)
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
DECLARE
    problems text[];
    total bigint;
    ph text;
BEGIN
    IF csv IS NULL OR replace IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = '22004', MESSAGE = 'load_funding: csv and replace must not be NULL';
    END IF;
    IF to_regclass('pg_temp.terrind_funding_rows') IS NOT NULL THEN
        DROP TABLE pg_temp.terrind_funding_rows;
    END IF;
    CREATE TEMP TABLE terrind_funding_rows ON COMMIT DROP AS
    SELECT c.line, c.field_count, c.header_count,
           c.v[1] AS phase, c.v[2] AS id, c.v[3] AS need, c.v[4] AS measure, c.v[5] AS source, c.v[6] AS status,
           c.v[7] AS amount, c.v[8] AS decided_on, c.v[9] AS siret, c.v[10] AS label,
           (SELECT p.phase FROM phase p WHERE p.phase = c.v[1]) AS known_phase,
           input_error(c.v[2], 'terrind.ti_code') AS id_error,
           input_error(c.v[3], 'terrind.need') AS need_error,
           input_error(c.v[7], 'terrind.eur') AS amount_error,
           input_error(c.v[9], 'terrind.siret') AS siret_error,
           date_from_text(c.v[8]) AS day,
           -- codes or names in any case; a code wins over another row's name
           (SELECT s.code FROM funding_source s WHERE lower(c.v[5]) IN (s.code, lower(s.name))
            ORDER BY s.code = lower(c.v[5]) DESC LIMIT 1) AS source_code,
           (SELECT s.status FROM funding_status s WHERE lower(c.v[6]) IN (s.status, lower(s.label))
            ORDER BY s.status = lower(c.v[6]) DESC LIMIT 1) AS status_code,
           m.code AS measure_code, m.need AS measure_need
    FROM csv_columns(csv, ARRAY['phase', 'id_ti|territory_id|id_territoire', 'need|besoin', '?measure|mesure',
                                'source|financeur', 'status|statut', 'amount|montant',
                                '?decided_on|date_decision', '?siret', '?label|libelle']) c
    LEFT JOIN LATERAL (SELECT m.code, m.need FROM measure m WHERE m.phase = c.v[1] AND lower(c.v[4]) IN (m.code, lower(m.label))
                       ORDER BY m.code = lower(c.v[4]) DESC LIMIT 1) m ON true;

    -- the phase lists cannot change until the lines are in
    FOR ph IN SELECT DISTINCT r.known_phase FROM pg_temp.terrind_funding_rows r WHERE r.known_phase IS NOT NULL ORDER BY 1 LOOP
        PERFORM lock_phase_list(ph, 'load_funding');
    END LOOP;

    SELECT count(*) INTO total FROM pg_temp.terrind_funding_rows;
    WITH r AS (
        SELECT * FROM pg_temp.terrind_funding_rows WHERE field_count = header_count
    ), valid AS (       -- rows whose phase, territory and need read, for the checks across columns
        SELECT r.*, r.id::ti_code AS tid, r.need::need AS n
        FROM r WHERE r.known_phase IS NOT NULL AND r.id_error IS NULL AND r.id IS NOT NULL
                 AND r.need_error IS NULL AND r.need IS NOT NULL
    ), problem AS (
        SELECT line, format('%s fields, expected %s as in the header', field_count, header_count) AS what
        FROM pg_temp.terrind_funding_rows WHERE field_count <> header_count
        UNION ALL
        SELECT line, CASE WHEN phase IS NULL THEN 'phase is empty'
                          ELSE format('phase %L: expected %s', phase, (SELECT string_agg(p.phase, ' or ' ORDER BY p.phase) FROM phase p)) END
        FROM r WHERE known_phase IS NULL
        UNION ALL
        SELECT line, CASE WHEN id IS NULL THEN 'id_ti is empty' ELSE 'id_ti: ' || id_error END
        FROM r WHERE id IS NULL OR id_error IS NOT NULL
        UNION ALL
        SELECT line, CASE WHEN need IS NULL THEN 'need is empty' ELSE 'need: ' || need_error END
        FROM r WHERE need IS NULL OR need_error IS NOT NULL
        UNION ALL
        SELECT line, CASE WHEN amount IS NULL THEN 'amount is empty' ELSE 'amount: ' || amount_error END
        FROM r WHERE amount IS NULL OR amount_error IS NOT NULL
        UNION ALL
        SELECT line, CASE WHEN source IS NULL THEN 'source is empty'
                          ELSE format('source %L is not in terrind.funding_source (%s): add it there first', source,
                                      (SELECT string_agg(s.code, ', ' ORDER BY s.code) FROM funding_source s)) END
        FROM r WHERE source_code IS NULL
        UNION ALL
        SELECT line, CASE WHEN status IS NULL THEN 'status is empty'
                          ELSE format('status %L: expected %s', status,
                                      (SELECT string_agg(s.status || ' (' || s.label || ')', ', ' ORDER BY s.position) FROM funding_status s)) END
        FROM r WHERE status_code IS NULL
        UNION ALL
        SELECT line, format('decided_on %L: expected a date such as 2024-03-15 or 15/03/2024', decided_on)
        FROM r WHERE decided_on IS NOT NULL AND day IS NULL
        UNION ALL
        SELECT line, 'siret: ' || siret_error FROM r WHERE siret_error IS NOT NULL
        UNION ALL
        SELECT line, format('need %s belongs to phase %s, not %s', n, need_phase(n), phase)
        FROM valid WHERE need_phase(n) <> phase
        UNION ALL
        SELECT line, format('%s is not a territory of phase %s', tid, phase)
        FROM valid v WHERE NOT EXISTS (SELECT 1 FROM territory t WHERE t.phase = v.phase AND t.id = v.tid)
        UNION ALL
        SELECT line, format('measure %L is not in terrind.measure for phase %s', measure, phase)
        FROM valid WHERE measure IS NOT NULL AND measure_code IS NULL
        UNION ALL
        SELECT line, format('measure %s answers need %s, not %s', measure_code, measure_need, n)
        FROM valid WHERE measure_code IS NOT NULL AND measure_need <> n
    )
    SELECT array_agg(format('line %s: %s', line, what) ORDER BY line, what) INTO problems FROM problem;
    PERFORM reject_load('load_funding', problems, total, false);

    IF replace THEN     -- the file is the whole list of each phase and source it holds
        DELETE FROM funding f
        WHERE (f.phase, f.source) IN (SELECT r.phase, r.source_code FROM pg_temp.terrind_funding_rows r);
        GET DIAGNOSTICS total = ROW_COUNT;
        item := 'funding lines replaced'; loaded := total; RETURN NEXT;
    END IF;
    INSERT INTO funding (phase, territory_id, need, measure, source, status, amount, decided_on, siret, label)
    SELECT r.phase, r.id::ti_code, r.need::need, r.measure_code, r.source_code, r.status_code, r.amount::eur,
           r.day, r.siret::siret, r.label
    FROM pg_temp.terrind_funding_rows r ORDER BY r.line;
    GET DIAGNOSTICS total = ROW_COUNT;
    item := 'funding lines'; loaded := total; RETURN NEXT;
END $$;
REVOKE EXECUTE ON FUNCTION @extschema@.load_funding(text, boolean) FROM PUBLIC;
COMMENT ON FUNCTION @extschema@.load_funding(text, boolean) IS 'load funding lines from a CSV spreadsheet (columns by header name: phase, id_ti, need, measure, source, status, amount, decided_on, siret, label; needs as codes or French labels, amounts as eur reads them, 1 234,56 € or 1,2 M€), appended; with replace => true the lines of each (phase, source) the file holds replace the earlier ones; all or nothing, every bad row reported with its line';

-- ----------------------------------------------------------------------
-- Totals per region: each territory's lines split among the regions it
-- spans, exactly (apportion), so that regions add up to the national total.
-- ----------------------------------------------------------------------
CREATE FUNCTION @extschema@.require_split_method(phase text, method text)
RETURNS void
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
BEGIN
    PERFORM require_phase(phase);
    IF method IS NULL OR method NOT IN ('lead', 'population', 'area') THEN
        RAISE EXCEPTION USING ERRCODE = '22023',
            MESSAGE = format('unknown method %L to split territories among regions', method),
            DETAIL = 'Methods: lead (the lead region takes all), population (by the population of the communes in each region), area (by the area in each region, once geometries are loaded).';
    END IF;
    IF method = 'area' THEN
        PERFORM require_geometries(phase);
        IF NOT EXISTS (SELECT 1 FROM region r WHERE r.geom IS NOT NULL) THEN
            RAISE EXCEPTION USING ERRCODE = '55000', MESSAGE = 'method area: region boundaries are not loaded',
                HINT = 'Load them with terrind.load_boundaries(''region'', …), or use the method population.';
        END IF;
    END IF;
END $$;
COMMENT ON FUNCTION @extschema@.require_split_method(text, text) IS 'used by region_weights and funding_by_region: 22023 for an unknown phase or method; for area, 55000 without territory geometries or region boundaries';

CREATE FUNCTION @extschema@.region_weights(phase text, method text)
RETURNS TABLE (territory_id @extschema@.ti_code, region text, weight numeric, fallback boolean)
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
BEGIN
    PERFORM require_split_method(phase, method);
    RETURN QUERY
    WITH shares AS (
        SELECT p.territory_id, p.region, p.population::numeric AS w
        FROM territory_region_population p
        WHERE method = 'population' AND p.phase = region_weights.phase AND p.population > 0
        UNION ALL
        SELECT g.id, s.region, s.area_share::numeric
        FROM territory_geometry g CROSS JOIN LATERAL region_shares(g.phase, g.id::text) s
        WHERE method = 'area' AND g.phase = region_weights.phase AND s.area_share > 0
    )
    -- territories the method cannot split go to their lead region
    SELECT t.id, coalesce(s.region, t.lead_region), coalesce(s.w, 1), s.region IS NULL AND method <> 'lead'
    FROM territory t LEFT JOIN shares s ON s.territory_id = t.id
    WHERE t.phase = region_weights.phase
    ORDER BY 1, 2;
END $$;
COMMENT ON FUNCTION @extschema@.region_weights(text, text) IS 'the regions each territory of a phase is split among, with their weights: lead (its lead region, weight 1), population (population of its communes in each region), area (region_shares area_share); fallback is true where the method knows nothing of the territory (no population, no geometry) and its lead region takes all; 22023 for an unknown phase or method, 55000 for area without geometries';

CREATE FUNCTION @extschema@.funding_by_region(phase text, method text DEFAULT 'lead')
RETURNS TABLE (region text, region_name text, need @extschema@.need, status text,
               amount @extschema@.eur, amount_numeric numeric)
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
BEGIN
    PERFORM require_split_method(phase, method);
    -- each territory's sum per need and status is split once: exact, and as
    -- many apportion() calls as sums, not as lines
    RETURN QUERY
    WITH sums AS (
        SELECT f.territory_id, f.need, f.status, sum(f.amount) AS amount
        FROM funding f WHERE f.phase = funding_by_region.phase
        GROUP BY f.territory_id, f.need, f.status
    ), weights AS (
        SELECT w.territory_id, array_agg(w.region ORDER BY w.region) AS regions,
               array_agg(w.weight ORDER BY w.region) AS weights
        FROM region_weights(funding_by_region.phase, method) w GROUP BY w.territory_id
    ), parts AS (
        SELECT p.region, s.need, s.status, sum(p.amount) AS amount
        FROM sums s JOIN weights w USING (territory_id)
        CROSS JOIN LATERAL unnest(w.regions, apportion(s.amount, w.weights)) p(region, amount)
        GROUP BY p.region, s.need, s.status
    )
    SELECT p.region, r.name, p.need, p.status, p.amount, p.amount::numeric
    FROM parts p
    LEFT JOIN region r ON r.code = p.region
    JOIN funding_status st ON st.status = p.status
    ORDER BY p.region, p.need, st.position;
END $$;
COMMENT ON FUNCTION @extschema@.funding_by_region(text, text) IS 'funding of a phase per region, need and status, exact to the cent: method lead (the default) gives each line to its territory''s lead region, population and area split territories spanning regions by region_weights (the lead region takes all where the method knows nothing); each territory''s sum per need and status is apportioned, so the regions add up exactly to the national total of every need and status; amount_numeric for BI tools; 22023 for an unknown phase or method, 55000 for area without geometries';

CREATE FUNCTION @extschema@.deployment_rate(deployed numeric, engaged numeric)
RETURNS numeric
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT CASE WHEN engaged OPERATOR(pg_catalog.<>) 0
                THEN pg_catalog.round(coalesce(deployed, 0) OPERATOR(pg_catalog./) engaged, 4) END
$$;
COMMENT ON FUNCTION @extschema@.deployment_rate(numeric, numeric) IS 'deployed ÷ engaged, rounded to 4 decimals; NULL when nothing is engaged';

-- ----------------------------------------------------------------------
-- Views for BI tools: plain column types (text, numeric, bigint), amounts
-- as numeric(19,2) and eur.  Rollup rows hold NULL in the columns they
-- total over, and level names the columns a row is broken down by
-- ('territory, need, status' for detail rows ... 'status' for the phase
-- total).  Statuses are never rolled up: they are stages, not parts.
-- ----------------------------------------------------------------------
CREATE VIEW @extschema@.funding_territory_totals AS
SELECT f.phase,
       CASE GROUPING(f.territory_id, f.need) WHEN 0 THEN 'territory, need, status' WHEN 1 THEN 'territory, status'
                                             WHEN 2 THEN 'need, status' ELSE 'status' END AS level,
       f.territory_id::text AS territory_id, t.name AS territory_name, t.lead_region,
       f.need::text AS need, @extschema@.need_label(f.need) AS need_label,
       f.status, s.position AS status_position,
       count(*) AS lines, @extschema@.sum(f.amount)::numeric(19,2) AS amount, @extschema@.sum(f.amount) AS amount_eur
FROM @extschema@.funding f
JOIN @extschema@.territory t ON t.phase = f.phase AND t.id OPERATOR(@extschema@.=) f.territory_id
JOIN @extschema@.funding_status s ON s.status = f.status
GROUP BY GROUPING SETS ((f.phase, f.status, s.position, f.territory_id, t.name, t.lead_region, f.need),
                        (f.phase, f.status, s.position, f.territory_id, t.name, t.lead_region),
                        (f.phase, f.status, s.position, f.need),
                        (f.phase, f.status, s.position));
COMMENT ON VIEW @extschema@.funding_territory_totals IS 'funding per phase, territory, need and status, with rollup rows per territory (all needs), per need (all territories) and per phase (level says which; NULL in the columns totalled over); amount numeric(19,2) and amount_eur; statuses are never added together';

CREATE VIEW @extschema@.funding_region_totals AS
SELECT f.phase,
       CASE GROUPING(t.lead_region, f.need) WHEN 0 THEN 'region, need, status' WHEN 1 THEN 'region, status'
                                           WHEN 2 THEN 'need, status' ELSE 'status' END AS level,
       t.lead_region AS region, r.name AS region_name,
       f.need::text AS need, @extschema@.need_label(f.need) AS need_label,
       f.status, s.position AS status_position,
       count(*) AS lines, @extschema@.sum(f.amount)::numeric(19,2) AS amount, @extschema@.sum(f.amount) AS amount_eur
FROM @extschema@.funding f
JOIN @extschema@.territory t ON t.phase = f.phase AND t.id OPERATOR(@extschema@.=) f.territory_id
LEFT JOIN @extschema@.region r ON r.code = t.lead_region
JOIN @extschema@.funding_status s ON s.status = f.status
GROUP BY GROUPING SETS ((f.phase, f.status, s.position, t.lead_region, r.name, f.need),
                        (f.phase, f.status, s.position, t.lead_region, r.name),
                        (f.phase, f.status, s.position, f.need),
                        (f.phase, f.status, s.position));
COMMENT ON VIEW @extschema@.funding_region_totals IS 'funding per phase, region (the territory''s lead region, as funding_by_region(phase, ''lead'')), need and status, with rollup rows per region, per need and per phase (level says which; NULL in the columns totalled over); amount numeric(19,2) and amount_eur';

CREATE VIEW @extschema@.funding_source_totals AS
SELECT f.phase, CASE GROUPING(f.source) WHEN 0 THEN 'source, status' ELSE 'status' END AS level,
       f.source, src.name AS source_name, src.kind AS source_kind,
       f.status, s.position AS status_position,
       count(*) AS lines, @extschema@.sum(f.amount)::numeric(19,2) AS amount, @extschema@.sum(f.amount) AS amount_eur
FROM @extschema@.funding f
JOIN @extschema@.funding_source src ON src.code = f.source
JOIN @extschema@.funding_status s ON s.status = f.status
GROUP BY GROUPING SETS ((f.phase, f.status, s.position, f.source, src.name, src.kind),
                        (f.phase, f.status, s.position));
COMMENT ON VIEW @extschema@.funding_source_totals IS 'funding per phase, source and status, with a rollup row per phase and status (level ''status'', source NULL): the announced → engaged → deployed funnel; amount numeric(19,2) and amount_eur';

CREATE VIEW @extschema@.funding_territory_rates AS
SELECT x.*, @extschema@.deployment_rate(x.deployed, x.engaged) AS deployment_rate
FROM (SELECT t.phase, CASE GROUPING(t.id) WHEN 0 THEN 'territory' ELSE 'phase' END AS level,
             t.id::text AS territory_id, t.name AS territory_name, t.lead_region, count(f.id) AS lines,
             coalesce(@extschema@.sum(f.amount) FILTER (WHERE f.status = 'announced'), '0')::numeric(19,2) AS announced,
             coalesce(@extschema@.sum(f.amount) FILTER (WHERE f.status = 'engaged'), '0')::numeric(19,2) AS engaged,
             coalesce(@extschema@.sum(f.amount) FILTER (WHERE f.status = 'deployed'), '0')::numeric(19,2) AS deployed
      FROM @extschema@.territory t
      LEFT JOIN @extschema@.funding f ON f.phase = t.phase AND f.territory_id OPERATOR(@extschema@.=) t.id
      GROUP BY GROUPING SETS ((t.phase, t.id, t.name, t.lead_region), (t.phase))) x;
COMMENT ON VIEW @extschema@.funding_territory_rates IS 'every territory (level territory) and each phase (level phase) with its amounts announced, engaged and deployed (numeric(19,2), 0 without lines) and its deployment rate, deployed ÷ engaged (NULL when nothing is engaged)';

CREATE VIEW @extschema@.funding_region_rates AS
SELECT x.*, @extschema@.deployment_rate(x.deployed, x.engaged) AS deployment_rate
FROM (SELECT r.phase, CASE GROUPING(r.lead_region) WHEN 0 THEN 'region' ELSE 'phase' END AS level,
             r.lead_region AS region, g.name AS region_name, count(*) AS territories, sum(r.lines)::bigint AS lines,
             sum(r.announced)::numeric(19,2) AS announced, sum(r.engaged)::numeric(19,2) AS engaged,
             sum(r.deployed)::numeric(19,2) AS deployed
      FROM @extschema@.funding_territory_rates r
      LEFT JOIN @extschema@.region g ON g.code = r.lead_region
      WHERE r.level = 'territory'
      GROUP BY GROUPING SETS ((r.phase, r.lead_region, g.name), (r.phase))) x;
COMMENT ON VIEW @extschema@.funding_region_rates IS 'each lead region (level region) and each phase (level phase) with its territories, amounts announced, engaged and deployed (numeric(19,2)) and deployment rate, deployed ÷ engaged (NULL when nothing is engaged); regions as the lead method of funding_by_region';

-- For territories_geojson (spatial.sql): a territory's totals per status
-- and need, as GeoJSON properties.
CREATE FUNCTION @extschema@.funding_totals(phase text, territory_id text)
RETURNS jsonb
LANGUAGE sql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
    SELECT coalesce(jsonb_object_agg(x.status, x.by_need::jsonb), '{}')
    FROM (SELECT f.status, sum_by_need(f.amount, f.need) AS by_need FROM funding f
          WHERE f.phase = $1 AND f.territory_id = $2::ti_code GROUP BY f.status) x
$$;
COMMENT ON FUNCTION @extschema@.funding_totals(text, text) IS 'a territory''s funding per status and need as JSON, French need labels as keys and euros as numbers: {"engaged": {"Recruter": 1234.56}}; {} without funding lines';

-- ======================================================================
-- Eligibility: the ANCT specialisation indicators (src/specialisation.c)
-- and eligibility rules over jsonb facts (src/eligibility.c), both over
-- the plain-C core (src/core/specialisation.c, src/core/rule*.c).
-- ======================================================================

-- specialisation indicators ---------------------------------------------
CREATE FUNCTION @extschema@.specificity(x_ik pg_catalog.float8, x_i pg_catalog.float8,
                                        x_k pg_catalog.float8, x pg_catalog.float8) RETURNS pg_catalog.float8
    AS 'MODULE_PATHNAME', 'specialisation_specificity' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.specificity(pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8) IS
    'ANCT specificity index r(ik) = [x_ik/x_i] / [(x_k - x_ik)/(x - x_i)] of zone i in sector k against the rest of the area; NULL when a denominator is 0 (x_i = 0, x = x_i or x_k = x_ik); 22023 for negative or non-finite counts or a part larger than its whole';

CREATE TYPE @extschema@.specialisation_state;
CREATE FUNCTION @extschema@.specialisation_state_in(pg_catalog.cstring) RETURNS @extschema@.specialisation_state
    AS 'MODULE_PATHNAME', 'specialisation_state_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.specialisation_state_out(@extschema@.specialisation_state) RETURNS pg_catalog.cstring
    AS 'MODULE_PATHNAME', 'specialisation_state_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.specialisation_state_recv(pg_catalog.internal) RETURNS @extschema@.specialisation_state
    AS 'MODULE_PATHNAME', 'specialisation_state_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.specialisation_state_send(@extschema@.specialisation_state) RETURNS pg_catalog.bytea
    AS 'MODULE_PATHNAME', 'specialisation_state_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE TYPE @extschema@.specialisation_state (
    INPUT = @extschema@.specialisation_state_in, OUTPUT = @extschema@.specialisation_state_out,
    RECEIVE = @extschema@.specialisation_state_recv, SEND = @extschema@.specialisation_state_send,
    INTERNALLENGTH = VARIABLE, ALIGNMENT = double, STORAGE = extended);
COMMENT ON TYPE @extschema@.specialisation_state IS 'partial state of krugman() and gini_specialisation(): the (x_ik, x_k) pairs of one zone, as text [[x_ik,x_k],...]';
COMMENT ON FUNCTION @extschema@.specialisation_state_in(pg_catalog.cstring) IS 'text input of specialisation_state: [[x_ik,x_k],...] with 0 <= x_ik <= x_k';
COMMENT ON FUNCTION @extschema@.specialisation_state_out(@extschema@.specialisation_state) IS 'text output of specialisation_state: [[x_ik,x_k],...], numbers exact';
COMMENT ON FUNCTION @extschema@.specialisation_state_recv(pg_catalog.internal) IS 'binary input of specialisation_state: version byte 1, uint32 count, then big-endian float8 pairs (checked like text input)';
COMMENT ON FUNCTION @extschema@.specialisation_state_send(@extschema@.specialisation_state) IS 'binary output of specialisation_state';

CREATE FUNCTION @extschema@.specialisation_accum(@extschema@.specialisation_state, pg_catalog.float8, pg_catalog.float8)
    RETURNS @extschema@.specialisation_state
    AS 'MODULE_PATHNAME', 'specialisation_accum' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.specialisation_combine(@extschema@.specialisation_state, @extschema@.specialisation_state)
    RETURNS @extschema@.specialisation_state
    AS 'MODULE_PATHNAME', 'specialisation_combine' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.krugman_final(@extschema@.specialisation_state) RETURNS pg_catalog.float8
    AS 'MODULE_PATHNAME', 'krugman_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.gini_specialisation_final(@extschema@.specialisation_state) RETURNS pg_catalog.float8
    AS 'MODULE_PATHNAME', 'gini_specialisation_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.specialisation_accum(@extschema@.specialisation_state, pg_catalog.float8, pg_catalog.float8) IS 'krugman() and gini_specialisation() transition: adds one sector (x_ik, x_k); 22023 unless 0 <= x_ik <= x_k, finite';
COMMENT ON FUNCTION @extschema@.specialisation_combine(@extschema@.specialisation_state, @extschema@.specialisation_state) IS 'krugman() and gini_specialisation() combine: joins two partial states (parallel query, Citus)';
COMMENT ON FUNCTION @extschema@.krugman_final(@extschema@.specialisation_state) IS 'krugman() final: the index, NULL without sectors, zone jobs or jobs outside the zone';
COMMENT ON FUNCTION @extschema@.gini_specialisation_final(@extschema@.specialisation_state) IS 'gini_specialisation() final: the coefficient, NULL without sectors, zone jobs or jobs outside the zone';

CREATE AGGREGATE @extschema@.krugman(x_ik pg_catalog.float8, x_k pg_catalog.float8) (
    SFUNC = @extschema@.specialisation_accum, STYPE = @extschema@.specialisation_state, INITCOND = '[]',
    COMBINEFUNC = @extschema@.specialisation_combine, FINALFUNC = @extschema@.krugman_final,
    PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.gini_specialisation(x_ik pg_catalog.float8, x_k pg_catalog.float8) (
    SFUNC = @extschema@.specialisation_accum, STYPE = @extschema@.specialisation_state, INITCOND = '[]',
    COMBINEFUNC = @extschema@.specialisation_combine, FINALFUNC = @extschema@.gini_specialisation_final,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.krugman(pg_catalog.float8, pg_catalog.float8) IS
    'Krugman specialisation index of a zone over its sectors (one row per sector: x_ik zone jobs, x_k area jobs): 1/2 sum |x_ik/X(i) - (x_k - x_ik)/(X - X(i))|, in [0, 1]; rows with a NULL are skipped; NULL without rows, zone jobs or jobs outside the zone';
COMMENT ON AGGREGATE @extschema@.gini_specialisation(pg_catalog.float8, pg_catalog.float8) IS
    'Gini specialisation coefficient (Amiti 1999) of a zone over its sectors against the rest of the area: Lorenz curve of sectors ranked by specificity, in [0, 1]; NULL as krugman()';

-- eligibility rules ---------------------------------------------------
CREATE TYPE @extschema@.eligibility_rule;
CREATE FUNCTION @extschema@.eligibility_rule_in(pg_catalog.cstring) RETURNS @extschema@.eligibility_rule
    AS 'MODULE_PATHNAME', 'eligibility_rule_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.eligibility_rule_out(@extschema@.eligibility_rule) RETURNS pg_catalog.cstring
    AS 'MODULE_PATHNAME', 'eligibility_rule_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.eligibility_rule_recv(pg_catalog.internal) RETURNS @extschema@.eligibility_rule
    AS 'MODULE_PATHNAME', 'eligibility_rule_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.eligibility_rule_send(@extschema@.eligibility_rule) RETURNS pg_catalog.bytea
    AS 'MODULE_PATHNAME', 'eligibility_rule_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE TYPE @extschema@.eligibility_rule (
    INPUT = @extschema@.eligibility_rule_in, OUTPUT = @extschema@.eligibility_rule_out,
    RECEIVE = @extschema@.eligibility_rule_recv, SEND = @extschema@.eligibility_rule_send,
    INTERNALLENGTH = VARIABLE, STORAGE = extended);
COMMENT ON TYPE @extschema@.eligibility_rule IS 'a parsed eligibility rule over named facts, e.g. population between 50000 and 150000 and not has_metropole; stored compiled, printed in canonical form';
COMMENT ON FUNCTION @extschema@.eligibility_rule_in(pg_catalog.cstring) IS 'parse an eligibility rule (22P02 naming the position and what was expected; 54000 beyond 1 MiB or 200 levels of nesting)';
COMMENT ON FUNCTION @extschema@.eligibility_rule_out(@extschema@.eligibility_rule) IS 'canonical text of an eligibility rule: lower-case keywords, single spaces, minimal parentheses';
COMMENT ON FUNCTION @extschema@.eligibility_rule_recv(pg_catalog.internal) IS 'binary input of eligibility_rule: the versioned serialized form (format version 1), fully validated (22P03)';
COMMENT ON FUNCTION @extschema@.eligibility_rule_send(@extschema@.eligibility_rule) IS 'binary output of eligibility_rule: the versioned serialized form';

CREATE FUNCTION @extschema@.eligibility_rule_eq(@extschema@.eligibility_rule, @extschema@.eligibility_rule) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'eligibility_rule_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.eligibility_rule_ne(@extschema@.eligibility_rule, @extschema@.eligibility_rule) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'eligibility_rule_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.eligibility_rule_hash(@extschema@.eligibility_rule) RETURNS pg_catalog.int4
    AS 'MODULE_PATHNAME', 'eligibility_rule_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION @extschema@.eligibility_rule_eq(@extschema@.eligibility_rule, @extschema@.eligibility_rule) IS 'implementation of = for eligibility_rule (same canonical rule)';
COMMENT ON FUNCTION @extschema@.eligibility_rule_ne(@extschema@.eligibility_rule, @extschema@.eligibility_rule) IS 'implementation of <> for eligibility_rule';
COMMENT ON FUNCTION @extschema@.eligibility_rule_hash(@extschema@.eligibility_rule) IS 'hash of an eligibility_rule, for DISTINCT, GROUP BY and hash joins';

CREATE OPERATOR @extschema@.= (
    LEFTARG = @extschema@.eligibility_rule, RIGHTARG = @extschema@.eligibility_rule,
    FUNCTION = @extschema@.eligibility_rule_eq,
    COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
    RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel, HASHES);
CREATE OPERATOR @extschema@.<> (
    LEFTARG = @extschema@.eligibility_rule, RIGHTARG = @extschema@.eligibility_rule,
    FUNCTION = @extschema@.eligibility_rule_ne,
    COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
    RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel);
COMMENT ON OPERATOR @extschema@.= (@extschema@.eligibility_rule, @extschema@.eligibility_rule) IS 'same rule: equal canonical forms';
COMMENT ON OPERATOR @extschema@.<> (@extschema@.eligibility_rule, @extschema@.eligibility_rule) IS 'different rules';
CREATE OPERATOR CLASS @extschema@.eligibility_rule_hash_ops DEFAULT FOR TYPE @extschema@.eligibility_rule USING hash AS
    OPERATOR 1 @extschema@.= ,
    FUNCTION 1 @extschema@.eligibility_rule_hash(@extschema@.eligibility_rule);
COMMENT ON OPERATOR CLASS @extschema@.eligibility_rule_hash_ops USING hash IS 'hashing of eligibility_rule (DISTINCT, GROUP BY, hash joins)';
COMMENT ON OPERATOR FAMILY @extschema@.eligibility_rule_hash_ops USING hash IS 'hash operators of eligibility_rule';

CREATE CAST (@extschema@.eligibility_rule AS pg_catalog.text) WITH INOUT AS ASSIGNMENT;
CREATE CAST (pg_catalog.text AS @extschema@.eligibility_rule) WITH INOUT AS ASSIGNMENT;
COMMENT ON CAST (@extschema@.eligibility_rule AS pg_catalog.text) IS 'canonical text of the rule';
COMMENT ON CAST (pg_catalog.text AS @extschema@.eligibility_rule) IS 'parse a rule (same checks as input)';

CREATE FUNCTION @extschema@.eligible(rule @extschema@.eligibility_rule, facts pg_catalog.jsonb) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'eligibility_eligible' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.eligible(@extschema@.eligibility_rule, pg_catalog.jsonb) IS
    'verdict of a rule on a jsonb object of facts (dotted names walk nested objects), under SQL three-valued logic: NULL when a missing or null fact, a division by zero or an overflow leaves it undecided; 22023 for facts that are not an object or a fact of the wrong type';

CREATE FUNCTION @extschema@.explain(rule @extschema@.eligibility_rule, facts pg_catalog.jsonb) RETURNS pg_catalog.jsonb
    AS 'MODULE_PATHNAME', 'eligibility_explain' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.explain(@extschema@.eligibility_rule, pg_catalog.jsonb) IS
    'why a rule holds or not: {"verdict", "comparisons": [{"text", "op", "left", "right", "result", "passed", "margin", "relative_margin"}]} listing every comparison; margin > 0 passed by, < 0 missed by (see README, Eligibility)';

CREATE FUNCTION @extschema@.rule_facts(rule @extschema@.eligibility_rule) RETURNS pg_catalog.text[]
    AS 'MODULE_PATHNAME', 'eligibility_rule_facts' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.rule_facts(@extschema@.eligibility_rule) IS 'the distinct fact names a rule reads, sorted (byte order)';

-- ======================================================================
-- Eligibility facts: employment by zone, sector and year (the data the
-- specialisation indicators need), the sector tables saying what counts as
-- industry, their loader, and the facts rules read, computed set-wise for
-- every EPCI or every territory of a phase (README, Eligibility).
-- No employment figures ship with terrind: users load INSEE's or URSSAF's.
-- ======================================================================

-- sector nomenclatures --------------------------------------------------
CREATE TABLE @extschema@.sector_nomenclature (
    nomenclature text PRIMARY KEY CHECK (nomenclature ~ '^[A-Za-z0-9][A-Za-z0-9_.-]*$'),
    label text NOT NULL CHECK (btrim(label) <> ''),
    source text NOT NULL CHECK (btrim(source) <> '')
);
COMMENT ON TABLE @extschema@.sector_nomenclature IS 'nomenclatures employment figures are coded in: NA17, NA38 and NAF-section are seeded (INSEE, NA 2008 over NAF rév. 2); add your own with their sectors';
COMMENT ON COLUMN @extschema@.sector_nomenclature.source IS 'where the codes and the industry flags come from';

CREATE TABLE @extschema@.sector (
    nomenclature text NOT NULL REFERENCES @extschema@.sector_nomenclature,
    code text NOT NULL CHECK (code ~ '^[A-Z0-9][A-Z0-9_.-]*$'),
    label text NOT NULL CHECK (btrim(label) <> ''),
    naf_divisions text,
    industry boolean NOT NULL,
    PRIMARY KEY (nomenclature, code)
);
COMMENT ON TABLE @extschema@.sector IS 'sector codes of each nomenclature and whether they count as industry (NAF sections B to E: extraction, manufacturing, energy, water and waste), as the facts'' industry_jobs add them up';
COMMENT ON COLUMN @extschema@.sector.code IS 'the code as the source files write it, upper case (C1, CA, B)';
COMMENT ON COLUMN @extschema@.sector.naf_divisions IS 'the NAF rév. 2 divisions the code covers (''10-12''), for reference';
COMMENT ON COLUMN @extschema@.sector.industry IS 'true when every division it covers lies in NAF sections B to E (divisions 05 to 39)';

-- Codes, labels and divisions: INSEE, "La nomenclature agrégée (NA), 2008"
-- and its table of correspondence with NAF rév. 2 (table_NAF2-NA.xls,
-- https://www.insee.fr/fr/information/2028155).  Industry = sections B-E:
-- NA17 DE, C1-C5; NA38 BZ, CA-CM, DZ, EZ.
INSERT INTO @extschema@.sector_nomenclature VALUES
    ('NA17', 'NA 2008, level A 17 (17 groups of NAF rév. 2)', 'INSEE, La nomenclature agrégée (NA), 2008: https://www.insee.fr/fr/information/2028155'),
    ('NA38', 'NA 2008, level A 38 (38 groups of NAF rév. 2)', 'INSEE, La nomenclature agrégée (NA), 2008: https://www.insee.fr/fr/information/2028155'),
    ('NAF-section', 'NAF rév. 2 sections A to U (level A 21)', 'INSEE, NAF rév. 2 (décret 2007-1888): https://www.insee.fr/fr/information/2406147');
INSERT INTO @extschema@.sector (nomenclature, code, naf_divisions, industry, label) VALUES
    ('NA17', 'AZ', '01-03', false, 'Agriculture, sylviculture et pêche'),
    ('NA17', 'DE', '05-09, 35-39', true, 'Industries extractives, énergie, eau, gestion des déchets et dépollution'),
    ('NA17', 'C1', '10-12', true, 'Fabrication de denrées alimentaires, de boissons et de produits à base de tabac'),
    ('NA17', 'C2', '19', true, 'Cokéfaction et raffinage'),
    ('NA17', 'C3', '26-28', true, 'Fabrication d''équipements électriques, électroniques, informatiques ; fabrication de machines'),
    ('NA17', 'C4', '29-30', true, 'Fabrication de matériels de transport'),
    ('NA17', 'C5', '13-18, 20-25, 31-33', true, 'Fabrication d''autres produits industriels'),
    ('NA17', 'FZ', '41-43', false, 'Construction'),
    ('NA17', 'GZ', '45-47', false, 'Commerce ; réparation d''automobiles et de motocycles'),
    ('NA17', 'HZ', '49-53', false, 'Transports et entreposage'),
    ('NA17', 'IZ', '55-56', false, 'Hébergement et restauration'),
    ('NA17', 'JZ', '58-63', false, 'Information et communication'),
    ('NA17', 'KZ', '64-66', false, 'Activités financières et d''assurance'),
    ('NA17', 'LZ', '68', false, 'Activités immobilières'),
    ('NA17', 'MN', '69-82', false, 'Activités scientifiques et techniques ; services administratifs et de soutien'),
    ('NA17', 'OQ', '84-88', false, 'Administration publique, enseignement, santé humaine et action sociale'),
    ('NA17', 'RU', '90-99', false, 'Autres activités de services'),
    ('NA38', 'AZ', '01-03', false, 'Agriculture, sylviculture et pêche'),
    ('NA38', 'BZ', '05-09', true, 'Industries extractives'),
    ('NA38', 'CA', '10-12', true, 'Fabrication de denrées alimentaires, de boissons et de produits à base de tabac'),
    ('NA38', 'CB', '13-15', true, 'Fabrication de textiles, industries de l''habillement, industrie du cuir et de la chaussure'),
    ('NA38', 'CC', '16-18', true, 'Travail du bois, industries du papier et imprimerie'),
    ('NA38', 'CD', '19', true, 'Cokéfaction et raffinage'),
    ('NA38', 'CE', '20', true, 'Industrie chimique'),
    ('NA38', 'CF', '21', true, 'Industrie pharmaceutique'),
    ('NA38', 'CG', '22-23', true, 'Fabrication de produits en caoutchouc et en plastique ainsi que d''autres produits minéraux non métalliques'),
    ('NA38', 'CH', '24-25', true, 'Métallurgie et fabrication de produits métalliques à l''exception des machines et des équipements'),
    ('NA38', 'CI', '26', true, 'Fabrication de produits informatiques, électroniques et optiques'),
    ('NA38', 'CJ', '27', true, 'Fabrication d''équipements électriques'),
    ('NA38', 'CK', '28', true, 'Fabrication de machines et équipements n.c.a.'),
    ('NA38', 'CL', '29-30', true, 'Fabrication de matériels de transport'),
    ('NA38', 'CM', '31-33', true, 'Autres industries manufacturières ; réparation et installation de machines et d''équipements'),
    ('NA38', 'DZ', '35', true, 'Production et distribution d''électricité, de gaz, de vapeur et d''air conditionné'),
    ('NA38', 'EZ', '36-39', true, 'Production et distribution d''eau ; assainissement, gestion des déchets et dépollution'),
    ('NA38', 'FZ', '41-43', false, 'Construction'),
    ('NA38', 'GZ', '45-47', false, 'Commerce ; réparation d''automobiles et de motocycles'),
    ('NA38', 'HZ', '49-53', false, 'Transports et entreposage'),
    ('NA38', 'IZ', '55-56', false, 'Hébergement et restauration'),
    ('NA38', 'JA', '58-60', false, 'Édition, audiovisuel et diffusion'),
    ('NA38', 'JB', '61', false, 'Télécommunications'),
    ('NA38', 'JC', '62-63', false, 'Activités informatiques et services d''information'),
    ('NA38', 'KZ', '64-66', false, 'Activités financières et d''assurance'),
    ('NA38', 'LZ', '68', false, 'Activités immobilières'),
    ('NA38', 'MA', '69-71', false, 'Activités juridiques, comptables, de gestion, d''architecture, d''ingénierie, de contrôle et d''analyses techniques'),
    ('NA38', 'MB', '72', false, 'Recherche-développement scientifique'),
    ('NA38', 'MC', '73-75', false, 'Autres activités spécialisées, scientifiques et techniques'),
    ('NA38', 'NZ', '77-82', false, 'Activités de services administratifs et de soutien'),
    ('NA38', 'OZ', '84', false, 'Administration publique et défense ; sécurité sociale obligatoire'),
    ('NA38', 'PZ', '85', false, 'Enseignement'),
    ('NA38', 'QA', '86', false, 'Activités pour la santé humaine'),
    ('NA38', 'QB', '87-88', false, 'Hébergement médico-social et social et action sociale sans hébergement'),
    ('NA38', 'RZ', '90-93', false, 'Arts, spectacles et activités récréatives'),
    ('NA38', 'SZ', '94-96', false, 'Autres activités de services'),
    ('NA38', 'TZ', '97-98', false, 'Activités des ménages en tant qu''employeurs ; activités indifférenciées des ménages en tant que producteurs de biens et services pour usage propre'),
    ('NA38', 'UZ', '99', false, 'Activités extra-territoriales'),
    ('NAF-section', 'A', '01-03', false, 'Agriculture, sylviculture et pêche'),
    ('NAF-section', 'B', '05-09', true, 'Industries extractives'),
    ('NAF-section', 'C', '10-33', true, 'Industrie manufacturière'),
    ('NAF-section', 'D', '35', true, 'Production et distribution d''électricité, de gaz, de vapeur et d''air conditionné'),
    ('NAF-section', 'E', '36-39', true, 'Production et distribution d''eau ; assainissement, gestion des déchets et dépollution'),
    ('NAF-section', 'F', '41-43', false, 'Construction'),
    ('NAF-section', 'G', '45-47', false, 'Commerce ; réparation d''automobiles et de motocycles'),
    ('NAF-section', 'H', '49-53', false, 'Transports et entreposage'),
    ('NAF-section', 'I', '55-56', false, 'Hébergement et restauration'),
    ('NAF-section', 'J', '58-63', false, 'Information et communication'),
    ('NAF-section', 'K', '64-66', false, 'Activités financières et d''assurance'),
    ('NAF-section', 'L', '68', false, 'Activités immobilières'),
    ('NAF-section', 'M', '69-75', false, 'Activités spécialisées, scientifiques et techniques'),
    ('NAF-section', 'N', '77-82', false, 'Activités de services administratifs et de soutien'),
    ('NAF-section', 'O', '84', false, 'Administration publique'),
    ('NAF-section', 'P', '85', false, 'Enseignement'),
    ('NAF-section', 'Q', '86-88', false, 'Santé humaine et action sociale'),
    ('NAF-section', 'R', '90-93', false, 'Arts, spectacles et activités récréatives'),
    ('NAF-section', 'S', '94-96', false, 'Autres activités de services'),
    ('NAF-section', 'T', '97-98', false, 'Activités des ménages en tant qu''employeurs ; activités indifférenciées des ménages en tant que producteurs de biens et services pour usage propre'),
    ('NAF-section', 'U', '99', false, 'Activités extra-territoriales');

-- employment -------------------------------------------------------------
-- One nomenclature per year, so that a year's figures add up: the year
-- table holds it, and employment rows refer to (year, nomenclature).
CREATE TABLE @extschema@.employment_year (
    year int PRIMARY KEY CHECK (year BETWEEN 1900 AND 2200),
    nomenclature text NOT NULL REFERENCES @extschema@.sector_nomenclature,
    source text NOT NULL CHECK (btrim(source) <> ''),
    loaded_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
    UNIQUE (year, nomenclature)
);
COMMENT ON TABLE @extschema@.employment_year IS 'the years employment figures are loaded for: their nomenclature (one per year) and where the figures come from';
COMMENT ON COLUMN @extschema@.employment_year.source IS 'what the figures are, e.g. ''INSEE Flores 2021, salaried jobs at 31 December'' (or ''ILLUSTRATIVE'' for made-up data)';

CREATE TABLE @extschema@.employment (
    zone @extschema@.siren NOT NULL,
    zone_level text NOT NULL CHECK (zone_level IN ('epci', 'ept', 'commune')),
    year int NOT NULL,
    nomenclature text NOT NULL,
    sector text NOT NULL,
    jobs numeric NOT NULL CONSTRAINT employment_jobs_count CHECK (jobs >= 0 AND jobs < 'Infinity'),
    establishments int CHECK (establishments >= 0),
    PRIMARY KEY (year, zone, sector),
    FOREIGN KEY (year, nomenclature) REFERENCES @extschema@.employment_year (year, nomenclature) ON DELETE CASCADE,
    FOREIGN KEY (nomenclature, sector) REFERENCES @extschema@.sector (nomenclature, code)
);
COMMENT ON TABLE @extschema@.employment IS 'jobs (and establishments) by zone, sector and year, as the source codes them; the reference area of the indicators (national.*) is the sum of the zones of level epci';
COMMENT ON COLUMN @extschema@.employment.zone IS 'SIREN of an EPCI (CC, CA, CU, METRO, MET69), an EPT or a commune';
COMMENT ON COLUMN @extschema@.employment.zone_level IS 'epci, ept or commune: only epci rows add up to the national figures (EPT and communes lie inside an EPCI)';
COMMENT ON COLUMN @extschema@.employment.jobs IS 'jobs in the sector (the source''s unit: jobs, salaried jobs or full-time equivalents; fractions allowed)';
COMMENT ON COLUMN @extschema@.employment.establishments IS 'establishments in the sector, NULL when the source gives none';

SELECT pg_catalog.pg_extension_config_dump('terrind.sector_nomenclature',
    'WHERE nomenclature NOT IN (''NA17'', ''NA38'', ''NAF-section'')');
SELECT pg_catalog.pg_extension_config_dump('terrind.sector',
    'WHERE nomenclature NOT IN (''NA17'', ''NA38'', ''NAF-section'')');
SELECT pg_catalog.pg_extension_config_dump('terrind.employment_year', '');
SELECT pg_catalog.pg_extension_config_dump('terrind.employment', '');

-- loading employment files -----------------------------------------------
-- A count as files write it: digits, spaces between thousands, one decimal
-- point or comma.  "1,234" is refused: a decimal or a thousands separator?
CREATE FUNCTION @extschema@.count_error(value text)
RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
    SELECT CASE
        WHEN c !~ '^[0-9]+([.,][0-9]+)?$' THEN format('%L is not a count: expected digits such as 1234 or 12.5', value)
        WHEN c ~ '^[0-9]{1,3},[0-9]{3}$' THEN format('%L: "," could be a decimal or a thousands separator; write %s or %s.0',
                                                 value, replace(c, ',', ''), replace(c, ',', ''))
        WHEN length(c) > 30 THEN format('%L is too large', value)
    END
    FROM (SELECT regexp_replace(value, '[\s\u00a0\u202f]', '', 'g') AS c) v
$$;
COMMENT ON FUNCTION @extschema@.count_error(text) IS 'used by load_employment: why a cell is not a count (digits, spaces between thousands, one decimal point or comma), NULL if it is one';

CREATE FUNCTION @extschema@.count_value(value text)
RETURNS numeric
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
    SELECT CASE WHEN count_error(value) IS NULL
                THEN replace(regexp_replace(value, '[\s\u00a0\u202f]', '', 'g'), ',', '.')::numeric END
$$;
COMMENT ON FUNCTION @extschema@.count_value(text) IS 'used by load_employment: the count a cell holds, NULL when count_error() finds one';

CREATE FUNCTION @extschema@.load_employment(csv text, source text DEFAULT NULL)
RETURNS TABLE (item text, loaded bigint)
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
DECLARE
    problems text[];
    duplicates_only boolean;
    total bigint;
BEGIN
    IF csv IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = '22004', MESSAGE = 'load_employment: csv must not be NULL';
    END IF;
    PERFORM pg_advisory_xact_lock(hashtext('terrind.load_employment'));

    IF to_regclass('pg_temp.terrind_employment_rows') IS NOT NULL THEN
        DROP TABLE pg_temp.terrind_employment_rows;
    END IF;
    -- a sector column named after its nomenclature (na17, na38, section)
    -- says the nomenclature; a column named sector needs a nomenclature column
    CREATE TEMP TABLE terrind_employment_rows ON COMMIT DROP AS
    SELECT r.*, n.nomenclature, count_value(r.jobs_text) AS jobs,
           CASE WHEN g.nature = 'EPT' THEN 'ept' WHEN g.nature IS NOT NULL THEN 'epci'
                WHEN c.siren IS NOT NULL THEN 'commune' END AS zone_level
    FROM (SELECT c.*, CASE WHEN c.zone_error IS NULL THEN c.zone_text::siren END AS zone,
                 CASE WHEN c.year_text ~ '^[0-9]{4}$' THEN c.year_text::int END AS year,
                 coalesce(c.nomenclature_cell, c.column_nomenclature) AS nomenclature_text
          FROM (SELECT c.line, c.field_count, c.header_count, c.v[1] AS zone_text, c.v[2] AS year_text,
                       input_error(c.v[1], 'terrind.siren') AS zone_error,
                       num_nonnulls(c.v[4], c.v[5], c.v[6], c.v[7]) AS codes,
                       upper(coalesce(c.v[4], c.v[5], c.v[6], c.v[7])) AS sector,
                       c.v[3] AS nomenclature_cell,
                       CASE WHEN c.v[5] IS NOT NULL THEN 'NA17' WHEN c.v[6] IS NOT NULL THEN 'NA38'
                            WHEN c.v[7] IS NOT NULL THEN 'NAF-section' END AS column_nomenclature,
                       c.v[8] AS jobs_text, c.v[9] AS establishments_text
                FROM csv_columns(csv, ARRAY['zone|siren|epci|siren_epci|codgeo', 'year|annee|année', '?nomenclature',
                                            '?sector|secteur', '?na17|a17', '?na38|a38', '?section|naf_section|a21',
                                            'jobs|emplois|effectifs', '?establishments|etablissements|établissements']) c) c) r
    LEFT JOIN sector_nomenclature n ON lower(n.nomenclature) = lower(r.nomenclature_text)
    LEFT JOIN groupement g ON g.siren = r.zone
    LEFT JOIN commune c ON c.siren = r.zone AND c.type = 'commune-actuelle';

    SELECT count(*) INTO total FROM pg_temp.terrind_employment_rows;
    WITH r AS (
        SELECT * FROM pg_temp.terrind_employment_rows WHERE field_count = header_count
    ), problem AS (
        SELECT line, false AS duplicate, format('%s fields, expected %s as in the header', field_count, header_count) AS what
        FROM pg_temp.terrind_employment_rows WHERE field_count <> header_count
        UNION ALL
        SELECT line, false, CASE WHEN zone_text IS NULL THEN 'zone is empty' ELSE 'zone: ' || zone_error END
        FROM r WHERE zone_text IS NULL OR zone_error IS NOT NULL
        UNION ALL
        SELECT line, false, format('zone %s is neither an EPCI, an EPT nor a commune of the loaded COG%s', zone_text,
                                   CASE WHEN NOT EXISTS (SELECT FROM groupement) THEN ' (no COG is loaded: run terrind.load_cog first)' ELSE '' END)
        FROM r WHERE zone_error IS NULL AND zone_level IS NULL
        UNION ALL
        SELECT line, false, CASE WHEN year_text IS NULL THEN 'year is empty'
                                 ELSE format('year %L: expected a year between 1900 and 2200', year_text) END
        FROM r WHERE year IS NULL OR year NOT BETWEEN 1900 AND 2200
        UNION ALL
        SELECT line, false, CASE WHEN codes = 0 THEN 'no sector code: fill the column sector, na17, na38 or section'
                                 ELSE 'several sector codes: keep one of the columns sector, na17, na38 and section' END
        FROM r WHERE codes <> 1
        UNION ALL
        SELECT line, false, CASE WHEN nomenclature_text IS NULL
                                 THEN 'nomenclature is empty: a column sector needs a column nomenclature (or name it na17, na38 or section)'
                                 ELSE format('unknown nomenclature %L (known: %s)', nomenclature_text,
                                             (SELECT string_agg(k.nomenclature, ', ' ORDER BY k.nomenclature) FROM sector_nomenclature k)) END
        FROM r WHERE codes = 1 AND nomenclature IS NULL
        UNION ALL
        SELECT line, false, format('the code is in column %s but nomenclature says %s', lower(column_nomenclature), nomenclature_cell)
        FROM r WHERE codes = 1 AND lower(nomenclature_cell) <> lower(column_nomenclature)
        UNION ALL
        SELECT line, false, format('sector %L is not a code of %s (see terrind.sector)', sector, nomenclature)
        FROM r WHERE codes = 1 AND nomenclature IS NOT NULL
          AND NOT EXISTS (SELECT FROM sector s WHERE s.nomenclature = r.nomenclature AND s.code = r.sector)
        UNION ALL
        SELECT line, false, CASE WHEN jobs_text IS NULL THEN 'jobs is empty (a secret cell? fill it or leave the row out)'
                                 ELSE 'jobs: ' || count_error(jobs_text) END
        FROM r WHERE jobs IS NULL
        UNION ALL
        SELECT line, false, CASE WHEN count_error(establishments_text) IS NOT NULL THEN 'establishments: ' || count_error(establishments_text)
                                 ELSE format('establishments %L: expected a whole number below 2147483648', establishments_text) END
        FROM r WHERE establishments_text IS NOT NULL
          AND (count_error(establishments_text) IS NOT NULL OR count_value(establishments_text) NOT BETWEEN 0 AND 2147483647
               OR count_value(establishments_text) <> trunc(count_value(establishments_text)))
        UNION ALL
        SELECT line, true, format('zone %s, sector %s in %s already on line %s', zone, sector, year, first_line)
        FROM (SELECT line, zone, sector, year, min(line) OVER (PARTITION BY zone, sector, year) AS first_line
              FROM r WHERE zone_level IS NOT NULL AND year IS NOT NULL AND codes = 1) d
        WHERE line > first_line
        UNION ALL
        SELECT line, false, format('year %s is in %s on line %s, not in %s: one nomenclature per year', year, first_nomenclature, first_line, nomenclature)
        FROM (SELECT line, year, nomenclature, first_value(nomenclature) OVER w AS first_nomenclature, first_value(line) OVER w AS first_line
              FROM r WHERE year IS NOT NULL AND nomenclature IS NOT NULL
              WINDOW w AS (PARTITION BY year ORDER BY line)) m
        WHERE nomenclature <> first_nomenclature
    )
    SELECT array_agg(format('line %s: %s', line, what) ORDER BY line, what), bool_and(duplicate)
    INTO problems, duplicates_only FROM problem;
    PERFORM reject_load('load_employment', problems, total, duplicates_only);

    -- replace the years the file holds, leave the others
    DELETE FROM employment_year y WHERE y.year IN (SELECT r.year FROM pg_temp.terrind_employment_rows r);
    INSERT INTO employment_year (year, nomenclature, source)
    SELECT DISTINCT r.year, r.nomenclature, coalesce(load_employment.source, 'loaded by terrind.load_employment')
    FROM pg_temp.terrind_employment_rows r;
    GET DIAGNOSTICS total = ROW_COUNT;
    item := 'years'; loaded := total; RETURN NEXT;
    INSERT INTO employment (zone, zone_level, year, nomenclature, sector, jobs, establishments)
    SELECT r.zone, r.zone_level, r.year, r.nomenclature, r.sector, r.jobs, count_value(r.establishments_text)::int
    FROM pg_temp.terrind_employment_rows r;
    GET DIAGNOSTICS total = ROW_COUNT;
    item := 'rows'; loaded := total; RETURN NEXT;
    item := 'zones'; loaded := (SELECT count(DISTINCT r.zone) FROM pg_temp.terrind_employment_rows r); RETURN NEXT;
END $$;
REVOKE EXECUTE ON FUNCTION @extschema@.load_employment(text, text) FROM PUBLIC;
COMMENT ON FUNCTION @extschema@.load_employment(text, text) IS 'load employment by zone, sector and year from CSV (columns zone, year, jobs, a sector code in sector + nomenclature, na17, na38 or section, optional establishments), replacing the years the file holds; source describes the figures; all or nothing, every bad row reported with its line';

-- facts --------------------------------------------------------------------
-- The national figures of a year: the sum of the zones of level epci.
CREATE FUNCTION @extschema@.national_facts(year int)
RETURNS jsonb
LANGUAGE sql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
    SELECT jsonb_strip_nulls(jsonb_build_object(
        'jobs', sum(e.jobs),
        'industry_jobs', coalesce(sum(e.jobs) FILTER (WHERE s.industry), CASE WHEN count(*) > 0 THEN 0 END),
        'industry_share', (coalesce(sum(e.jobs) FILTER (WHERE s.industry), 0) / nullif(sum(e.jobs), 0))::float8,
        'zone_count', nullif(count(DISTINCT e.zone), 0),
        'population', (SELECT sum(c.population) FROM commune c WHERE c.type = 'commune-actuelle')))
    FROM employment e JOIN sector s ON s.nomenclature = e.nomenclature AND s.code = e.sector
    WHERE e.year = national_facts.year AND e.zone_level = 'epci'
$$;
COMMENT ON FUNCTION @extschema@.national_facts(int) IS 'the national facts of a year, {jobs, industry_jobs, industry_share, zone_count, population}: sums over the employment rows of level epci and the current communes of the COG; keys without data are absent';

-- Employment facts of units (EPCI, territories), each the sum of its
-- zones' rows: counts are added up, then shares and indices computed from
-- the sums (never averaged).  A unit some zone of which has no row for the
-- year gets no employment facts (zones_without_employment says how many).
CREATE FUNCTION @extschema@.employment_facts(year int, units text[], zones @extschema@.siren[])
RETURNS TABLE (unit text, zones_without_employment bigint, facts jsonb)
LANGUAGE sql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
    -- Written so that no plan loops over units x sectors, whatever the
    -- estimates: the national jobs of each sector ride along the rows (a
    -- window), and the sectors where a unit has no job are one row per unit
    -- (exact for both indices: such sectors add x_k / (X - X_i) to Krugman's
    -- sum and are ranked first, adding nothing, in Gini's Lorenz curve).
    WITH year_rows AS (
        SELECT e.zone, e.zone_level, e.sector, e.jobs, e.establishments, s.industry,
               coalesce(sum(e.jobs) FILTER (WHERE e.zone_level = 'epci') OVER (PARTITION BY e.sector), 0) AS sector_jobs
        FROM employment e JOIN sector s ON s.nomenclature = e.nomenclature AND s.code = e.sector
        WHERE e.year = employment_facts.year
    ), national AS (
        SELECT sum(jobs) AS jobs, coalesce(sum(jobs) FILTER (WHERE industry), 0) AS industry_jobs
        FROM year_rows WHERE zone_level = 'epci'
    ), unit_zone AS (
        SELECT DISTINCT u.unit, u.zone FROM unnest(employment_facts.units, employment_facts.zones) u(unit, zone)
    ), coverage AS (
        SELECT uz.unit, count(*) FILTER (WHERE z.zone IS NULL) AS missing
        FROM unit_zone uz LEFT JOIN (SELECT DISTINCT zone FROM year_rows) z ON z.zone = uz.zone
        GROUP BY uz.unit
    ), unit_sector AS (
        SELECT uz.unit, r.sector, bool_or(r.industry) AS industry, sum(r.jobs) AS jobs, max(r.sector_jobs) AS sector_jobs,
               sum(r.establishments) AS establishments, bool_and(r.establishments IS NOT NULL) AS establishments_known
        FROM coverage c JOIN unit_zone uz ON uz.unit = c.unit JOIN year_rows r ON r.zone = uz.zone
        WHERE c.missing = 0
        GROUP BY uz.unit, r.sector
    ), totals AS (
        -- within: no sector has more jobs in the unit than in the nation
        -- (else the rest of the nation is negative and the indices undefined)
        SELECT us.unit, sum(us.jobs) AS jobs, coalesce(sum(us.jobs) FILTER (WHERE us.industry), 0) AS industry_jobs,
               CASE WHEN bool_and(us.establishments_known) THEN sum(us.establishments) END AS establishments,
               CASE WHEN bool_and(us.establishments_known) THEN coalesce(sum(us.establishments) FILTER (WHERE us.industry), 0) END
                   AS industry_establishments,
               bool_and(us.jobs <= us.sector_jobs) AS within, sum(us.sector_jobs) AS sectors_jobs
        FROM unit_sector us
        GROUP BY us.unit
    ), structure AS (
        -- (least(): the indices of a unit not within are computed, then dropped)
        SELECT x.unit, krugman(x.x_ik, x.x_k), gini_specialisation(x.x_ik, x.x_k) AS gini
        FROM (SELECT us.unit, least(us.jobs, us.sector_jobs)::float8 AS x_ik, us.sector_jobs::float8 AS x_k FROM unit_sector us
              UNION ALL
              SELECT t.unit, 0, (n.jobs - t.sectors_jobs)::float8 FROM totals t CROSS JOIN national n
              WHERE n.jobs > t.sectors_jobs) x
        GROUP BY x.unit
    )
    SELECT c.unit, c.missing, jsonb_strip_nulls(jsonb_build_object(
        'jobs', t.jobs,
        'industry_jobs', t.industry_jobs,
        'industry_share', (t.industry_jobs / nullif(t.jobs, 0))::float8,
        'establishments', t.establishments,
        'industry_establishments', t.industry_establishments,
        'industry_specificity', CASE WHEN t.within THEN specificity(t.industry_jobs::float8, t.jobs::float8,
                                                                    n.industry_jobs::float8, n.jobs::float8) END,
        'krugman', CASE WHEN t.within THEN st.krugman END,
        'gini', CASE WHEN t.within THEN st.gini END))
    FROM coverage c CROSS JOIN national n
    LEFT JOIN totals t ON t.unit = c.unit
    LEFT JOIN structure st ON st.unit = c.unit
$$;
COMMENT ON FUNCTION @extschema@.employment_facts(int, text[], @extschema@.siren[]) IS 'used by epci_facts and territory_facts: employment facts of units made of zones (units[i] holds zones[i]), from the summed counts; none for a unit some zone of which has no employment that year';

CREATE FUNCTION @extschema@.epci_facts(year int, sirens @extschema@.siren[] DEFAULT NULL)
RETURNS TABLE (siren text, name text, facts jsonb)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
    WITH g AS (
        SELECT * FROM groupement g WHERE epci_facts.sirens IS NULL OR g.siren = ANY (epci_facts.sirens)
    ), geo AS (
        -- a current commune's département and region follow from its code
        SELECT gm.groupement, count(*) AS communes, count(DISTINCT region_of(gm.commune)) AS regions,
               count(DISTINCT departement_of(gm.commune)) AS departements
        FROM g JOIN groupement_member gm ON gm.groupement = g.siren
        GROUP BY gm.groupement
    ), unit_employment AS MATERIALIZED (
        SELECT e.* FROM (SELECT array_agg(g.siren::text) AS units, array_agg(g.siren) AS zones FROM g) u, employment_facts(epci_facts.year, u.units, u.zones) e
    )
    SELECT g.siren::text, g.name, jsonb_strip_nulls(jsonb_build_object(
        'siren', g.siren::text, 'name', g.name, 'nature', g.nature, 'year', epci_facts.year, 'cog_year', g.cog_year,
        'population', g.population_municipale, 'commune_count', geo.communes,
        'regions_spanned', geo.regions, 'departements_spanned', geo.departements,
        'member_count', 1, 'single_member', true, 'has_metropole', g.nature IN ('METRO', 'MET69'),
        'national', n.facts) || coalesce(e.facts, '{}'))
    FROM g LEFT JOIN geo ON geo.groupement = g.siren
    CROSS JOIN national_facts(epci_facts.year) n(facts)
    LEFT JOIN unit_employment e ON e.unit = g.siren::text
    WHERE epci_facts.year IS NOT NULL
    ORDER BY g.siren
$$;
COMMENT ON FUNCTION @extschema@.epci_facts(int, @extschema@.siren[]) IS 'the facts of every EPCI and EPT of the COG (or of those listed), each as a one-member candidate territory, for the employment of a year (README, Eligibility, lists the keys); employment facts absent when the zone has none that year';

CREATE FUNCTION @extschema@.epci_facts(siren @extschema@.siren, year int)
RETURNS jsonb
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
DECLARE
    result jsonb;
BEGIN
    SELECT f.facts INTO result FROM epci_facts(epci_facts.year, ARRAY[epci_facts.siren]) f;
    IF result IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = '22023',
            MESSAGE = format('SIREN %s is neither an EPCI nor an EPT of the loaded COG', epci_facts.siren),
            HINT = 'terrind.groupement lists them; load the COG with terrind.load_cog.';
    END IF;
    RETURN result;
END $$;
COMMENT ON FUNCTION @extschema@.epci_facts(@extschema@.siren, int) IS 'the facts of one EPCI or EPT for the employment of a year (see epci_facts(year)); 22023 if the COG does not know the SIREN';

-- A territory's facts from its members: population from the communes it
-- covers (counted once), employment summed over its members, leaving out a
-- member all the communes of which come through a larger member too (a
-- commune listed beside its EPCI) so that no job counts twice.
CREATE FUNCTION @extschema@.territory_facts(phase text, year int, ids text[] DEFAULT NULL)
RETURNS TABLE (id text, name text, facts jsonb)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
BEGIN
    PERFORM require_phase(territory_facts.phase);
    RETURN QUERY
    WITH t AS (
        SELECT t.* FROM territory t
        WHERE t.phase = territory_facts.phase AND (territory_facts.ids IS NULL OR t.id = ANY (territory_facts.ids::ti_code[]))
    ), m AS (
        SELECT m.territory_id, m.siren, coalesce(g.nature, m.nature) AS nature,
               g.siren IS NOT NULL OR c.siren IS NOT NULL AS in_cog
        FROM t JOIN territory_member m ON m.phase = t.phase AND m.territory_id = t.id
        LEFT JOIN groupement g ON g.siren = m.siren
        LEFT JOIN commune c ON c.siren = m.siren AND c.type = 'commune-actuelle'
    ), cover AS (
        SELECT v.territory_id, v.through_member, v.commune, v.region, v.departement, v.population
        FROM territory_coverage v JOIN t ON v.phase = t.phase AND v.territory_id = t.id
    ), size AS (
        SELECT v.territory_id, v.through_member, count(*) AS n FROM cover v GROUP BY 1, 2
    ), nested AS (
        SELECT a.territory_id, a.through_member AS siren
        FROM cover a JOIN size sa USING (territory_id, through_member)
        JOIN cover b ON b.territory_id = a.territory_id AND b.commune = a.commune AND b.through_member <> a.through_member
        JOIN size sb ON sb.territory_id = b.territory_id AND sb.through_member = b.through_member AND sb.n > sa.n
        GROUP BY a.territory_id, a.through_member, b.through_member, sa.n
        HAVING count(*) = sa.n
    ), counted AS (
        SELECT m.* FROM m WHERE NOT EXISTS (SELECT FROM nested n WHERE n.territory_id = m.territory_id AND n.siren = m.siren)
    ), members AS (
        SELECT m.territory_id, count(*) AS n, count(*) FILTER (WHERE m.nature IN ('METRO', 'MET69')) AS metropoles,
               count(*) FILTER (WHERE NOT m.in_cog) AS outside
        FROM m GROUP BY m.territory_id
    ), geo AS (
        SELECT d.territory_id, count(*) AS communes, sum(d.population) AS population,
               count(DISTINCT d.region) AS regions, count(DISTINCT d.departement) AS departements
        FROM (SELECT DISTINCT v.territory_id, v.commune, v.region, v.departement, v.population FROM cover v) d
        GROUP BY d.territory_id
    ), unit_employment AS MATERIALIZED (
        SELECT e.* FROM (SELECT array_agg(c.territory_id::text) AS units, array_agg(c.siren) AS zones FROM counted c) u, employment_facts(territory_facts.year, u.units, u.zones) e
    )
    SELECT t.id::text, t.name, jsonb_strip_nulls(jsonb_build_object(
        'phase', t.phase, 'id', t.id::text, 'name', t.name, 'lead_region', t.lead_region, 'year', territory_facts.year,
        'member_count', coalesce(mb.n, 0), 'single_member', mb.n = 1, 'has_metropole', mb.metropoles > 0,
        'members_outside_cog', mb.outside,
        'members_without_employment', e.zones_without_employment,
        -- from the COG: absent when a member is not in it (they would be too small)
        'population', CASE WHEN mb.outside = 0 THEN geo.population END,
        'commune_count', CASE WHEN mb.outside = 0 THEN geo.communes END,
        'regions_spanned', CASE WHEN mb.outside = 0 THEN geo.regions END,
        'departements_spanned', CASE WHEN mb.outside = 0 THEN geo.departements END,
        'national', n.facts) || coalesce(e.facts, '{}'))
    FROM t LEFT JOIN members mb ON mb.territory_id = t.id
    LEFT JOIN geo ON geo.territory_id = t.id
    CROSS JOIN national_facts(territory_facts.year) n(facts)
    LEFT JOIN unit_employment e ON e.unit = t.id::text
    WHERE territory_facts.year IS NOT NULL
    ORDER BY t.id;
END $$;
COMMENT ON FUNCTION @extschema@.territory_facts(text, int, text[]) IS 'the facts of every territory of a phase (or of the ids listed) for the employment of a year, recomputed from its members'' counts (README, Eligibility, lists the keys); 22023 for an unknown phase';

CREATE FUNCTION @extschema@.territory_facts(phase text, id text, year int)
RETURNS jsonb
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
DECLARE
    result jsonb;
BEGIN
    SELECT f.facts INTO result FROM territory_facts(territory_facts.phase, territory_facts.year, ARRAY[territory_facts.id]) f;
    IF result IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = '22023',
            MESSAGE = format('no territory %s in phase %s', territory_facts.id::ti_code, territory_facts.phase),
            HINT = 'terrind.territory lists them; load the lists with terrind.load_territories.';
    END IF;
    RETURN result;
END $$;
COMMENT ON FUNCTION @extschema@.territory_facts(text, text, int) IS 'the facts of one territory of a phase for the employment of a year (see territory_facts(phase, year)); 22023 for an unknown phase or territory, 22P02 for a malformed id';

-- ======================================================================
-- Eligibility scenarios: named, versioned rule sets (seeded with analytical
-- presets built on the programme's public statements, never an official
-- rule: none was published), and the queries that evaluate a rule on every
-- EPCI or every territory of a phase, or compare two rules zone by zone.
-- ======================================================================
CREATE TABLE @extschema@.eligibility_rule_set (
    name text NOT NULL CHECK (name ~ '^[a-z0-9][a-z0-9_.-]*$'),
    version int NOT NULL CHECK (version >= 1),
    phase text NOT NULL REFERENCES @extschema@.phase,
    rule @extschema@.eligibility_rule NOT NULL,
    description text NOT NULL CHECK (btrim(description) <> ''),
    basis text,
    author text NOT NULL DEFAULT CURRENT_USER,
    created_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
    official boolean NOT NULL DEFAULT false CONSTRAINT rule_sets_are_analytical CHECK (NOT official),
    PRIMARY KEY (name, version)
);
COMMENT ON TABLE @extschema@.eligibility_rule_set IS 'named eligibility rules per phase, versioned (a change is a new version; save_rule_set writes one): analytical scenarios, never the official rule (no threshold was ever published: official is always false)';
COMMENT ON COLUMN @extschema@.eligibility_rule_set.name IS 'lower-case name, e.g. phase1-combined; with version, the key';
COMMENT ON COLUMN @extschema@.eligibility_rule_set.phase IS 'the phase whose territories the scenario is meant for';
COMMENT ON COLUMN @extschema@.eligibility_rule_set.basis IS 'the public statement the scenario reads, quoted, with its source';
COMMENT ON COLUMN @extschema@.eligibility_rule_set.official IS 'always false: every rule set is an analytical scenario';

-- The presets: each reads one public statement (DOMAIN: Eligibility); the
-- thresholds that turn "well above" or "critical size" into numbers are
-- the scenario's, not the programme's.
INSERT INTO @extschema@.eligibility_rule_set (name, version, phase, rule, description, basis, author, created_at) VALUES
    ('phase1-population-50k-80k', 1, '2018-2022', 'population between 50000 and 80000',
     'Analytical scenario, not an official rule: a territory of 50 000 to 80 000 inhabitants.',
     'Public statements on the 2018 programme: territories of 50 000 to 80 000 inhabitants.', 'terrind presets', '2026-11-26 00:00:00+00'),
    ('phase1-population-50k-150k', 1, '2018-2022', 'population between 50000 and 150000',
     'Analytical scenario, not an official rule: a territory of 50 000 to 150 000 inhabitants, the wider range also quoted.',
     'Public statements on the 2018 programme: 50 000 to 150 000 inhabitants.', 'terrind presets', '2026-11-26 00:00:00+00'),
    ('phase1-industry-share-1.5x', 1, '2018-2022', 'industry_share >= 1.5 * national.industry_share',
     'Analytical scenario, not an official rule: "well above the national rate" read as an industrial share of jobs at least 1.5 times the national share.',
     'Public statements: an industrial share of local employment "well above the national rate" (manufacturing was 10.2 % of jobs in metropolitan France in 2018).', 'terrind presets', '2026-11-26 00:00:00+00'),
    ('phase1-industry-specificity-1.25', 1, '2018-2022', 'industry_specificity >= 1.25',
     'Analytical scenario, not an official rule: "well above the national rate" read as an industry specificity index (ANCT definition, against the rest of France) of at least 1.25.',
     'Public statements: an industrial share of local employment "well above the national rate".', 'terrind presets', '2026-11-26 00:00:00+00'),
    ('phase1-no-metropole', 1, '2018-2022', 'not has_metropole',
     'Analytical scenario, not an official rule: no métropole (METRO or MET69) among the members.',
     'Announcement of 22 November 2018: territories outside the métropoles.', 'terrind presets', '2026-11-26 00:00:00+00'),
    ('phase1-combined', 1, '2018-2022',
     'population between 50000 and 150000 and industry_share >= 1.5 * national.industry_share and not has_metropole',
     'Analytical scenario, not an official rule: the three public statements of 2018 together, in their wider reading (50 000 to 150 000 inhabitants, industrial share at least 1.5 times the national share, no métropole).',
     'Public statements on the 2018 programme (size, industrial share, métropoles excluded).', 'terrind presets', '2026-11-26 00:00:00+00'),
    ('phase2-industry-share-1.5x', 1, '2023-2027', 'industry_share >= 1.5 * national.industry_share',
     'Analytical scenario, not an official rule: an industrial share of jobs at least 1.5 times the national share; métropoles may take part in phase 2.',
     'Phase 2 call for applications (2023): groupements forming an employment basin with its own industrial logic; métropoles may now take part.', 'terrind presets', '2026-11-26 00:00:00+00'),
    ('phase2-single-epci-critical-size', 1, '2023-2027', 'not single_member or population >= 50000',
     'Analytical scenario, not an official rule: a territory of a single member must reach a critical size, read here as 50 000 inhabitants (the lower bound of the 2018 statements).',
     'Phase 2 call for applications (2023): a single EPCI must justify a critical size.', 'terrind presets', '2026-11-26 00:00:00+00'),
    ('phase2-combined', 1, '2023-2027',
     '(not single_member or population >= 50000) and industry_share >= 1.5 * national.industry_share',
     'Analytical scenario, not an official rule: phase2-single-epci-critical-size and phase2-industry-share-1.5x together.',
     'Phase 2 call for applications (2023): industrial logic; a single EPCI must justify a critical size.', 'terrind presets', '2026-11-26 00:00:00+00');

-- the presets come with the extension: pg_dump keeps the rest (a new
-- version of a preset included)
SELECT pg_catalog.pg_extension_config_dump('terrind.eligibility_rule_set',
    'WHERE NOT (version = 1 AND name IN (''phase1-population-50k-80k'', ''phase1-population-50k-150k'', ''phase1-industry-share-1.5x'', ''phase1-industry-specificity-1.25'', ''phase1-no-metropole'', ''phase1-combined'', ''phase2-industry-share-1.5x'', ''phase2-single-epci-critical-size'', ''phase2-combined''))');

CREATE FUNCTION @extschema@.rule_set(name text, version int DEFAULT NULL)
RETURNS @extschema@.eligibility_rule
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
DECLARE
    result eligibility_rule;
BEGIN
    IF rule_set.name IS NULL THEN
        RETURN NULL;
    END IF;
    SELECT s.rule INTO result FROM eligibility_rule_set s
    WHERE s.name = rule_set.name AND (rule_set.version IS NULL OR s.version = rule_set.version)
    ORDER BY s.version DESC LIMIT 1;
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = '22023',
            MESSAGE = CASE WHEN rule_set.version IS NULL THEN format('unknown rule set %L', rule_set.name)
                           ELSE format('rule set %L has no version %s', rule_set.name, rule_set.version) END,
            HINT = 'terrind.eligibility_rule_set lists the rule sets and their versions.';
    END IF;
    RETURN result;
END $$;
COMMENT ON FUNCTION @extschema@.rule_set(text, int) IS 'the rule of a rule set: its latest version, or the version given; 22023 for an unknown name or version';

CREATE FUNCTION @extschema@.save_rule_set(name text, phase text, rule @extschema@.eligibility_rule,
                                          description text, basis text DEFAULT NULL)
RETURNS int
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
DECLARE
    latest eligibility_rule_set;
BEGIN
    PERFORM require_phase(save_rule_set.phase);
    PERFORM pg_advisory_xact_lock(hashtext('terrind.save_rule_set'), hashtext(save_rule_set.name));
    SELECT * INTO latest FROM eligibility_rule_set s WHERE s.name = save_rule_set.name ORDER BY s.version DESC LIMIT 1;
    IF FOUND AND latest.phase = save_rule_set.phase AND latest.rule = save_rule_set.rule
       AND latest.description = save_rule_set.description AND latest.basis IS NOT DISTINCT FROM save_rule_set.basis THEN
        RETURN latest.version;      -- nothing changed: no new version
    END IF;
    INSERT INTO eligibility_rule_set (name, version, phase, rule, description, basis)
    VALUES (save_rule_set.name, coalesce(latest.version, 0) + 1, save_rule_set.phase, save_rule_set.rule,
            save_rule_set.description, save_rule_set.basis);
    RETURN coalesce(latest.version, 0) + 1;
END $$;
COMMENT ON FUNCTION @extschema@.save_rule_set(text, text, @extschema@.eligibility_rule, text, text) IS 'store a rule set as a new version (1 for a new name) and return its version; the latest version itself when nothing changed; 22023 for an unknown phase';

-- evaluating -------------------------------------------------------------
-- One zone's verdict in plain columns (src/eligibility_explain.c: explain()
-- and what it found, in one pass).  margin: the relative margin of the
-- comparison closest to flipping among those that went the verdict's way
-- (for a false verdict, the worst failure, -infinity when it has no number
-- to move); a "narrowly missed" zone has a false verdict and a margin
-- close to 0.
CREATE FUNCTION @extschema@.verdict(rule @extschema@.eligibility_rule, facts pg_catalog.jsonb,
                                    OUT verdict pg_catalog.bool, OUT failing pg_catalog.text[], OUT margin pg_catalog.float8,
                                    OUT explanation pg_catalog.jsonb)
    AS 'MODULE_PATHNAME', 'eligibility_verdict' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.verdict(@extschema@.eligibility_rule, jsonb) IS 'a rule on facts in plain columns: the verdict, the conditions that failed (comparison texts, "not x" when x held but had to fail), the margin (relative margin of the comparison closest to flipping among those that went the verdict''s way; +/-infinity when they have no numbers; NULL when undecided) and explain()''s jsonb';

CREATE FUNCTION @extschema@.evaluate_epci(rule @extschema@.eligibility_rule, year int)
RETURNS TABLE (siren text, name text, verdict boolean, failing text[], margin float8, explanation jsonb, facts jsonb)
LANGUAGE sql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
    SELECT f.siren, f.name, v.verdict, v.failing, v.margin, v.explanation, f.facts
    FROM epci_facts(evaluate_epci.year) f, verdict(evaluate_epci.rule, f.facts) v
    ORDER BY f.siren
$$;
COMMENT ON FUNCTION @extschema@.evaluate_epci(@extschema@.eligibility_rule, int) IS 'a rule on every EPCI and EPT, each as a one-member candidate territory, with the employment of a year: one row per zone with its verdict, failing comparisons, margin, explanation and facts';

CREATE FUNCTION @extschema@.evaluate_territories(rule @extschema@.eligibility_rule, phase text, year int)
RETURNS TABLE (id text, name text, verdict boolean, failing text[], margin float8, explanation jsonb, facts jsonb)
LANGUAGE sql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
    SELECT f.id, f.name, v.verdict, v.failing, v.margin, v.explanation, f.facts
    FROM territory_facts(evaluate_territories.phase, evaluate_territories.year) f,
         verdict(evaluate_territories.rule, f.facts) v
    ORDER BY f.id
$$;
COMMENT ON FUNCTION @extschema@.evaluate_territories(@extschema@.eligibility_rule, text, int) IS 'a rule on every territory of a phase with the employment of a year: one row per territory with its verdict, failing comparisons, margin, explanation and facts; 22023 for an unknown phase';

CREATE FUNCTION @extschema@.compare_epci(a @extschema@.eligibility_rule, b @extschema@.eligibility_rule, year int)
RETURNS TABLE (siren text, name text, verdict_a boolean, verdict_b boolean, differs boolean,
               failing_a text[], failing_b text[], facts jsonb)
LANGUAGE sql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
    SELECT f.siren, f.name, va.verdict, vb.verdict, va.verdict IS DISTINCT FROM vb.verdict, va.failing, vb.failing, f.facts
    FROM epci_facts(compare_epci.year) f, verdict(compare_epci.a, f.facts) va, verdict(compare_epci.b, f.facts) vb
    ORDER BY f.siren
$$;
COMMENT ON FUNCTION @extschema@.compare_epci(@extschema@.eligibility_rule, @extschema@.eligibility_rule, int) IS 'two rules on every EPCI and EPT with the employment of a year: both verdicts, whether they differ, and what each failed';

CREATE FUNCTION @extschema@.compare_territories(a @extschema@.eligibility_rule, b @extschema@.eligibility_rule, phase text, year int)
RETURNS TABLE (id text, name text, verdict_a boolean, verdict_b boolean, differs boolean,
               failing_a text[], failing_b text[], facts jsonb)
LANGUAGE sql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
    SELECT f.id, f.name, va.verdict, vb.verdict, va.verdict IS DISTINCT FROM vb.verdict, va.failing, vb.failing, f.facts
    FROM territory_facts(compare_territories.phase, compare_territories.year) f,
         verdict(compare_territories.a, f.facts) va, verdict(compare_territories.b, f.facts) vb
    ORDER BY f.id
$$;
COMMENT ON FUNCTION @extschema@.compare_territories(@extschema@.eligibility_rule, @extschema@.eligibility_rule, text, int) IS 'two rules on every territory of a phase with the employment of a year: both verdicts, whether they differ, and what each failed; 22023 for an unknown phase';

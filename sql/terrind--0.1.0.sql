-- terrind install script, assembled from sql/schema/ by the Makefile.
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

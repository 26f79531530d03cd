
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

CREATE OPERATOR pg_catalog.+ (LEFTARG = @extschema@.eur, RIGHTARG = @extschema@.eur,
    FUNCTION = @extschema@.eur_pl, COMMUTATOR = OPERATOR(pg_catalog.+));
CREATE OPERATOR pg_catalog.- (LEFTARG = @extschema@.eur, RIGHTARG = @extschema@.eur,
    FUNCTION = @extschema@.eur_mi);
CREATE OPERATOR pg_catalog.- (RIGHTARG = @extschema@.eur, FUNCTION = @extschema@.eur_um);
CREATE OPERATOR pg_catalog.* (LEFTARG = @extschema@.eur, RIGHTARG = pg_catalog.int4,
    FUNCTION = @extschema@.eur_mul, COMMUTATOR = OPERATOR(pg_catalog.*));
CREATE OPERATOR pg_catalog.* (LEFTARG = @extschema@.eur, RIGHTARG = pg_catalog.int8,
    FUNCTION = @extschema@.eur_mul, COMMUTATOR = OPERATOR(pg_catalog.*));
CREATE OPERATOR pg_catalog.* (LEFTARG = @extschema@.eur, RIGHTARG = pg_catalog.float8,
    FUNCTION = @extschema@.eur_mul, COMMUTATOR = OPERATOR(pg_catalog.*));
CREATE OPERATOR pg_catalog.* (LEFTARG = @extschema@.eur, RIGHTARG = pg_catalog.numeric,
    FUNCTION = @extschema@.eur_mul, COMMUTATOR = OPERATOR(pg_catalog.*));
CREATE OPERATOR pg_catalog.* (LEFTARG = pg_catalog.int4, RIGHTARG = @extschema@.eur,
    FUNCTION = @extschema@.eur_mul, COMMUTATOR = OPERATOR(pg_catalog.*));
CREATE OPERATOR pg_catalog.* (LEFTARG = pg_catalog.int8, RIGHTARG = @extschema@.eur,
    FUNCTION = @extschema@.eur_mul, COMMUTATOR = OPERATOR(pg_catalog.*));
CREATE OPERATOR pg_catalog.* (LEFTARG = pg_catalog.float8, RIGHTARG = @extschema@.eur,
    FUNCTION = @extschema@.eur_mul, COMMUTATOR = OPERATOR(pg_catalog.*));
CREATE OPERATOR pg_catalog.* (LEFTARG = pg_catalog.numeric, RIGHTARG = @extschema@.eur,
    FUNCTION = @extschema@.eur_mul, COMMUTATOR = OPERATOR(pg_catalog.*));
CREATE OPERATOR pg_catalog./ (LEFTARG = @extschema@.eur, RIGHTARG = pg_catalog.int4,
    FUNCTION = @extschema@.eur_div);
CREATE OPERATOR pg_catalog./ (LEFTARG = @extschema@.eur, RIGHTARG = pg_catalog.int8,
    FUNCTION = @extschema@.eur_div);
CREATE OPERATOR pg_catalog./ (LEFTARG = @extschema@.eur, RIGHTARG = pg_catalog.float8,
    FUNCTION = @extschema@.eur_div);
CREATE OPERATOR pg_catalog./ (LEFTARG = @extschema@.eur, RIGHTARG = pg_catalog.numeric,
    FUNCTION = @extschema@.eur_div);
CREATE OPERATOR pg_catalog./ (LEFTARG = @extschema@.eur, RIGHTARG = @extschema@.eur,
    FUNCTION = @extschema@.eur_div);

COMMENT ON OPERATOR pg_catalog.+ (@extschema@.eur, @extschema@.eur) IS 'sum of two amounts (22003 on overflow)';
COMMENT ON OPERATOR pg_catalog.- (@extschema@.eur, @extschema@.eur) IS 'difference of two amounts (22003 on overflow)';
COMMENT ON OPERATOR pg_catalog.- (NONE, @extschema@.eur) IS 'negated amount';
COMMENT ON OPERATOR pg_catalog.* (@extschema@.eur, pg_catalog.int4) IS 'amount times a count (exact)';
COMMENT ON OPERATOR pg_catalog.* (@extschema@.eur, pg_catalog.int8) IS 'amount times a count (exact)';
COMMENT ON OPERATOR pg_catalog.* (@extschema@.eur, pg_catalog.float8) IS 'amount times a factor, rounded half away from zero to the cent';
COMMENT ON OPERATOR pg_catalog.* (@extschema@.eur, pg_catalog.numeric) IS 'amount times a factor, rounded half away from zero to the cent';
COMMENT ON OPERATOR pg_catalog.* (pg_catalog.int4, @extschema@.eur) IS 'count times an amount (exact)';
COMMENT ON OPERATOR pg_catalog.* (pg_catalog.int8, @extschema@.eur) IS 'count times an amount (exact)';
COMMENT ON OPERATOR pg_catalog.* (pg_catalog.float8, @extschema@.eur) IS 'factor times an amount, rounded half away from zero to the cent';
COMMENT ON OPERATOR pg_catalog.* (pg_catalog.numeric, @extschema@.eur) IS 'factor times an amount, rounded half away from zero to the cent';
COMMENT ON OPERATOR pg_catalog./ (@extschema@.eur, pg_catalog.int4) IS 'amount divided by a count, rounded half away from zero to the cent';
COMMENT ON OPERATOR pg_catalog./ (@extschema@.eur, pg_catalog.int8) IS 'amount divided by a count, rounded half away from zero to the cent';
COMMENT ON OPERATOR pg_catalog./ (@extschema@.eur, pg_catalog.float8) IS 'amount divided by a factor, rounded half away from zero to the cent';
COMMENT ON OPERATOR pg_catalog./ (@extschema@.eur, pg_catalog.numeric) IS 'amount divided by a factor, rounded half away from zero to the cent';
COMMENT ON OPERATOR pg_catalog./ (@extschema@.eur, @extschema@.eur) IS 'ratio of two amounts, as numeric';

-- casts ---------------------------------------------------------------
CREATE FUNCTION @extschema@.eur(pg_catalog.numeric) RETURNS @extschema@.eur
    AS 'MODULE_PATHNAME', 'eur_from_numeric' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.eur(pg_catalog.int4) RETURNS @extschema@.eur
    AS 'MODULE_PATHNAME', 'eur_from_int4' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.eur(pg_catalog.int8) RETURNS @extschema@.eur
    AS 'MODULE_PATHNAME', 'eur_from_int8' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.eur(pg_catalog.int2) RETURNS @extschema@.eur
    AS 'MODULE_PATHNAME', 'eur_from_int2' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.numeric(@extschema@.eur) RETURNS pg_catalog.numeric
    AS 'MODULE_PATHNAME', 'eur_to_numeric' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.float8(@extschema@.eur) RETURNS pg_catalog.float8
    AS 'MODULE_PATHNAME', 'eur_to_float8' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.eur(pg_catalog.numeric) IS 'amount of euros, rounded half away from zero to the cent';
COMMENT ON FUNCTION @extschema@.eur(pg_catalog.int4) IS 'whole euros as an amount';
COMMENT ON FUNCTION @extschema@.eur(pg_catalog.int8) IS 'whole euros as an amount (22003 beyond the range)';
COMMENT ON FUNCTION @extschema@.eur(pg_catalog.int2) IS 'whole euros as an amount (drivers send small integers as smallint)';
COMMENT ON FUNCTION @extschema@.numeric(@extschema@.eur) IS 'amount in euros as numeric with 2 decimals (exact)';
COMMENT ON FUNCTION @extschema@.float8(@extschema@.eur) IS 'amount in euros as the nearest double precision (for charts, not sums)';
CREATE CAST (pg_catalog.numeric AS @extschema@.eur) WITH FUNCTION @extschema@.eur(pg_catalog.numeric) AS ASSIGNMENT;
CREATE CAST (pg_catalog.int4 AS @extschema@.eur) WITH FUNCTION @extschema@.eur(pg_catalog.int4) AS ASSIGNMENT;
CREATE CAST (pg_catalog.int8 AS @extschema@.eur) WITH FUNCTION @extschema@.eur(pg_catalog.int8) AS ASSIGNMENT;
CREATE CAST (pg_catalog.int2 AS @extschema@.eur) WITH FUNCTION @extschema@.eur(pg_catalog.int2) AS ASSIGNMENT;
-- implicit, so that an amount meets integer and numeric literals and
-- parameters (amount > 1000000, amount + 0.5) exactly, as numeric; the
-- other direction stays an assignment: implicit both ways would make every
-- integer-times-numeric expression ambiguous with eur's own * and /
CREATE CAST (@extschema@.eur AS pg_catalog.numeric) WITH FUNCTION @extschema@.numeric(@extschema@.eur) AS IMPLICIT;
CREATE CAST (@extschema@.eur AS pg_catalog.float8) WITH FUNCTION @extschema@.float8(@extschema@.eur);
COMMENT ON CAST (pg_catalog.numeric AS @extschema@.eur) IS 'rounds half away from zero to the cent';
COMMENT ON CAST (pg_catalog.int4 AS @extschema@.eur) IS 'whole euros';
COMMENT ON CAST (pg_catalog.int8 AS @extschema@.eur) IS 'whole euros';
COMMENT ON CAST (pg_catalog.int2 AS @extschema@.eur) IS 'whole euros';
COMMENT ON CAST (@extschema@.eur AS pg_catalog.numeric) IS 'exact, 2 decimals; implicit, so that amounts compare and combine with numbers';
COMMENT ON CAST (@extschema@.eur AS pg_catalog.float8) IS 'nearest double precision (explicit: floats do not keep cents exact)';

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

CREATE AGGREGATE pg_catalog.sum(@extschema@.eur) (
    SFUNC = @extschema@.eur_sum_accum, STYPE = @extschema@.eur_sum_state, INITCOND = '(0,0)',
    COMBINEFUNC = @extschema@.eur_sum_combine, FINALFUNC = @extschema@.eur_sum_final,
    PARALLEL = SAFE);
CREATE AGGREGATE pg_catalog.avg(@extschema@.eur) (
    SFUNC = @extschema@.eur_sum_accum, STYPE = @extschema@.eur_sum_state, INITCOND = '(0,0)',
    COMBINEFUNC = @extschema@.eur_sum_combine, FINALFUNC = @extschema@.eur_avg_final,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE pg_catalog.sum(@extschema@.eur) IS 'exact total of amounts (128-bit intermediate; 22003 if the total is beyond the eur range)';
COMMENT ON AGGREGATE pg_catalog.avg(@extschema@.eur) IS 'mean amount, rounded half away from zero to the cent';

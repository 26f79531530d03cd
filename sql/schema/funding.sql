-- ======================================================================
-- Funding: the programme's needs, amounts broken down by need and their
-- aggregates, and exact apportionment (src/funding.c over
-- src/core/funding.c, src/apportion.c over src/core/apportion.c).
-- The need type itself comes from sql/schema/scalar_type.sql.in.
-- ======================================================================
COMMENT ON TYPE @extschema@.need IS 'need of the programme: recruter, innover, attirer, simplifier (phase 2018-2022), competences, innovation, transition_ecologique, foncier (phase 2023-2027); reads codes and French labels in any case, with or without accents; sorts by phase, then in that order';
COMMENT ON OPERATOR pg_catalog.< (@extschema@.need, @extschema@.need) IS 'less than (by phase, then in the programme''s order)';

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

CREATE OPERATOR pg_catalog.= (
    LEFTARG = @extschema@.need_breakdown, RIGHTARG = @extschema@.need_breakdown,
    FUNCTION = @extschema@.need_breakdown_eq,
    COMMUTATOR = OPERATOR(pg_catalog.=), NEGATOR = OPERATOR(pg_catalog.<>),
    RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel);
CREATE OPERATOR pg_catalog.<> (
    LEFTARG = @extschema@.need_breakdown, RIGHTARG = @extschema@.need_breakdown,
    FUNCTION = @extschema@.need_breakdown_ne,
    COMMUTATOR = OPERATOR(pg_catalog.<>), NEGATOR = OPERATOR(pg_catalog.=),
    RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel);
CREATE OPERATOR pg_catalog.+ (
    LEFTARG = @extschema@.need_breakdown, RIGHTARG = @extschema@.need_breakdown,
    FUNCTION = @extschema@.need_breakdown_pl, COMMUTATOR = OPERATOR(pg_catalog.+));
COMMENT ON OPERATOR pg_catalog.= (@extschema@.need_breakdown, @extschema@.need_breakdown) IS 'same amount for every need';
COMMENT ON OPERATOR pg_catalog.<> (@extschema@.need_breakdown, @extschema@.need_breakdown) IS 'a different amount for some need';
COMMENT ON OPERATOR pg_catalog.+ (@extschema@.need_breakdown, @extschema@.need_breakdown) IS 'need by need sum (22003 if a need''s sum is beyond the eur range)';

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
CREATE AGGREGATE pg_catalog.sum(@extschema@.need_breakdown) (
    SFUNC = @extschema@.need_breakdown_accum, STYPE = @extschema@.need_breakdown_state,
    INITCOND = '(0,0,0,0,0,0,0,0,0)',
    COMBINEFUNC = @extschema@.need_breakdown_state_combine,
    FINALFUNC = @extschema@.need_breakdown_state_final, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.sum_by_need(@extschema@.eur, @extschema@.need) IS 'exact totals per need in one need_breakdown; rows with a NULL amount or need are skipped; NULL for no rows; 22003 if a need''s total is beyond the eur range';
COMMENT ON AGGREGATE pg_catalog.sum(@extschema@.need_breakdown) IS 'need by need total of breakdowns, for rollups; NULLs skipped; NULL for no rows; 22003 beyond the eur range';

-- apportion -------------------------------------------------------------
CREATE FUNCTION @extschema@.apportion(amount @extschema@.eur, weights pg_catalog.float8[]) RETURNS @extschema@.eur[]
    AS 'MODULE_PATHNAME', 'apportion_float8' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.apportion(amount @extschema@.eur, weights pg_catalog.numeric[]) RETURNS @extschema@.eur[]
    AS 'MODULE_PATHNAME', 'apportion_numeric' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.apportion(@extschema@.eur, pg_catalog.float8[]) IS 'splits an amount by weights into parts adding up exactly to it (largest remainder, ties to the lower position; negative amounts mirrored); 22023 for an empty array or a NULL, negative, NaN or infinite weight, or all zero';
COMMENT ON FUNCTION @extschema@.apportion(@extschema@.eur, pg_catalog.numeric[]) IS 'splits an amount by exact numeric weights into parts adding up exactly to it (largest remainder, ties to the lower position; negative amounts mirrored); 22023 for an empty array or a NULL, negative, NaN or infinite weight, or all zero';

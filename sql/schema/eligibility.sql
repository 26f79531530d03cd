
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
COMMENT ON FUNCTION @extschema@.gini_specialisation_final(@extschema@.specialisation_state) IS 'gini_specialisation() final: the coefficient, NULL without sectors or zone jobs';

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
    'Gini specialisation coefficient of a zone over its sectors (one row per sector: x_ik zone jobs, x_k area jobs) as ANCT computes it (R package specificite, gini_spe): the weighted Gini (reldist::gini) of the location quotients (x_ik/X(i)) / (x_k/X) weighted by x_k/X, the whole area as reference; in [0, 1); rows with a NULL are skipped; NULL without rows or zone jobs';

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

CREATE OPERATOR pg_catalog.= (
    LEFTARG = @extschema@.eligibility_rule, RIGHTARG = @extschema@.eligibility_rule,
    FUNCTION = @extschema@.eligibility_rule_eq,
    COMMUTATOR = OPERATOR(pg_catalog.=), NEGATOR = OPERATOR(pg_catalog.<>),
    RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel, HASHES);
CREATE OPERATOR pg_catalog.<> (
    LEFTARG = @extschema@.eligibility_rule, RIGHTARG = @extschema@.eligibility_rule,
    FUNCTION = @extschema@.eligibility_rule_ne,
    COMMUTATOR = OPERATOR(pg_catalog.<>), NEGATOR = OPERATOR(pg_catalog.=),
    RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel);
COMMENT ON OPERATOR pg_catalog.= (@extschema@.eligibility_rule, @extschema@.eligibility_rule) IS 'same rule: equal canonical forms';
COMMENT ON OPERATOR pg_catalog.<> (@extschema@.eligibility_rule, @extschema@.eligibility_rule) IS 'different rules';
CREATE OPERATOR CLASS @extschema@.eligibility_rule_hash_ops DEFAULT FOR TYPE @extschema@.eligibility_rule USING hash AS
    OPERATOR 1 pg_catalog.= ,
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

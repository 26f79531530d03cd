
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
    IF num_nulls(save_rule_set.name, save_rule_set.rule, save_rule_set.description) > 0 THEN
        RAISE EXCEPTION USING ERRCODE = '22004', MESSAGE = 'save_rule_set: name, rule and description must not be NULL';
    END IF;
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
COMMENT ON FUNCTION @extschema@.save_rule_set(text, text, @extschema@.eligibility_rule, text, text) IS 'store a rule set as a new version (1 for a new name) and return its version; the latest version itself when nothing changed; 22004 for a NULL name, phase, rule or description, 22023 for an unknown phase';

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

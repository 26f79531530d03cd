
-- ======================================================================
-- Issue 12, the real programme.
-- gini_specialisation: ANCT's definition (specificite::gini_spe), the whole
-- area as reference; the C function changed, the state did not.
-- ======================================================================
COMMENT ON FUNCTION @extschema@.gini_specialisation_final(@extschema@.specialisation_state) IS 'gini_specialisation() final: the coefficient, NULL without sectors or zone jobs';
COMMENT ON AGGREGATE @extschema@.gini_specialisation(pg_catalog.float8, pg_catalog.float8) IS
    'Gini specialisation coefficient of a zone over its sectors (one row per sector: x_ik zone jobs, x_k area jobs) as ANCT computes it (R package specificite, gini_spe): the weighted Gini (reldist::gini) of the location quotients (x_ik/X(i)) / (x_k/X) weighted by x_k/X, the whole area as reference; in [0, 1); rows with a NULL are skipped; NULL without rows or zone jobs';

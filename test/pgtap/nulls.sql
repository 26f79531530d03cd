-- pgTAP: one NULL rule across the functions of a phase.  A STRICT function
-- (reading: NULL in means nothing) gives NULL or no rows for a NULL phase,
-- as PostgreSQL's own functions do; a function that is not STRICT (loaders,
-- map_svg, refresh, functions with optional arguments) raises 22004 naming
-- the argument.  Never "unknown phase NULL" (22023), never XX000.  Found in
-- the catalog: a new function of a phase is covered.  Internal helpers that
-- need the caller's temporary tables, and territories_at (inlined into the
-- calling query, its phase is checked on the first geometry it meets), are
-- left out.  Then errors whose CONTEXT must not quote terrind's internal
-- queries (the territory id is checked before the query that uses it).
BEGIN;
CREATE FUNCTION pg_temp.outcome(sql text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE sql;
    RETURN '00000';
EXCEPTION WHEN OTHERS THEN
    RETURN SQLSTATE;
END $$;
CREATE TEMP VIEW phase_functions AS
SELECT p.oid::regprocedure AS fn, p.proisstrict,
       pg_temp.outcome(format('SELECT * FROM %s(%s)', p.oid::regproc,
           (SELECT string_agg(format('NULL::%s', t::regtype), ', ' ORDER BY o)
            FROM unnest(p.proargtypes) WITH ORDINALITY u(t, o)))) AS sqlstate
FROM pg_proc p
WHERE p.pronamespace = 'terrind'::regnamespace AND p.prokind = 'f' AND 'phase' = ANY (p.proargnames)
  AND p.proname NOT IN ('store_territory_geometries', 'territories_at');
CREATE FUNCTION pg_temp.context_of(sql text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    context text;
BEGIN
    EXECUTE sql;
    RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS context = PG_EXCEPTION_CONTEXT;
    RETURN context;
END $$;
CREATE TEMP TABLE bad_calls (sql text);
INSERT INTO bad_calls VALUES
    ($$SELECT * FROM terrind.territory_facts('2023-2027', 'ti-9999', 2021)$$),
    ($$SELECT * FROM terrind.territory_facts('2023-2027', 2021, '{ti-75}')$$),
    ($$SELECT * FROM terrind.funding_by_region('2019', 'lead')$$),
    ($$SELECT * FROM terrind.funding_by_region('2023-2027', 'nope')$$),
    ($$SELECT terrind.map_svg('2019', 'population', NULL)$$),
    ($$SELECT terrind.territories_geojson('2019')$$),
    ($$SELECT * FROM terrind.region_shares('2023-2027', 'ti-99')$$),
    ($$SELECT * FROM terrind.evaluate_territories('population > 1', '2019', 2021)$$);
SELECT plan((SELECT count(*)::int FROM phase_functions) + (SELECT count(*)::int FROM bad_calls));
SELECT doesnt_match(pg_temp.context_of(sql), E'SQL statement "[^"]*\n', sql || ': the error''s CONTEXT quotes no internal query')
FROM bad_calls ORDER BY sql;
SELECT is(sqlstate, CASE WHEN proisstrict THEN '00000' ELSE '22004' END,
          format('%s with a NULL phase: %s', fn, CASE WHEN proisstrict THEN 'STRICT, nothing' ELSE '22004' END))
FROM phase_functions ORDER BY fn::text;
SELECT finish();
ROLLBACK;

-- pgTAP: one NULL rule across the functions of a phase.  A STRICT function
-- (reading: NULL in means nothing) gives NULL or no rows for a NULL phase,
-- as PostgreSQL's own functions do; a function that is not STRICT (loaders,
-- map_svg, refresh, functions with optional arguments) raises 22004 naming
-- the argument.  Never "unknown phase NULL" (22023), never XX000.  Found in
-- the catalog: a new function of a phase is covered.  Internal helpers that
-- need the caller's temporary tables, and territories_at (inlined into the
-- calling query, its phase is checked on the first geometry it meets), are
-- left out.  Then errors whose CONTEXT must not quote terrind's internal
-- queries (more in error_context.sql), and every argument of every
-- function that is not STRICT, NULL in turn.
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
           -- a polymorphic argument takes a table's row type, as locate's points do
           (SELECT string_agg(format('NULL::%s', CASE t WHEN 'anyelement'::regtype THEN 'terrind.region'::regtype ELSE t::regtype END), ', ' ORDER BY o)
            FROM unnest(p.proargtypes) WITH ORDINALITY u(t, o)))) AS sqlstate
FROM pg_proc p
WHERE p.pronamespace = 'terrind'::regnamespace AND p.prokind = 'f' AND 'phase' = ANY (p.proargnames)
  AND p.proname NOT IN ('store_territory_geometries', 'replace_phase_list', 'territories_at');
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
-- Then every argument of every function that is not STRICT, NULL in turn
-- with valid values in the others: nothing (a NULL that means "absent", as
-- an optional argument's), 22004 or 22023, never a constraint violation or
-- an error about something else.  Internal helpers (doc/reference.md) are
-- left out; the phase has a geometry status and a region its boundary so
-- that map_svg reaches its own checks.
CREATE FUNCTION pg_temp.sample(t regtype) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE t::text
        WHEN 'text' THEN '''population'''
        WHEN 'integer' THEN '2021'
        WHEN 'numeric' THEN '1'
        WHEN 'boolean' THEN 'false'
        WHEN 'jsonb' THEN '''[]'''
        WHEN 'text[]' THEN '''{}'''
        WHEN 'terrind.siren[]' THEN '''{}'''
        WHEN 'name' THEN '''geom'''
        WHEN 'geometry' THEN '''SRID=4326;POINT(2 47)'''
        WHEN 'terrind.eligibility_rule' THEN '''population > 1''' END || '::' || t::text
$$;
INSERT INTO terrind.territory_geometry_status (phase, source, built_at, territories, members_md5, inputs_md5)
VALUES ('2023-2027', 'anct', now(), 0, '', '')
ON CONFLICT (phase) DO NOTHING;
INSERT INTO terrind.region (code, name, zone, cog_year, geom)
VALUES ('84', 'Auvergne-Rhône-Alpes', 'metro', 2026, 'SRID=4326;MULTIPOLYGON(((4 45, 5 45, 5 46, 4 45)))')
ON CONFLICT (code) DO UPDATE SET geom = EXCLUDED.geom;
CREATE TEMP VIEW null_arguments AS
SELECT p.oid::regprocedure AS fn, a.o, p.proargnames[a.o] AS arg,
       pg_temp.outcome(format('SELECT * FROM %s(%s)', p.oid::regproc,
           -- a polymorphic argument takes a table's row type (NULL::region), as locate's points do
           (SELECT string_agg(CASE WHEN u.t = 'anyelement'::regtype THEN 'NULL::terrind.region'
                                   WHEN u.o = a.o THEN format('NULL::%s', u.t::regtype)
                                   WHEN p.proargnames[u.o] = 'phase' THEN '''2023-2027'''
                                   WHEN p.proargnames[u.o] = 'lang' THEN '''fr'''
                                   WHEN p.proargnames[u.o] = 'csv' THEN 'E''zone,year,na17,jobs\n'''
                                   ELSE pg_temp.sample(u.t) END, ', ' ORDER BY u.o)
            FROM unnest(p.proargtypes) WITH ORDINALITY u(t, o)))) AS sqlstate
FROM pg_proc p CROSS JOIN LATERAL generate_series(1, p.pronargs) a(o)
WHERE p.pronamespace = 'terrind'::regnamespace AND p.prokind = 'f' AND NOT p.proisstrict
  AND p.prorettype NOT IN ('trigger'::regtype, 'internal'::regtype)
  AND NOT 'internal'::regtype = ANY (p.proargtypes::regtype[])
  AND NOT 'cstring'::regtype = ANY (p.proargtypes::regtype[])
  AND p.proname NOT IN ('reject_load', 'raise_error', 'require_phase', 'checked_phase', 'lock_phase_list',
        'require_split_method', 'date_from_text', 'count_error', 'count_value', 'employment_facts', 'boundary_level',
        'geojson_features', 'geojson_srid', 'layer_srid', 'feature_geometry', 'reject_features', 'report_repairs',
        'member_geometries', 'store_territory_geometries', 'require_geometries', 'recheck_geometries',
        'polygon_members', 'polygon_disagreements', 'programme_polygons', 'map_frames', 'map_number', 'svg_path',
        'problems_detail', 'keep_load_problems', 'replace_phase_list', 'claim_load', 'cog_code', 'cog_population_ok', 'xml_chars',
        'territories_at');
SELECT plan((SELECT count(*)::int FROM phase_functions) + (SELECT count(*)::int FROM bad_calls)
            + (SELECT count(*)::int FROM null_arguments));
SELECT doesnt_match(pg_temp.context_of(sql), E'SQL statement "[^"]*\n', sql || ': the error''s CONTEXT quotes no internal query')
FROM bad_calls ORDER BY sql;
SELECT is(sqlstate, CASE WHEN proisstrict THEN '00000' ELSE '22004' END,
          format('%s with a NULL phase: %s', fn, CASE WHEN proisstrict THEN 'STRICT, nothing' ELSE '22004' END))
FROM phase_functions ORDER BY fn::text;
SELECT ok(sqlstate IN ('00000', '22004', '22023'), format('%s, %s NULL: %s', fn, arg, sqlstate))
FROM null_arguments ORDER BY fn::text, o;
SELECT finish();
ROLLBACK;

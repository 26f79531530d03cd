-- pgTAP: errors carry no internal SQL in their CONTEXT.  terrind's checks
-- run in helpers several calls deep (require_phase, csv_columns,
-- reject_load, layer_srid…); raised through raise_error they carry no
-- CONTEXT at all, where PL/pgSQL would quote each internal query that led
-- to them (a bad CSV header quoted a CREATE TEMP TABLE, an unknown phase
-- "SELECT require_phase(phase)").  Generated over every function of a phase
-- called with an unknown phase, then a list of bad calls of each family
-- (loaders, facts, spatial, maps).  The call itself, which the test runs
-- through EXECUTE, is taken out of the CONTEXT before looking.
BEGIN;
-- the 55000 cases need a phase without geometries (the upgrade test runs
-- this on a database that has some)
DELETE FROM terrind.territory_geometry_status WHERE phase = '2023-2027';
CREATE FUNCTION pg_temp.error_of(sql text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    state text;
    context text;
BEGIN
    EXECUTE sql;
    RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, context = PG_EXCEPTION_CONTEXT;
    RETURN state || E'\n' || replace(context, format('SQL statement "%s"', sql), '(the call)');
END $$;
-- a value of each argument type that is valid on its own
CREATE FUNCTION pg_temp.sample(t regtype) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE t::text
        WHEN 'text' THEN '''population'''
        WHEN 'integer' THEN '2021'
        WHEN 'double precision' THEN '1'
        WHEN 'boolean' THEN 'false'
        WHEN 'jsonb' THEN '''{"type": "FeatureCollection", "features": []}'''
        WHEN 'text[]' THEN '''{}'''
        WHEN 'regclass' THEN '''terrind.region'''
        WHEN 'name' THEN '''geom'''
        WHEN 'geometry' THEN '''SRID=4326;POINT(2 47)'''
        WHEN 'terrind.eligibility_rule' THEN '''population > 1''' END || '::' || t::text
$$;
CREATE TEMP TABLE calls (sql text, expected text);
-- every function of a phase, but the helpers that need their caller's
-- temporary tables and territories_at (inlined, see nulls.sql)
INSERT INTO calls
SELECT format('SELECT * FROM %s(%s)', p.oid::regproc,
              (SELECT string_agg(CASE WHEN p.proargnames[o] = 'phase' THEN '''2019''' ELSE pg_temp.sample(t) END, ', ' ORDER BY o)
               FROM unnest(p.proargtypes) WITH ORDINALITY u(t, o))),
       '22023'
FROM pg_proc p
WHERE p.pronamespace = 'terrind'::regnamespace AND p.prokind = 'f' AND 'phase' = ANY (p.proargnames)
  AND p.proname NOT IN ('store_territory_geometries', 'replace_phase_list', 'polygon_disagreements', 'member_geometries', 'territories_at',
                        'check_territories', 'geometry_fingerprint', 'funding_totals')
  -- a malformed territory id is found before the phase
  AND p.oid <> 'terrind.territory_facts(text, text, int)'::regprocedure;
INSERT INTO calls VALUES
    -- loaders: CSV headers, rejected rows, GeoJSON documents
    ($$SELECT terrind.load_territories('2023-2027', E'bad,header\n1,2\n')$$, '22P02'),
    ($$SELECT terrind.load_territories('2023-2027', '')$$, '22P02'),
    ($$SELECT terrind.load_territories('2023-2027', E'id_ti,lib_ti,siren,lib_groupement\nti-99,X,123,Y\n')$$, '22P02'),
    ($$SELECT terrind.load_territory_communes('2023-2027', E'bad\n1\n')$$, '22P02'),
    ($$SELECT terrind.load_funding(E'bad\n1\n')$$, '22P02'),
    ($$SELECT terrind.load_employment(E'zone,zone,year,jobs\n1,1,2021,3\n')$$, '22P02'),
    ($$SELECT terrind.load_programme('2023-2027', '{"type": "Feature"}')$$, '22P02'),
    ($$SELECT terrind.load_programme('2023-2027', '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {}, "geometry": null}]}')$$, '22P02'),
    ($$SELECT terrind.load_territory_polygons('2023-2027', '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"id_ti": "ti-99"}, "geometry": null}]}')$$, '22P02'),
    ($$SELECT terrind.load_boundaries('region', '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {}, "geometry": null}]}', 'code')$$, '22P02'),
    -- facts and funding
    ($$SELECT * FROM terrind.territory_facts('2023-2027', 'ti-9999', 2021)$$, '22P02'),
    ($$SELECT * FROM terrind.territory_facts('2023-2027', 'ti-8499', 2021)$$, '22023'),
    ($$SELECT * FROM terrind.territory_facts('2023-2027', 2021, '{ti-75}')$$, '22P02'),
    ($$SELECT * FROM terrind.funding_by_region('2023-2027', 'nope')$$, '22023'),
    ($$SELECT * FROM terrind.funding_by_region('2023-2027', 'area')$$, '55000'),
    -- spatial
    ($$SELECT * FROM terrind.region_shares('2023-2027', 'ti-8413')$$, '55000'),
    ($$SELECT * FROM terrind.overlay('2023-2027', 'pg_class', 'relname')$$, '22023'),
    ($$SELECT * FROM terrind.overlay('2023-2027', 'terrind.region', 'nope')$$, '22023'),
    ($$SELECT * FROM terrind.nearest_territories('SRID=4326;POINT(2 47)', '2023-2027', 3)$$, '55000'),
    -- maps
    ($$SELECT terrind.map_svg('2023-2027', 'population')$$, '55000'),
    ($$SELECT terrind.territories_geojson('2023-2027')$$, '55000');

SELECT plan(2 * (SELECT count(*)::int FROM calls));
SELECT doesnt_match(pg_temp.error_of(sql), E'SQL statement "', sql || ': the error''s CONTEXT quotes no internal query')
FROM calls ORDER BY sql;
-- and each fails as it should: the test is not passing for want of an error
SELECT is(split_part(pg_temp.error_of(sql), E'\n', 1), expected, sql || ': ' || expected)
FROM calls ORDER BY sql;
SELECT finish();
ROLLBACK;

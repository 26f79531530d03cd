-- pgTAP: two sessions running the same loader (issue 17, D3).  At
-- REPEATABLE READ and SERIALIZABLE a load whose snapshot predates another
-- load of the same scope must fail with 40001 (retry), never merge with it;
-- at READ COMMITTED the second waits and then replaces the first.  The two
-- sessions are dblink connections to a database of their own, created and
-- dropped here, since what they do must commit.
BEGIN;
CREATE EXTENSION IF NOT EXISTS dblink;
SET LOCAL search_path = public, terrind;

\set regions `cat test/fixtures/cog/regions.json`
\set departements `cat test/fixtures/cog/departements.json`
\set communes `cat test/fixtures/cog/communes.json`
\set epci `cat test/fixtures/cog/epci.json`
\set ept `cat test/fixtures/cog/ept.json`
\set grpt2023 `cat test/fixtures/territories/liste-ti-grpt2023-20240115.csv`
\set com2023 `cat test/fixtures/territories/liste-ti-com2023-20240115.csv`
\set regions_l93 `cat test/fixtures/spatial/regions-l93.geojson`
\set communes_l93 `cat test/fixtures/spatial/communes-l93.geojson`
\set epci_l93 `cat test/fixtures/spatial/epci-l93.geojson`
\set anct2023 `cat test/fixtures/spatial/anct-ti-2023.geojson`
\set emp2021 `cat test/fixtures/employment/employment-na17-2021.csv`

-- one statement per loader; a second list for the phase, to see a merge
CREATE TEMP TABLE loader_case (loader text PRIMARY KEY, call text NOT NULL);
INSERT INTO loader_case VALUES
    ('load_cog', format('terrind.load_cog(2026, %L, %L, %L, %L, %L)', :'regions', :'departements', :'communes', :'epci', :'ept')),
    ('load_territories', format('terrind.load_territories(%L, %L)', '2023-2027', :'grpt2023')),
    ('load_territory_communes', format('terrind.load_territory_communes(%L, %L)', '2023-2027', :'com2023')),
    ('load_funding', format('terrind.load_funding(%L, true)',
        E'phase;id_ti;besoin;mesure;financeur;statut;montant;date_decision;siret\n2023-2027;ti-8413;Compétences;;PIC;engaged;1,2 M€;;\n')),
    ('load_boundaries', format('terrind.load_boundaries(%L, %L, %L)', 'region', :'regions_l93', 'INSEE_REG')),
    ('refresh_territory_geometries', format('terrind.refresh_territory_geometries(%L)', '2023-2027')),
    ('load_territory_polygons', format('terrind.load_territory_polygons(%L, %L)', '2023-2027', :'anct2023')),
    ('load_employment', format('terrind.load_employment(%L, %L)', :'emp2021', 'concurrency test'));

SELECT plan(3 + 3 * (SELECT count(*)::int FROM loader_case));

CREATE FUNCTION pg_temp.conninfo(db text) RETURNS text LANGUAGE sql AS $$
    SELECT format('dbname=%s port=%s host=%s', db, current_setting('port'),
                  split_part(current_setting('unix_socket_directories'), ',', 1))
$$;
SELECT dblink_connect('admin', pg_temp.conninfo(current_database()));
SELECT dblink_exec('admin', 'DROP DATABASE IF EXISTS terrind_concurrency');
SELECT dblink_exec('admin', 'CREATE DATABASE terrind_concurrency');
SELECT dblink_connect(s, pg_temp.conninfo('terrind_concurrency')) FROM unnest(ARRAY['a', 'b']) s;
SELECT dblink_exec('a', format('CREATE EXTENSION terrind VERSION %L CASCADE',
                               (SELECT extversion FROM pg_extension WHERE extname = 'terrind')));
-- in each session: the SQLSTATE a statement ends with ('00000' if it works)
SELECT dblink_exec(s, $f$CREATE FUNCTION pg_temp.sqlstate_of(sql text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE sql;
    RETURN '00000';
EXCEPTION WHEN OTHERS THEN
    RETURN SQLSTATE;
END $$$f$) FROM unnest(ARRAY['a', 'b']) s;

-- what every loader needs, committed: the COG, lists, boundaries, geometries
SELECT dblink_exec('b', 'SET client_min_messages = warning');
SELECT dblink_exec('a', 'SET client_min_messages = warning');
SELECT is((SELECT string_agg(r.s, ',' ORDER BY c.o) FROM unnest(ARRAY[
           (SELECT call FROM loader_case WHERE loader = 'load_cog'),
           (SELECT call FROM loader_case WHERE loader = 'load_territories'),
           (SELECT call FROM loader_case WHERE loader = 'load_territory_communes'),
           format('terrind.load_boundaries(%L, %L, %L)', 'commune', :'communes_l93', 'INSEE_COM'),
           format('terrind.load_boundaries(%L, %L, %L)', 'groupement', :'epci_l93', 'CODE_SIREN'),
           (SELECT call FROM loader_case WHERE loader = 'load_boundaries'),
           (SELECT call FROM loader_case WHERE loader = 'refresh_territory_geometries')]) WITH ORDINALITY c(call, o),
           LATERAL dblink('b', format('SELECT pg_temp.sqlstate_of(%L)', 'SELECT * FROM ' || c.call)) r(s text)),
          '00000,00000,00000,00000,00000,00000,00000', 'the second session loads what the loaders need');

-- A takes its snapshot; B loads and commits; A's load must not merge
CREATE FUNCTION pg_temp.after_commit(level text, call text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    result text;
BEGIN
    PERFORM dblink_exec('a', 'BEGIN ISOLATION LEVEL ' || level);
    PERFORM * FROM dblink('a', 'SELECT count(*) FROM terrind.phase') t(n bigint);
    PERFORM * FROM dblink('b', format('SELECT pg_temp.sqlstate_of(%L)', 'SELECT * FROM ' || call)) t(s text);
    SELECT s INTO result FROM dblink('a', format('SELECT pg_temp.sqlstate_of(%L)', 'SELECT * FROM ' || call)) t(s text);
    PERFORM dblink_exec('a', 'ROLLBACK');
    RETURN result;
END $$;

-- B loads, uncommitted; A (snapshot taken) starts the same load and waits;
-- B commits; what A's load ends with
CREATE FUNCTION pg_temp.while_waiting(level text, call text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    a_pid int := (SELECT p FROM dblink('a', 'SELECT pg_backend_pid()') t(p int));
    result text;
BEGIN
    PERFORM dblink_exec('a', 'BEGIN ISOLATION LEVEL ' || level);
    PERFORM * FROM dblink('a', 'SELECT count(*) FROM terrind.phase') t(n bigint);
    PERFORM dblink_exec('b', 'BEGIN');
    PERFORM * FROM dblink('b', 'SELECT count(*) FROM ' || call) t(n bigint);
    PERFORM dblink_send_query('a', format('SELECT pg_temp.sqlstate_of(%L)', 'SELECT * FROM ' || call));
    -- synchronisation, not timing: until A waits for B's lock
    FOR i IN 1..3000 LOOP
        EXIT WHEN EXISTS (SELECT 1 FROM pg_stat_activity WHERE pid = a_pid AND wait_event_type = 'Lock');
        PERFORM pg_sleep(0.01);
    END LOOP;
    PERFORM dblink_exec('b', 'COMMIT');
    SELECT s INTO result FROM dblink_get_result('a') t(s text);
    PERFORM * FROM dblink_get_result('a') t(s text);
    PERFORM dblink_exec('a', 'ROLLBACK');
    RETURN result;
END $$;

SELECT is(pg_temp.after_commit(level, call), '40001',
          format('%s at %s: a load whose snapshot predates another''s commit fails with 40001', loader, level))
FROM loader_case, unnest(ARRAY['REPEATABLE READ', 'SERIALIZABLE']) level ORDER BY loader, level;
SELECT is(pg_temp.while_waiting('REPEATABLE READ', call), '40001',
          format('%s at REPEATABLE READ: a load that waited for another''s commit fails with 40001', loader))
FROM loader_case ORDER BY loader;

-- READ COMMITTED: the second load waits, then replaces the first: the
-- phase holds one list, not the union of both
SELECT dblink_exec('b', 'DELETE FROM terrind.funding');
SELECT is(pg_temp.while_waiting('READ COMMITTED',
              format('terrind.load_territories(%L, %L)', '2023-2027', split_part(:'grpt2023', E'\n', 1) || E'\n' ||
                     split_part(:'grpt2023', E'\n', 2) || E'\n')), '00000',
          'load_territories at READ COMMITTED: a load that waited for another''s commit runs after it');
SELECT is((SELECT n FROM dblink('a', $$SELECT count(*) FROM terrind.territory_member WHERE phase = '2023-2027'$$) t(n bigint)),
          1::bigint, '… and the phase holds its list, not the union of both');

SELECT dblink_disconnect(s) FROM unnest(ARRAY['a', 'b']) s;
SELECT dblink_exec('admin', 'DROP DATABASE terrind_concurrency');
SELECT dblink_disconnect('admin');

SELECT * FROM finish();
ROLLBACK;

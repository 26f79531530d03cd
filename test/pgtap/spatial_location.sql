-- pgTAP: locating points on ANCT's real territory polygons of both phases
-- (data/anct/) through the territories' pieces (territory_piece) gives
-- exactly the answers of ST_Intersects on the whole geometries: random
-- points, points on the surface of every polygon, vertices on borders
-- (many in two territories); the pieces follow every change of the
-- geometries; the plans are the fast ones, in parallel too.
BEGIN;
SET search_path = terrind, public;
SELECT plan(34);

-- ANCT's polygons alone (the database may hold other suites' territories)
SET client_min_messages = warning;
TRUNCATE territory, territory_geometry_status CASCADE;
RESET client_min_messages;
\set anct1 `cat data/anct/territoires-industrie-2018-2022.geojson`
\set anct2 `cat data/anct/territoires-industrie-2023-2027.geojson`
\i test/fixtures/spatial/anct-polygons.psql

SELECT is((SELECT count(*) FROM (SELECT DISTINCT phase, id FROM territory_piece) x), (SELECT count(*) FROM territory_geometry),
    'every territory geometry has pieces');
SELECT is((SELECT max(ST_NPoints(geom)) <= 128 FROM territory_piece WHERE n > 0), true, 'pieces have at most 128 vertices');
SELECT is((SELECT count(*) FROM territory_geometry g JOIN territory_piece p ON p.phase = g.phase AND p.id = g.id AND p.n = 0 AND ST_Equals(p.geom, g.geom)),
    (SELECT count(*) FROM territory_geometry), 'piece 0 of each territory is its whole geometry');
SELECT is((SELECT count(*) FROM territory_geometry g
           WHERE abs(ST_Area(g.geom) - (SELECT sum(ST_Area(p.geom)) FROM territory_piece p
                                        WHERE p.phase = g.phase AND p.id = g.id AND p.n > 0)) > 1e-9 * ST_Area(g.geom)), 0::bigint,
    'the pieces of each territory cover its area (in the plane, where they were cut)');

-- test points: 10 000 at random over the bounding boxes of the territories
-- (inside and outside), a point on the surface and the centroid of every
-- polygon, and every third vertex of every polygon (on borders, often
-- shared by two territories)
SELECT setseed(0.16);
-- not temporary: parallel plans do not scan temporary tables
CREATE TABLE public.pt (k serial PRIMARY KEY, kind text, geom geometry(Point, 4326));
INSERT INTO pt (kind, geom)
SELECT 'random', ST_SetSRID(ST_Point(ST_XMin(b) + random() * (ST_XMax(b) - ST_XMin(b)),
                                     ST_YMin(b) + random() * (ST_YMax(b) - ST_YMin(b))), 4326)
FROM (SELECT ST_Expand(geom::box2d, 0.05) AS b FROM territory_geometry) g, generate_series(1, 31) i
ORDER BY random() LIMIT 10000;
INSERT INTO pt (kind, geom)
SELECT 'surface', ST_PointOnSurface(d.geom) FROM territory_geometry g, ST_Dump(g.geom) d
UNION ALL
SELECT 'centroid', ST_Centroid(d.geom) FROM territory_geometry g, ST_Dump(g.geom) d;
INSERT INTO pt (kind, geom)
SELECT 'vertex', v.geom FROM territory_geometry g, ST_DumpPoints(g.geom) v WHERE v.path[3] % 3 = 0;
CREATE INDEX ON pt USING gist (geom);
ANALYZE pt;
ANALYZE territory_piece;

-- the answers on whole geometries, through territory_geometry's own index
CREATE TEMP TABLE expected AS
SELECT g.phase, pt.k, g.id FROM pt JOIN territory_geometry g ON ST_Intersects(g.geom, pt.geom);
SELECT ok((SELECT count(*) FROM pt WHERE kind = 'random') = 10000
          AND (SELECT count(DISTINCT k) FROM expected e JOIN pt USING (k) WHERE kind = 'random') > 3000
          AND (SELECT count(*) FROM pt WHERE kind = 'random' AND k NOT IN (SELECT k FROM expected)) > 3000,
    '10 000 random points, many inside and many outside every territory');
SELECT ok((SELECT count(*) FROM (SELECT e.phase, e.k FROM expected e JOIN pt USING (k) WHERE kind = 'vertex'
                                GROUP BY 1, 2 HAVING count(*) > 1) x) > 1000,
    'over a thousand vertices are on the border of two territories of a phase');
SELECT ok((SELECT count(*) FROM (SELECT e.phase, e.k FROM expected e JOIN pt USING (k) WHERE kind <> 'vertex'
                                GROUP BY 1, 2 HAVING count(*) > 1) x) > 0,
    'some points off the vertices are in two territories of a phase');

CREATE FUNCTION pg_temp.via_function(phase text) RETURNS TABLE (k int, id text) LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT pt.k, t::text FROM pt CROSS JOIN LATERAL terrind.territories_at(pt.geom, phase) t $$;
CREATE FUNCTION pg_temp.via_locate(phase text) RETURNS TABLE (k int, id text) LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT (l.point).k, l.territory::text FROM terrind.locate(phase, NULL::pt) l $$;
CREATE FUNCTION pg_temp.expected(phase text) RETURNS TABLE (k int, id text) LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT e.k, e.id::text FROM expected e WHERE e.phase = $1 $$;

SELECT bag_eq($$SELECT * FROM pg_temp.via_function('2018-2022')$$, $$SELECT * FROM pg_temp.expected('2018-2022')$$,
    'territories_at, phase 2018-2022: the answers of ST_Intersects on the whole polygons, each once');
SELECT bag_eq($$SELECT * FROM pg_temp.via_function('2023-2027')$$, $$SELECT * FROM pg_temp.expected('2023-2027')$$,
    'territories_at, phase 2023-2027: the same answers');
SELECT bag_eq($$SELECT * FROM pg_temp.via_locate('2018-2022')$$, $$SELECT * FROM pg_temp.expected('2018-2022')$$,
    'locate, phase 2018-2022: the same answers');
SELECT bag_eq($$SELECT * FROM pg_temp.via_locate('2023-2027')$$, $$SELECT * FROM pg_temp.expected('2023-2027')$$,
    'locate, phase 2023-2027: the same answers');
-- a point in another SRID, and geometries other than points
SELECT set_eq($$SELECT terrind.territories_at(ST_Transform(geom, 2154), '2023-2027')::text FROM pt WHERE k = (SELECT min(k) FROM expected WHERE phase = '2023-2027')$$,
    $$SELECT id::text FROM expected WHERE phase = '2023-2027' AND k = (SELECT min(k) FROM expected WHERE phase = '2023-2027')$$,
    'territories_at: a point in Lambert-93');
SELECT bag_eq($$SELECT g.id::text, t::text FROM territory_geometry g
                CROSS JOIN LATERAL terrind.territories_at(ST_Buffer(ST_PointOnSurface(g.geom), 0.2), '2023-2027') t
                WHERE g.phase = '2018-2022'$$,
    $$SELECT g.id::text AS disc, h.id::text FROM territory_geometry g JOIN territory_geometry h
      ON h.phase = '2023-2027' AND ST_Intersects(h.geom, ST_Buffer(ST_PointOnSurface(g.geom), 0.2))
      WHERE g.phase = '2018-2022'$$,
    'territories_at: discs of 0.2 degrees, each territory once however many of its pieces they meet');

-- plans
\ir include/force_parallel.sql
RESET parallel_setup_cost; RESET parallel_tuple_cost; RESET min_parallel_table_scan_size; RESET max_parallel_workers_per_gather;
CREATE FUNCTION pg_temp.analyzed(query text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    line text;
    plan text := '';
BEGIN
    FOR line IN EXECUTE 'EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) ' || query LOOP
        plan := plan || line || E'\n';
    END LOOP;
    RETURN plan;
END $$;
SELECT matches(pg_temp.analyzed($$SELECT count(*) FROM pt CROSS JOIN LATERAL terrind.territories_at(pt.geom, '2023-2027') t$$),
    'Index Scan on territory_piece_2023_2027_geom_idx|Index Scan using territory_piece_2023_2027_geom_idx',
    'territories_at: an index scan on the pieces of the phase');
SELECT doesnt_match(pg_temp.analyzed($$SELECT count(*) FROM pt CROSS JOIN LATERAL terrind.territories_at(pt.geom, '2023-2027') t$$),
    'territory_piece_2018_2022',
    'territories_at: the pieces of the other phase are pruned at plan time');
SELECT matches(pg_temp.plan(terrind.locate_query('2023-2027', 'pt', 'geom')),
    'Nested Loop\n\s+->  [^\n]* on territory_piece_2023_2027 t\n(.*\n)*?\s+->  Index Scan using pt_geom_idx on pt p\n\s+Index Cond: \(geom && t.geom\)\n',
    'locate: driven by the pieces of the phase, over the points'' GiST index');
SELECT doesnt_match(pg_temp.plan(terrind.locate_query('2023-2027', 'pt', 'geom')), 'territory_piece_2018_2022 t',
    'locate: the pieces of the other phase are not scanned');
SELECT is(terrind.locate_query('2023-2027', 'pt', 'geom') LIKE '%WHERE t.phase = ''2023-2027'' AND t.n > 0', true,
    'locate_query: the phase is a literal of the query');

-- parallel plans give the serial answers
SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0; SET min_parallel_index_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SELECT matches(pg_temp.plan($$SELECT * FROM pg_temp.via_function('2023-2027')$$), 'Gather[^\n]*\n(.*\n)*\s+->  Nested Loop', 'territories_at: a parallel plan');
SELECT bag_eq($$SELECT * FROM pg_temp.via_function('2023-2027')$$, $$SELECT * FROM pg_temp.expected('2023-2027')$$,
    'territories_at in parallel: the serial answers');
SELECT matches(pg_temp.plan(terrind.locate_query('2023-2027', 'pt', 'geom')), 'Gather', 'locate: a parallel plan');
SELECT bag_eq($$SELECT * FROM pg_temp.via_locate('2023-2027')$$, $$SELECT * FROM pg_temp.expected('2023-2027')$$,
    'locate in parallel: the serial answers');
SELECT is((SELECT array_agg(DISTINCT p.proparallel) FROM pg_proc p WHERE p.oid IN
           ('terrind.territories_at(geometry, text)'::regprocedure, 'terrind.locate(text, anyelement, name)'::regprocedure,
            'terrind.locate_query(text, regclass, name)'::regprocedure)), '{s}'::"char"[],
    'territories_at, locate and locate_query are parallel safe');
RESET parallel_setup_cost; RESET parallel_tuple_cost; RESET min_parallel_table_scan_size; RESET min_parallel_index_scan_size;
RESET max_parallel_workers_per_gather;

-- the pieces follow the geometries; staleness is the geometries'
CREATE TEMP TABLE some_points AS SELECT * FROM pt WHERE k % 7 = 0;
CREATE FUNCTION pg_temp.agree(phase text) RETURNS boolean LANGUAGE sql AS $$
    SELECT NOT EXISTS (
        (SELECT s.k, t::text FROM some_points s CROSS JOIN LATERAL terrind.territories_at(s.geom, phase) t
         EXCEPT ALL
         SELECT s.k, g.id::text FROM some_points s JOIN terrind.territory_geometry g ON g.phase = $1 AND ST_Intersects(g.geom, s.geom))
        UNION ALL
        (SELECT s.k, g.id::text FROM some_points s JOIN terrind.territory_geometry g ON g.phase = $1 AND ST_Intersects(g.geom, s.geom)
         EXCEPT ALL
         SELECT s.k, t::text FROM some_points s CROSS JOIN LATERAL terrind.territories_at(s.geom, phase) t)) $$;
INSERT INTO territory_member (phase, territory_id, siren, name, nature) VALUES ('2023-2027', 'ti-8401', '200071173', 'CA X', 'CA');
SELECT is((SELECT stale_reason FROM territory_geometry_status WHERE phase = '2023-2027'), 'member list changed',
    'a member change makes the geometries stale');
SELECT ok(pg_temp.agree('2023-2027'), 'stale geometries: the pieces still answer as the geometries do');
UPDATE territory_geometry SET geom = ST_Multi(ST_Translate(geom, 0.05, 0.03)) WHERE phase = '2023-2027' AND id::text < 'ti-53';
SELECT ok(pg_temp.agree('2023-2027') AND pg_temp.agree('2018-2022'), 'boundaries moved by an UPDATE: the pieces follow');
SELECT is((SELECT count(*) FROM territory_piece WHERE phase = '2018-2022'),
          (SELECT count(*) FROM territory_geometry g, cut_pieces(g.geom) c WHERE g.phase = '2018-2022'),
    'the other phase''s pieces are untouched');
UPDATE territory_geometry SET area_m2 = area_m2 WHERE phase = '2023-2027';
SELECT ok(pg_temp.agree('2023-2027'), 'an UPDATE of other columns keeps the pieces');
DELETE FROM territory WHERE phase = '2023-2027' AND id::text LIKE 'ti-84%';
SELECT is((SELECT count(*) FROM territory_piece WHERE phase = '2023-2027' AND id::text LIKE 'ti-84%'), 0::bigint,
    'deleting territories (cascading to their geometry) deletes their pieces');
SELECT ok(pg_temp.agree('2023-2027'), 'and the answers still agree');
TRUNCATE territory_geometry;
SELECT is((SELECT count(*) FROM territory_piece), 0::bigint, 'TRUNCATE territory_geometry empties the pieces');

-- errors
SELECT throws_ok($$SELECT * FROM terrind.locate('2023-2027', 1)$$, '22023', NULL, 'locate: a value that is not a table row is 22023');
SELECT throws_ok($$SELECT * FROM terrind.locate('2030-2034', NULL::pt)$$, '22023', NULL, 'locate: unknown phase is 22023');
SELECT throws_ok($$SELECT * FROM terrind.locate('2018-2022', NULL::pt, 'nowhere')$$, '22023', NULL, 'locate: a missing column is 22023');

SELECT * FROM finish();
ROLLBACK;

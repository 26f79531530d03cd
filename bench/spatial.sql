-- Spatial: assigning random points to territories with terrind.territories_at
-- (and its documented join form) against the raw PostGIS join
-- ST_Intersects on a GiST-indexed copy of the same polygons, and against
-- that join without the index.  Territories are synthetic but shaped like
-- real ones: 183 unions of about three Voronoi cells over metropolitan
-- France, covering about a third of it, with boundaries densified to a
-- vertex every ~500 m.
SELECT (1000000 * :scale)::int AS npoints \gset
SET search_path = terrind, public;
SELECT setseed(0.2023);

CREATE TABLE bench.cells AS
SELECT row_number() OVER (ORDER BY ST_X(ST_Centroid(c.geom)), ST_Y(ST_Centroid(c.geom))) AS n,
       ST_Segmentize(ST_Intersection(c.geom, box.geom), 0.005) AS geom
FROM (SELECT ST_MakeEnvelope(-4.8, 42.3, 8.2, 51.1, 4326) AS geom) box,
     ST_Dump(ST_VoronoiPolygons(ST_GeneratePoints(box.geom, 1800, 2023), 0, box.geom)) c;
CREATE TABLE bench.groups AS
SELECT n, geom, ST_ClusterKMeans(ST_Centroid(geom), 600) OVER () AS k FROM bench.cells;

-- 183 territories: every third cluster, ids ti-RRNN over 13 metropolitan regions
INSERT INTO terrind.territory (phase, id, name)
SELECT '2023-2027', format('ti-%s%s', r.code, lpad(((i - 1) / 13 + 1)::text, 2, '0')), 'Bench territory ' || i
FROM generate_series(1, 183) i
JOIN (SELECT code, row_number() OVER (ORDER BY code) - 1 AS pos
      FROM unnest('{11,24,27,28,32,44,52,53,75,76,84,93,94}'::text[]) code) r ON r.pos = (i - 1) % 13;
INSERT INTO terrind.territory_geometry (phase, id, geom, area_m2, parts)
SELECT '2023-2027', t.id, u.geom, ST_Area(u.geom::geography), ST_NumGeometries(u.geom)
FROM (SELECT row_number() OVER (ORDER BY k) AS i, ST_Multi(ST_Union(geom)) AS geom
      FROM bench.groups WHERE k % 3 = 0 GROUP BY k) u
JOIN (SELECT id, row_number() OVER (ORDER BY id) AS i FROM terrind.territory WHERE phase = '2023-2027') t USING (i);
ANALYZE terrind.territory_geometry;

-- the baseline: the same polygons in a plain table, with and without GiST
CREATE TABLE bench.raw_indexed AS SELECT id::text AS id, geom FROM terrind.territory_geometry;
CREATE INDEX ON bench.raw_indexed USING gist (geom);
CREATE TABLE bench.raw_plain AS SELECT * FROM bench.raw_indexed;
ANALYZE bench.raw_indexed;
ANALYZE bench.raw_plain;

CREATE TABLE bench.points AS
SELECT g AS n, ST_SetSRID(ST_Point(-4.8 + 13 * random(), 42.3 + 8.8 * random()), 4326) AS geom
FROM generate_series(1, :npoints) g;
VACUUM ANALYZE bench.points;

-- all three give the same assignments
SELECT (SELECT count(*) FROM bench.points p CROSS JOIN LATERAL terrind.territories_at(p.geom, '2023-2027') t) AS via_function,
       (SELECT count(*) FROM bench.points p JOIN bench.raw_indexed r ON ST_Intersects(r.geom, p.geom)) AS via_raw \gset
SELECT :via_function = :via_raw AS same_assignments \gset
\if :same_assignments
\else
DO $$BEGIN RAISE EXCEPTION 'spatial bench: territories_at and the raw join assign points differently'; END$$;
\endif

SELECT bench.time_ms($$SELECT count(*) FROM bench.points p CROSS JOIN LATERAL terrind.territories_at(p.geom, '2023-2027') t$$, 3) AS function_ms,
       bench.time_ms($$SELECT count(*) FROM bench.points p JOIN terrind.territory_geometry t
                       ON t.phase = '2023-2027' AND ST_Intersects(t.geom, p.geom)$$, 3) AS join_ms,
       bench.time_ms($$SELECT count(*) FROM bench.points p JOIN bench.raw_indexed r ON ST_Intersects(r.geom, p.geom)$$, 3) AS raw_ms \gset
SELECT bench.record('spatial', format('assign %s points to 183 territories: territories_at vs raw indexed join', :npoints),
                    :function_ms, :raw_ms, 'ms', '<= 1.1', 'target: at most 1.1x the raw GiST-indexed ST_Intersects join');
SELECT bench.record('spatial', 'the documented join form on territory_geometry vs raw indexed join',
                    :join_ms, :raw_ms, 'ms', '<= 1.1', 'same plan as the function, phase filter included');
SELECT bench.record('spatial', 'territories_at vs the raw join without index',
                    :function_ms, bench.time_ms($$SELECT count(*) FROM bench.points p JOIN bench.raw_plain r ON ST_Intersects(r.geom, p.geom)$$, 1),
                    'ms', NULL, 'what the GiST index saves (one run)');

DELETE FROM terrind.territory WHERE phase = '2023-2027';
DROP TABLE bench.cells, bench.groups, bench.raw_indexed, bench.raw_plain, bench.points;

-- Spatial: locating 1 M points (x BENCH_SCALE) in ANCT's real territory
-- polygons of 2023-2027 (data/anct/), the points spread like
-- establishments: around each commune of the COG in proportion to its
-- population (the COG gives no coordinates, so each commune sits at a
-- random place in its département, from ANCT's département polygons), plus
-- a tenth spread evenly over the départements.  Compared in one run:
--   terrind.locate (driven by the territories' pieces over a GiST index on
--   the points) and territories_at, against the raw join an analyst writes,
--   ST_Intersects on the undivided polygons with a GiST index on them
--   (points outer), and against geopandas' sjoin (bench/spatial_geopandas.py,
--   reading the same tables);
--   the points summed by territory and need (an eur column) against the
--   raw join plus SUM(numeric) GROUP BY territory, need.
SELECT (1000000 * :scale)::int AS npoints \gset
SET search_path = terrind, public;
SET max_parallel_workers_per_gather = 0;
SELECT setseed(0.2023);

\set anct1 `cat ../data/anct/territoires-industrie-2018-2022.geojson`
\set anct2 `cat ../data/anct/territoires-industrie-2023-2027.geojson`
\i ../test/fixtures/spatial/anct-polygons.psql
ANALYZE terrind.territory_geometry;
ANALYZE terrind.territory_piece;

\set deps `cat ../data/anct/departements.geojson`
\set communes `cat :cog/communes.json`
CREATE TABLE bench.dep AS
SELECT f->'properties'->>'insee_dep' AS code,
       ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON(f->'geometry'), 4326)), 3)) AS geom
FROM jsonb_array_elements(:'deps'::jsonb->'features') f;
-- communes with a population, each at a random place in its département
CREATE TABLE bench.town AS
WITH c AS (
    SELECT c->>'departement' AS dep, (c->>'population')::float8 AS pop,
           row_number() OVER (PARTITION BY c->>'departement' ORDER BY c->>'code') AS i
    FROM jsonb_array_elements(:'communes'::jsonb) c
    WHERE c->>'type' = 'commune-actuelle' AND (c->>'population')::float8 > 0
), spot AS (
    SELECT d.code, row_number() OVER (PARTITION BY d.code) AS i, s.geom
    FROM bench.dep d
    JOIN (SELECT dep, count(*) AS n FROM c GROUP BY dep) k ON k.dep = d.code,
         ST_Dump(ST_GeneratePoints(d.geom, k.n::int, 16)) s
)
SELECT c.pop, spot.geom FROM c JOIN spot ON spot.code = c.dep AND spot.i = c.i;
SELECT sum(pop) AS total_pop FROM bench.town \gset

-- the points: nine tenths around the towns (normal spread of 1 to 4 km,
-- wider for bigger towns), one tenth evenly over the départements; an
-- amount up to 100 000 EUR with cents and a need of phase 2023-2027 each
CREATE TABLE bench.points (n serial, geom geometry(Point, 4326), amount terrind.eur, need terrind.need);
INSERT INTO bench.points (geom, amount, need)
SELECT g, (floor(random() * 10000000)::bigint) OPERATOR(terrind.*) '0.01'::terrind.eur,
       (ARRAY['competences', 'innovation', 'transition_ecologique', 'foncier'])[1 + floor(random() * 4)::int]::terrind.need
FROM (SELECT ST_SetSRID(ST_Point(ST_X(t.geom) + r * cos(a) / cos(radians(ST_Y(t.geom))), ST_Y(t.geom) + r * sin(a)), 4326) AS g
      FROM bench.town t,
           generate_series(1, floor(0.9 * :npoints * t.pop / :total_pop + random())::int) i,
           LATERAL (SELECT (0.01 + 0.00002 * sqrt(t.pop)) * sqrt(-2 * ln(1 - random())) AS r, 2 * pi() * random() AS a) s
      UNION ALL
      SELECT s.geom FROM bench.dep d, ST_Dump(ST_GeneratePoints(d.geom, greatest(1, (0.1 * :npoints * ST_Area(d.geom) / (SELECT sum(ST_Area(geom)) FROM bench.dep))::int), 7)) s) p;
SELECT count(*) AS npoints FROM bench.points \gset
-- the analyst's copy: the same points, numeric and text, no index on them
CREATE TABLE bench.points_plain AS SELECT n, geom, amount::numeric AS amount, need::text AS need FROM bench.points;
SELECT extract(epoch FROM clock_timestamp()) AS t0 \gset
CREATE INDEX points_geom_idx ON bench.points USING gist (geom);
SELECT (extract(epoch FROM clock_timestamp()) - :t0) * 1000 AS index_ms \gset
VACUUM ANALYZE bench.points;
VACUUM ANALYZE bench.points_plain;

-- the raw polygons: the undivided 2023-2027 territories, GiST-indexed
CREATE TABLE bench.raw_indexed AS SELECT id::text AS id, geom FROM terrind.territory_geometry WHERE phase = '2023-2027';
CREATE INDEX ON bench.raw_indexed USING gist (geom);
ANALYZE bench.raw_indexed;

CREATE TEMP TABLE queries (name text PRIMARY KEY, query text);
INSERT INTO queries VALUES
('locate', $$SELECT count(*) FROM terrind.locate('2023-2027', NULL::bench.points) l$$),
('territories_at', $$SELECT count(*) FROM bench.points_plain p CROSS JOIN LATERAL terrind.territories_at(p.geom, '2023-2027') t$$),
('raw', $$SELECT count(*) FROM bench.points_plain p JOIN bench.raw_indexed r ON ST_Intersects(r.geom, p.geom)$$),
('raw, points indexed', $$SELECT count(*) FROM bench.points p JOIN bench.raw_indexed r ON ST_Intersects(r.geom, p.geom)$$),
('locate + sum_by_need', $$SELECT l.territory, terrind.sum_by_need((l.point).amount, (l.point).need)
                           FROM terrind.locate('2023-2027', NULL::bench.points) l GROUP BY 1$$),
('raw + SUM(numeric)', $$SELECT r.id, p.need, sum(p.amount) FROM bench.points_plain p
                         JOIN bench.raw_indexed r ON ST_Intersects(r.geom, p.geom) GROUP BY 1, 2$$);

-- the same answers before any figure: every (point, territory) pair, and the sums
DO $$
BEGIN
    IF EXISTS ((SELECT (l.point).n, l.territory::text FROM terrind.locate('2023-2027', NULL::bench.points) l
                EXCEPT ALL SELECT p.n, r.id FROM bench.points_plain p JOIN bench.raw_indexed r ON ST_Intersects(r.geom, p.geom))
               UNION ALL
               (SELECT p.n, r.id FROM bench.points_plain p JOIN bench.raw_indexed r ON ST_Intersects(r.geom, p.geom)
                EXCEPT ALL SELECT (l.point).n, l.territory::text FROM terrind.locate('2023-2027', NULL::bench.points) l)
               UNION ALL
               (SELECT p.n, t::text FROM bench.points_plain p CROSS JOIN LATERAL terrind.territories_at(p.geom, '2023-2027') t
                EXCEPT ALL SELECT p.n, r.id FROM bench.points_plain p JOIN bench.raw_indexed r ON ST_Intersects(r.geom, p.geom))) THEN
        RAISE EXCEPTION 'spatial bench: locate, territories_at and the raw join place points differently';
    END IF;
    IF EXISTS (SELECT 1
               FROM (SELECT l.territory::text AS id, terrind.sum_by_need((l.point).amount, (l.point).need) AS b
                     FROM terrind.locate('2023-2027', NULL::bench.points) l GROUP BY 1) s
               CROSS JOIN (SELECT code FROM terrind.needs WHERE phase = '2023-2027') n
               FULL JOIN (SELECT r.id, p.need, sum(p.amount) AS amount FROM bench.points_plain p
                          JOIN bench.raw_indexed r ON ST_Intersects(r.geom, p.geom) GROUP BY 1, 2) x
                 ON x.id = s.id AND x.need = n.code
               WHERE terrind.amount(s.b, n.code::terrind.need)::numeric IS DISTINCT FROM coalesce(x.amount, 0)) THEN
        RAISE EXCEPTION 'spatial bench: sum_by_need over locate and SUM(numeric) over the raw join disagree';
    END IF;
END $$;

-- best of three rounds after a warm-up, the queries in turns
CREATE FUNCTION pg_temp.best_times(runs int) RETURNS TABLE (name text, ms float8)
LANGUAGE plpgsql AS $$
DECLARE
    q record;
    started timestamptz;
BEGIN
    CREATE TEMP TABLE best (name text PRIMARY KEY, ms float8 DEFAULT 'Infinity');
    INSERT INTO best (name) SELECT queries.name FROM queries;
    FOR round IN 0..runs LOOP
        FOR q IN SELECT * FROM queries ORDER BY queries.name LOOP
            started := pg_catalog.clock_timestamp();
            EXECUTE q.query;
            IF round > 0 THEN
                UPDATE best SET ms = least(best.ms, extract(epoch FROM pg_catalog.clock_timestamp() - started) * 1000)
                WHERE best.name = q.name;
            END IF;
        END LOOP;
    END LOOP;
    RETURN QUERY SELECT b.name, b.ms FROM best b;
END $$;
CREATE TABLE bench.spatial_times AS SELECT * FROM pg_temp.best_times(2);
SELECT count(*) AS matches FROM bench.points p JOIN bench.raw_indexed r ON ST_Intersects(r.geom, p.geom) \gset

WITH t AS (SELECT name, ms FROM bench.spatial_times)
SELECT bench.record('spatial', format(r.measure, :npoints, :matches), a.ms, b.ms, 'ms', r.target, r.note)
FROM (VALUES
    ('locate', 'raw', 'locate %s points in the 183 territories (%s matches) vs raw ST_Intersects join on the undivided polygons', '<= 0.3',
     'raw: GiST on the polygons, points outer; locate: pieces outer over a GiST on the points'),
    ('territories_at', 'raw', 'territories_at, point by point (lateral), vs the raw join', NULL, 'no index on the points: each point probes the pieces'' index'),
    ('locate', 'raw, points indexed', 'locate vs the raw join when the points have a GiST index too', NULL,
     'the planner then drives the raw join from the polygons as well'),
    ('locate + sum_by_need', 'raw + SUM(numeric)', 'locate + sum_by_need(eur, need) by territory vs raw join + SUM(numeric) GROUP BY territory, need', '<= 0.4', NULL))
    r(terrind, baseline, measure, target, note)
JOIN t a ON a.name = r.terrind JOIN t b ON b.name = r.baseline \g /dev/null
SELECT bench.record('spatial', 'GiST index on the points (once) vs locate', :index_ms, ms, 'ms', NULL,
                    'what locate''s plan needs, built once per table') FROM bench.spatial_times WHERE name = 'locate' \g /dev/null

-- geopandas: the same points and polygons read from this database
\setenv BENCH_MATCHES :matches
\! /usr/bin/python3 spatial_geopandas.py

DROP TABLE bench.dep, bench.town, bench.points, bench.points_plain, bench.raw_indexed, bench.spatial_times;
DELETE FROM terrind.territory WHERE phase IN ('2018-2022', '2023-2027');
DELETE FROM terrind.territory_geometry_status;

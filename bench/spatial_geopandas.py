"""geopandas' sjoin on the spatial bench's points and polygons, read from the
bench database (bench/spatial.sql runs this after timing terrind, with the
libpq environment of its cluster).  Records the read time and the join time
apart, against terrind.locate's time in bench.spatial_times, and checks that
sjoin finds as many (point, territory) pairs as the SQL joins (BENCH_MATCHES).
"""
import os
import time

import geopandas
import psycopg
import shapely


def read(cur, query):
    cur.execute(query)
    rows = cur.fetchall()
    return geopandas.GeoDataFrame(
        {"key": [r[0] for r in rows]},
        geometry=geopandas.GeoSeries.from_wkb([bytes(r[1]) for r in rows], crs="EPSG:4326"))


def main():
    with psycopg.connect(dbname="terrind_bench") as conn, conn.cursor() as cur:
        best_read, best_join = float("inf"), float("inf")
        for _ in range(2):
            started = time.perf_counter()
            points = read(cur, "SELECT n, ST_AsBinary(geom) FROM bench.points_plain")
            polygons = read(cur, "SELECT id, ST_AsBinary(geom) FROM bench.raw_indexed")
            joining = time.perf_counter()
            pairs = geopandas.sjoin(points, polygons, how="inner", predicate="intersects")
            done = time.perf_counter()
            best_read = min(best_read, (joining - started) * 1000)
            best_join = min(best_join, (done - joining) * 1000)
        expected = int(os.environ["BENCH_MATCHES"])
        if len(pairs) != expected:
            raise SystemExit(f"spatial bench: geopandas sjoin found {len(pairs)} pairs, the SQL joins {expected}")
        cur.execute("SELECT ms FROM bench.spatial_times WHERE name = 'locate'")
        locate_ms = cur.fetchone()[0]
        note = (f"geopandas {geopandas.__version__}, shapely {shapely.__version__}; "
                "best of 2; read time apart")
        cur.execute("SELECT bench.record('spatial', %s, %s, %s, 'ms', '<= 1', %s)",
                    ("locate vs geopandas sjoin (the join alone)", locate_ms, best_join, note))
        cur.execute("SELECT bench.record('spatial', %s, %s, %s, 'ms', NULL, %s)",
                    ("locate vs geopandas reading points and polygons from the database", locate_ms, best_read,
                     "psycopg 3 fetching WKB, GeoSeries.from_wkb"))


main()

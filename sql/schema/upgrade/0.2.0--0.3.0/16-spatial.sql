
-- ======================================================================
-- Issue 16: fast location of points.  Territory geometries are kept cut
-- into small GiST-indexed pieces (territory_piece); territories_at uses
-- them, and locate() places a whole table of points in one statement.
-- ======================================================================
-- Run a CREATE FUNCTION whose text says @postgis@ for PostGIS's schema;
-- dropped at the end of this file.
CREATE FUNCTION @extschema@.create_with_postgis(definition text)
RETURNS void
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    EXECUTE replace(definition, '@postgis@',
                    (SELECT quote_ident(n.nspname) FROM pg_extension e
                     JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'postgis'));
END $$;

-- ----------------------------------------------------------------------
-- Pieces: each territory geometry cut on a quadtree of cells into pieces
-- of at most 128 vertices (the geometry clipped to the cell), GiST-indexed
-- in one partition per phase.  Point-in-polygon on a small piece is cheap
-- and its bounding box is tight; driving a join from the pieces lets
-- PostGIS's cache of the prepared piece serve every point the piece's
-- index scan returns.  A territory's cells partition the plane around it,
-- each cell holding its lower and left edges but not its upper and right
-- ones, so a point lies in exactly one cell of each territory, and in the
-- territory exactly when it lies in that cell's piece: no point is found
-- twice, with no DISTINCT.  Triggers on territory_geometry keep the pieces
-- current whatever writes it (the loaders, a restore, an UPDATE by hand);
-- they are derived data, left out of dumps.
-- ----------------------------------------------------------------------
-- One partition per phase of the programme, and one for phases added
-- later: the phase selects the partition, whose GiST index is scanned
-- (runtime pruning, also when the phase is a parameter).
CREATE TABLE @extschema@.territory_piece (
    phase text NOT NULL,
    id @extschema@.ti_code NOT NULL,
    n int NOT NULL,
    x0 float8 NOT NULL,
    y0 float8 NOT NULL,
    x1 float8 NOT NULL,
    y1 float8 NOT NULL,
    geom geometry(Geometry, 4326) NOT NULL,
    PRIMARY KEY (phase, id, n),
    CHECK (x0 < x1 AND y0 < y1)
) PARTITION BY LIST (phase);
CREATE TABLE @extschema@.territory_piece_2018_2022 PARTITION OF @extschema@.territory_piece FOR VALUES IN ('2018-2022');
CREATE TABLE @extschema@.territory_piece_2023_2027 PARTITION OF @extschema@.territory_piece FOR VALUES IN ('2023-2027');
CREATE TABLE @extschema@.territory_piece_other PARTITION OF @extschema@.territory_piece DEFAULT;
CREATE INDEX territory_piece_geom_idx ON @extschema@.territory_piece USING gist (geom);
COMMENT ON TABLE @extschema@.territory_piece IS 'internal: the territory geometries cut on a quadtree of cells into pieces of at most 128 vertices, one partition per phase, kept current by triggers on territory_geometry; territories_at and locate use them';
COMMENT ON COLUMN @extschema@.territory_piece.n IS 'number of the piece within its territory, from 1; 0 is the whole geometry, whose cell is its bounding box';
COMMENT ON COLUMN @extschema@.territory_piece.x0 IS 'the piece''s cell: longitudes from x0 (included) to x1 (excluded), latitudes from y0 (included) to y1 (excluded)';
COMMENT ON COLUMN @extschema@.territory_piece.geom IS 'the territory geometry clipped to the closed cell';
COMMENT ON TABLE @extschema@.territory_piece_2018_2022 IS 'internal: territory_piece of phase 2018-2022';
COMMENT ON TABLE @extschema@.territory_piece_2023_2027 IS 'internal: territory_piece of phase 2023-2027';
COMMENT ON TABLE @extschema@.territory_piece_other IS 'internal: territory_piece of the phases added after 2023-2027';

-- A geometry's pieces: starting from a cell a little larger than its
-- bounding box, a cell whose clipped geometry has more than 128 vertices
-- is split into four (at most 16 times); cells the geometry misses are
-- left out.  Should GEOS fail to clip (XX000), the whole geometry is one
-- piece, which gives the same answers, only slower.  Piece 0 is the whole
-- geometry, for geometries other than points, which may meet several
-- pieces of a territory.
SELECT terrind.create_with_postgis($def$
CREATE FUNCTION terrind.cut_pieces(geom @postgis@.geometry)
RETURNS TABLE (n int, x0 float8, y0 float8, x1 float8, y1 float8, piece @postgis@.geometry)
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL UNSAFE
SET search_path = pg_catalog, terrind, pg_temp
AS $$
BEGIN
    BEGIN
        RETURN QUERY
        WITH RECURSIVE cell(depth, x0, y0, x1, y1, g) AS (
            SELECT 0, @postgis@.ST_XMin(geom::@postgis@.box3d) - 0.001, @postgis@.ST_YMin(geom::@postgis@.box3d) - 0.001,
                   @postgis@.ST_XMax(geom::@postgis@.box3d) + 0.001, @postgis@.ST_YMax(geom::@postgis@.box3d) + 0.001, geom
            UNION ALL
            SELECT c.depth + 1, q.x0, q.y0, q.x1, q.y1,
                   @postgis@.ST_Intersection(c.g, @postgis@.ST_MakeEnvelope(q.x0, q.y0, q.x1, q.y1, 4326), '-1'::float8)
            FROM cell c,
                 LATERAL (VALUES (c.x0, c.y0, (c.x0 + c.x1) / 2, (c.y0 + c.y1) / 2),
                                 ((c.x0 + c.x1) / 2, c.y0, c.x1, (c.y0 + c.y1) / 2),
                                 (c.x0, (c.y0 + c.y1) / 2, (c.x0 + c.x1) / 2, c.y1),
                                 ((c.x0 + c.x1) / 2, (c.y0 + c.y1) / 2, c.x1, c.y1)) q(x0, y0, x1, y1)
            WHERE @postgis@.ST_NPoints(c.g) > 128 AND c.depth < 16
        )
        SELECT 0, c.x0, c.y0, c.x1, c.y1, c.g FROM cell c WHERE c.depth = 0
        UNION ALL
        SELECT (row_number() OVER (ORDER BY c.x0, c.y0))::int, c.x0, c.y0, c.x1, c.y1, c.g
        FROM cell c
        WHERE (@postgis@.ST_NPoints(c.g) <= 128 OR c.depth = 16) AND NOT @postgis@.ST_IsEmpty(c.g);
        RETURN;
    EXCEPTION WHEN internal_error THEN
        NULL;
    END;
    RETURN QUERY SELECT n.n, @postgis@.ST_XMin(geom::@postgis@.box3d) - 0.001, @postgis@.ST_YMin(geom::@postgis@.box3d) - 0.001,
                        @postgis@.ST_XMax(geom::@postgis@.box3d) + 0.001, @postgis@.ST_YMax(geom::@postgis@.box3d) + 0.001, geom
                 FROM (VALUES (0), (1)) n(n);
END $$;
$def$);
COMMENT ON FUNCTION @extschema@.cut_pieces(geometry) IS 'used by territory_piece''s triggers: a polygonal geometry cut on a quadtree of cells into pieces of at most 128 vertices, numbered from 1, each with its cell (the whole geometry as one piece if PostGIS cannot clip it), and the whole geometry as piece 0';

CREATE FUNCTION @extschema@.keep_pieces_current()
RETURNS trigger
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        TRUNCATE territory_piece;
        RETURN NULL;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        DELETE FROM territory_piece p WHERE p.phase = OLD.phase AND p.id = OLD.id;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO territory_piece (phase, id, n, x0, y0, x1, y1, geom)
        SELECT NEW.phase, NEW.id, c.n, c.x0, c.y0, c.x1, c.y1, c.piece FROM cut_pieces(NEW.geom) c;
    END IF;
    RETURN NULL;
END $$;
COMMENT ON FUNCTION @extschema@.keep_pieces_current() IS 'trigger: cut each territory geometry written into territory_piece, and drop the pieces of geometries deleted, replaced or truncated';

CREATE TRIGGER territory_geometry_pieces AFTER INSERT OR UPDATE OF phase, id, geom OR DELETE ON @extschema@.territory_geometry
    FOR EACH ROW EXECUTE FUNCTION @extschema@.keep_pieces_current();
CREATE TRIGGER territory_geometry_truncated AFTER TRUNCATE ON @extschema@.territory_geometry
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.keep_pieces_current();

-- the pieces of the geometries already there
INSERT INTO @extschema@.territory_piece (phase, id, n, x0, y0, x1, y1, geom)
SELECT g.phase, g.id, c.n, c.x0, c.y0, c.x1, c.y1, c.piece FROM @extschema@.territory_geometry g, @extschema@.cut_pieces(g.geom) c;

DROP FUNCTION @extschema@.territories_at(geometry, text);
-- territories_at stays a plain SQL function (no SET clause), so that
-- PostgreSQL inlines it into the calling query as a plain join, which
-- parallel plans may run in their workers.  A point is looked up in the
-- pieces of the phase: the GiST index finds the candidates, and the one
-- cell of each territory that holds the point decides.  Other geometries,
-- which may meet several pieces of a territory, are looked up in the whole
-- geometries (piece 0).  A literal phase prunes the other phases'
-- partitions at plan time, and PostgreSQL pulls the phase check up into
-- the calling query (once per query for a literal phase).
SELECT terrind.create_with_postgis($def$
CREATE FUNCTION terrind.territories_at(geom @postgis@.geometry, phase text)
RETURNS SETOF terrind.ti_code
LANGUAGE sql STABLE PARALLEL SAFE
AS $body$
    SELECT p.id FROM terrind.territory_piece p
    WHERE p.phase OPERATOR(pg_catalog.=) $2
      AND @postgis@.st_intersects(p.geom, CASE WHEN @postgis@.st_srid($1) OPERATOR(pg_catalog.=) 4326 THEN $1 ELSE terrind.to_wgs84($1) END)
      AND CASE WHEN @postgis@.geometrytype($1) OPERATOR(pg_catalog.=) 'POINT'
               THEN p.n OPERATOR(pg_catalog.>) 0
                    AND @postgis@.st_x(CASE WHEN @postgis@.st_srid($1) OPERATOR(pg_catalog.=) 4326 THEN $1 ELSE terrind.to_wgs84($1) END) OPERATOR(pg_catalog.>=) p.x0 AND @postgis@.st_x(CASE WHEN @postgis@.st_srid($1) OPERATOR(pg_catalog.=) 4326 THEN $1 ELSE terrind.to_wgs84($1) END) OPERATOR(pg_catalog.<) p.x1
                    AND @postgis@.st_y(CASE WHEN @postgis@.st_srid($1) OPERATOR(pg_catalog.=) 4326 THEN $1 ELSE terrind.to_wgs84($1) END) OPERATOR(pg_catalog.>=) p.y0 AND @postgis@.st_y(CASE WHEN @postgis@.st_srid($1) OPERATOR(pg_catalog.=) 4326 THEN $1 ELSE terrind.to_wgs84($1) END) OPERATOR(pg_catalog.<) p.y1
               ELSE p.n OPERATOR(pg_catalog.=) 0 END
      AND terrind.checked_phase($2) IS NOT NULL
$body$
$def$);
COMMENT ON FUNCTION @extschema@.territories_at(geometry, text) IS 'territories of a phase that contain a point or intersect a geometry (any SRID; none means longitude/latitude), borders included: a point on a shared border is in both territories; inlined into the calling query, so that FROM points p CROSS JOIN LATERAL terrind.territories_at(p.geom, phase) is a join on the GiST index of the territories'' pieces; 22023 for an unknown phase';

-- A whole table of points in one statement, driven by the pieces: for each
-- piece of the phase, an index scan on the points' GiST index returns the
-- points in its bounding box, and PostGIS's cache of the prepared piece
-- serves all of them.  Without an index on the points the planner takes
-- each point in turn against the pieces' index, as territories_at does.
-- locate_query is the query locate runs, for EXPLAIN.
SELECT terrind.create_with_postgis($def$
CREATE FUNCTION terrind.locate_query(phase text, points regclass, geom_column name)
RETURNS text
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, terrind, pg_temp
AS $$
DECLARE
    srid int;
    g text;
    point_type boolean;
BEGIN
    PERFORM require_geometries(phase);
    SELECT CASE WHEN a.atttypmod >= 0 THEN @postgis@.postgis_typmod_srid(a.atttypmod) ELSE 0 END INTO srid
    FROM pg_attribute a
    WHERE a.attrelid = points AND a.attname = geom_column AND a.attnum > 0 AND NOT a.attisdropped
      AND a.atttypid = '@postgis@.geometry'::regtype;
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE = format('locate: %s has no geometry column %I', points, geom_column);
    END IF;
    IF (SELECT c.relkind FROM pg_class c WHERE c.oid = points) NOT IN ('r', 'p', 'm') THEN
        RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE = format('locate: %s is not a table or materialized view', points);
    END IF;
    -- points declared in EPSG:4326 are compared as they are, so that their
    -- own GiST index serves; others are transformed row by row
    g := CASE WHEN srid = 4326 THEN format('p.%I', geom_column) ELSE format('terrind.to_wgs84(p.%I)', geom_column) END;
    -- Points are found in the one cell of each territory that holds them;
    -- other geometries, in a column not declared as points, in the whole
    -- geometries (piece 0), as territories_at does.
    point_type := (SELECT a.atttypmod >= 0 AND @postgis@.postgis_typmod_type(a.atttypmod) = 'Point'
                   FROM pg_attribute a WHERE a.attrelid = points AND a.attname = geom_column);
    RETURN format($q$SELECT t.id, p FROM terrind.territory_piece t JOIN %1$s p
  ON @postgis@.ST_Intersects(t.geom, %2$s) AND %3$s
WHERE t.phase = %4$L%5$s$q$, points, g,
        format(CASE WHEN point_type THEN '%2$s'
                    ELSE $c$CASE WHEN @postgis@.GeometryType(%1$s) = 'POINT' THEN t.n > 0 AND %2$s ELSE t.n = 0 END$c$ END,
               g, format('@postgis@.ST_X(%1$s) >= t.x0 AND @postgis@.ST_X(%1$s) < t.x1 AND @postgis@.ST_Y(%1$s) >= t.y0 AND @postgis@.ST_Y(%1$s) < t.y1', g)),
        phase, CASE WHEN point_type THEN ' AND t.n > 0' ELSE '' END);
END $$;
$def$);
COMMENT ON FUNCTION @extschema@.locate_query(text, regclass, name) IS 'the query locate(phase, NULL::points, geom_column) runs, to EXPLAIN it; 22023 for an unknown phase or a column that is missing or not geometry, 55000 without geometries';

CREATE FUNCTION @extschema@.locate(phase text, points anyelement, geom_column name DEFAULT 'geom')
RETURNS TABLE (territory @extschema@.ti_code, point anyelement)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
DECLARE
    rel constant regclass := (SELECT t.typrelid::regclass FROM pg_type t
                              WHERE t.oid = pg_typeof(points) AND t.typrelid <> 0);
BEGIN
    PERFORM require_phase(phase);
    IF geom_column IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = '22004', MESSAGE = 'locate: geom_column must not be NULL';
    END IF;
    IF rel IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = '22023',
            MESSAGE = format('locate: points must be a row of the table to locate, such as NULL::plants, not %s', pg_typeof(points)),
            HINT = 'Call terrind.locate(phase, NULL::your_table) or terrind.locate(phase, NULL::your_table, ''geometry_column'').';
    END IF;
    RETURN QUERY EXECUTE locate_query(phase, rel, geom_column);
END $$;
COMMENT ON FUNCTION @extschema@.locate(text, anyelement, name) IS 'every row of a table (given as NULL::the_table) with each territory of a phase its geometry column (default geom) meets, borders included: the answers of territories_at for the whole table in one statement, driven by the territories'' pieces over a GiST index on the points when there is one (declare the column geometry(Point, 4326) and index it); rows outside every territory are left out; 22023 for an unknown phase, a column that is missing or not geometry, 55000 without geometries';

DROP FUNCTION @extschema@.create_with_postgis(text);

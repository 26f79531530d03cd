-- pgTAP: the views for BI tools (every view of the extension but the two
-- building blocks of its functions, territory_coverage and
-- territory_region_population, which keep terrind's types) have plain
-- column types only, which JDBC, ODBC, pandas and QGIS read as they are
-- (text ids, numeric money, bigint counts, date, geometry), and a comment
-- on every column (JDBC getColumns REMARKS, DBeaver, Metabase).
BEGIN;
SELECT plan(3);

CREATE TEMP VIEW view_columns AS
SELECT c.oid::regclass AS view, a.attname, format_type(a.atttypid, a.atttypmod) AS type,
       col_description(c.oid, a.attnum) AS remark
FROM pg_depend d JOIN pg_class c ON c.oid = d.objid
JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
WHERE d.classid = 'pg_class'::regclass AND d.deptype = 'e' AND c.relkind IN ('v', 'm')
  AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'terrind');

SELECT is_empty($$SELECT view || '.' || attname || ' ' || type FROM view_columns
    WHERE view NOT IN ('terrind.territory_coverage'::regclass, 'terrind.territory_region_population'::regclass)
      AND type !~ '^(text|text\[\]|integer|bigint|boolean|date|double precision|numeric(\(\d+,\d+\))?|geometry(\(\w+,\d+\))?)$'$$,
    'BI views: text, integer, bigint, boolean, date, double precision, numeric and geometry columns only');
SELECT is_empty($$SELECT view || '.' || attname FROM view_columns WHERE remark IS NULL OR btrim(remark) = ''$$,
    'every column of every view has a comment');
SELECT is_empty($$SELECT c.relname FROM pg_class c
    WHERE c.relnamespace = 'terrind'::regnamespace AND c.relkind = 'v' AND c.relname <> 'territory_layer'
      AND EXISTS (SELECT FROM pg_attribute a WHERE a.attrelid = c.oid AND a.atttypid = 'geometry'::regtype)
      AND NOT EXISTS (SELECT FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum = 1 AND a.attname = 'fid'
                                                   AND a.atttypid IN ('integer'::regtype, 'bigint'::regtype))$$,
    'GIS layers: every view with a geometry (but territory_layer, both phases) has an integer fid first');
SELECT finish();
ROLLBACK;

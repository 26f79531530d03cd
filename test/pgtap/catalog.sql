-- pgTAP: rules every terrind object follows (doc/testing.md): comments, volatility, script security.
BEGIN;
SELECT plan(6);

CREATE TEMP VIEW members AS
SELECT d.classid, d.objid, pg_describe_object(d.classid, d.objid, 0) AS what
FROM pg_depend d
WHERE d.refclassid = 'pg_extension'::regclass
  AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'terrind')
  AND d.deptype = 'e'
  -- PostgreSQL 17+ also records as members the types that come with a table,
  -- view or type (row types, array types), which have no COMMENT of their own
  AND NOT EXISTS (SELECT FROM pg_type elem WHERE d.classid = 'pg_type'::regclass AND elem.typarray = d.objid)
  AND NOT EXISTS (SELECT FROM pg_type t JOIN pg_class c ON c.oid = t.typrelid
                  WHERE d.classid = 'pg_type'::regclass AND t.oid = d.objid AND c.relkind <> 'c');

SELECT ok((SELECT count(*) FROM members) > 100, 'the extension owns its objects');

SELECT is_empty($$
    SELECT what FROM members m
    WHERE NOT EXISTS (SELECT 1 FROM pg_description ds
                      WHERE ds.classoid = m.classid AND ds.objoid = m.objid AND ds.objsubid = 0)
    ORDER BY what$$,
    'every object of the extension has a COMMENT');

SELECT is_empty($$
    SELECT p.oid::regprocedure::text FROM pg_proc p JOIN members m
      ON m.classid = 'pg_proc'::regclass AND m.objid = p.oid
    WHERE p.prosecdef$$,
    'no SECURITY DEFINER function');

SELECT is_empty($$
    SELECT a.aggfnoid::regprocedure::text FROM pg_aggregate a JOIN members m
      ON m.classid = 'pg_proc'::regclass AND m.objid = a.aggfnoid
    WHERE a.aggcombinefn = 0 OR a.aggtranstype = 'internal'::regtype$$,
    'every aggregate has a COMBINEFUNC and a real state type');

SELECT is_empty($$
    SELECT p.oid::regprocedure::text FROM pg_proc p JOIN members m
      ON m.classid = 'pg_proc'::regclass AND m.objid = p.oid
    JOIN pg_aggregate a ON a.aggfnoid = p.oid
    WHERE p.proparallel <> 's'$$,
    'every aggregate is PARALLEL SAFE');

SELECT is_empty($$
    SELECT t.typname FROM pg_type t JOIN members m ON m.classid = 'pg_type'::regclass AND m.objid = t.oid
    WHERE t.typtype = 'b' AND (t.typreceive = 0 OR t.typsend = 0)$$,
    'every base type has binary send and receive');

-- the scripts' text is checked by scripts/check-script-security.pl

SELECT * FROM finish();
ROLLBACK;

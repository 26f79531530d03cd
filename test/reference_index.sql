-- Every object of the extension as "kind<TAB>name", for
-- scripts/check-reference-index.pl (kinds as the README's index names them).
WITH member AS (
    SELECT d.classid, d.objid
    FROM pg_depend d JOIN pg_extension e ON d.refclassid = 'pg_extension'::regclass AND d.refobjid = e.oid
    WHERE e.extname = 'terrind' AND d.deptype = 'e'
      -- PostgreSQL 17+ also records as members the types that come with a table,
      -- view or type (row types, array types), which have no COMMENT of their own
      AND NOT EXISTS (SELECT FROM pg_type elem WHERE d.classid = 'pg_type'::regclass AND elem.typarray = d.objid)
      AND NOT EXISTS (SELECT FROM pg_type t JOIN pg_class c ON c.oid = t.typrelid
                      WHERE d.classid = 'pg_type'::regclass AND t.oid = d.objid AND c.relkind <> 'c')
)
SELECT DISTINCT kind, name
FROM (
    SELECT CASE p.prokind WHEN 'a' THEN 'aggregates' ELSE 'functions' END, p.proname::text
    FROM member m JOIN pg_proc p ON m.classid = 'pg_proc'::regclass AND p.oid = m.objid
    UNION ALL
    SELECT 'types', t.typname::text
    FROM member m JOIN pg_type t ON m.classid = 'pg_type'::regclass AND t.oid = m.objid
    UNION ALL
    SELECT CASE c.relkind WHEN 'r' THEN 'tables' WHEN 'p' THEN 'tables' WHEN 'v' THEN 'views' WHEN 'm' THEN 'views'
                          WHEN 'S' THEN 'sequences' ELSE 'relations' END, c.relname::text
    FROM member m JOIN pg_class c ON m.classid = 'pg_class'::regclass AND c.oid = m.objid
    UNION ALL
    SELECT 'operators', o.oprname::text
    FROM member m JOIN pg_operator o ON m.classid = 'pg_operator'::regclass AND o.oid = m.objid
) AS object(kind, name)
ORDER BY 1, 2;

-- The GIS layers (doc/spatial.md, "GIS layers"): views of schema terrind
-- listed in geometry_columns that have an fid key.
SELECT g.f_table_name
FROM geometry_columns g
JOIN pg_class c ON c.relname = g.f_table_name AND c.relnamespace = 'terrind'::regnamespace AND c.relkind = 'v'
WHERE g.f_table_schema = 'terrind'
  AND EXISTS (SELECT FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'fid')
ORDER BY 1;

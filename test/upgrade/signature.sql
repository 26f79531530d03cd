-- One line per object of the terrind extension, holding everything that
-- defines it: an upgraded database and a fresh install of the same version
-- must print the same lines (scripts/sql-tests.sh diffs them).
\pset tuples_only on
\pset format unaligned
WITH members AS (
    SELECT d.classid, d.objid
    FROM pg_depend d
    WHERE d.refclassid = 'pg_extension'::regclass
      AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'terrind')
      AND d.deptype = 'e'
),
defs AS (
    SELECT m.classid, m.objid,
        CASE m.classid
        WHEN 'pg_proc'::regclass THEN (
            SELECT CASE WHEN p.prokind = 'a' THEN
                       format('aggregate sfunc=%s stype=%s combine=%s final=%s init=%s sortop=%s parallel=%s',
                              a.aggtransfn, a.aggtranstype::regtype, a.aggcombinefn, a.aggfinalfn,
                              a.agginitval, a.aggsortop::regoperator, p.proparallel)
                   ELSE pg_get_functiondef(p.oid) END || ' acl=' || coalesce(p.proacl::text, '')
            FROM pg_proc p LEFT JOIN pg_aggregate a ON a.aggfnoid = p.oid WHERE p.oid = m.objid)
        WHEN 'pg_type'::regclass THEN (
            SELECT format('len=%s byval=%s align=%s storage=%s category=%s type=%s in=%s out=%s recv=%s send=%s base=%s notnull=%s default=%s checks=%s acl=%s',
                          t.typlen, t.typbyval, t.typalign, t.typstorage, t.typcategory, t.typtype, t.typinput, t.typoutput,
                          t.typreceive, t.typsend, t.typbasetype::regtype, t.typnotnull, t.typdefault,
                          (SELECT string_agg(pg_get_constraintdef(c.oid), '; ' ORDER BY c.conname)
                           FROM pg_constraint c WHERE c.contypid = t.oid),
                          t.typacl)
                   || coalesce(' enum=' || (SELECT string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder)
                                            FROM pg_enum e WHERE e.enumtypid = t.oid), '')
            FROM pg_type t WHERE t.oid = m.objid)
        WHEN 'pg_operator'::regclass THEN (
            SELECT format('%s(%s,%s)->%s fn=%s com=%s neg=%s rest=%s join=%s merge=%s hash=%s',
                          o.oprname, o.oprleft::regtype, o.oprright::regtype, o.oprresult::regtype,
                          o.oprcode, o.oprcom::regoperator, o.oprnegate::regoperator,
                          o.oprrest, o.oprjoin, o.oprcanmerge, o.oprcanhash)
            FROM pg_operator o WHERE o.oid = m.objid)
        WHEN 'pg_opclass'::regclass THEN (
            SELECT format('method=%s type=%s default=%s family=%s', am.amname, c.opcintype::regtype,
                          c.opcdefault, f.opfname)
            FROM pg_opclass c JOIN pg_am am ON am.oid = c.opcmethod JOIN pg_opfamily f ON f.oid = c.opcfamily
            WHERE c.oid = m.objid)
        WHEN 'pg_opfamily'::regclass THEN (
            SELECT format('ops=%s procs=%s',
                          (SELECT string_agg(format('%s:%s', ao.amopstrategy, ao.amopopr::regoperator), ' ' ORDER BY ao.amopstrategy, ao.amopopr::regoperator::text)
                           FROM pg_amop ao WHERE ao.amopfamily = f.oid),
                          (SELECT string_agg(format('%s:%s', ap.amprocnum, ap.amproc::regprocedure), ' ' ORDER BY ap.amprocnum, ap.amproc::regprocedure::text)
                           FROM pg_amproc ap WHERE ap.amprocfamily = f.oid))
            FROM pg_opfamily f WHERE f.oid = m.objid)
        WHEN 'pg_cast'::regclass THEN (
            SELECT format('fn=%s context=%s method=%s', c.castfunc::regprocedure, c.castcontext, c.castmethod)
            FROM pg_cast c WHERE c.oid = m.objid)
        WHEN 'pg_class'::regclass THEN (
            SELECT format('kind=%s acl=%s', c.relkind, c.relacl)
                || coalesce(' view=' || pg_get_viewdef(c.oid), '')
                || coalesce(' columns=' || (
                       SELECT string_agg(format('%s %s%s%s%s', a.attname, format_type(a.atttypid, a.atttypmod),
                                                CASE WHEN a.attnotnull THEN ' not null' ELSE '' END,
                                                coalesce(' default ' || pg_get_expr(ad.adbin, ad.adrelid), ''),
                                                coalesce(' generated ' || nullif(a.attgenerated::text, '') || nullif(a.attidentity::text, ''), '')
                                                || coalesce(' comment ' || col_description(c.oid, a.attnum), '')),
                                         ', ' ORDER BY a.attnum)
                       FROM pg_attribute a LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
                       WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped), '')
                || coalesce(' constraints=' || (
                       SELECT string_agg(format('%s %s', co.conname, pg_get_constraintdef(co.oid)), '; ' ORDER BY co.conname)
                       FROM pg_constraint co WHERE co.conrelid = c.oid), '')
                || coalesce(' indexes=' || (
                       SELECT string_agg(pg_get_indexdef(i.indexrelid), '; ' ORDER BY pg_get_indexdef(i.indexrelid))
                       FROM pg_index i WHERE i.indrelid = c.oid), '')
                || coalesce(' triggers=' || (
                       SELECT string_agg(pg_get_triggerdef(tg.oid), '; ' ORDER BY tg.tgname)
                       FROM pg_trigger tg WHERE tg.tgrelid = c.oid AND NOT tg.tgisinternal), '')
            FROM pg_class c WHERE c.oid = m.objid)
        ELSE ''
        END AS definition
    FROM members m
)
SELECT pg_describe_object(classid, objid, 0)
       || ' | comment: ' || coalesce(obj_description(objid, classid::regclass::name), '-')
       || ' | ' || coalesce(regexp_replace(definition, '\s+', ' ', 'g'), '-')
FROM defs
UNION ALL
SELECT 'extension config: ' || coalesce((SELECT string_agg(format('%s %s', c::regclass, w), ', ' ORDER BY c::regclass::text)
                                         FROM pg_extension e, unnest(e.extconfig, e.extcondition) u(c, w)
                                         WHERE e.extname = 'terrind'), 'none')
ORDER BY 1;

-- What the data set holds: the same before the soak and after it.
SELECT count(*), sum(amount), md5(string_agg(t::text, ',' ORDER BY id)) FROM soak.establishments t;
SELECT region, sum(amount), min(commune), max(siren), count(*)
FROM soak.establishments GROUP BY region ORDER BY region;
SELECT c.relname, bt_index_check(c.oid, true) FROM pg_class c JOIN pg_am am ON am.oid = c.relam
WHERE c.relnamespace = 'soak'::regnamespace AND am.amname = 'btree' ORDER BY c.relname;
-- the territories, their geometries' status and a lookup
SELECT id, member_count, population, regions FROM terrind.territory_summary ORDER BY phase, id;
SELECT phase, source, stale_reason FROM terrind.territory_geometry_status ORDER BY phase;
-- funding lines and their totals
SELECT count(*), sum(amount) FROM terrind.funding;
SELECT * FROM terrind.funding_by_region('2023-2027', 'population') ORDER BY region, need, status;

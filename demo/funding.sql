-- Demo, funding part: ILLUSTRATIVE funding lines for phase 2018-2022,
-- calibrated on the published totals, written as a French spreadsheet and
-- loaded through terrind.load_funding; then funding by need, by region
-- (lead and population methods side by side) and the funnel.  Run from
-- demo.sql after the territory report.
--
-- Published (../shared/DOMAIN.md, "Money"): the 2018 envelope of 1.36 Md€
-- "prioritairement fléchés", of which PIA more than 500 M€ (500 M€ taken
-- here), PIC 250 M€ and Banque des Territoires 500 M€, the remaining
-- ~110 M€ itemised nowhere (so not loaded); the Cour des comptes' orders of
-- magnitude of 21 November 2024, 1.7 Md€ engaged and 794 M€ deployed.
-- Everything else, the split among territories, needs, measures and
-- statuses, is invented deterministically (md5 of the keys) and apportioned
-- exactly, so that the totals are the published ones to the cent.
SET search_path = terrind, public;
\pset footer off

\echo
\echo '== Funding, phase 2018-2022: ILLUSTRATIVE lines calibrated on published totals =='
\echo 'Real: the 2018 envelope (PIA > 500 M€, PIC 250 M€, Banque des Territoires 500 M€; the remaining ~110 M€'
\echo 'is itemised nowhere and not loaded) and the Cour des comptes'' orders of magnitude (1.7 Md€ engaged,'
\echo '794 M€ deployed).  Invented: how those totals split among territories, needs and measures.'

-- a factor in [1, 2) that depends only on its key
CREATE FUNCTION pg_temp.demo_factor(key text) RETURNS float8 LANGUAGE sql IMMUTABLE AS
$$ SELECT 1 + get_byte(decode(md5(key), 'hex'), 0) / 256.0 $$;

-- one line per source and territory, for the need and one of the measures
-- the source serves
CREATE TEMP TABLE demo_envelope (source, need, measures, envelope) AS VALUES
    ('pia', 'innover'::need, '{innovation_pme}'::text[], '500 M€'::eur),
    ('pic', 'recruter', '{pic_competences,pic_ingenierie_formation}', '250 M€'),
    ('banque_des_territoires', 'attirer', '{ingenierie,immobilier_industriel,foncier_friches}', '500 M€');
CREATE TEMP TABLE demo_lines AS
SELECT row_number() OVER (ORDER BY e.source, t.id)::int AS n, t.id::text AS id, e.source, e.need,
       e.measures[1 + get_byte(decode(md5(t.id::text || e.source), 'hex'), 1) % cardinality(e.measures)] AS measure,
       NULL::eur AS announced, NULL::eur AS engaged, NULL::eur AS deployed
FROM demo_envelope e CROSS JOIN territory t WHERE t.phase = '2018-2022';

-- announced: each envelope over its lines; engaged: 1.7 Md€ over all lines
-- by announced amount, deployed: 794 M€ by engaged amount, each times a
-- keyed factor, so that rates differ from territory to territory
UPDATE demo_lines l SET announced = x.amount
FROM demo_envelope e,
     LATERAL (SELECT array_agg(n ORDER BY n) AS ns, array_agg(pg_temp.demo_factor(id || source) ORDER BY n) AS w
              FROM demo_lines WHERE source = e.source) g,
     LATERAL unnest(g.ns, apportion(e.envelope, g.w)) x(n, amount)
WHERE x.n = l.n;
-- target := total split by base times the factor keyed by target
CREATE FUNCTION pg_temp.demo_spread(target name, base name, total eur) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format($u$
        UPDATE pg_temp.demo_lines l SET %1$I = x.amount
        FROM (SELECT array_agg(n ORDER BY n) AS ns,
                     array_agg(%2$I::numeric::float8 * pg_temp.demo_factor(id || source || %1$L) ORDER BY n) AS w
              FROM pg_temp.demo_lines) g,
             LATERAL unnest(g.ns, terrind.apportion($1, g.w)) x(n, amount)
        WHERE x.n = l.n$u$, target, base) USING total;
END $$;
DO $$ BEGIN
    PERFORM pg_temp.demo_spread('engaged', 'announced', '1,7 Md€');
    PERFORM pg_temp.demo_spread('deployed', 'engaged', '794 M€');
END $$;

-- the spreadsheet as a French Excel saves it: ';', CRLF, labels, amounts
-- written "1 234 567,89 €"; one line per status an amount reached
SELECT 'phase;id_ti;besoin;mesure;financeur;statut;montant;date_decision' || E'\r\n' ||
       string_agg(concat_ws(';', '2018-2022', l.id, need_label(l.need), l.measure, src.name, st.label,
                            format_eur(v.amount), v.day), E'\r\n' ORDER BY l.n, st.position) || E'\r\n' AS funding_csv
FROM demo_lines l
JOIN funding_source src ON src.code = l.source
CROSS JOIN LATERAL (VALUES ('announced', l.announced, '22/11/2018'), ('engaged', l.engaged, ''),
                           ('deployed', l.deployed, '')) v(status, amount, day)
JOIN funding_status st ON st.status = v.status \gset
SELECT n AS line, split_part(:'funding_csv', E'\r\n', n) AS "the spreadsheet's first lines"
FROM generate_series(1, 4) n;
SELECT * FROM load_funding(:'funding_csv');

\echo
\echo '== The 2018 envelope: published, and the announced lines loaded =='
SELECT coalesce(p.label, 'total') AS source, format_eur(sum(p.published), true) AS published,
       format_eur(sum(f.amount)::eur, true) AS loaded, coalesce(p.note, '') AS note
FROM (VALUES (1, 'pia', 'PIA', '500 M€'::eur, 'published as "more than 500 M€"'),
             (2, 'pic', 'PIC', '250 M€', NULL),
             (3, 'banque_des_territoires', 'Banque des Territoires', '500 M€', NULL),
             (4, NULL, '(not itemised)', '110 M€', 'about 110 M€ itemised in no public source: not loaded')) p(n, source, label, published, note)
LEFT JOIN funding_source_totals f ON f.phase = '2018-2022' AND f.level = 'source, status' AND f.status = 'announced' AND f.source = p.source
GROUP BY GROUPING SETS ((p.n, p.label, p.note), ()) ORDER BY p.n NULLS LAST;

\echo
\echo '== Funding by need and status, phase 2018-2022 (ILLUSTRATIVE lines) =='
SELECT coalesce(t.need_label, 'all needs') AS need,
       format_eur((sum(t.amount) FILTER (WHERE t.status = 'announced'))::eur, true) AS announced,
       format_eur((sum(t.amount) FILTER (WHERE t.status = 'engaged'))::eur, true) AS engaged,
       format_eur((sum(t.amount) FILTER (WHERE t.status = 'deployed'))::eur, true) AS deployed,
       to_char(100 * deployment_rate(sum(t.amount) FILTER (WHERE t.status = 'deployed'),
                                     sum(t.amount) FILTER (WHERE t.status = 'engaged')), 'FM990.0') || ' %' AS "deployed ÷ engaged"
FROM funding_territory_totals t LEFT JOIN needs n ON n.code = t.need
WHERE t.phase = '2018-2022' AND t.level IN ('need, status', 'status')
GROUP BY n.position, t.need_label ORDER BY n.position NULLS LAST;

\echo
\echo '== The funnel: announced → engaged → deployed, phase 2018-2022 =='
\echo 'Engaged exceeds the 2018 announcement: money added later (France Relance, Banque des Territoires'' commitment'
\echo 'raised to 1.05 Md€) is itemised per territory nowhere, so the illustrative lines keep the announced mix.'
SELECT f.status, format_eur(f.amount::eur, true) AS amount, f.lines,
       to_char(100 * f.amount / (SELECT e.amount FROM funding_source_totals e
                                 WHERE e.phase = f.phase AND e.level = 'status' AND e.status = 'engaged'), 'FM990.0') || ' %' AS "of engaged",
       p.published
FROM funding_source_totals f
JOIN (VALUES ('announced', '1.36 Md€ envelope, 1.25 Md€ of it itemised (2018)'),
             ('engaged', '1.7 Md€ (Cour des comptes, 2024)'),
             ('deployed', '794 M€ (Cour des comptes, 2024)')) p(status, published) USING (status)
WHERE f.phase = '2018-2022' AND f.level = 'status' ORDER BY f.status_position;

\echo
\echo '== Engaged per region: lead region against population shares (funding_by_region) =='
\echo 'Lines of territories spanning regions move with their population; the national total does not, to the cent.'
SELECT CASE WHEN GROUPING(r.region) = 0 THEN r.region ELSE 'France' END AS region, coalesce(r.region_name, 'total') AS name,
       format_eur(sum(r.lead)) AS lead, format_eur(sum(r.population)) AS population,
       format_eur(coalesce(sum(r.population), '0') - coalesce(sum(r.lead), '0')) AS moved
FROM (SELECT f.region, f.region_name, sum(f.amount) FILTER (WHERE m = 'lead') AS lead,
             sum(f.amount) FILTER (WHERE m = 'population') AS population
      FROM unnest(ARRAY['lead', 'population']) m, funding_by_region('2018-2022', m) f
      WHERE f.status = 'engaged' GROUP BY f.region, f.region_name) r
GROUP BY GROUPING SETS ((r.region, r.region_name), ()) ORDER BY r.region NULLS LAST;

\echo
\echo '== Deployment rate per region (lead region), phase 2018-2022 (ILLUSTRATIVE lines) =='
SELECT coalesce(region, 'France') AS region, coalesce(region_name, 'total') AS name, territories,
       format_eur(engaged::eur, true) AS engaged, format_eur(deployed::eur, true) AS deployed,
       to_char(100 * deployment_rate, 'FM990.0') || ' %' AS "deployed ÷ engaged"
FROM funding_region_rates WHERE phase = '2018-2022' ORDER BY level DESC, region;

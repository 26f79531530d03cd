-- pgTAP: terrind's specialisation indicators give the values of the R
-- package specificite (ANCT Observatoire des territoires) on the package's
-- own example: 4 zones, categorie1 = 22,14,7,55, categorie2 = 32,17,12,9,
-- categorie3 = 41,32,10,16 (X = 267).
--
-- The expected values were computed independently, exactly (Python
-- fractions), from the package's definitions:
--   gini_spe: reldist::gini(x, weights) with x = LQ(k) = (X(ik)/X(i)) / (X(k)/X)
--     and weights w(k) = X(k)/X; reldist orders x, normalises w, takes
--     p = cumsum(w), nu = cumsum(w x) / sum(w x), and returns
--     sum(nu[-1] * p[-n]) - sum(nu[-n] * p[-1]).
--     zone 1: 3734/25365, zone 2: 2993/16821, zone 3: 487/2581, zone 4: 1179/3560
--   krugman: 1/2 sum_k |X(ik)/X(i) - (X(k) - X(ik))/(X - X(i))|
--     zone 1: 859/4085, zone 2: 29/153, zone 3: 587/3451, zone 4: 1369/2992
--   specificite's category index (the zone against the rest of the area):
--     r(ik) = (X(ik)/X(i)) / ((X(k) - X(ik))/(X - X(i))), e.g. zone 1
--     (the totals of each zone are in the rows below).
-- By hand for zone 4 (X(4) = 80; X(k) = 98, 70, 99): LQ = (55/80)/(98/267),
-- (9/80)/(70/267), (16/80)/(99/267) = 2.013, 0.461, 0.580; ranked
-- categorie2, categorie3, categorie1: 1 - [70 (0 + 9) + 99 (9 + 25) + 98 (25 + 80)] / (80 * 267)
-- = 1 - 14286/21360 = 1179/3560.
BEGIN;
SET search_path = terrind, public;
SELECT plan(4);

CREATE TEMP TABLE example (zone int, category int, x float8);
INSERT INTO example
SELECT z, c, (ARRAY[[22, 14, 7, 55], [32, 17, 12, 9], [41, 32, 10, 16]])[c][z]
FROM generate_series(1, 4) z, generate_series(1, 3) c;
CREATE TEMP VIEW sectors AS
SELECT zone, category, x AS x_ik, sum(x) OVER (PARTITION BY category) AS x_k,
       sum(x) OVER (PARTITION BY zone) AS x_i, sum(x) OVER () AS x_all
FROM example;

SELECT results_eq(
    $$SELECT zone, round(gini_specialisation(x_ik, x_k)::numeric, 12) FROM sectors GROUP BY zone ORDER BY zone$$,
    $$VALUES (1, round(3734 / 25365.0, 12)), (2, round(2993 / 16821.0, 12)),
             (3, round(487 / 2581.0, 12)), (4, round(1179 / 3560.0, 12))$$,
    'gini_specialisation = specificite::gini_spe on the package example');
SELECT results_eq(
    $$SELECT zone, round(krugman(x_ik, x_k)::numeric, 12) FROM sectors GROUP BY zone ORDER BY zone$$,
    $$VALUES (1, round(859 / 4085.0, 12)), (2, round(29 / 153.0, 12)),
             (3, round(587 / 3451.0, 12)), (4, round(1369 / 2992.0, 12))$$,
    'krugman = specificite::krugman on the package example');
SELECT results_eq(
    $$SELECT zone, category, round(specificity(x_ik, x_i, x_k, x_all)::numeric, 12) FROM sectors ORDER BY zone, category$$,
    $$SELECT zone, category, round((x_ik / x_i / ((x_k - x_ik) / (x_all - x_i)))::numeric, 12)
      FROM (VALUES (1, 1, 22., 95., 98., 267.), (1, 2, 32, 95, 70, 267), (1, 3, 41, 95, 99, 267),
                   (2, 1, 14, 63, 98, 267), (2, 2, 17, 63, 70, 267), (2, 3, 32, 63, 99, 267),
                   (3, 1, 7, 29, 98, 267), (3, 2, 12, 29, 70, 267), (3, 3, 10, 29, 99, 267),
                   (4, 1, 55, 80, 98, 267), (4, 2, 9, 80, 70, 267), (4, 3, 16, 80, 99, 267))
           v(zone, category, x_ik, x_i, x_k, x_all) ORDER BY zone, category$$,
    'specificity = specificite''s category index on the package example');
SELECT is(round(specificity(55, 80, 98, 267)::numeric, 12), round((55 / 80.0) / (43 / 187.0), 12),
          'specificity of zone 4, categorie1, by hand: (55/80) / (43/187)');

SELECT * FROM finish();
ROLLBACK;

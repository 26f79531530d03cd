-- Print every recorded comparison as one table (bench/run.sh runs this last).
\pset footer off
SELECT suite, measure,
       round(terrind::numeric, 1) AS terrind, round(baseline::numeric, 1) AS baseline, unit,
       round((terrind / nullif(baseline, 0))::numeric, 2) AS ratio,
       coalesce(target, '') AS target,
       CASE WHEN target IS NULL THEN ''
            WHEN split_part(target, ' ', 1) = '<=' THEN CASE WHEN terrind / baseline <= split_part(target, ' ', 2)::float8 THEN 'yes' ELSE 'NO' END
            ELSE CASE WHEN terrind / baseline >= split_part(target, ' ', 2)::float8 THEN 'yes' ELSE 'NO' END
       END AS met,
       coalesce(note, '') AS note
FROM bench.result ORDER BY n;

-- apportion: split an amount by weights, parts adding up exactly to it.
SET search_path = terrind, public;
\set VERBOSITY default

-- largest remainder; equal remainders go to the lower position first
SELECT amount, weights, apportion(amount::eur, weights) AS parts
FROM (VALUES ('100', '{1,1,1}'::float8[]), ('200', '{1,1,1}'), ('-100', '{1,1,1}'), ('0.05', '{1,1,1,1,1,1}'),
             ('0.05', '{1,1,2,1,1}'), ('10', '{0.1,0.2,0.7}'), ('1', '{1e-300,2e-300,1e-300}'),
             ('1', '{1.7976931348623157e308,1.7976931348623157e308,1}'), ('12,34 €', '{0,3,0}'),
             ('0', '{2,1}'), ('1,36 Md€', '{500,250,500,110}'),
             ('92233720368547758.07', '{1,1}'), ('-92233720368547758.08', '{1,1,1}')) t(amount, weights);
-- numeric weights are exact: a weight larger by 10^-21 gets the cent that float8 cannot place
SELECT apportion('0.01', '{0.333333333333333333333,0.333333333333333333334,0.333333333333333333333}'::numeric[]) AS exact,
       apportion('0.01', '{0.333333333333333333333,0.333333333333333333334,0.333333333333333333333}'::float8[]) AS float;
SELECT amount, apportion(amount::eur, weights) AS parts
FROM (VALUES ('100', '{1,1,1}'::numeric[]), ('-100', '{1,2,3.5}'), ('1', '{1e-1000,2e-1000}'),
             ('1', '{1e1000,1e1000,1e1000}'), ('-92233720368547758.08', '{1}'),
             ('-92233720368547758.08', '{1,1}')) t(amount, weights);
-- the same weights split alike whatever their type
SELECT apportion('1234.56', '{3,5,7,11}'::float8[]) = apportion('1234.56', '{3,5,7,11}'::numeric[]) AS same;
-- mirrored for negative amounts, and the array keeps no custom bounds
SELECT apportion('-0.05', '{1,1,2,1,1}'::float8[]) AS negative, apportion('1', '[0:1]={1,1}'::float8[]) AS bounds;
-- integer weights need a cast to say which version: both would do
SELECT apportion('10', ARRAY[1, 2, 3]);
SELECT apportion('10', ARRAY[1, 2, 3]::numeric[]) AS exact, apportion('10', ARRAY[1, 2, 3]::float8[]) AS float;

-- bad weights
SELECT apportion('10', '{}'::float8[]);
SELECT apportion('10', '{1,NULL}'::float8[]);
SELECT apportion('10', '{1,-0.5}'::float8[]);
SELECT apportion('10', '{1,2,NaN}'::float8[]);
SELECT apportion('10', '{Infinity}'::float8[]);
SELECT apportion('10', '{0,0,-0}'::float8[]);
SELECT apportion('10', '{{1,2},{3,4}}'::float8[]);
SELECT apportion('10', '{}'::numeric[]);
SELECT apportion('10', '{NULL}'::numeric[]);
SELECT apportion('10', '{1,-0.000001}'::numeric[]);
SELECT apportion('10', '{NaN}'::numeric[]);
SELECT apportion('10', '{0,0.000}'::numeric[]);
SELECT apportion(NULL, '{1}'::numeric[]) IS NULL AS null_amount, apportion('1', NULL::float8[]) IS NULL AS null_weights;

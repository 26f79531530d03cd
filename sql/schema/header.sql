-- terrind script, assembled from sql/schema/ by the Makefile.
-- Security (PostgreSQL "Security Considerations for Extensions"): plain
-- CREATE only, never replacing an object; every reference schema-qualified;
-- no function runs with its owner's rights.
\echo Use "CREATE EXTENSION terrind" to load this file. \quit

-- terrind script, assembled from sql/schema/ by the Makefile.
-- Security (PostgreSQL "Security Considerations for Extensions"): plain
-- CREATE only, every reference schema-qualified, no SECURITY DEFINER.
\echo Use "CREATE EXTENSION terrind" to load this file. \quit

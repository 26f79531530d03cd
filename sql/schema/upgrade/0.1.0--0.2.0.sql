
-- ======================================================================
-- Upgrade 0.1.0 -> 0.2.0: changes to objects that 0.1.0 created.
-- (New objects come from the topic files listed in NEW_PARTS.)
-- ======================================================================

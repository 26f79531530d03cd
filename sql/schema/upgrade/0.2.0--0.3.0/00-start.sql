
-- ======================================================================
-- Upgrade 0.2.0 -> 0.3.0: changes to objects that 0.2.0 created, one file
-- per topic in this folder, concatenated in name order.  (New objects come
-- from the topic files listed in NEW_PARTS.)
-- ======================================================================

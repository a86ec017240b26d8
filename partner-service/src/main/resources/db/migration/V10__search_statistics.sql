-- PostgreSQL's statistics of the gram index keep ten times as many of its commonest grams (statistics
-- target 1,000; ANALYZE samples 300,000 partners). At the default target the list ends at grams that
-- 1.9 % of a million partners hold, so the list could only bound every other gram at 19,000 rows, and
-- a trade name's pair that 800 partners hold was counted before its page. Now the list ends at 0.08 %
-- (4,124 grams, 787 rows), and a q that at most 5,000 rows can hold is read once, page and total
-- together (Listing.sortedCandidates). ANALYZE of a million partners takes some 30 s in the background.
alter index partners_search alter column 1 set statistics 1000;

-- q over the names: a GIN index of the single characters and character pairs of each text. A q of
-- one character looks its character up, a longer one all of its pairs, and the LIKE of the query
-- then keeps exactly the substring matches. Trigrams (V1) could not serve a q of one or two
-- characters, the commonest Chinese search, which then read the whole table.
-- search_grams comes from the platform (db/platform/V3_5__search_grams.sql).

-- fastupdate off: a search never reads a pending list of recent inserts
create index partners_search on partners using gin (search_grams(lower(name), lower(name_en)))
    with (fastupdate = off);
drop index partners_name_trgm;
drop index partners_name_en_trgm;

-- The count of a type and status list with a sector, from the index alone.
create index partners_type_status_sectors on partners (type, status) include (sectors);
drop index partners_type_status;

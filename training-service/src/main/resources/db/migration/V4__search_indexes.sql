-- q over code, title and description: a GIN index of the single characters and character pairs of each text. A q of
-- one character looks its character up, a longer one all of its pairs, and the LIKE of the query
-- then keeps exactly the substring matches. The trigram indexes (V1) could not serve a q of
-- one or two characters, which then read the whole table.
-- search_grams comes from the platform (db/platform/V3_5__search_grams.sql).

-- fastupdate off: a search never reads a pending list of recent inserts
create index programmes_search on programmes
    using gin (search_grams(lower(title), lower(code), lower(description))) with (fastupdate = off);
drop index programmes_code_trgm;
drop index programmes_title_trgm;
drop index programmes_description_trgm;

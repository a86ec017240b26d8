-- q over code, title and summary (search_text): a GIN index of the single characters and character pairs of each text. A q of
-- one character looks its character up, a longer one all of its pairs, and the LIKE of the query
-- then keeps exactly the substring matches. The trigram index (V1) could not serve a q of
-- one or two characters, which then read the whole table.
-- search_grams comes from the platform (db/platform/V3_5__search_grams.sql).

drop index projects_search;
-- fastupdate off: a search never reads a pending list of recent inserts
create index projects_search on projects using gin (search_grams(search_text)) with (fastupdate = off);

-- Each sort field's index ends with the id, the list's last sort key (in the same direction), so that
-- the first page of any sort reads 20 entries, not all the projects that share a status or a date.
drop index projects_status;
drop index projects_research_area;
drop index projects_start_date;
drop index projects_end_date;
drop index projects_created_at;
drop index projects_updated_at;
drop index projects_title;
drop index projects_budget_amount;
create index projects_status on projects (status, id);
create index projects_research_area on projects (research_area, id);
create index projects_start_date on projects (start_date, id);
create index projects_end_date on projects (end_date, id);
create index projects_created_at on projects (created_at, id);
create index projects_updated_at on projects (updated_at, id);
create index projects_title on projects (title, id);
create index projects_budget_amount on projects (budget_amount, id);

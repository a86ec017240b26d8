-- q over code, title and description: a GIN index of the single characters and character pairs of each text. A q of
-- one character looks its character up, a longer one all of its pairs, and the LIKE of the query
-- then keeps exactly the substring matches. The trigram indexes (V1) could not serve a q of
-- one or two characters, which then read the whole table.
-- search_grams is the same in each service's database.
create function search_grams(variadic texts text[]) returns text[]
    language plpgsql immutable parallel safe as $$
declare
    grams text[] := '{}';
    chars text[];
    t text;
begin
    foreach t in array texts loop
        chars := string_to_array(t, null);
        if chars is not null then
            -- pairs within one text only: a q never spans two of them
            grams := grams || chars
                || array(select a || b from unnest(chars[:cardinality(chars) - 1], chars[2:]) pair(a, b));
        end if;
    end loop;
    return grams;
end
$$;

-- fastupdate off: a search never reads a pending list of recent inserts
create index programmes_search on programmes
    using gin (search_grams(lower(title), lower(code), lower(description))) with (fastupdate = off);
drop index programmes_code_trgm;
drop index programmes_title_trgm;
drop index programmes_description_trgm;

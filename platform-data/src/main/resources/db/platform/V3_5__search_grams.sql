-- search_grams(texts...): the single characters and the character pairs of each text, for a GIN
-- index that answers a q of any length (a q of one character looks its character up, a longer one
-- all of its pairs, and the query's LIKE then keeps exactly the substring matches). Trigrams could
-- not serve a q of one or two characters, the commonest Chinese search. The services' V4 migrations
-- index their searchable texts with it.
--
-- Numbered 3.5: above every migration the services had before it (partner and training up to V3,
-- project up to V2), so an existing database takes it as the next step, and below their V4.
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

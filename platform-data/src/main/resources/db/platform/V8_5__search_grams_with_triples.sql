-- search_grams(texts...) now also makes the character triples of each text, and every index over it is
-- built again. A q of three characters or more looks up its triples: far rarer than its pairs in
-- English and pinyin, whose 700 or so letter pairs each sit in a few per cent of the rows (the
-- pairs of a rare pinyin word left thousands of candidate rows to check at a million partners),
-- and a Chinese q of three characters is then one posting list that holds exactly the rows whose
-- texts hold it. Single characters and pairs stay for the q of one and two characters.
--
-- Numbered 8.5: above every migration the services had before it (partner up to V8, project up to
-- V5, training up to V4), so an existing database takes it as its next step; a service's next
-- migration is V9 or above.
create or replace function search_grams(variadic texts text[]) returns text[]
    language plpgsql immutable parallel safe as $$
declare
    grams text[] := '{}';
    chars text[];
    n int;
    t text;
begin
    foreach t in array texts loop
        chars := string_to_array(t, null);
        if chars is not null then
            n := cardinality(chars);
            -- pairs and triples within one text only: a q never spans two of them
            grams := grams || chars
                || array(select a || b from unnest(chars[:n - 1], chars[2:]) pair(a, b))
                || array(select a || b || c from unnest(chars[:n - 2], chars[2:n - 1], chars[3:]) triple(a, b, c));
        end if;
    end loop;
    return grams;
end
$$;

-- the indexes hold what the old function made: made again, and their tables analysed so that the
-- statistics the lists choose their grams by (pg_stats of the index) know the triples
do $$
declare
    index_name regclass;
    table_name regclass;
begin
    for index_name, table_name in
        select x.indexrelid::regclass, x.indrelid::regclass
        from pg_index x
        join pg_class i on i.oid = x.indexrelid
        where i.relnamespace = current_schema()::regnamespace
          and pg_get_indexdef(x.indexrelid) like '%search_grams(%'
    loop
        execute format('reindex index %s', index_name);
        execute format('analyze %s', table_name);
    end loop;
end
$$;

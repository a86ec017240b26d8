package org.aicenter.platform.persistence;

import io.quarkus.hibernate.orm.panache.Panache;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * How often each search gram occurs in a table, as PostgreSQL's last {@code ANALYZE} of the table's
 * {@code search_grams} index found it: the most common elements of the indexed arrays and their frequencies
 * ({@code pg_stats}), up to ten times the statistics target of them (about 700 grams at the default), and an upper
 * bound for every other gram (the least frequent of those). Read once per table every few minutes; what the list
 * does with it only decides how PostgreSQL is asked (which grams the index looks up, whether the page walks the
 * sort's index), never which rows match.
 */
public final class SearchGrams {

    /** How long a table's frequencies are used before they are read again (ANALYZE runs as the table changes). */
    static final Duration TTL = Duration.ofMinutes(5);

    private static final ConcurrentMap<String, Frequencies> TABLES = new ConcurrentHashMap<>();

    private static final String STATISTICS = """
            select cast(cast(s.most_common_elems as text) as text[]), s.most_common_elem_freqs, t.reltuples
            from pg_index x
            join pg_class t on t.oid = x.indrelid
            join pg_class i on i.oid = x.indexrelid
            join pg_namespace n on n.oid = i.relnamespace
            join pg_stats s on s.schemaname = n.nspname and s.tablename = i.relname and s.attname = 'search_grams'
            where x.indrelid = to_regclass(?)
            limit 1""";

    private SearchGrams() {
    }

    /** The frequencies of {@code table}'s grams (the table as the connection's search path finds it). */
    static Frequencies of(String table) {
        long now = System.nanoTime();
        Frequencies known = TABLES.get(table);
        if (known != null && now - known.readAt() < TTL.toNanos()) {
            return known;
        }
        Frequencies read = Panache.getSession().doReturningWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(STATISTICS)) {
                statement.setString(1, table);
                try (ResultSet row = statement.executeQuery()) {
                    if (!row.next() || row.getArray(1) == null) {
                        return Frequencies.none(now);
                    }
                    return Frequencies.of((String[]) row.getArray(1).getArray(), floats(row.getArray(2)),
                            Math.max(0, (long) row.getFloat(3)), now);
                }
            }
        });
        TABLES.put(table, read);
        return read;
    }

    /**
     * Forgets every table's frequencies: a test that fills a copy of a table under the same name in a schema of its
     * own (the frequencies are kept by table name) has them read afresh.
     */
    public static void forget() {
        TABLES.clear();
    }

    private static float[] floats(Array array) throws java.sql.SQLException {
        Object[] values = (Object[]) array.getArray();
        float[] floats = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            floats[i] = ((Number) values[i]).floatValue();
        }
        return floats;
    }

    /**
     * The share of rows holding each gram; for a gram not among the most common, at most {@code floor} (the least
     * frequency among them); and how many rows the table had ({@code reltuples}). Without statistics (a table never
     * analysed) nothing is known.
     */
    record Frequencies(Map<String, Float> common, float floor, long rows, long readAt) {

        /** Nothing known: any gram may be in every row, and the table may be empty. */
        static Frequencies none(long readAt) {
            return new Frequencies(Map.of(), 1f, 0, readAt);
        }

        /**
         * From {@code pg_stats}: {@code freqs} holds one frequency per element, then the least and the greatest of
         * them, then the share of null elements.
         */
        static Frequencies of(String[] elements, float[] freqs, long rows, long readAt) {
            Map<String, Float> common = new HashMap<>();
            for (int i = 0; i < elements.length && i < freqs.length; i++) {
                common.put(elements[i], freqs[i]);
            }
            float floor = freqs.length > elements.length ? freqs[elements.length] : 0f;
            return new Frequencies(Map.copyOf(common), floor, rows, readAt);
        }

        /** The share of rows holding {@code gram}: exact if it is a common one, else an upper bound. */
        float of(String gram) {
            return common.getOrDefault(gram, floor);
        }

        /** An upper bound of the share of rows holding every one of {@code grams}: the rarest one's. */
        float atMost(String[] grams) {
            float least = 1f;
            for (String gram : grams) {
                least = Math.min(least, of(gram));
            }
            return least;
        }

        /**
         * The rarest of {@code grams}, as few as bring the share of rows holding all of them (taken as independent)
         * to {@code share} or under, and {@code most} at most: the index then reads the short posting lists and skips
         * the long ones, and the LIKE still checks the whole q. Looking up fewer grams costs reading less and checking
         * more candidate rows (Listing's CANDIDATE_SHARE and LOOKED_UP_GRAMS say how the two were weighed).
         */
        String[] toLookUp(String[] grams, double share, int most) {
            String[] rarestFirst = Arrays.stream(grams).distinct()
                    .sorted(Comparator.comparingDouble(this::of)) // stable: of equally rare grams the first ones
                    .toArray(String[]::new);
            double holding = 1;
            int n = 0;
            while (n < Math.min(most, rarestFirst.length) && (n == 0 || holding > share)) {
                holding *= of(rarestFirst[n++]);
            }
            return Arrays.copyOf(rarestFirst, n);
        }
    }
}

package org.aicenter.platform.persistence;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A JPQL {@code where} clause built from optional filters with named parameters only: values
 * never become query text.
 */
public final class Criteria {

    private final List<String> clauses = new ArrayList<>();
    private final Map<String, Object> parameters = new HashMap<>();

    /** Adds {@code clause} (with {@code :name}) when {@code value} is present. */
    public Criteria and(String clause, String name, Object value) {
        if (value != null) {
            clauses.add(clause);
            parameters.put(name, value);
        }
        return this;
    }

    /** Adds a clause that needs no parameter. */
    public Criteria and(String clause) {
        clauses.add(clause);
        return this;
    }

    public Criteria parameter(String name, Object value) {
        parameters.put(name, value);
        return this;
    }

    public String where() {
        return clauses.isEmpty() ? "" : " where " + String.join(" and ", clauses);
    }

    public Map<String, Object> parameters() {
        return parameters;
    }

    /**
     * {@code q} as a case-insensitive substring of any of {@code texts} (lower-cased JPQL expressions, e.g.
     * {@code lower(p.name)}). The candidate rows come from the GIN index on {@code search_grams(texts...)} that the
     * service's migrations make over the same expressions (the single characters and character pairs of each text):
     * those holding every character pair of q, or its one character. The LIKE then keeps exactly the substring
     * matches, so the index only narrows what LIKE alone would answer.
     */
    public Criteria containsText(String q, String... texts) {
        if (q == null) {
            return this;
        }
        String lowered = q.toLowerCase(Locale.ROOT);
        List<String> likes = new ArrayList<>();
        for (String text : texts) {
            likes.add(text + " like :q escape '\\'");
        }
        clauses.add("cast(sql('search_grams(" + String.join(", ", Collections.nCopies(texts.length, "?")) + ") @> cast(? as text[])', "
                + String.join(", ", texts) + ", :qGrams) as Boolean) = true and (" + String.join(" or ", likes) + ")");
        parameters.put("q", like(lowered));
        parameters.put("qGrams", grams(lowered));
        return this;
    }

    /** The grams of a lower-cased q as search_grams makes them: its character if it has one, else its character pairs. */
    static String[] grams(String lowered) {
        int[] chars = lowered.codePoints().toArray();
        if (chars.length == 1) {
            return new String[] {lowered};
        }
        String[] pairs = new String[chars.length - 1];
        for (int i = 0; i < pairs.length; i++) {
            pairs[i] = new String(chars, i, 2);
        }
        return pairs;
    }

    /** {@code %text%} for a LIKE, with the wildcard characters of the text escaped by {@code \}. */
    private static String like(String lowered) {
        return "%" + lowered.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}

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
    private TextSearch text;

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
        List<String> all = new ArrayList<>(clauses);
        if (text != null) {
            all.add(text.clause());
        }
        return all.isEmpty() ? "" : " where " + String.join(" and ", all);
    }

    public Map<String, Object> parameters() {
        if (text == null || text.lookedUp().length == 0) {
            return parameters;
        }
        Map<String, Object> all = new HashMap<>(parameters);
        all.put("qGrams", text.lookedUp());
        return all;
    }

    /**
     * {@code q} as a case-insensitive substring of any of {@code texts} (lower-cased JPQL expressions, e.g.
     * {@code lower(p.name)}). The candidate rows come from the GIN index on {@code search_grams(texts...)} that the
     * service's migrations make over the same expressions (the single characters, pairs and triples of each text):
     * those holding the rarest of q's character triples, or its pair, or its one character. The LIKE then keeps exactly the substring
     * matches, so the index only narrows what LIKE alone would answer. One text search a list.
     */
    public Criteria containsText(String q, String... texts) {
        if (q == null) {
            return this;
        }
        if (text != null) {
            throw new IllegalStateException("a list searches one text, not two");
        }
        String lowered = q.toLowerCase(Locale.ROOT);
        String[] grams = grams(lowered);
        text = new TextSearch(List.of(texts), grams, grams);
        parameters.put("q", like(lowered));
        return this;
    }

    /** The list's text search, or null. */
    TextSearch text() {
        return text;
    }

    /**
     * These criteria with their text search looking up only {@code grams} (some of its own) in the gram index, or,
     * with none, not using the index at all: the LIKE alone, for a walk along the sort's index that finds matches
     * often. The rows selected are the same.
     */
    Criteria lookingUp(String[] grams) {
        Criteria copy = new Criteria();
        copy.clauses.addAll(clauses);
        copy.parameters.putAll(parameters);
        copy.text = new TextSearch(text.texts(), text.grams(), grams.clone());
        return copy;
    }

    /**
     * A text search: the lower-cased texts it looks in, the grams of its q, and those of them the gram index looks up
     * (none: the LIKE alone).
     */
    record TextSearch(List<String> texts, String[] grams, String[] lookedUp) {

        String clause() {
            List<String> likes = new ArrayList<>();
            for (String text : texts) {
                likes.add(text + " like :q escape '\\'");
            }
            String like = "(" + String.join(" or ", likes) + ")";
            if (lookedUp.length == 0) {
                return like;
            }
            return "cast(sql('search_grams(" + String.join(", ", Collections.nCopies(texts.size(), "?")) + ") @> cast(? as text[])', "
                    + String.join(", ", texts) + ", :qGrams) as Boolean) = true and " + like;
        }
    }

    /**
     * The grams of a lower-cased q as search_grams makes them: its character if it has one, its pair if it has two,
     * else its character triples (far rarer than its pairs, and every text holding q holds them all).
     */
    static String[] grams(String lowered) {
        int[] chars = lowered.codePoints().toArray();
        int length = Math.min(chars.length, 3);
        String[] grams = new String[chars.length - length + 1];
        for (int i = 0; i < grams.length; i++) {
            grams[i] = new String(chars, i, length);
        }
        return grams;
    }

    /** {@code %text%} for a LIKE, with the wildcard characters of the text escaped by {@code \}. */
    private static String like(String lowered) {
        return "%" + lowered.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}

package org.aicenter.platform.persistence;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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

    /** {@code %text%} for a LIKE, with the wildcard characters of the text escaped by {@code \}. */
    public static String containing(String text) {
        return "%" + text.toLowerCase(java.util.Locale.ROOT)
                .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}

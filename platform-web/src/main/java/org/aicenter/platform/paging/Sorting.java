package org.aicenter.platform.paging;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sort fields a list offers, each mapped to the entity attribute it orders by. A request's
 * {@code sort=name,-createdAt} is checked against it; anything else is a 400, never a query fragment.
 * The entity id is always the last key so pages are stable, in the direction of the key before it: then one index
 * on {@code (field, id)} serves the field's sort both ways (read forwards or backwards).
 */
public final class Sorting {

    private final Map<String, String> allowed;
    private final String defaultSort;

    private Sorting(Map<String, String> allowed, String defaultSort) {
        this.allowed = allowed;
        this.defaultSort = defaultSort;
    }

    /**
     * {@code documented} is the list's sort as its contract shows it (the constant its resource
     * names in {@code x-aic-sort}): the default sort first, then every other field, comma-separated,
     * e.g. {@code "name,nameEn,createdAt"} or {@code "-createdAt,title"}. {@code fields} maps each of
     * those API names to an entity attribute, or to an expression over the alias written {@code {e}}
     * (e.g. {@code lower({e}.name)}, to match an index), or to several of them separated by commas,
     * each sorted the field's way (e.g. {@code {e}.type, lower({e}.name)}: by type, then by name within a type, as
     * an index on {@code (type, lower(name), id)} has them). Both must name the same fields, so the
     * contract cannot offer a sort the list refuses, nor hide one it takes.
     */
    public static Sorting of(String documented, Map<String, String> fields) {
        List<String> names = new ArrayList<>();
        for (String name : documented.split(",")) {
            names.add(name.trim().startsWith("-") ? name.trim().substring(1) : name.trim());
        }
        if (!new java.util.HashSet<>(names).equals(fields.keySet()) || names.size() != fields.size()) {
            throw new IllegalStateException("documented sort fields " + names + " differ from " + fields.keySet());
        }
        Map<String, String> ordered = new LinkedHashMap<>();
        names.forEach(name -> ordered.put(name, fields.get(name)));
        return new Sorting(ordered, documented.split(",")[0].trim());
    }

    /** The sort as {@link #of} was given it and the contract shows it: the default first, then every other field. */
    public String documented() {
        String first = defaultSort.startsWith("-") ? defaultSort.substring(1) : defaultSort;
        List<String> all = new ArrayList<>();
        all.add(defaultSort);
        allowed.keySet().stream().filter(name -> !name.equals(first)).forEach(all::add);
        return String.join(",", all);
    }

    public List<String> fields() {
        return List.copyOf(allowed.keySet());
    }

    /** The JPQL {@code order by} clause body for a request's sort parameter, e.g. {@code e.name asc, e.id asc}. */
    public String orderBy(String sort, String alias) {
        String spec = sort == null || sort.isBlank() ? defaultSort : sort;
        List<String> terms = new ArrayList<>();
        boolean hasId = false;
        boolean lastDescending = false;
        for (String raw : spec.split(",")) {
            String term = raw.trim();
            if (term.isEmpty()) {
                continue;
            }
            boolean descending = term.startsWith("-");
            String name = descending || term.startsWith("+") ? term.substring(1) : term;
            String attribute = allowed.get(name);
            if (attribute == null) {
                throw PageRequest.bad("sort", "unknown sort field '" + truncate(name) + "'; allowed: "
                        + String.join(", ", allowed.keySet()));
            }
            for (String key : keys(attribute)) {
                hasId |= key.equals("id");
                String expression = key.contains("{e}") ? key.replace("{e}", alias) : alias + "." + key;
                terms.add(expression + (descending ? " desc" : " asc"));
            }
            lastDescending = descending;
        }
        if (!hasId) {
            terms.add(alias + ".id" + (lastDescending ? " desc" : " asc"));
        }
        return String.join(", ", terms);
    }

    /** The comma-separated keys of a field, commas inside parentheses (function arguments) left alone. */
    private static List<String> keys(String attribute) {
        List<String> keys = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < attribute.length(); i++) {
            char c = attribute.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                keys.add(attribute.substring(start, i).trim());
                start = i + 1;
            }
        }
        keys.add(attribute.substring(start).trim());
        return keys;
    }

    private static String truncate(String name) {
        return name.length() > 40 ? name.substring(0, 40) + "…" : name;
    }
}

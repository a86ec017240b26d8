package org.aicenter.platform.paging;

import java.util.List;
import java.util.function.Function;

/**
 * The list envelope every collection answers with. {@code totalItems} is exact when {@code totalItemsExact};
 * otherwise the list stopped counting and it is a lower bound (see {@code Listing}): there are at least that many,
 * and {@code totalPages} is at least that many pages.
 */
public record Page<T>(List<T> items, int page, int size, long totalItems, int totalPages, boolean totalItemsExact) {

    /** A page of a list whose total is exact. */
    public static <T> Page<T> of(List<T> items, PageRequest request, long totalItems) {
        return of(items, request, totalItems, true);
    }

    /** A page of a list with {@code totalItems}, exact or (when not {@code exact}) a lower bound. */
    public static <T> Page<T> of(List<T> items, PageRequest request, long totalItems, boolean exact) {
        int totalPages = (int) Math.min(Integer.MAX_VALUE, (totalItems + request.size() - 1) / request.size());
        return new Page<>(items, request.page(), request.size(), totalItems, totalPages, exact);
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), page, size, totalItems, totalPages, totalItemsExact);
    }
}

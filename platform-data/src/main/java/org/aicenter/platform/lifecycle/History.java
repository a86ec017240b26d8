package org.aicenter.platform.lifecycle;

import org.aicenter.platform.paging.ListParams;
import org.aicenter.platform.paging.Page;
import org.aicenter.platform.paging.Sorting;
import org.aicenter.platform.persistence.Criteria;
import org.aicenter.platform.persistence.Listing;

import java.util.Map;
import java.util.UUID;

/**
 * A subject's status changes as a list like any other: paged, sorted by {@code at} (oldest first
 * by default, {@code -at} for the latest first) and with {@code updatedSince}. Each service's
 * history table has an index on (subject_id, id), and ids grow with time, so {@code at} orders by id.
 */
public final class History {

    /** The sort fields of every history, for the contract ({@code x-aic-sort}) and the query alike. */
    public static final String SORT = "at";
    private static final Sorting SORTING = Sorting.of(SORT, Map.of("at", "id"));

    private History() {
    }

    /** The page of {@code subject}'s transitions that {@code list} asks for, as every list's page ({@link Listing#page}). */
    public static <T extends TransitionRecord> Page<TransitionView> of(Class<T> type, UUID subject, ListParams list) {
        Criteria criteria = new Criteria().and("t.subjectId = :subject", "subject", subject)
                .and("t.changedAt >= :since", "since", list.updatedSince());
        return Listing.page(type, "t", criteria, SORTING.orderBy(list.sort(), "t"), list.pageRequest(),
                found -> found.stream().map(TransitionRecord::view).toList());
    }
}

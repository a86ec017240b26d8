package org.aicenter.platform.lifecycle;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import org.aicenter.platform.paging.ListParams;
import org.aicenter.platform.paging.Page;
import org.aicenter.platform.paging.Sorting;

import java.util.List;
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

    public static Page<TransitionView> of(EntityManager em, Class<? extends TransitionRecord> type, UUID subject,
                                          ListParams list) {
        var page = list.pageRequest();
        String orderBy = SORTING.orderBy(list.sort(), "t");
        var since = list.updatedSince();
        String where = " where t.subjectId = :subject" + (since == null ? "" : " and t.changedAt >= :since");
        String entity = type.getSimpleName();
        TypedQuery<? extends TransitionRecord> items = em.createQuery("select t from " + entity + " t" + where
                + " order by " + orderBy, type);
        TypedQuery<Long> count = em.createQuery("select count(t) from " + entity + " t" + where, Long.class);
        items.setParameter("subject", subject);
        count.setParameter("subject", subject);
        if (since != null) {
            items.setParameter("since", since);
            count.setParameter("since", since);
        }
        List<? extends TransitionRecord> found = items.setFirstResult(page.offset()).setMaxResults(page.size()).getResultList();
        long total = found.size() < page.size() && (page.page() == 0 || !found.isEmpty())
                ? (long) page.offset() + found.size() : count.getSingleResult();
        return Page.of(found.stream().map(TransitionRecord::view).toList(), page, total);
    }
}

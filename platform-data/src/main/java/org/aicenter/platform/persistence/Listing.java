package org.aicenter.platform.persistence;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import org.aicenter.platform.paging.Page;
import org.aicenter.platform.paging.PageRequest;
import org.eclipse.microprofile.config.ConfigProvider;
import org.hibernate.FlushMode;
import org.hibernate.Session;

import java.sql.Statement;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A list's page and its total, each planned by PostgreSQL for the values of this request.
 * <p>
 * The JDBC driver prepares a statement on the server once it has run five times, and PostgreSQL may then
 * plan it once for every value (a generic plan). For a list that is a trap: how many rows match a sector,
 * a status or a {@code q} differs by orders of magnitude from one value to the next, and the one plan that
 * suits the common values reads the whole table for a rare one (walking the name index in order, hoping
 * for 20 matches that never come). So the list's statements run in a transaction of their own with
 * {@code plan_cache_mode = force_custom_plan}: planning them costs a fraction of a millisecond, a wrong
 * plan costs seconds. They also run with {@code enable_seqscan = off}: where an index can answer, the list reads
 * it. Plain reads by id keep their prepared plans and settings (the settings end with the transaction).
 */
public final class Listing {

    private Listing() {
    }

    /**
     * The page of {@code entity} rows (JPQL alias {@code alias}) that {@code criteria} selects, in {@code orderBy}
     * order, turned into views by {@code views} (inside the transaction, so lazy collections can still load), with
     * the total: counted only when the page does not tell it (a full page, or an empty one past the first), and then
     * only up to {@link #countLimit} (or just past the page, if that is further). A broad filter over a large table
     * so costs the same at a million rows as at a thousand: the count stops, and the page says its total is a lower
     * bound ({@code totalItemsExact} false), as search engines answer "1,000+". Paging goes on past it.
     */
    public static <E, V> Page<V> page(Class<E> entity, String alias, Criteria criteria, String orderBy,
                                      PageRequest page, Function<List<E>, List<V>> views) {
        return customPlans(() -> {
            EntityManager em = Panache.getEntityManager(entity);
            String from = " from " + entity.getSimpleName() + " " + alias + criteria.where();
            TypedQuery<E> items = em.createQuery("select " + alias + from + " order by " + orderBy, entity);
            criteria.parameters().forEach(items::setParameter);
            List<E> found = items.setFirstResult(page.offset()).setMaxResults(page.size()).getResultList();
            if (found.size() < page.size() && (page.page() == 0 || !found.isEmpty())) {
                return Page.of(views.apply(found), page, (long) page.offset() + found.size());
            }
            // one row past the page at least, so that a full page always knows whether a next one follows
            int limit = (int) Math.min(Integer.MAX_VALUE, Math.max(countLimit(), (long) page.offset() + page.size() + 1));
            TypedQuery<Long> count = em.createQuery("select count(*) from (select 1 as one" + from + " order by 1 limit :countLimit) counted",
                    Long.class);
            criteria.parameters().forEach(count::setParameter);
            long counted = count.setParameter("countLimit", limit).getSingleResult();
            return Page.of(views.apply(found), page, counted, counted < limit);
        });
    }

    /**
     * How many rows a list counts at most ({@code aic.lists.count-limit}, 1,000 as platform-data's configuration sets
     * it): past it {@code totalItems} is a lower bound.
     */
    public static int countLimit() {
        int limit = ConfigProvider.getConfig().getValue("aic.lists.count-limit", Integer.class);
        if (limit < 1) {
            throw new IllegalStateException("aic.lists.count-limit must be 1 or more, not " + limit);
        }
        return limit;
    }

    /**
     * Runs {@code statements} with custom plans: in the caller's transaction if there is one (the setting then
     * holds until it ends), else in a read-only one of their own.
     */
    public static <T> T customPlans(Supplier<T> statements) {
        if (QuarkusTransaction.isActive()) {
            forceCustomPlans();
            return statements.get();
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            // nothing is written here: no dirty-checking copies of what is loaded, nothing to flush
            Session session = Panache.getSession();
            session.setDefaultReadOnly(true);
            session.setHibernateFlushMode(FlushMode.MANUAL);
            forceCustomPlans();
            return statements.get();
        });
    }

    private static void forceCustomPlans() {
        Panache.getSession().doWork(connection -> {
            try (Statement statement = connection.createStatement()) {
                // one round trip; a list never reads a large table whole where an index can answer, and a count
                // with a limit would otherwise (it expects the first thousand matches early in the table, and the
                // order the rows were written in can put them late)
                statement.execute("set local plan_cache_mode = force_custom_plan; set local enable_seqscan = off");
            }
        });
    }
}

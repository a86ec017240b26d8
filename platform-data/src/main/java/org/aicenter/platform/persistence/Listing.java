package org.aicenter.platform.persistence;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Table;
import jakarta.persistence.TypedQuery;
import org.aicenter.platform.paging.Page;
import org.aicenter.platform.paging.PageRequest;
import org.eclipse.microprofile.config.ConfigProvider;
import org.hibernate.FlushMode;
import org.hibernate.Session;

import java.sql.Statement;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

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

    /**
     * The share of rows that the grams a search looks up should narrow its candidates to (one in a million, taking the
     * grams as independent): the grams of a word are not (a pinyin word's triples each sit in a few per cent of the
     * rows, and together in far fewer than their product says), so the index looks up more of them than independence
     * would ask for. Measured on a million partners, one search at a time: 150 rare pinyin words counted in 204 ms in
     * all with up to five triples at this share, 285 ms at one in 10,000, and 1,113 ms with three pairs (the grams
     * before triples), the slowest in 6.2, 15.3 and 82.8 ms.
     */
    static final double CANDIDATE_SHARE = 1e-6;

    /**
     * How many of q's grams the gram index looks up at most: past five, reading another posting list costs more than
     * the candidate rows it spares (all of a word's triples: 1,222 ms for the 150 words above).
     */
    static final int LOOKED_UP_GRAMS = 5;

    /**
     * From what share of rows holding a one-gram q on, counting walks the sort's index instead of the gram index: the
     * walk reads about limit / share entries, the gram index a bitmap of every holder and then the rows. Measured on
     * a million partners, one at a time, the walk counted a character 5.5-7 % of them hold in 5-17 ms against 14-36 ms
     * from the gram index, and one 20-70 % hold in 3-6 ms against 25-28 ms.
     */
    static final float WALKED_COUNT_SHARE = 0.02f;

    /**
     * Up to how many rows holding q (as the gram index's statistics bound them) one statement reads them all from the
     * gram index, the page's ids sorted and the total, with no count before it to choose the plan: the walk along the sort's index passes over every entry before
     * the first match, and names sorting by city and then trade name put the holders of a trade name's pair together,
     * far along it. Measured on a million partners, one at a time: a pair 3,299 of them hold, ids from the gram index
     * 5.8 ms against the walk's 9-11 ms (and 9.7 ms for whole rows from the gram index); one 13,000-14,000 hold 17-26
     * ms against 3.4-9.8 ms.
     */
    static final int SORTED_CANDIDATES = 5_000;

    /** A term's direction, as {@code Sorting.orderBy} ends every term: {@code asc} or {@code desc} before a comma or the end. */
    private static final Pattern DIRECTION = Pattern.compile("\\b(asc|desc)(?=\\s*(,|$))");

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
        return customPlans(() -> criteria.text() != null
                ? searched(entity, alias, criteria, orderBy, page, views)
                : pageFirst(entity, alias, criteria, orderBy, page, views));
    }

    /** The page, then the count if the page does not tell it. */
    private static <E, V> Page<V> pageFirst(Class<E> entity, String alias, Criteria criteria, String orderBy,
                                            PageRequest page, Function<List<E>, List<V>> views) {
        List<E> found = items(entity, alias, criteria, orderBy, page);
        if (found.size() < page.size() && (page.page() == 0 || !found.isEmpty())) {
            return Page.of(views.apply(found), page, (long) page.offset() + found.size());
        }
        int limit = countLimit(page);
        long counted = count(entity, alias, criteria, "1", limit);
        return Page.of(views.apply(found), page, counted, counted < limit);
    }

    /**
     * A list with a text search, planned by how many rows can hold q (the statistics of the gram index bound it by q's
     * rarest gram). No more than a page: the page from the gram index, which tells the total. Up to
     * {@link #SORTED_CANDIDATES}: one statement reads them all from the gram index, the page's ids sorted and the
     * total, then the page's rows load. More: the count first, then the page as the count says. A q that fewer rows
     * hold than the count's limit takes its page's ids from the gram index, sorted; one that more hold walks the sort's
     * index and keeps the rows whose texts hold q, which soon finds a page (the name index of partners carries both
     * names, so that walk reads no table row), where taking its hundreds of thousands of rows from the gram index to
     * sort them would cost hundreds of milliseconds at a million rows. The index looks up only q's rarest grams, as
     * many as narrow the candidates to one row in a million and five at most (the LIKE still checks all of q), and a q
     * of one to three characters (one gram) that 2 % of the rows or more hold (its one gram's frequency is exact) is
     * counted by the walk too, where reading its long posting list would cost more.
     */
    private static <E, V> Page<V> searched(Class<E> entity, String alias, Criteria criteria, String orderBy,
                                           PageRequest page, Function<List<E>, List<V>> views) {
        Criteria.TextSearch text = criteria.text();
        SearchGrams.Frequencies grams = SearchGrams.of(table(entity));
        Criteria indexed = criteria.lookingUp(grams.toLookUp(text.grams(), CANDIDATE_SHARE, LOOKED_UP_GRAMS));
        Criteria walked = criteria.lookingUp(new String[0]);
        float candidates = grams.atMost(text.grams()) * grams.rows();
        int limit = countLimit(page);
        if (candidates <= page.size()) {
            // no more rows than a page can hold q (its rarest gram says so): the page from the gram index tells the total
            return pageFirst(entity, alias, indexed, orderBy, page, views);
        }
        if (candidates <= SORTED_CANDIDATES) {
            return sortedCandidates(entity, alias, indexed, orderBy, page, limit, views);
        }
        boolean common = text.grams().length == 1 && candidates >= WALKED_COUNT_SHARE * grams.rows();
        // the walk counts along the sort's index (not the table read whole), from its far end: any direction counts
        // the same rows, and ascending texts start with the names written in Latin letters and digits, which the
        // commonest broad q (Chinese) never matches: at a million partners q=科技 counted forward in 25 ms (31,100
        // entries of the 30,000 abroad and others passed), backward in 2.8 ms
        long counted = common ? count(entity, alias, walked, reversed(orderBy), limit) : count(entity, alias, indexed, "1", limit);
        // from the gram index too, the page's ids sorted, then their rows: sorting whole rows (their JSON columns
        // too) cost 3.4-3.7 ms against 2.5-2.8 for ids and 0.15 for 20 rows, with 800 rows holding q at a million partners
        List<E> found = byIds(entity, alias, counted < limit ? indexed : walked, orderBy, page);
        return Page.of(views.apply(found), page, counted, counted < limit);
    }

    /**
     * The page of a q that few rows can hold: its ids from the gram index, sorted, with how many rows hold q
     * ({@code count(*) over ()}: the sort reads every candidate anyway), then their rows. One read of the candidates
     * instead of the count's and the page's: at a million partners, the count of a pair 800 of them hold took 3.6 ms
     * and the page 2.6 ms. The total is told as a count would tell it: up to {@code limit}.
     */
    private static <E, V> Page<V> sortedCandidates(Class<E> entity, String alias, Criteria criteria, String orderBy,
                                                   PageRequest page, int limit, Function<List<E>, List<V>> views) {
        List<Object[]> rows = paged(entity, "select " + alias + ".id, count(*) over ()", Object[].class, alias, criteria,
                orderBy, page);
        long held = !rows.isEmpty() ? ((Number) rows.get(0)[1]).longValue()
                : page.page() == 0 ? 0 : count(entity, alias, criteria, "1", limit);
        long counted = Math.min(held, limit);
        List<E> found = byIds(entity, rows.stream().map(row -> row[0]).toList());
        return Page.of(views.apply(found), page, counted, counted < limit);
    }

    private static <E> List<E> items(Class<E> entity, String alias, Criteria criteria, String orderBy, PageRequest page) {
        return paged(entity, "select " + alias, entity, alias, criteria, orderBy, page);
    }

    /** The page of what {@code select} (a JPQL select clause) reads from the rows {@code criteria} select, in {@code orderBy} order. */
    private static <T> List<T> paged(Class<?> entity, String select, Class<T> type, String alias, Criteria criteria,
                                     String orderBy, PageRequest page) {
        TypedQuery<T> query = Panache.getEntityManager(entity).createQuery(
                select + from(entity, alias, criteria) + " order by " + orderBy, type);
        criteria.parameters().forEach(query::setParameter);
        return query.setFirstResult(page.offset()).setMaxResults(page.size()).getResultList();
    }

    /**
     * The page's ids first, then their rows: a walk along an index that holds what the criteria test reads no table
     * row for the rows it passes over. Hibernate's {@code findMultiple} loads the rows in the ids' order.
     */
    private static <E> List<E> byIds(Class<E> entity, String alias, Criteria criteria, String orderBy, PageRequest page) {
        return byIds(entity, paged(entity, "select " + alias + ".id", Object.class, alias, criteria, orderBy, page));
    }

    /** The rows of {@code ids}, in their order; a row deleted since its id was read is left out (null in its place). */
    private static <E> List<E> byIds(Class<E> entity, List<Object> ids) {
        return Panache.getSession(entity).findMultiple(entity, ids).stream().filter(Objects::nonNull).toList();
    }

    /**
     * Up to {@code limit} rows that {@code criteria} selects, counted in {@code orderBy} order ({@code 1}: in whatever
     * order an index gives them).
     */
    private static long count(Class<?> entity, String alias, Criteria criteria, String orderBy, int limit) {
        TypedQuery<Long> count = Panache.getEntityManager(entity).createQuery(
                "select count(*) from (select 1 as one" + from(entity, alias, criteria) + " order by " + orderBy
                        + " limit :countLimit) counted",
                Long.class);
        criteria.parameters().forEach(count::setParameter);
        return count.setParameter("countLimit", limit).getSingleResult();
    }

    /** {@code orderBy} the other way round: each term's {@code asc} a {@code desc} and each {@code desc} an {@code asc}. */
    static String reversed(String orderBy) {
        return DIRECTION.matcher(orderBy).replaceAll(term -> term.group(1).equals("asc") ? "desc" : "asc");
    }

    private static String from(Class<?> entity, String alias, Criteria criteria) {
        return " from " + entity.getSimpleName() + " " + alias + criteria.where();
    }

    /** One row past the page at least, so that a full page always knows whether a next one follows. */
    private static int countLimit(PageRequest page) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(countLimit(), (long) page.offset() + page.size() + 1));
    }

    private static String table(Class<?> entity) {
        Table table = entity.getAnnotation(Table.class);
        return table == null || table.name().isEmpty() ? entity.getSimpleName() : table.name();
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

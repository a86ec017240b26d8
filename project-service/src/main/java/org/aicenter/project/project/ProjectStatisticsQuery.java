package org.aicenter.project.project;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.aicenter.platform.persistence.ExpensiveReads;
import org.aicenter.platform.persistence.TrendPeriod;
import org.aicenter.project.milestone.Milestone;
import org.aicenter.project.milestone.MilestoneStatus;
import org.aicenter.project.project.ProjectStatistics.DueMilestone;
import org.aicenter.project.project.ProjectStatistics.MilestoneDigest;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Counts by grouped queries over indexed columns; never loads the projects themselves. */
@ApplicationScoped
public class ProjectStatisticsQuery {

    /** How many due or overdue milestones are listed; the count covers them all. */
    static final int LISTED = 20;
    private static final List<MilestoneStatus> OPEN = List.of(MilestoneStatus.PLANNED, MilestoneStatus.IN_PROGRESS);
    private static final List<ProjectStatus> SETTLED = List.of(ProjectStatus.COMPLETED, ProjectStatus.CANCELLED);

    @Inject
    EntityManager em;
    @Inject
    ProjectService projects;
    @Inject
    ExpensiveReads expensive;

    /** In one read-only snapshot, bounded in time and in how many run at once (ExpensiveReads). */
    public ProjectStatistics compute(int days, TrendPeriod period) {
        return expensive.run("Project statistics", () -> read(days, period));
    }

    private ProjectStatistics read(int days, TrendPeriod period) {
        Map<ProjectStatus, Long> byStatus = counts(ProjectStatus.class, "status");
        Map<ResearchArea, Long> byArea = counts(ResearchArea.class, "researchArea");
        long total = byStatus.values().stream().mapToLong(Long::longValue).sum();
        List<Money> budgets = em.createQuery("select p.budgetCurrency, sum(p.budgetAmount) from Project p "
                        + "where p.budgetAmount is not null group by p.budgetCurrency order by p.budgetCurrency", Object[].class)
                .getResultList().stream()
                .map(row -> Money.of((BigDecimal) row[1], (String) row[0]))
                .toList();
        LocalDate today = projects.today();
        LocalDate until = today.plusDays(days);
        MilestoneDigest dueSoon = digest("m.dueDate >= :from and m.dueDate <= :to", today, until, days);
        MilestoneDigest overdue = digest("m.dueDate < :from", today, null, null);
        return new ProjectStatistics(total, byStatus, byArea, budgets, dueSoon, overdue,
                period == null ? null : trends(period));
    }

    /**
     * From the kept transitions (index on to_status, changed_at): a start is the one move from
     * APPROVED to ACTIVE (a project back from ON_HOLD does not start again).
     */
    private ProjectStatistics.Trends trends(TrendPeriod period) {
        String bucket = period.bucketOfInstant("t.changed_at");
        String range = " and t.changed_at >= :start and t.changed_at < :end";
        String started = "t.from_status = 'APPROVED' and t.to_status = 'ACTIVE'";
        long[] starts = period.count(em, "select " + bucket + " b, count(*) from project_transitions t where "
                + started + range + " group by b");
        long[] completions = period.count(em, "select " + bucket + " b, count(*) from project_transitions t "
                + "where t.to_status = 'COMPLETED'" + range + " group by b");
        long[] cancellations = period.count(em, "select " + bucket + " b, count(*) from project_transitions t "
                + "where t.to_status = 'CANCELLED'" + range + " group by b");
        String budgetSql = "select " + bucket + " b, p.budget_currency, sum(p.budget_amount) from project_transitions t "
                + "join projects p on p.id = t.subject_id where " + started + range
                + " and p.budget_amount is not null group by b, p.budget_currency";
        @SuppressWarnings("unchecked")
        List<Object[]> budgetRows = period.bind(em.createNativeQuery(budgetSql), budgetSql).getResultList();
        java.util.TreeSet<String> currencies = new java.util.TreeSet<>();
        Map<java.time.LocalDate, Map<String, BigDecimal>> budgets = new java.util.HashMap<>();
        for (Object[] row : budgetRows) {
            String currency = row[1].toString().trim();
            currencies.add(currency);
            budgets.computeIfAbsent(TrendPeriod.date(row[0]), key -> new java.util.HashMap<>())
                    .put(currency, (BigDecimal) row[2]);
        }
        return new ProjectStatistics.Trends(period.interval().value(), period.from(), period.to(), period.zone().getId(),
                List.copyOf(currencies), period.map(i -> {
                    TrendPeriod.Bucket b = period.buckets().get(i);
                    Map<String, BigDecimal> sums = budgets.getOrDefault(b.key(), Map.of());
                    List<Money> money = currencies.stream()
                            .map(currency -> Money.of(sums.getOrDefault(currency, BigDecimal.ZERO), currency)).toList();
                    return new ProjectStatistics.TrendBucket(b.start(), b.end(), starts[i], completions[i],
                            cancellations[i], money);
                }));
    }

    private <E extends Enum<E>> Map<E, Long> counts(Class<E> type, String attribute) {
        Map<E, Long> counts = new EnumMap<>(type);
        for (E value : type.getEnumConstants()) {
            counts.put(value, 0L);
        }
        em.createQuery("select p." + attribute + ", count(*) from Project p group by p." + attribute, Object[].class)
                .getResultList()
                .forEach(row -> counts.put(type.cast(row[0]), (Long) row[1]));
        return counts;
    }

    private MilestoneDigest digest(String dueClause, LocalDate from, LocalDate to, Integer days) {
        String where = " where m.status in :open and m.project.status not in :settled and " + dueClause;
        var count = em.createQuery("select count(*) from Milestone m" + where, Long.class);
        var items = em.createQuery("select m from Milestone m join fetch m.project" + where
                + " order by m.dueDate, m.id", Milestone.class);
        for (var query : List.of(count, items)) {
            query.setParameter("open", OPEN).setParameter("settled", SETTLED).setParameter("from", from);
            if (to != null) {
                query.setParameter("to", to);
            }
        }
        List<DueMilestone> listed = items.setMaxResults(LISTED).getResultList().stream()
                .map(m -> new DueMilestone(m.project.id, m.project.code, m.project.title, m.id, m.title, m.dueDate,
                        m.status))
                .toList();
        return new MilestoneDigest(days, days == null ? null : from, to, count.getSingleResult(), listed);
    }
}

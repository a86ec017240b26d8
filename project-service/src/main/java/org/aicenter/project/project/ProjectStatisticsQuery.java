package org.aicenter.project.project;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
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

    @Transactional(Transactional.TxType.SUPPORTS)
    public ProjectStatistics compute(int days) {
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
        return new ProjectStatistics(total, byStatus, byArea, budgets, dueSoon, overdue);
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

package org.aicenter.training.programme;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.aicenter.platform.statistics.EnumCounts;
import org.aicenter.training.enrolment.EnrolmentStatus;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Computes {@link ProgrammeStatistics} with a handful of grouped queries, one read-only snapshot. */
@ApplicationScoped
public class ProgrammeStatisticsService {

    static final int LIST_LIMIT = 500;

    @Inject
    EntityManager em;

    @Transactional
    public ProgrammeStatistics compute() {
        // one snapshot for all the queries below, so the figures agree with each other
        em.createNativeQuery("set transaction isolation level repeatable read, read only").executeUpdate();
        return new ProgrammeStatistics(
                Programme.count(),
                EnumCounts.of(ProgrammeStatus.class, group("select p.status, count(p) from Programme p group by p.status")),
                EnumCounts.of(Topic.class, group("select p.topic, count(p) from Programme p group by p.topic")),
                EnumCounts.of(Format.class, group("select p.format, count(p) from Programme p group by p.format")),
                EnumCounts.of(Level.class, group("select p.level, count(p) from Programme p group by p.level")),
                languages(),
                seatTotals(),
                EnumCounts.of(EnrolmentStatus.class, group("select e.status, count(e) from Enrolment e group by e.status")),
                byProgramme(),
                byPartner());
    }

    private List<Object[]> group(String jpql) {
        return em.createQuery(jpql, Object[].class).getResultList();
    }

    private Map<String, Long> languages() {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("zh", 0L);
        counts.put("en", 0L);
        for (Object[] row : group("select p.language, count(p) from Programme p group by p.language")) {
            counts.put((String) row[0], ((Number) row[1]).longValue());
        }
        return counts;
    }

    private ProgrammeStatistics.SeatTotals seatTotals() {
        Object[] row = (Object[]) em.createNativeQuery("""
                        select count(*), coalesce(sum(p.capacity), 0), coalesce(sum(s.taken), 0), coalesce(sum(s.waitlisted), 0)
                        from programmes p
                        left join (select programme_id,
                                          count(*) filter (where status in ('ENROLLED', 'COMPLETED', 'NO_SHOW')) as taken,
                                          count(*) filter (where status = 'WAITLISTED') as waitlisted
                                   from enrolments group by programme_id) s on s.programme_id = p.id
                        where p.status in ('PUBLISHED', 'IN_PROGRESS')""")
                .getSingleResult();
        long capacity = number(row[1]);
        long taken = number(row[2]);
        return new ProgrammeStatistics.SeatTotals(number(row[0]), capacity, taken, Math.max(capacity - taken, 0),
                number(row[3]));
    }

    private List<ProgrammeStatistics.ProgrammeFigures> byProgramme() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select p.id, p.code, p.title, p.status, p.capacity,
                               count(e.id) filter (where e.status = 'ENROLLED'),
                               count(e.id) filter (where e.status = 'COMPLETED'),
                               count(e.id) filter (where e.status = 'NO_SHOW'),
                               count(e.id) filter (where e.status = 'WAITLISTED'),
                               count(e.id) filter (where e.status = 'CANCELLED')
                        from programmes p left join enrolments e on e.programme_id = p.id
                        where p.status <> 'DRAFT'
                        group by p.id
                        order by p.start_date desc, p.id
                        limit :limit""")
                .setParameter("limit", LIST_LIMIT)
                .getResultList();
        return rows.stream().map(row -> {
            ProgrammeStatus status = ProgrammeStatus.valueOf((String) row[3]);
            int capacity = ((Number) row[4]).intValue();
            long enrolled = number(row[5]);
            long completed = number(row[6]);
            long noShow = number(row[7]);
            long taken = enrolled + completed + noShow;
            boolean started = status == ProgrammeStatus.IN_PROGRESS || status == ProgrammeStatus.COMPLETED;
            return new ProgrammeStatistics.ProgrammeFigures((UUID) row[0], (String) row[1], (String) row[2], status,
                    capacity, taken, Math.max(capacity - taken, 0), number(row[8]), enrolled, completed, noShow,
                    number(row[9]), started ? rate(completed, taken) : null);
        }).toList();
    }

    private List<ProgrammeStatistics.PartnerFigures> byPartner() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select e.participant_partner_id, count(*),
                               count(*) filter (where e.status = 'COMPLETED'),
                               count(*) filter (where e.status = 'NO_SHOW'),
                               count(*) filter (where e.status in ('ENROLLED', 'COMPLETED', 'NO_SHOW')
                                                and p.status in ('IN_PROGRESS', 'COMPLETED'))
                        from enrolments e join programmes p on p.id = e.programme_id
                        where e.participant_partner_id is not null
                        group by e.participant_partner_id
                        order by count(*) desc, e.participant_partner_id
                        limit :limit""")
                .setParameter("limit", LIST_LIMIT)
                .getResultList();
        return rows.stream().map(row -> {
            long completed = number(row[2]);
            return new ProgrammeStatistics.PartnerFigures((UUID) row[0], number(row[1]), completed, number(row[3]),
                    rate(completed, number(row[4])));
        }).toList();
    }

    /** A share rounded to 4 places; null when there is nothing to divide by. */
    private static Double rate(long part, long whole) {
        return whole == 0 ? null : Math.round(part * 10000.0 / whole) / 10000.0;
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }
}

package org.aicenter.training.programme;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.aicenter.platform.paging.Page;
import org.aicenter.platform.paging.PageRequest;
import org.aicenter.platform.persistence.ExpensiveReads;
import org.aicenter.platform.statistics.EnumCounts;
import org.aicenter.platform.persistence.TrendPeriod;
import org.aicenter.training.enrolment.EnrolmentStatus;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Computes {@link ProgrammeStatistics} with a handful of grouped queries, one read-only snapshot. */
@ApplicationScoped
public class ProgrammeStatisticsService {

    private static final String TAKEN = "('ENROLLED', 'COMPLETED', 'NO_SHOW')";
    private static final String STARTED = "('IN_PROGRESS', 'COMPLETED')";

    @Inject
    EntityManager em;
    @Inject
    ExpensiveReads expensive;

    /** In one read-only snapshot (ExpensiveReads), so the figures agree with each other; bounded like every statistic. */
    public ProgrammeStatistics compute(TrendPeriod period) {
        return expensive.run("Programme statistics", () -> read(period));
    }

    private ProgrammeStatistics read(TrendPeriod period) {
        return new ProgrammeStatistics(
                Programme.count(),
                EnumCounts.of(ProgrammeStatus.class, group("select p.status, count(p) from Programme p group by p.status")),
                EnumCounts.of(Topic.class, group("select p.topic, count(p) from Programme p group by p.topic")),
                EnumCounts.of(Format.class, group("select p.format, count(p) from Programme p group by p.format")),
                EnumCounts.of(Level.class, group("select p.level, count(p) from Programme p group by p.level")),
                languages(),
                seatTotals(),
                EnumCounts.of(EnrolmentStatus.class, group("select e.status, count(e) from Enrolment e group by e.status")),
                completionRate(),
                period == null ? null : trends(period));
    }

    /**
     * Every programme that is not DRAFT, latest start first, one page at a time (the page from the
     * start-date index); an expensive read, like the statistics.
     */
    public Page<ProgrammeStatistics.ProgrammeFigures> byProgramme(PageRequest page) {
        return expensive.run("Programme figures", () -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("""
                            select p.id, p.code, p.title, p.status, p.capacity,
                                   count(e.id) filter (where e.status = 'ENROLLED'),
                                   count(e.id) filter (where e.status = 'COMPLETED'),
                                   count(e.id) filter (where e.status = 'NO_SHOW'),
                                   count(e.id) filter (where e.status = 'WAITLISTED'),
                                   count(e.id) filter (where e.status = 'CANCELLED')
                            from (select * from programmes where status <> 'DRAFT'
                                  order by start_date desc, id limit :size offset :offset) p
                            left join enrolments e on e.programme_id = p.id
                            group by p.id, p.code, p.title, p.status, p.capacity, p.start_date
                            order by p.start_date desc, p.id""")
                    .setParameter("size", page.size())
                    .setParameter("offset", page.offset())
                    .getResultList();
            long total = ((Number) em.createNativeQuery("select count(*) from programmes where status <> 'DRAFT'")
                    .getSingleResult()).longValue();
            return Page.of(rows.stream().map(row -> {
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
            }).toList(), page, total);
        });
    }

    /** Partner organisations of participants, most enrolments first, one page at a time; an expensive read. */
    public Page<ProgrammeStatistics.PartnerFigures> byPartner(PageRequest page) {
        return expensive.run("Partner figures", () -> {
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
                            limit :size offset :offset""")
                    .setParameter("size", page.size())
                    .setParameter("offset", page.offset())
                    .getResultList();
            long total = ((Number) em.createNativeQuery("select count(distinct participant_partner_id) from enrolments "
                    + "where participant_partner_id is not null").getSingleResult()).longValue();
            return Page.of(rows.stream().map(row -> {
                long completed = number(row[2]);
                return new ProgrammeStatistics.PartnerFigures((UUID) row[0], number(row[1]), completed, number(row[3]),
                        rate(completed, number(row[4])));
            }).toList(), page, total);
        });
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

    /** The center's rate, by the same definition as each programme's: over every started programme. */
    private Double completionRate() {
        Object[] row = (Object[]) em.createNativeQuery("select count(*) filter (where e.status = 'COMPLETED'), count(*) "
                        + "from enrolments e join programmes p on p.id = e.programme_id "
                        + "where p.status in " + STARTED + " and e.status in " + TAKEN)
                .getSingleResult();
        return rate(number(row[0]), number(row[1]));
    }

    /**
     * Each series by a range over an indexed column: made and waitlisted by createdAt (an enrolment
     * that went onto the waitlist has no seat from its creation on), cancelled and completed by
     * their own times, the completion rate by the end date of the started programmes.
     */
    private ProgrammeStatistics.Trends trends(TrendPeriod period) {
        Map<LocalDate, Object[]> made = period.rows(em, "select " + period.bucketOfInstant("e.created_at") + " b, count(*), "
                + "count(*) filter (where e.enrolled_at is distinct from e.created_at) from enrolments e "
                + "where e.created_at >= :start and e.created_at < :end group by b");
        long[] cancelled = period.count(em, "select " + period.bucketOfInstant("e.cancelled_at") + " b, count(*) "
                + "from enrolments e where e.cancelled_at >= :start and e.cancelled_at < :end group by b");
        long[] completed = period.count(em, "select " + period.bucketOfInstant("e.completed_at") + " b, count(*) "
                + "from enrolments e where e.completed_at >= :start and e.completed_at < :end group by b");
        Map<LocalDate, Object[]> ended = period.rows(em, "select " + period.bucketOfDate("p.end_date") + " b, "
                + "count(e.id) filter (where e.status = 'COMPLETED'), count(e.id) from programmes p "
                + "join enrolments e on e.programme_id = p.id and e.status in " + TAKEN + " "
                + "where p.status in " + STARTED + " and p.end_date between :from and :to group by b");
        return new ProgrammeStatistics.Trends(period.interval().value(), period.from(), period.to(), period.zone().getId(),
                period.map(i -> {
                    TrendPeriod.Bucket bucket = period.buckets().get(i);
                    Object[] m = made.get(bucket.key());
                    Object[] e = ended.get(bucket.key());
                    long taken = e == null ? 0 : number(e[2]);
                    return new ProgrammeStatistics.TrendBucket(bucket.start(), bucket.end(),
                            m == null ? 0 : number(m[1]), m == null ? 0 : number(m[2]), cancelled[i], completed[i],
                            taken, e == null ? null : rate(number(e[1]), taken));
                }));
    }

    /** A share rounded to 4 places; null when there is nothing to divide by. */
    private static Double rate(long part, long whole) {
        return whole == 0 ? null : Math.round(part * 10000.0 / whole) / 10000.0;
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }
}

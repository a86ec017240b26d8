package org.aicenter.training.programme;

import io.quarkus.hibernate.orm.panache.Panache;
import org.aicenter.training.enrolment.EnrolmentStatus;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * How a programme's seats stand: {@code taken} counts enrolments holding a seat (ENROLLED, and
 * those that went on to COMPLETED or NO_SHOW), {@code free} is capacity minus taken.
 */
@Schema(name = "Seats")
public record Seats(int taken, int free, int waitlisted) {

    static Seats of(int capacity, Counts counts) {
        return new Seats(counts.taken, Math.max(capacity - counts.taken, 0), counts.waitlisted);
    }

    record Counts(int taken, int waitlisted) {
        static final Counts NONE = new Counts(0, 0);
    }

    /** Seat counts of many programmes in one grouped query over the (programme_id, status) index. */
    static Map<UUID, Counts> countFor(Collection<UUID> programmeIds) {
        Map<UUID, Counts> counts = new HashMap<>();
        if (programmeIds.isEmpty()) {
            return counts;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = Panache.getEntityManager().createNativeQuery("""
                        select programme_id,
                               count(*) filter (where status in (:holders)),
                               count(*) filter (where status = 'WAITLISTED')
                        from enrolments
                        where programme_id in (:ids) and status in (:counted)
                        group by programme_id""")
                .setParameter("holders", EnrolmentStatus.SEAT_HOLDERS)
                .setParameter("counted", List.of("ENROLLED", "COMPLETED", "NO_SHOW", "WAITLISTED"))
                .setParameter("ids", programmeIds)
                .getResultList();
        for (Object[] row : rows) {
            counts.put((UUID) row[0], new Counts(((Number) row[1]).intValue(), ((Number) row[2]).intValue()));
        }
        return counts;
    }
}

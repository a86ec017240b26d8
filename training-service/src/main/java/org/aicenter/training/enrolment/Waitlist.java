package org.aicenter.training.enrolment;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.aicenter.platform.changes.ChangeAction;
import org.aicenter.training.programme.ProgrammeChanges;
import org.aicenter.training.programme.Programme;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * The seats of a programme and the queue behind them. Every method here expects the caller to
 * hold the programme's row lock ({@code ProgrammeService.lock}) in the current transaction: the
 * lock is what makes "count the seats, then take one" and "free a seat, then promote the first
 * waiting" safe under concurrent requests, so the rules live in the database transaction and
 * never in this JVM's memory.
 *
 * <p>The waitlist keeps positions 1..N with no gap: leaving it (cancelled or promoted) moves
 * everyone behind up in the same transaction.
 */
@ApplicationScoped
public class Waitlist {

    private static final Logger LOG = Logger.getLogger(Waitlist.class);

    @Inject
    EntityManager em;
    @Inject
    ProgrammeChanges changes;

    /** Enrolments holding a seat: ENROLLED, and those that went on to COMPLETED or NO_SHOW. */
    public int seatsTaken(UUID programmeId) {
        return em.createQuery("select count(e) from Enrolment e where e.programmeId = :p and e.status in :holders",
                        Long.class)
                .setParameter("p", programmeId)
                .setParameter("holders", List.of(EnrolmentStatus.ENROLLED, EnrolmentStatus.COMPLETED,
                        EnrolmentStatus.NO_SHOW))
                .getSingleResult().intValue();
    }

    /** The position a newcomer gets: one behind the last. */
    int nextPosition(UUID programmeId) {
        Integer last = em.createQuery("select max(e.waitlistPosition) from Enrolment e "
                        + "where e.programmeId = :p and e.status = :waitlisted", Integer.class)
                .setParameter("p", programmeId)
                .setParameter("waitlisted", EnrolmentStatus.WAITLISTED)
                .getSingleResult();
        return last == null ? 1 : last + 1;
    }

    /**
     * Gives every free seat to the head of the waitlist, in order, and closes up the rest of the
     * queue. Returns how many moved up. Called when a seat is freed and when capacity grows.
     */
    public int fillFreeSeats(Programme programme, String reason, String by) {
        int free = programme.capacity - seatsTaken(programme.id);
        if (free <= 0) {
            return 0;
        }
        List<Enrolment> head = em.createQuery("from Enrolment e where e.programmeId = :p and e.status = :waitlisted "
                        + "order by e.waitlistPosition", Enrolment.class)
                .setParameter("p", programme.id)
                .setParameter("waitlisted", EnrolmentStatus.WAITLISTED)
                .setMaxResults(free)
                .getResultList();
        if (head.isEmpty()) {
            return 0;
        }
        Instant now = now();
        for (Enrolment enrolment : head) {
            enrolment.status = EnrolmentStatus.ENROLLED;
            enrolment.waitlistPosition = null;
            enrolment.enrolledAt = now;
            enrolment.markUpdated(by);
            new EnrolmentTransition().record(enrolment.id, EnrolmentStatus.WAITLISTED, EnrolmentStatus.ENROLLED, reason, by)
                    .persist();
        }
        em.flush();
        changes.enrolments(ChangeAction.STATUS_CHANGED, programme, head.stream().map(e -> e.id).toList());
        closeUp(programme, 0, head.size(), by);
        LOG.infof("programme %s: %d moved up from the waitlist into a seat (%s)", programme.code, head.size(), reason);
        return head.size();
    }

    /**
     * Cancels one live enrolment: a waitlisted one leaves a gap that closes; an enrolled one frees
     * a seat that the first on the waitlist takes, in this same transaction.
     */
    void cancel(Programme programme, Enrolment enrolment, String reason, String by) {
        EnrolmentStatus from = enrolment.status;
        Integer position = enrolment.waitlistPosition;
        enrolment.status = EnrolmentStatus.CANCELLED;
        enrolment.waitlistPosition = null;
        enrolment.cancelledAt = now();
        enrolment.markUpdated(by);
        new EnrolmentTransition().record(enrolment.id, from, EnrolmentStatus.CANCELLED, reason, by).persist();
        em.flush();
        changes.enrolments(ChangeAction.STATUS_CHANGED, programme, List.of(enrolment.id));
        if (from == EnrolmentStatus.WAITLISTED) {
            closeUp(programme, position, 1, by);
        } else if (from == EnrolmentStatus.ENROLLED) {
            fillFreeSeats(programme, "moved up into the seat freed by enrolment " + enrolment.id, by);
        }
    }

    /** The programme was cancelled: every live enrolment ends with it. */
    public int cancelLive(Programme programme, String reason, String by) {
        return cancelAll(programme, List.of(EnrolmentStatus.ENROLLED.name(), EnrolmentStatus.WAITLISTED.name()),
                reason, by);
    }

    /** The programme is over: nobody can move up any more, so the waitlist is closed. */
    public int cancelWaiting(Programme programme, String reason, String by) {
        return cancelAll(programme, List.of(EnrolmentStatus.WAITLISTED.name()), reason, by);
    }

    /** One statement cancels them all and writes each one's history row. */
    private int cancelAll(Programme programme, List<String> statuses, String reason, String by) {
        em.flush();
        Instant now = now();
        @SuppressWarnings("unchecked")
        List<UUID> ids = em.createNativeQuery("""
                        with target as (
                            select id, status from enrolments
                            where programme_id = :p and status in (:statuses)
                            for update
                        ), changed as (
                            update enrolments e
                               set status = 'CANCELLED', waitlist_position = null, cancelled_at = :now,
                                   version = e.version + 1, updated_at = :now, updated_by = :by
                              from target t
                             where e.id = t.id
                            returning e.id, t.status as old_status
                        )
                        insert into enrolment_transitions (subject_id, from_status, to_status, reason, changed_by, changed_at)
                        select id, old_status, 'CANCELLED', :reason, :by, :now from changed
                        returning subject_id""", UUID.class)
                .setParameter("p", programme.id)
                .setParameter("statuses", statuses)
                .setParameter("now", now)
                .setParameter("by", by)
                .setParameter("reason", reason)
                .getResultList();
        int cancelled = ids.size();
        changes.enrolments(ChangeAction.STATUS_CHANGED, programme, ids);
        if (cancelled > 0) {
            LOG.infof("programme %s: %d enrolments cancelled (%s)", programme.code, cancelled, reason);
        }
        return cancelled;
    }

    /** Everyone waiting behind {@code after} moves up {@code by} places. */
    private void closeUp(Programme programme, int after, int places, String actor) {
        UUID programmeId = programme.id;
        List<UUID> moved = em.createQuery("select e.id from Enrolment e where e.programmeId = :p and e.status = :waitlisted "
                        + "and e.waitlistPosition > :after", UUID.class)
                .setParameter("p", programmeId)
                .setParameter("waitlisted", EnrolmentStatus.WAITLISTED)
                .setParameter("after", after)
                .getResultList();
        em.createQuery("update Enrolment e set e.waitlistPosition = e.waitlistPosition - :places, "
                        + "e.version = e.version + 1, e.updatedAt = :now, e.updatedBy = :actor "
                        + "where e.programmeId = :p and e.status = :waitlisted and e.waitlistPosition > :after")
                .setParameter("places", places)
                .setParameter("now", now())
                .setParameter("actor", actor)
                .setParameter("p", programmeId)
                .setParameter("waitlisted", EnrolmentStatus.WAITLISTED)
                .setParameter("after", after)
                .executeUpdate();
        changes.enrolments(ChangeAction.UPDATED, programme, moved);
    }

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}

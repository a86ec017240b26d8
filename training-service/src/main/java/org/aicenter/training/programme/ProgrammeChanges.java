package org.aicenter.training.programme;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.aicenter.platform.changes.ChangeAction;
import org.aicenter.platform.changes.ChangeKind;
import org.aicenter.platform.changes.Changes;
import org.aicenter.training.enrolment.Enrolment;
import org.aicenter.training.enrolment.EnrolmentView;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * training-service's events in its change feed: programmes, their sessions and enrolments. A
 * programme's view holds its sessions and its seats, so a change of either is also the programme's
 * {@code updated} event (seats change without the programme's version: the event says so by data).
 */
@ApplicationScoped
public class ProgrammeChanges {

    public static final ChangeKind PROGRAMMES = ChangeKind.of("programme", "/api/v1/programmes");
    public static final ChangeKind SESSIONS = ChangeKind.of("session", "/api/v1/programmes/{parent}/sessions");
    public static final ChangeKind ENROLMENTS = ChangeKind.of("enrolment", "/api/v1/programmes/{parent}/enrolments");
    public static final List<ChangeKind> KINDS = List.of(PROGRAMMES, SESSIONS, ENROLMENTS);

    @Inject
    Changes changes;
    @Inject
    ProgrammeService programmes;
    @Inject
    EntityManager em;

    public void programme(ChangeAction action, Programme programme) {
        em.flush();
        ProgrammeView view = programmes.viewOf(programme);
        switch (action) {
            case CREATED -> changes.created(PROGRAMMES, null, view);
            case STATUS_CHANGED -> changes.statusChanged(PROGRAMMES, null, view);
            case UPDATED -> changes.updated(PROGRAMMES, null, view);
            case DELETED -> throw new IllegalArgumentException("a programme's deletion names its sessions: deleted(programme, sessions)");
        }
    }

    public void session(ChangeAction action, Programme programme, ProgrammeSession session) {
        em.flush();
        switch (action) {
            case CREATED -> changes.created(SESSIONS, programme.id, SessionView.of(session));
            case DELETED -> changes.deleted(SESSIONS, programme.id, session.id, session.version);
            default -> changes.updated(SESSIONS, programme.id, SessionView.of(session));
        }
        programme(ChangeAction.UPDATED, programme);
    }

    /**
     * Enrolments changed (in this transaction, perhaps by a bulk statement): each one's event from the
     * row as it is now. Their programme's seats moved too: the operation that changed them ends with
     * the programme's own event, once, however many steps (a cancel, the promotions it causes, the
     * queue closing up) changed enrolments on the way.
     */
    public void enrolments(ChangeAction action, Programme programme, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return;
        }
        em.flush();
        for (UUID id : ids) {
            Enrolment enrolment = em.find(Enrolment.class, id);
            em.refresh(enrolment);
            var view = EnrolmentView.of(enrolment);
            switch (action) {
                case CREATED -> changes.created(ENROLMENTS, programme.id, view);
                case STATUS_CHANGED -> changes.statusChanged(ENROLMENTS, programme.id, view);
                default -> changes.updated(ENROLMENTS, programme.id, view);
            }
        }
    }

    /** A DRAFT programme deleted with its sessions: each session's deletion, then the programme's. */
    public void deleted(Programme programme, List<ProgrammeSession> sessions) {
        sessions.forEach(session -> changes.deleted(SESSIONS, programme.id, session.id, session.version));
        changes.deleted(PROGRAMMES, null, programme.id, programme.version);
    }
}

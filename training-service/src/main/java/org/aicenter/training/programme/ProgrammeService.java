package org.aicenter.training.programme;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.aicenter.partnerclient.PartnerDirectory;
import org.aicenter.platform.changes.ChangeAction;
import org.aicenter.platform.concurrency.ETags;
import org.aicenter.platform.persistence.Records;
import org.aicenter.platform.idempotency.Idempotency;
import org.aicenter.platform.lifecycle.Lifecycle;
import org.aicenter.platform.lifecycle.History;
import org.aicenter.platform.lifecycle.TransitionView;
import org.aicenter.platform.paging.ListParams;
import org.aicenter.platform.persistence.Criteria;
import org.aicenter.platform.paging.Page;
import org.aicenter.platform.paging.PageRequest;
import org.aicenter.platform.paging.Sorting;
import org.aicenter.platform.patch.MergePatcher;
import org.aicenter.platform.persistence.Listing;
import org.aicenter.platform.persistence.YearlyCodes;
import org.aicenter.platform.problem.FieldError;
import org.aicenter.platform.problem.ProblemException;
import org.aicenter.platform.problem.ProblemType;
import org.aicenter.platform.security.Actor;
import org.aicenter.training.enrolment.Waitlist;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The programme rules: codes, dates, location, capacity against the seats taken, the lifecycle
 * and its effect on enrolments, sessions within the programme's dates. Owns the transactions.
 * Every write that can change seats (capacity, status) locks the programme row first, the same
 * lock every enrolment write takes, so the seat rules hold under concurrency.
 */
@ApplicationScoped
public class ProgrammeService {

    private static final Logger LOG = Logger.getLogger(ProgrammeService.class);
    private static final YearlyCodes CODES = new YearlyCodes("TRN", "programme_code_counters", "last_number");

    /** The list's sort fields, the default first. */
    public static final String SORT = "startDate,enrolmentDeadline,code,title,createdAt,updatedAt";
    static final Sorting SORTING = Sorting.of(SORT, Map.of(
            "startDate", "startDate",
            "enrolmentDeadline", "enrolmentDeadline",
            "code", "code",
            "title", "title",
            "createdAt", "createdAt",
            "updatedAt", "updatedAt"));

    /** The sessions' sort fields, the default first; a programme's sessions are found by (programme_id, starts_at). */
    public static final String SESSION_SORT = "startsAt,title,createdAt,updatedAt";
    static final Sorting SESSION_SORTING = Sorting.of(SESSION_SORT, Map.of(
            "startsAt", "startsAt", "title", "title", "createdAt", "createdAt", "updatedAt", "updatedAt"));

    @Inject
    Actor actor;
    @Inject
    SecurityIdentity identity;
    @Inject
    MergePatcher patcher;
    @Inject
    Idempotency idempotency;
    @Inject
    PartnerDirectory partners;
    @Inject
    Waitlist waitlist;
    @Inject
    ProgrammeChanges changes;
    @ConfigProperty(name = "aic.zone")
    ZoneId zone;

    public ZoneId zone() {
        return zone;
    }

    /** What a new programme needs before its transaction opens: consistent dates, a host partner that may host. */
    public void checkNew(ProgrammeRequest request) {
        request.checkConsistency();
        if (request.hostPartnerId() != null) {
            partners.requireUsable("hostPartnerId", request.hostPartnerId());
        }
    }

    @Transactional
    public ProgrammeView create(ProgrammeRequest request) {
        Programme programme = new Programme();
        programme.apply(request);
        programme.markCreated(actor.subject());
        programme.code = CODES.next(Programme.getEntityManager(), LocalDate.now(zone).getYear());
        programme.persist();
        Programme.flush();
        LOG.infof("programme %s created (%s, %d seats) by %s", programme.code, programme.id, programme.capacity,
                actor.subject());
        changes.programme(ChangeAction.CREATED, programme);
        return view(programme);
    }

    /** One programme; callers without a token see only a PUBLISHED one, without people's details. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public ProgrammeView get(UUID id) {
        Programme programme = Programme.findById(id);
        boolean anonymous = identity.isAnonymous();
        if (programme == null || anonymous && programme.status != ProgrammeStatus.PUBLISHED) {
            throw ProblemException.notFound("Programme", id);
        }
        return view(programme, anonymous);
    }

    /**
     * A page of programmes. Without a token this is the published catalogue: no status means
     * PUBLISHED, and asking for another status needs a token (401), since drafts and internal
     * plans are not public.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<ProgrammeView> list(ProgrammeFilter filter, PageRequest page, String sort) {
        boolean anonymous = identity.isAnonymous();
        if (anonymous) {
            if (filter.status() != null && filter.status() != ProgrammeStatus.PUBLISHED) {
                throw new ProblemException(ProblemType.UNAUTHORIZED, "Without a token only the published catalogue "
                        + "(status=PUBLISHED) can be listed; send a bearer token to list " + filter.status()
                        + " programmes").header("WWW-Authenticate", "Bearer");
            }
            filter = filter.withStatus(ProgrammeStatus.PUBLISHED);
        }
        boolean forPublic = anonymous;
        return Listing.page(Programme.class, "p", filter.criteria(), SORTING.orderBy(sort, "p"), page,
                programmes -> views(programmes, forPublic));
    }

    public ProgrammeView replace(UUID id, String ifMatch, ProgrammeRequest request) {
        request.checkConsistency();
        checkHostIfChanged(id, request);
        return QuarkusTransaction.requiringNew().call(() -> {
            Programme programme = lock(id);
            ETags.require(ifMatch, programme.version);
            return update(programme, request);
        });
    }

    /** JSON Merge Patch over the programme as a request; the result is checked like a PUT body. */
    public ProgrammeView patch(UUID id, String ifMatch, JsonNode patch) {
        ProgrammeRequest request = QuarkusTransaction.requiringNew().call(() -> {
            Programme programme = find(id);
            ETags.require(ifMatch, programme.version);
            return merged(programme, patch);
        });
        request.checkConsistency();
        checkHostIfChanged(id, request);
        return QuarkusTransaction.requiringNew().call(() -> {
            Programme programme = lock(id);
            ETags.require(ifMatch, programme.version); // changed since the merge: the patch was made against another state
            return update(programme, request);
        });
    }

    private ProgrammeRequest merged(Programme programme, JsonNode patch) {
        return patcher.apply(ProgrammeRequest.of(programme), patch, ProgrammeRequest.class);
    }

    /** A host that is already on the programme is not asked about again: only a new host must be usable. */
    private void checkHostIfChanged(UUID id, ProgrammeRequest request) {
        if (request.hostPartnerId() == null) {
            return;
        }
        UUID current = QuarkusTransaction.requiringNew().call(() -> find(id).hostPartnerId);
        if (!request.hostPartnerId().equals(current)) {
            partners.requireUsable("hostPartnerId", request.hostPartnerId());
        }
    }

    /** Runs with the programme row locked, so the seat count cannot move under the capacity check. */
    private ProgrammeView update(Programme programme, ProgrammeRequest request) {
        if (programme.status.isTerminal()) {
            throw ProblemException.conflict("A " + programme.status + " programme can no longer be changed");
        }
        int taken = waitlist.seatsTaken(programme.id);
        if (request.capacity() < taken) {
            throw ProblemException.conflict("capacity " + request.capacity() + " is below the " + taken
                            + " seats already taken; cancel enrolments first or keep at least " + taken + " seats")
                    .with("seatsTaken", taken);
        }
        checkSessionsFit(programme.id, request.startDate(), request.endDate());
        int oldCapacity = programme.capacity;
        programme.apply(request);
        programme.markUpdated(actor.subject());
        Programme.flush();
        if (programme.capacity > oldCapacity) {
            int promoted = waitlist.fillFreeSeats(programme, "capacity raised to " + programme.capacity,
                    actor.subject());
            if (promoted > 0) {
                Programme.flush();
            }
        }
        LOG.infof("programme %s updated to version %d by %s", programme.code, programme.version, actor.subject());
        changes.programme(ChangeAction.UPDATED, programme);
        return view(programme);
    }

    /** Only a DRAFT (a record made by mistake, never open for enrolment) can be deleted; cancel any other. */
    @Transactional
    public void delete(UUID id, String ifMatch) {
        Programme programme = lock(id);
        ETags.require(ifMatch, programme.version);
        Lifecycle.requireDeletable("programme", programme.status, ProgrammeStatus.DRAFT,
                "Cancel it with a transition instead, so its enrolments and history are kept");
        List<ProgrammeSession> sessions = ProgrammeSession.list("programmeId", id);
        ProgrammeSession.delete("programmeId", id);
        ProgrammeTransition.delete("subjectId", id);
        programme.delete();
        changes.deleted(programme, sessions);
        LOG.infof("programme %s deleted by %s", programme.code, actor.subject());
    }

    /**
     * Moves a programme along its lifecycle. Cancelling it cancels every live enrolment; completing
     * it closes the waitlist (those still waiting are cancelled); both in the same transaction.
     */
    @Transactional
    public ProgrammeView transition(UUID id, String ifMatch, TransitionRequest request) {
        Programme programme = lock(id);
        ETags.require(ifMatch, programme.version);
        ProgrammeStatus from = programme.status;
        Lifecycle.check("Programme", from, request.to());
        programme.status = request.to();
        programme.markUpdated(actor.subject());
        String reason = request.reason().strip();
        new ProgrammeTransition().record(id, from, request.to(), reason, actor.subject()).persist();
        Programme.flush();
        int closed = switch (request.to()) {
            case CANCELLED -> waitlist.cancelLive(programme, "programme cancelled: " + reason, actor.subject());
            case COMPLETED -> waitlist.cancelWaiting(programme, "programme completed; the waitlist is closed",
                    actor.subject());
            default -> 0;
        };
        LOG.infof("programme %s moved %s -> %s by %s%s", programme.code, from, request.to(), actor.subject(),
                closed > 0 ? " (" + closed + " enrolments cancelled)" : "");
        changes.programme(ChangeAction.STATUS_CHANGED, programme);
        return view(programme);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<TransitionView> history(UUID id, ListParams list) {
        find(id);
        return History.of(ProgrammeTransition.class, id, list);
    }

    // --- sessions: part of the programme, so each change also moves the programme's version ---

    /** Sessions a programme may have: its page in the public catalogue stays small whatever is added. */
    public static final int MAX_SESSIONS = 200;

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<SessionView> sessions(UUID programmeId, ListParams list) {
        find(programmeId);
        PageRequest page = list.pageRequest();
        Criteria criteria = new Criteria().and("s.programmeId = :programme", "programme", programmeId)
                .and("s.updatedAt >= :updatedSince", "updatedSince", list.updatedSince());
        List<ProgrammeSession> found = ProgrammeSession.<ProgrammeSession>find("from ProgrammeSession s" + criteria.where()
                + " order by " + SESSION_SORTING.orderBy(list.sort(), "s"), criteria.parameters())
                .page(page.page(), page.size()).list();
        long total = found.size() < page.size() && (page.page() == 0 || !found.isEmpty())
                ? (long) page.offset() + found.size()
                : ProgrammeSession.count("from ProgrammeSession s" + criteria.where(), criteria.parameters());
        return Page.of(found.stream().map(SessionView::of).toList(), page, total);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public SessionView session(UUID programmeId, UUID sessionId) {
        find(programmeId);
        return SessionView.of(findSession(programmeId, sessionId));
    }

    @Transactional
    public SessionView addSession(UUID programmeId, SessionRequest request) {
        Programme programme = lock(programmeId);
        checkChangeable(programme);
        checkSessionTimes(programme, request);
        // Under the programme's lock, so concurrent adds cannot pass the bound together.
        long sessions = ProgrammeSession.count("programmeId", programmeId);
        if (sessions >= MAX_SESSIONS) {
            throw ProblemException.conflict("A programme has at most " + MAX_SESSIONS + " sessions; programme "
                    + programme.code + " has " + sessions).with("maxSessions", MAX_SESSIONS);
        }
        ProgrammeSession session = new ProgrammeSession();
        session.programmeId = programmeId;
        session.apply(request);
        session.markCreated(actor.subject());
        session.persist();
        programme.markUpdated(actor.subject());
        ProgrammeSession.flush();
        LOG.infof("session %s added to programme %s by %s", session.id, programme.code, actor.subject());
        changes.session(ChangeAction.CREATED, programme, session);
        return SessionView.of(session);
    }

    @Transactional
    public SessionView replaceSession(UUID programmeId, UUID sessionId, String ifMatch, SessionRequest request) {
        Programme programme = lock(programmeId);
        ProgrammeSession session = findSession(programmeId, sessionId);
        ETags.require(ifMatch, session.version);
        checkChangeable(programme);
        checkSessionTimes(programme, request);
        session.apply(request);
        session.markUpdated(actor.subject());
        programme.markUpdated(actor.subject());
        ProgrammeSession.flush();
        LOG.infof("session %s of programme %s updated by %s", sessionId, programme.code, actor.subject());
        changes.session(ChangeAction.UPDATED, programme, session);
        return SessionView.of(session);
    }

    @Transactional
    public void deleteSession(UUID programmeId, UUID sessionId, String ifMatch) {
        Programme programme = lock(programmeId);
        ProgrammeSession session = findSession(programmeId, sessionId);
        ETags.require(ifMatch, session.version);
        checkChangeable(programme);
        session.delete();
        programme.markUpdated(actor.subject());
        changes.session(ChangeAction.DELETED, programme, session);
        LOG.infof("session %s of programme %s deleted by %s", sessionId, programme.code, actor.subject());
    }

    private void checkChangeable(Programme programme) {
        if (programme.status.isTerminal()) {
            throw ProblemException.conflict("A " + programme.status + " programme can no longer be changed");
        }
    }

    private void checkSessionTimes(Programme programme, SessionRequest request) {
        if (!request.endsAt().isAfter(request.startsAt())) {
            throw ProblemException.invalid("endsAt", "must be after startsAt");
        }
        List<FieldError> errors = new ArrayList<>();
        if (request.startsAt().isBefore(firstInstant(programme.startDate))) {
            errors.add(new FieldError("startsAt", "must be on or after the programme's startDate " + programme.startDate
                    + " (" + zone + ")"));
        }
        if (request.endsAt().isAfter(endInstant(programme.endDate))) {
            errors.add(new FieldError("endsAt", "must be on or before the programme's endDate " + programme.endDate
                    + " (" + zone + ")"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.UNPROCESSABLE,
                    errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; ")), errors);
        }
    }

    /** New dates must still hold every session; the problem names the sessions that would fall outside. */
    private void checkSessionsFit(UUID programmeId, LocalDate startDate, LocalDate endDate) {
        Instant first = firstInstant(startDate);
        Instant end = endInstant(endDate);
        List<ProgrammeSession> outside = ProgrammeSession.of(programmeId).stream()
                .filter(s -> s.startsAt.isBefore(first) || s.endsAt.isAfter(end))
                .toList();
        if (!outside.isEmpty()) {
            throw new ProblemException(ProblemType.UNPROCESSABLE, "startDate/endDate: " + outside.size()
                    + " session(s) would fall outside the programme's dates; move or delete them first",
                    List.of(new FieldError(outside.get(0).startsAt.isBefore(first) ? "startDate" : "endDate",
                            "sessions must lie within the programme's dates")))
                    .with("sessions", outside.stream().map(s -> s.id.toString()).toList());
        }
    }

    private Instant firstInstant(LocalDate startDate) {
        return startDate.atStartOfDay(zone).toInstant();
    }

    private Instant endInstant(LocalDate endDate) {
        return endDate.plusDays(1).atStartOfDay(zone).toInstant();
    }

    // --- reading ---

    /** The programme row, locked until the transaction ends: every seat-changing write takes this lock first. */
    public static Programme lock(UUID id) {
        return Records.lock(Programme.class, "Programme", id);
    }

    static Programme find(UUID id) {
        return Records.find(Programme.class, "Programme", id);
    }

    private static ProgrammeSession findSession(UUID programmeId, UUID sessionId) {
        ProgrammeSession session = ProgrammeSession.findById(sessionId);
        if (session == null || !Objects.equals(session.programmeId, programmeId)) {
            throw ProblemException.notFound("Session", sessionId);
        }
        return session;
    }

    private ProgrammeView view(Programme programme) {
        return view(programme, false);
    }

    /** The programme as GET answers a signed-in caller, for its events. */
    ProgrammeView viewOf(Programme programme) {
        return view(programme, false);
    }

    private ProgrammeView view(Programme programme, boolean forPublic) {
        return views(List.of(programme), forPublic).get(0);
    }

    /** Views of many programmes with two more queries in all: seat counts and sessions. */
    private List<ProgrammeView> views(List<Programme> programmes, boolean forPublic) {
        List<UUID> ids = programmes.stream().map(p -> p.id).toList();
        Map<UUID, Seats.Counts> counts = Seats.countFor(ids);
        Map<UUID, List<ProgrammeSession>> sessions = ProgrammeSession.ofAll(ids).stream()
                .collect(Collectors.groupingBy(s -> s.programmeId));
        LocalDate today = LocalDate.now(zone);
        return programmes.stream().map(p -> ProgrammeView.of(p, counts.getOrDefault(p.id, Seats.Counts.NONE),
                sessions.getOrDefault(p.id, List.of()), today, forPublic)).toList();
    }
}

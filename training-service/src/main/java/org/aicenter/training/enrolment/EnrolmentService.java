package org.aicenter.training.enrolment;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.aicenter.partnerclient.PartnerDirectory;
import org.aicenter.platform.changes.ChangeAction;
import org.aicenter.platform.concurrency.ETags;
import org.aicenter.platform.idempotency.Idempotency;
import org.aicenter.platform.lifecycle.Lifecycle;
import org.aicenter.platform.lifecycle.History;
import org.aicenter.platform.lifecycle.TransitionView;
import org.aicenter.platform.paging.ListParams;
import org.aicenter.platform.persistence.Criteria;
import org.aicenter.platform.paging.Page;
import org.aicenter.platform.paging.PageRequest;
import org.aicenter.platform.paging.Sorting;
import org.aicenter.platform.persistence.Listing;
import org.aicenter.platform.problem.ProblemException;
import org.aicenter.platform.problem.ProblemType;
import org.aicenter.platform.security.Actor;
import org.aicenter.training.certificate.CertificateCodes;
import org.aicenter.training.programme.Programme;
import org.aicenter.training.programme.ProgrammeChanges;
import org.aicenter.training.programme.ProgrammeService;
import org.aicenter.training.programme.ProgrammeStatus;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The enrolment rules. Each write that can change seats first locks the programme row
 * ({@link ProgrammeService#lock}); the checks (open? already enrolled? a seat free?) and the change
 * then happen under that lock in one transaction, so concurrent requests queue per programme and
 * the database never sees an oversold programme or a gap in the waitlist.
 */
@ApplicationScoped
public class EnrolmentService {

    private static final Logger LOG = Logger.getLogger(EnrolmentService.class);

    /** Who a participant's own cancellation is recorded as: they have no token subject. */
    static final String PARTICIPANT = "participant";

    /** The lists' sort fields, the default first. */
    public static final String SORT = "createdAt,updatedAt,waitlistPosition";
    static final Sorting SORTING = Sorting.of(SORT, Map.of(
            "createdAt", "createdAt",
            "updatedAt", "updatedAt",
            "waitlistPosition", "waitlistPosition"));

    private static final Set<ProgrammeStatus> CANCELLABLE_WHILE = EnumSet.of(ProgrammeStatus.PUBLISHED,
            ProgrammeStatus.IN_PROGRESS);
    private static final Set<ProgrammeStatus> ATTENDANCE_WHILE = EnumSet.of(ProgrammeStatus.IN_PROGRESS,
            ProgrammeStatus.COMPLETED);

    @Inject
    EntityManager em;
    @Inject
    Actor actor;
    @Inject
    Idempotency idempotency;
    @Inject
    PartnerDirectory partners;
    @Inject
    Waitlist waitlist;
    @Inject
    ProgrammeChanges changes;
    @Inject
    CertificateCodes certificates;
    @ConfigProperty(name = "aic.zone")
    ZoneId zone;

    /**
     * What an enrolment needs before its transaction opens: the participant's partner (when named)
     * must be usable, asked outside the transaction so partner-service is never called while the
     * programme is locked.
     */
    public void checkNew(EnrolmentRequest request) {
        if (request.participant().partnerId() != null) {
            partners.requireUsable("participant.partnerId", request.participant().partnerId());
        }
    }

    /** Enrols a participant: a seat while one is free, else the next place on the waitlist. */
    @Transactional
    public EnrolmentView enrol(UUID programmeId, EnrolmentRequest request) {
        Programme programme = ProgrammeService.lock(programmeId);
        requireOpen(programme);
        Participant participant = request.participant();
        String email = participant.email().strip();
        Enrolment live = liveEnrolment(programmeId, email);
        if (live != null) {
            throw ProblemException.conflict("This email already has a live enrolment (" + live.status
                            + ") in programme " + programme.code + "; one per person")
                    .with("enrolmentId", live.id.toString());
        }
        Enrolment enrolment = new Enrolment();
        enrolment.programme = programme;
        enrolment.name = participant.name().strip();
        enrolment.email = email;
        enrolment.organisation = participant.organisation().strip();
        enrolment.partnerId = participant.partnerId();
        enrolment.markCreated(actor.subject());
        String token = CancelTokens.make();
        enrolment.cancelTokenHash = CancelTokens.hash(token);
        if (waitlist.seatsTaken(programmeId) < programme.capacity) {
            enrolment.status = EnrolmentStatus.ENROLLED;
            enrolment.enrolledAt = enrolment.createdAt;
        } else {
            enrolment.status = EnrolmentStatus.WAITLISTED;
            enrolment.waitlistPosition = waitlist.nextPosition(programmeId);
        }
        enrolment.persist();
        em.flush();
        changes.enrolments(ChangeAction.CREATED, programme, List.of(enrolment.id));
        changes.programme(ChangeAction.UPDATED, programme);
        LOG.infof("enrolment %s in programme %s created as %s%s by %s", enrolment.id, programme.code,
                enrolment.status, enrolment.waitlistPosition == null ? ""
                        : " at waitlist position " + enrolment.waitlistPosition, actor.subject());
        return EnrolmentView.of(enrolment, token);
    }

    private void requireOpen(Programme programme) {
        if (programme.status != ProgrammeStatus.PUBLISHED) {
            throw ProblemException.conflict("Enrolment is open only while a programme is PUBLISHED; programme "
                    + programme.code + " is " + programme.status).with("programmeStatus", programme.status.name());
        }
        LocalDate today = LocalDate.now(zone);
        if (today.isAfter(programme.enrolmentDeadline)) {
            throw ProblemException.conflict("Enrolment in programme " + programme.code + " closed after its deadline "
                    + programme.enrolmentDeadline).with("enrolmentDeadline", programme.enrolmentDeadline.toString());
        }
    }

    private Enrolment liveEnrolment(UUID programmeId, String email) {
        return Enrolment.<Enrolment>find("programmeId = ?1 and lower(email) = lower(?2) and status in ?3",
                programmeId, email, List.of(EnrolmentStatus.ENROLLED, EnrolmentStatus.WAITLISTED)).firstResult();
    }

    /**
     * Moves an enrolment: CANCELLED (a seat it held goes to the first on the waitlist), or, once the
     * programme has started, COMPLETED (issues a certificate code) or NO_SHOW.
     */
    @Transactional
    public EnrolmentView transition(UUID programmeId, UUID enrolmentId, String ifMatch,
                                    EnrolmentTransitionRequest request) {
        Programme programme = ProgrammeService.lock(programmeId);
        Enrolment enrolment = find(programmeId, enrolmentId);
        ETags.require(ifMatch, enrolment.version);
        EnrolmentStatus from = enrolment.status;
        Lifecycle.check("Enrolment", from, request.to());
        String reason = request.reason().strip();
        String by = actor.subject();
        switch (request.to()) {
            case CANCELLED -> {
                requireProgramme(programme, CANCELLABLE_WHILE, "cancelled");
                waitlist.cancel(programme, enrolment, reason, by);
            }
            case COMPLETED, NO_SHOW -> {
                requireProgramme(programme, ATTENDANCE_WHILE, "marked " + request.to());
                if (request.to() == EnrolmentStatus.COMPLETED) {
                    // the code first: issuing it queries, and the row must never be COMPLETED without one
                    enrolment.certificateCode = certificates.issue();
                    enrolment.completedAt = Waitlist.now();
                }
                enrolment.status = request.to();
                enrolment.markUpdated(by);
                new EnrolmentTransition().record(enrolment.id, from, request.to(), reason, by).persist();
                em.flush();
                changes.enrolments(ChangeAction.STATUS_CHANGED, programme, List.of(enrolment.id));
            }
            default -> throw new IllegalStateException("the lifecycle allowed " + from + " -> " + request.to());
        }
        em.flush();
        changes.programme(ChangeAction.UPDATED, programme);
        LOG.infof("enrolment %s in programme %s moved %s -> %s by %s", enrolmentId, programme.code, from,
                request.to(), by);
        return EnrolmentView.of(enrolment);
    }

    /**
     * The participant's own cancellation, authorised by the secret token from the enrolment's
     * creation instead of a bearer token. Cancelling twice answers the cancelled enrolment again.
     */
    @Transactional
    public EnrolmentView cancelWithToken(UUID programmeId, UUID enrolmentId, String token) {
        // the token is checked before the programme is locked, so wrong guesses never hold up enrolments
        List<String> hashes = em.createQuery("select e.cancelTokenHash from Enrolment e "
                        + "where e.id = :id and e.programmeId = :p", String.class)
                .setParameter("id", enrolmentId).setParameter("p", programmeId).getResultList();
        if (hashes.isEmpty()) {
            throw ProblemException.notFound("Enrolment", enrolmentId);
        }
        if (!CancelTokens.matches(token, hashes.get(0))) {
            throw new ProblemException(ProblemType.FORBIDDEN,
                    "The cancellation token does not match this enrolment; use the link from the enrolment confirmation");
        }
        Programme programme = ProgrammeService.lock(programmeId);
        Enrolment enrolment = find(programmeId, enrolmentId);
        if (enrolment.status == EnrolmentStatus.CANCELLED) {
            return EnrolmentView.of(enrolment);
        }
        Lifecycle.check("Enrolment", enrolment.status, EnrolmentStatus.CANCELLED);
        requireProgramme(programme, CANCELLABLE_WHILE, "cancelled");
        EnrolmentStatus from = enrolment.status;
        waitlist.cancel(programme, enrolment, "cancelled by the participant", PARTICIPANT);
        em.flush();
        changes.programme(ChangeAction.UPDATED, programme);
        LOG.infof("enrolment %s in programme %s moved %s -> CANCELLED by the participant", enrolmentId,
                programme.code, from);
        return EnrolmentView.of(enrolment);
    }

    private static void requireProgramme(Programme programme, Set<ProgrammeStatus> allowed, String action) {
        if (!allowed.contains(programme.status)) {
            throw ProblemException.conflict("An enrolment can be " + action + " only while its programme is "
                            + allowed.stream().map(Enum::name).sorted().toList() + "; programme " + programme.code
                            + " is " + programme.status)
                    .with("programmeStatus", programme.status.name());
        }
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public EnrolmentView get(UUID programmeId, UUID enrolmentId) {
        return EnrolmentView.of(find(programmeId, enrolmentId));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<TransitionView> history(UUID programmeId, UUID enrolmentId, ListParams list) {
        find(programmeId, enrolmentId);
        return History.of(EnrolmentTransition.class, enrolmentId, list);
    }

    /** The enrolments of one programme (404 when the programme does not exist). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<EnrolmentView> listOfProgramme(EnrolmentFilter filter, PageRequest page, String sort) {
        if (Programme.findById(filter.programmeId()) == null) {
            throw ProblemException.notFound("Programme", filter.programmeId());
        }
        return list(filter, page, sort);
    }

    /** Enrolments across programmes: of an email, of a partner organisation, changed since. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<EnrolmentView> list(EnrolmentFilter filter, PageRequest page, String sort) {
        return Listing.page(Enrolment.class, "e", filter.criteria(), SORTING.orderBy(sort, "e"), page,
                enrolments -> enrolments.stream().map(EnrolmentView::of).toList());
    }

    private static Enrolment find(UUID programmeId, UUID enrolmentId) {
        Enrolment enrolment = Enrolment.findById(enrolmentId);
        if (enrolment == null || !enrolment.programmeId.equals(programmeId)) {
            throw ProblemException.notFound("Enrolment", enrolmentId);
        }
        return enrolment;
    }
}

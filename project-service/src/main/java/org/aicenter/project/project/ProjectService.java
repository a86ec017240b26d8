package org.aicenter.project.project;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.aicenter.partnerclient.PartnerDirectory;
import org.aicenter.platform.changes.ChangeKind;
import org.aicenter.platform.changes.Changes;
import org.aicenter.platform.concurrency.ETags;
import org.aicenter.platform.persistence.Records;
import org.aicenter.platform.lifecycle.Lifecycle;
import org.aicenter.platform.lifecycle.History;
import org.aicenter.platform.lifecycle.TransitionView;
import org.aicenter.platform.paging.ListParams;
import org.aicenter.platform.paging.Page;
import org.aicenter.platform.paging.PageRequest;
import org.aicenter.platform.patch.MergePatcher;
import org.aicenter.platform.persistence.YearlyCodes;
import org.aicenter.platform.problem.FieldError;
import org.aicenter.platform.problem.ProblemException;
import org.aicenter.platform.problem.ProblemType;
import org.aicenter.platform.security.Actor;
import org.aicenter.project.milestone.Milestone;
import org.aicenter.project.milestone.MilestoneResource;
import org.aicenter.project.outcome.OutcomeResource;
import org.aicenter.project.milestone.MilestoneRequest;
import org.aicenter.project.outcome.Outcome;
import org.aicenter.project.outcome.OutcomeRequest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The rules of projects. A write that names partners checks them with partner-service before
 * it opens its transaction, so a 422 or 503 from that check has written nothing and holds no
 * database connection while partner-service is slow. Writes lock the project row, so a
 * transition and a concurrent milestone change never both pass their checks.
 */
@ApplicationScoped
public class ProjectService {

    private static final Logger LOG = Logger.getLogger(ProjectService.class);
    private static final YearlyCodes CODES = new YearlyCodes("AIC", "project_code_counters", "last_value");

    @Inject
    EntityManager em;
    /** Projects in the change feed; their milestones and outcomes are kinds of their own (PartKind.changes). */
    public static final ChangeKind PROJECTS = ChangeKind.of("project", "/api/v1/projects");

    @Inject
    Actor actor;
    @Inject
    Changes changes;
    @Inject
    PartnerDirectory partners;
    @Inject
    MergePatcher patcher;

    /** The center's time zone (platform default Asia/Shanghai): the year of a code, "today" for milestones. */
    @ConfigProperty(name = "aic.zone", defaultValue = "Asia/Shanghai")
    ZoneId zone;

    // ---- reads

    @Transactional(Transactional.TxType.SUPPORTS)
    public ProjectView get(UUID id) {
        return ProjectView.of(find(id));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<ProjectView> list(ProjectQuery query, PageRequest page, String sort) {
        return query.run(page, sort, ProjectView::of);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<TransitionView> history(UUID id, ListParams list) {
        find(id);
        return History.of(ProjectTransition.class, id, list);
    }

    // ---- writes

    /**
     * What a new project needs before its transaction opens: a valid draft and partners that may
     * take part, asked outside the transaction so partner-service is never called with a row locked.
     */
    public void checkNew(ProjectRequest request) {
        draft(request, "");
        partners.requireUsable(partnerFields(request, Set.of()));
    }

    @Transactional
    public ProjectView create(ProjectRequest request) {
        Draft draft = draft(request, "");
        LocalDate today = today();
        Project project = new Project();
        project.markCreated(actor.subject());
        project.code = CODES.next(em, today.getYear());
        project.status = ProjectStatus.PROPOSED;
        draft.applyTo(project);
        List<MilestoneRequest> milestones = request.milestones() == null ? List.of() : request.milestones();
        for (int i = 0; i < milestones.size(); i++) {
            Milestone milestone = Milestone.newIn(project);
            milestone.apply(milestones.get(i), today, "milestones[" + i + "].");
            project.milestones.add(milestone);
        }
        for (OutcomeRequest outcomeRequest : request.outcomes() == null ? List.<OutcomeRequest>of() : request.outcomes()) {
            Outcome outcome = Outcome.newIn(project);
            outcome.apply(outcomeRequest);
            project.outcomes.add(outcome);
        }
        project.persist();
        project.flush();
        LOG.infof("project %s created (%s, lead partner %s) by %s", project.code, project.id, project.leadPartnerId,
                actor.subject());
        ProjectView view = ProjectView.of(project);
        changes.created(PROJECTS, null, view);
        project.milestones.forEach(m -> changes.created(MilestoneResource.KIND.changes(), project.id, MilestoneResource.KIND.view().apply(m)));
        project.outcomes.forEach(o -> changes.created(OutcomeResource.KIND.changes(), project.id, OutcomeResource.KIND.view().apply(o)));
        return view;
    }

    /** PUT: replaces what a client writes; status, code, milestones and outcomes are not touched. */
    public ProjectView replace(UUID id, String ifMatch, ProjectRequest request) {
        Snapshot current = snapshot(id);
        ETags.require(ifMatch, current.version());
        return write(id, ifMatch, current, request);
    }

    /** PATCH with a JSON merge patch over the request document; then the same rules as PUT. */
    public ProjectView patch(UUID id, String ifMatch, JsonNode patch) {
        Snapshot current = snapshot(id);
        ETags.require(ifMatch, current.version());
        ProjectRequest request = patcher.apply(current.request(), patch, ProjectRequest.class);
        return write(id, ifMatch, current, request);
    }

    private ProjectView write(UUID id, String ifMatch, Snapshot current, ProjectRequest request) {
        Draft draft = draft(request, "");
        // only partners the project does not name yet: a project keeps working after a partner ends
        partners.requireUsable(partnerFields(request, current.partnerIds()));
        return QuarkusTransaction.joiningExisting().call(() -> {
            Project project = lock(id);
            ETags.require(ifMatch, project.version);
            if (project.version != current.version()) {
                // changed between the partner check and now (If-Match: *); its partners were not checked
                throw new ProblemException(ProblemType.PRECONDITION_FAILED,
                        "Someone else changed this project meanwhile; read it again and retry with its new ETag");
            }
            draft.applyTo(project);
            project.markUpdated(actor.subject());
            project.flush();
            LOG.infof("project %s updated", project.code);
            ProjectView view = ProjectView.of(project);
            changes.updated(PROJECTS, null, view);
            return view;
        });
    }

    @Transactional
    public ProjectView transition(UUID id, String ifMatch, TransitionRequest request) {
        Project project = lock(id);
        ETags.require(ifMatch, project.version);
        ProjectStatus from = project.status;
        ProjectStatus to = request.to();
        Lifecycle.check("Project", from, to);
        if (to == ProjectStatus.COMPLETED) {
            List<Milestone> open = project.milestones.stream().filter(m -> m.status.isOpen()).toList();
            if (!open.isEmpty()) {
                throw ProblemException.conflict("Project " + project.code + " cannot be COMPLETED while "
                                + open.size() + " milestone(s) are neither DONE nor MISSED: "
                                + open.stream().map(m -> m.title + " (" + m.status + ")").collect(Collectors.joining(", ")))
                        .with("openMilestones", open.stream().map(m -> m.id.toString()).toList());
            }
        }
        project.status = to;
        project.markUpdated(actor.subject());
        new ProjectTransition().record(project.id, from, to, request.reason().strip(), actor.subject()).persist();
        project.flush();
        LOG.infof("project %s moved from %s to %s", project.code, from, to);
        ProjectView view = ProjectView.of(project);
        changes.statusChanged(PROJECTS, null, view);
        return view;
    }

    /** Only a PROPOSED project (one made by mistake) is deleted; any later one is cancelled instead. */
    @Transactional
    public void delete(UUID id, String ifMatch) {
        Project project = lock(id);
        ETags.require(ifMatch, project.version);
        Lifecycle.requireDeletable("project", project.status, ProjectStatus.PROPOSED,
                "Cancel it instead: POST /api/v1/projects/" + id + "/transitions {\"to\":\"CANCELLED\",\"reason\":\"...\"}");
        project.milestones.forEach(m -> changes.deleted(MilestoneResource.KIND.changes(), id, m.id, m.version));
        project.outcomes.forEach(o -> changes.deleted(OutcomeResource.KIND.changes(), id, o.id, o.version));
        project.delete();
        changes.deleted(PROJECTS, null, id, project.version);
        LOG.infof("project %s deleted", project.code);
    }

    // ---- shared with the sub-resources

    /** A part's change changed its project too (its version and updatedAt): the project's own event. */
    public void changed(Project project) {
        project.flush();
        changes.updated(PROJECTS, null, ProjectView.of(project));
    }

    /** The project, locked for the rest of the transaction; 404 when there is none. */
    public Project lock(UUID id) {
        return Records.lock(Project.class, "Project", id);
    }

    public Project find(UUID id) {
        return Records.find(Project.class, "Project", id);
    }

    public ZoneId zone() {
        return zone;
    }

    public LocalDate today() {
        return LocalDate.now(zone);
    }

    // ---- helpers

    private record Snapshot(long version, Set<UUID> partnerIds, ProjectRequest request) {
    }

    private Snapshot snapshot(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Project project = find(id);
            return new Snapshot(project.version, project.partnerIds(), ProjectRequest.of(project));
        });
    }

    /** Field -> partner id for every partner the request names that is not in {@code known}. */
    private static Map<String, UUID> partnerFields(ProjectRequest request, Set<UUID> known) {
        Map<String, UUID> fields = new LinkedHashMap<>();
        if (!known.contains(request.leadPartnerId())) {
            fields.put("leadPartnerId", request.leadPartnerId());
        }
        List<ProjectParticipant> participants = request.participants() == null ? List.of() : request.participants();
        for (int i = 0; i < participants.size(); i++) {
            UUID partnerId = participants.get(i).partnerId();
            if (!known.contains(partnerId) && !partnerId.equals(request.leadPartnerId())) {
                fields.put("participants[" + i + "].partnerId", partnerId);
            }
        }
        return fields;
    }

    /** The checked, normalised values of a request; all rule breaks come back in one 400. */
    private Draft draft(ProjectRequest request, String prefix) {
        List<FieldError> errors = new ArrayList<>();
        if (request.startDate() != null && request.endDate() != null && request.endDate().isBefore(request.startDate())) {
            errors.add(new FieldError(prefix + "endDate", "must be on or after startDate"));
        }
        BigDecimal amount = null;
        String currency = null;
        if (request.budget() != null) {
            amount = request.budget().amount().setScale(2);
            currency = request.budget().currency() == null ? Money.DEFAULT_CURRENCY : request.budget().currency();
            if (!isIso4217(currency)) {
                errors.add(new FieldError(prefix + "budget.currency", "is not an ISO 4217 currency code"));
            }
        }
        UUID lead = request.leadPartnerId();
        List<Participation> participants = new ArrayList<>();
        Set<UUID> seen = new HashSet<>();
        List<ProjectParticipant> listed = request.participants() == null ? List.of() : request.participants();
        for (int i = 0; i < listed.size(); i++) {
            ProjectParticipant participant = listed.get(i);
            String field = prefix + "participants[" + i + "]";
            if (!seen.add(participant.partnerId())) {
                errors.add(new FieldError(field + ".partnerId",
                        "partner " + participant.partnerId() + " is listed more than once"));
            } else if (participant.partnerId().equals(lead) && participant.role() != ParticipantRole.LEAD) {
                errors.add(new FieldError(field + ".role", "the lead partner (leadPartnerId) takes role LEAD"));
            } else if (!participant.partnerId().equals(lead) && participant.role() == ParticipantRole.LEAD) {
                errors.add(new FieldError(field + ".role", "only the lead partner (leadPartnerId) has role LEAD"));
            }
            participants.add(new Participation(participant.partnerId(), participant.role()));
        }
        if (!seen.contains(lead)) {
            participants.add(0, new Participation(lead, ParticipantRole.LEAD));
        }
        Set<String> tags = new LinkedHashSet<>();
        if (request.tags() != null) {
            request.tags().forEach(tag -> tags.add(tag.strip().toLowerCase(Locale.ROOT)));
        }
        if (!errors.isEmpty()) {
            String detail = errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; "));
            throw new ProblemException(ProblemType.VALIDATION, detail, errors);
        }
        return new Draft(request, amount, currency, participants, tags);
    }

    private static boolean isIso4217(String code) {
        try {
            return Currency.getInstance(code).getCurrencyCode().equals(code);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private record Draft(ProjectRequest request, BigDecimal amount, String currency,
                         List<Participation> participants, Set<String> tags) {

        void applyTo(Project project) {
            project.title = request.title().strip();
            project.summary = request.summary();
            project.researchArea = request.researchArea();
            project.startDate = request.startDate();
            project.endDate = request.endDate();
            project.budgetAmount = amount;
            project.budgetCurrency = currency;
            project.leadPartnerId = request.leadPartnerId();
            PrincipalInvestigator pi = request.principalInvestigator();
            project.piName = pi == null ? null : pi.name().strip();
            project.piEmail = pi == null ? null : pi.email();
            project.piAffiliation = pi == null ? null : pi.affiliation();
            // replaced in place so Hibernate updates rows instead of swapping the collection
            project.participants.clear();
            project.participants.addAll(participants);
            project.tags.clear();
            project.tags.addAll(tags);
        }
    }
}

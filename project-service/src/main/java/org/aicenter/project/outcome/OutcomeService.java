package org.aicenter.project.outcome;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;
import org.aicenter.platform.concurrency.ETags;
import org.aicenter.platform.idempotency.Idempotency;
import org.aicenter.platform.patch.MergePatcher;
import org.aicenter.platform.problem.ProblemException;
import org.aicenter.platform.problem.ProblemType;
import org.aicenter.platform.security.Actor;
import org.aicenter.project.project.Project;
import org.aicenter.project.project.ProjectService;
import org.jboss.logging.Logger;

import java.net.URI;
import java.util.List;
import java.util.UUID;

/**
 * Outcomes of a project, with the same concurrency rules as milestones (own version in If-Match,
 * the project's version moves too). Unlike milestones they stay open in every status: papers and
 * patents often arrive after a project completed.
 */
@ApplicationScoped
public class OutcomeService {

    static final int MAX_PER_PROJECT = 200;
    private static final Logger LOG = Logger.getLogger(OutcomeService.class);

    @Inject
    ProjectService projects;
    @Inject
    Actor actor;
    @Inject
    Idempotency idempotency;
    @Inject
    MergePatcher patcher;

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<OutcomeView> list(UUID projectId) {
        return projects.find(projectId).outcomes.stream().map(OutcomeView::of).toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public OutcomeView get(UUID projectId, UUID outcomeId) {
        return OutcomeView.of(in(projects.find(projectId), outcomeId));
    }

    public Response create(UUID projectId, String idempotencyKey, OutcomeRequest request) {
        return idempotency.execute(idempotencyKey, "POST /api/v1/projects/" + projectId + "/outcomes", request, () -> {
            Project project = projects.lock(projectId);
            if (project.outcomes.size() >= MAX_PER_PROJECT) {
                throw new ProblemException(ProblemType.UNPROCESSABLE,
                        "A project has at most " + MAX_PER_PROJECT + " outcomes");
            }
            Outcome outcome = Outcome.newIn(project);
            outcome.apply(request);
            project.outcomes.add(outcome);
            outcome.persist();
            project.markUpdated(actor.subject());
            project.flush();
            LOG.infof("outcome %s (%s) added to project %s", outcome.id, outcome.type, project.code);
            return Response.created(URI.create("/api/v1/projects/" + projectId + "/outcomes/" + outcome.id))
                    .tag(ETags.of(outcome.version)).entity(OutcomeView.of(outcome)).build();
        });
    }

    @Transactional
    public OutcomeView replace(UUID projectId, UUID outcomeId, String ifMatch, OutcomeRequest request) {
        Project project = projects.lock(projectId);
        Outcome outcome = in(project, outcomeId);
        ETags.require(ifMatch, outcome.version);
        return save(project, outcome, request);
    }

    @Transactional
    public OutcomeView patch(UUID projectId, UUID outcomeId, String ifMatch, JsonNode patch) {
        Project project = projects.lock(projectId);
        Outcome outcome = in(project, outcomeId);
        ETags.require(ifMatch, outcome.version);
        OutcomeRequest request = patcher.apply(OutcomeRequest.of(outcome), patch, OutcomeRequest.class);
        return save(project, outcome, request);
    }

    @Transactional
    public void delete(UUID projectId, UUID outcomeId, String ifMatch) {
        Project project = projects.lock(projectId);
        Outcome outcome = in(project, outcomeId);
        ETags.require(ifMatch, outcome.version);
        project.outcomes.remove(outcome);
        project.markUpdated(actor.subject());
        LOG.infof("outcome %s removed from project %s", outcomeId, project.code);
    }

    private OutcomeView save(Project project, Outcome outcome, OutcomeRequest request) {
        outcome.apply(request);
        project.markUpdated(actor.subject());
        project.flush();
        LOG.infof("outcome %s of project %s updated", outcome.id, project.code);
        return OutcomeView.of(outcome);
    }

    private static Outcome in(Project project, UUID outcomeId) {
        return project.outcomes.stream().filter(o -> o.id.equals(outcomeId)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("Outcome", outcomeId + " of project " + project.id));
    }
}

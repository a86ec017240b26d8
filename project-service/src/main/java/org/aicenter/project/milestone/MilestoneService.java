package org.aicenter.project.milestone;

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
 * Milestones of a project. Each has its own version: PUT, PATCH and DELETE take the milestone's
 * ETag in If-Match, so editors of different milestones do not trip over each other. Every change
 * also moves the project's version (the project document changed) and runs with the project row
 * locked, so a COMPLETED transition never races a milestone being reopened or added.
 * Milestones of a COMPLETED or CANCELLED project are final.
 */
@ApplicationScoped
public class MilestoneService {

    static final int MAX_PER_PROJECT = 200;
    private static final Logger LOG = Logger.getLogger(MilestoneService.class);

    @Inject
    ProjectService projects;
    @Inject
    Actor actor;
    @Inject
    Idempotency idempotency;
    @Inject
    MergePatcher patcher;

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<MilestoneView> list(UUID projectId) {
        return projects.find(projectId).milestones.stream().map(MilestoneView::of).toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public MilestoneView get(UUID projectId, UUID milestoneId) {
        return MilestoneView.of(in(projects.find(projectId), milestoneId));
    }

    public Response create(UUID projectId, String idempotencyKey, MilestoneRequest request) {
        return idempotency.execute(idempotencyKey, "POST /api/v1/projects/" + projectId + "/milestones", request, () -> {
            Project project = projects.lock(projectId);
            refuseIfSettled(project);
            if (project.milestones.size() >= MAX_PER_PROJECT) {
                throw new ProblemException(ProblemType.UNPROCESSABLE,
                        "A project has at most " + MAX_PER_PROJECT + " milestones");
            }
            Milestone milestone = Milestone.newIn(project);
            milestone.apply(request, projects.today(), "");
            project.milestones.add(milestone);
            milestone.persist();
            project.markUpdated(actor.subject());
            project.flush();
            LOG.infof("milestone %s added to project %s", milestone.id, project.code);
            return Response.created(URI.create("/api/v1/projects/" + projectId + "/milestones/" + milestone.id))
                    .tag(ETags.of(milestone.version)).entity(MilestoneView.of(milestone)).build();
        });
    }

    @Transactional
    public MilestoneView replace(UUID projectId, UUID milestoneId, String ifMatch, MilestoneRequest request) {
        Project project = projects.lock(projectId);
        Milestone milestone = in(project, milestoneId);
        ETags.require(ifMatch, milestone.version);
        refuseIfSettled(project);
        return save(project, milestone, request);
    }

    @Transactional
    public MilestoneView patch(UUID projectId, UUID milestoneId, String ifMatch, JsonNode patch) {
        Project project = projects.lock(projectId);
        Milestone milestone = in(project, milestoneId);
        ETags.require(ifMatch, milestone.version);
        refuseIfSettled(project);
        MilestoneRequest request = patcher.apply(MilestoneRequest.of(milestone), patch, MilestoneRequest.class);
        return save(project, milestone, request);
    }

    @Transactional
    public void delete(UUID projectId, UUID milestoneId, String ifMatch) {
        Project project = projects.lock(projectId);
        Milestone milestone = in(project, milestoneId);
        ETags.require(ifMatch, milestone.version);
        refuseIfSettled(project);
        project.milestones.remove(milestone);
        project.markUpdated(actor.subject());
        LOG.infof("milestone %s removed from project %s", milestoneId, project.code);
    }

    private MilestoneView save(Project project, Milestone milestone, MilestoneRequest request) {
        milestone.apply(request, projects.today(), "");
        project.markUpdated(actor.subject());
        project.flush();
        LOG.infof("milestone %s of project %s updated (%s)", milestone.id, project.code, milestone.status);
        return MilestoneView.of(milestone);
    }

    private static Milestone in(Project project, UUID milestoneId) {
        return project.milestones.stream().filter(m -> m.id.equals(milestoneId)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("Milestone", milestoneId + " of project " + project.id));
    }

    private static void refuseIfSettled(Project project) {
        if (project.isTerminal()) {
            throw ProblemException.conflict("Project " + project.code + " is " + project.status
                    + "; its milestones are final").with("status", project.status.name());
        }
    }
}

package org.aicenter.project.part;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.aicenter.platform.changes.Changes;
import org.aicenter.platform.concurrency.ETags;
import org.aicenter.platform.concurrency.Versioned;
import org.aicenter.platform.paging.ListParams;
import org.aicenter.platform.paging.Page;
import org.aicenter.platform.patch.MergePatcher;
import org.aicenter.platform.persistence.Criteria;
import org.aicenter.platform.persistence.Listing;
import org.aicenter.platform.problem.ProblemException;
import org.aicenter.platform.problem.ProblemType;
import org.aicenter.platform.security.Actor;
import org.aicenter.project.project.Project;
import org.aicenter.project.project.ProjectService;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.UUID;

/**
 * The rules every kind of project part follows. Each part has its own version (If-Match takes the
 * part's ETag); every change also moves the project's version, since the project document changed,
 * and runs with the project row locked, so a COMPLETED transition never races a part being added or
 * reopened. A project has at most {@link #MAX_PER_PROJECT} parts of a kind.
 */
@ApplicationScoped
public class ProjectParts {

    public static final int MAX_PER_PROJECT = 200;
    private static final Logger LOG = Logger.getLogger(ProjectParts.class);

    @Inject
    ProjectService projects;
    @Inject
    Actor actor;
    @Inject
    MergePatcher patcher;
    @Inject
    Changes changes;

    @Transactional(Transactional.TxType.SUPPORTS)
    public <P extends ProjectPart, V extends Versioned> Page<V> list(PartKind<P, ?, V> kind, UUID projectId, ListParams list) {
        projects.find(projectId);
        Criteria criteria = new Criteria().and("p.project.id = :project", "project", projectId)
                .and("p.updatedAt >= :since", "since", list.updatedSince());
        return Listing.page(kind.type(), "p", criteria, kind.sorting().orderBy(list.sort(), "p"), list.pageRequest(),
                found -> found.stream().map(kind.view()).toList());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public <P extends ProjectPart, V extends Versioned> V get(PartKind<P, ?, V> kind, UUID projectId, UUID partId) {
        return kind.view().apply(in(kind, projects.find(projectId), partId));
    }

    @Transactional
    public <P extends ProjectPart, R, V extends Versioned> V create(PartKind<P, R, V> kind, UUID projectId, R request) {
        Project project = projects.lock(projectId);
        refuseIfFinal(kind, project);
        List<P> parts = kind.of().apply(project);
        if (parts.size() >= MAX_PER_PROJECT) {
            throw new ProblemException(ProblemType.UNPROCESSABLE,
                    "A project has at most " + MAX_PER_PROJECT + " " + kind.plural());
        }
        P part = kind.newIn().apply(project);
        kind.apply().apply(part, request, projects.today(), "");
        parts.add(part);
        part.persist();
        project.markUpdated(actor.subject());
        project.flush();
        LOG.infof("%s %s added to project %s by %s", kind.noun(), part.id, project.code, actor.subject());
        V view = kind.view().apply(part);
        changes.created(kind.changes(), project.id, view);
        projects.changed(project);
        return view;
    }

    @Transactional
    public <P extends ProjectPart, R, V extends Versioned> V replace(PartKind<P, R, V> kind, UUID projectId, UUID partId,
                                                                    String ifMatch, R request) {
        Project project = projects.lock(projectId);
        P part = in(kind, project, partId);
        ETags.require(ifMatch, part.version);
        refuseIfFinal(kind, project);
        return save(kind, project, part, request);
    }

    @Transactional
    public <P extends ProjectPart, R, V extends Versioned> V patch(PartKind<P, R, V> kind, UUID projectId, UUID partId,
                                                                  String ifMatch, JsonNode patch) {
        Project project = projects.lock(projectId);
        P part = in(kind, project, partId);
        ETags.require(ifMatch, part.version);
        refuseIfFinal(kind, project);
        return save(kind, project, part, patcher.apply(kind.requestOf().apply(part), patch, kind.requestType()));
    }

    @Transactional
    public void delete(PartKind<?, ?, ?> kind, UUID projectId, UUID partId, String ifMatch) {
        Project project = projects.lock(projectId);
        ProjectPart part = in(kind, project, partId);
        ETags.require(ifMatch, part.version);
        refuseIfFinal(kind, project);
        kind.of().apply(project).remove(part);
        project.markUpdated(actor.subject());
        project.flush();
        changes.deleted(kind.changes(), project.id, partId, part.version);
        projects.changed(project);
        LOG.infof("%s %s removed from project %s by %s", kind.noun(), partId, project.code, actor.subject());
    }

    private <P extends ProjectPart, R, V extends Versioned> V save(PartKind<P, R, V> kind, Project project, P part, R request) {
        kind.apply().apply(part, request, projects.today(), "");
        project.markUpdated(actor.subject());
        project.flush();
        LOG.infof("%s %s of project %s updated to version %d by %s", kind.noun(), part.id, project.code, part.version,
                actor.subject());
        V view = kind.view().apply(part);
        changes.updated(kind.changes(), project.id, view);
        projects.changed(project);
        return view;
    }

    private static <P extends ProjectPart> P in(PartKind<P, ?, ?> kind, Project project, UUID partId) {
        return kind.of().apply(project).stream().filter(p -> p.id.equals(partId)).findFirst()
                .orElseThrow(() -> ProblemException.notFound(kind.title(), partId + " of project " + project.id));
    }

    private static void refuseIfFinal(PartKind<?, ?, ?> kind, Project project) {
        if (kind.finalOnceProjectIs() && project.isTerminal()) {
            throw ProblemException.conflict("Project " + project.code + " is " + project.status
                    + "; its " + kind.plural() + " are final").with("projectStatus", project.status.name());
        }
    }
}

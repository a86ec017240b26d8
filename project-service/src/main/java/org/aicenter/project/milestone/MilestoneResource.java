package org.aicenter.project.milestone;

import jakarta.ws.rs.Path;
import org.aicenter.platform.paging.Sorting;
import org.aicenter.project.part.PartKind;
import org.aicenter.project.part.ProjectPartResource;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Map;

/** A project's milestones. */
@SecurityRequirement(name = "bearer")
@Path("/api/v1/projects/{id}/milestones")
@Tag(name = "Milestones", description = "Milestones of a project, each with its own id and version")
public class MilestoneResource extends ProjectPartResource<Milestone, MilestoneRequest, MilestoneView> {

    /** The list's sort fields, the default first. */
    public static final String SORT = "dueDate,title,status,updatedAt";

    public static final PartKind<Milestone, MilestoneRequest, MilestoneView> KIND = new PartKind<>("milestone",
            project -> project.milestones, Milestone::newIn, Milestone::apply, MilestoneRequest::of,
            MilestoneRequest.class, MilestoneView::of, true, "By due date.",
            "Status defaults to PLANNED; a DONE milestone gets completedOn (today when left out).", Milestone.class,
            Sorting.of(MilestoneResource.SORT, Map.of("dueDate", "dueDate", "title", "lower({e}.title)", "status", "status",
                    "updatedAt", "updatedAt")));

    public MilestoneResource() {
        super(KIND);
    }
}

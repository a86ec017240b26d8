package org.aicenter.project.outcome;

import jakarta.ws.rs.Path;
import org.aicenter.platform.paging.Sorting;
import org.aicenter.project.part.PartKind;
import org.aicenter.project.part.ProjectPartResource;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Map;

/** A project's outcomes: papers, patents, products, ... */
@SecurityRequirement(name = "bearer")
@Path("/api/v1/projects/{id}/outcomes")
@Tag(name = "Outcomes", description = "Outcomes of a project, each with its own id and version")
public class OutcomeResource extends ProjectPartResource<Outcome, OutcomeRequest, OutcomeView> {

    // Papers and patents often arrive after a project completed: outcomes stay open in every status.
    /** The list's sort fields, the default first. */
    public static final String SORT = "date,title,type,updatedAt";

    public static final PartKind<Outcome, OutcomeRequest, OutcomeView> KIND = new PartKind<>("outcome",
            project -> project.outcomes, Outcome::newIn, (outcome, request, today, field) -> outcome.apply(request),
            OutcomeRequest::of, OutcomeRequest.class, OutcomeView::of, false, "By date.",
            "Allowed in every project status.", Outcome.class,
            Sorting.of(OutcomeResource.SORT, Map.of("date", "date", "title", "lower({e}.title)", "type", "type",
                    "updatedAt", "updatedAt")));

    public OutcomeResource() {
        super(KIND);
    }
}

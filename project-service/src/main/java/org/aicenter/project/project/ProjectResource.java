package org.aicenter.project.project;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import io.smallrye.common.annotation.Blocking;
import org.aicenter.platform.changes.ChangeFeed;
import org.aicenter.platform.changes.ChangePage;
import org.aicenter.platform.changes.FeedParams;
import org.aicenter.platform.concurrency.ETags;
import org.aicenter.platform.idempotency.Idempotency;
import org.aicenter.platform.lifecycle.History;
import org.aicenter.platform.lifecycle.TransitionPage;
import org.aicenter.platform.openapi.ContractConventions;
import org.aicenter.platform.paging.ListParams;
import org.aicenter.platform.paging.PageLinks;
import org.aicenter.platform.paging.PageRequest;
import org.aicenter.platform.patch.MergePatch;
import org.aicenter.platform.tokens.Roles;
import org.aicenter.platform.persistence.TrendParams;
import org.aicenter.platform.persistence.TrendPeriod;
import org.aicenter.platform.web.Params;
import org.aicenter.project.milestone.MilestoneResource;
import org.aicenter.project.outcome.OutcomeResource;
import org.aicenter.project.web.ApiDocs;
import org.aicenter.project.web.QueryParams;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.Explode;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.concurrent.CompletionStage;

@Path("/api/v1/projects")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Projects", description = "Joint research projects, their lifecycle and statistics")
public class ProjectResource {

    @Inject
    Idempotency idempotency;
    @Inject
    ProjectService service;
    @Inject
    ChangeFeed changes;
    @Inject
    ProjectStatisticsQuery statistics;

    @GET
    @RolesAllowed(Roles.ANY)
    @Operation(summary = "List projects", description = "Filters combine with AND. Link headers point to the next "
            + "and previous pages.")
    @Extension(name = ContractConventions.SORT_EXTENSION, value = ProjectQuery.SORT)
    @APIResponse(responseCode = "200", description = "A page of projects",
            content = @Content(schema = @Schema(implementation = ProjectPage.class)))
    @APIResponse(responseCode = "400", description = "A bad filter, page, size or sort field")
    public Response list(
            @Parameter(description = "Any of these statuses; repeat the parameter or comma-separate the values",
                    explode = Explode.FALSE, schema = @Schema(type = SchemaType.ARRAY, implementation = ProjectStatus.class))
            @QueryParam("status") List<String> status,
            @Parameter(description = "Any of these research areas; repeat the parameter or comma-separate the values",
                    explode = Explode.FALSE, schema = @Schema(type = SchemaType.ARRAY, implementation = ResearchArea.class))
            @QueryParam("researchArea") List<String> researchArea,
            @Parameter(description = "projects this partner leads or takes part in",
                    schema = @Schema(type = SchemaType.STRING, format = "uuid")) @QueryParam("partnerId") String partnerId,
            @Parameter(description = "projects with this tag") @QueryParam("tag") String tag,
            @Parameter(description = "startDate on or after", schema = @Schema(type = SchemaType.STRING, format = "date"))
            @QueryParam("startFrom") String startFrom,
            @Parameter(description = "startDate on or before", schema = @Schema(type = SchemaType.STRING, format = "date"))
            @QueryParam("startTo") String startTo,
            @Parameter(description = "endDate on or after", schema = @Schema(type = SchemaType.STRING, format = "date"))
            @QueryParam("endFrom") String endFrom,
            @Parameter(description = "endDate on or before", schema = @Schema(type = SchemaType.STRING, format = "date"))
            @QueryParam("endTo") String endTo,
            @Parameter(description = "text in code, title or summary (case-insensitive)") @QueryParam("q") String q,
            @Parameter(description = "updatedAt at or after this instant; use with sort=updatedAt to sync")
            @QueryParam("updatedSince") String updatedSince,
            @QueryParam("page") String page,
            @QueryParam("size") String size,
            @QueryParam("sort") String sort,
            @Context UriInfo uri) {
        ProjectQuery query = new ProjectQuery(
                QueryParams.enums(ProjectStatus.class, "status", status),
                QueryParams.enums(ResearchArea.class, "researchArea", researchArea),
                Params.uuid("partnerId", partnerId),
                Params.text("tag", tag),
                Params.date("startFrom", startFrom), Params.date("startTo", startTo),
                Params.date("endFrom", endFrom), Params.date("endTo", endTo),
                Params.text("q", q),
                Params.instant("updatedSince", updatedSince));
        QueryParams.range("startFrom", query.startFrom(), "startTo", query.startTo());
        QueryParams.range("endFrom", query.endFrom(), "endTo", query.endTo());
        return PageLinks.ok(service.list(query, PageRequest.parse(page, size), Params.text("sort", sort)), uri);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.PROJECT_MANAGER, Roles.INTEGRATOR})
    @Operation(summary = "Create a project", description = "Starts PROPOSED with a server-made code. Every partner "
            + "named must exist and not be ENDED (checked with partner-service before anything is written).")
    @APIResponse(responseCode = "201", description = "Created; Location and ETag headers",
            headers = {@Header(name = "Location", schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "ETag", description = ApiDocs.ETAG, schema = @Schema(type = SchemaType.STRING))},
            content = @Content(schema = @Schema(implementation = ProjectView.class)))
    @APIResponse(responseCode = "400", description = "Invalid body; errors[] names the fields")
    @APIResponse(responseCode = "422", description = "A named partner does not exist or has ENDED; or the "
            + "Idempotency-Key was used with another body")
    @APIResponse(responseCode = "503", description = "partner-service unavailable; nothing was written (Retry-After)")
    public Response create(
            @Parameter(description = ApiDocs.IDEMPOTENCY_KEY) @HeaderParam(Idempotency.HEADER) String idempotencyKey,
            @Valid @NotNull ProjectRequest request) {
        return idempotency.create(idempotencyKey, request, () -> service.checkNew(request), () -> service.create(request));
    }

    @GET
    @Path("/changes")
    @RolesAllowed(Roles.ANY)
    @Blocking
    @Operation(summary = "The projects' change feed", description = "Every create, update, status change and deletion of a project, a milestone or an outcome, as CloudEvents in "
            + "commit order, kept 30 days. Read on from `next`; an up-to-date reader gets no events and the same cursor, and "
            + "with `wait` the answer is held open until one arrives. See docs/integration.md.")
    @APIResponse(responseCode = "200", description = "The events after the cursor; the Link header points to the next read",
            content = @Content(schema = @Schema(implementation = ChangePage.class)))
    public CompletionStage<Response> changes(@BeanParam FeedParams feed, @Context UriInfo uri) {
        return changes.answer(feed, List.of(ProjectService.PROJECTS, MilestoneResource.KIND.changes(), OutcomeResource.KIND.changes()), uri);
    }

    @GET
    @Path("/statistics")
    @RolesAllowed(Roles.ANY)
    @Operation(summary = "Project statistics and trends", description = "Counts by status and area (every value present), "
            + "budget totals per currency, open milestones due in the next `days` days and overdue ones "
            + "(counts, and the first 20 by due date). With `interval` (and optionally `from`, `to`), `trends` has one "
            + "bucket per week (Monday first), month, quarter or year in the center's zone, every bucket present: "
            + "projects started (APPROVED to ACTIVE), completed and cancelled, and the budgets started per currency. "
            + "With `interval` alone, the last 12 periods up to today; at most " + TrendPeriod.MAX_BUCKETS + " buckets.")
    @APIResponse(responseCode = "200", description = "The figures",
            content = @Content(schema = @Schema(implementation = ProjectStatistics.class)))
    @APIResponse(responseCode = "400", description = "days outside 0-366, a bad date or interval, from after to, or too many buckets")
    public ProjectStatistics statistics(
            @Parameter(description = "horizon for milestonesDueSoon, 0-366, default 30", schema = @Schema(type = SchemaType.INTEGER,
                    format = "int32", minimum = "0", maximum = "366", defaultValue = "30")) @QueryParam("days") String days,
            @BeanParam TrendParams trends) {
        return statistics.compute(QueryParams.integer("days", days, 30, 0, 366),
                trends.period(service.zone()));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.ANY)
    @Operation(summary = "Read a project", description = "With its participants, milestones and outcomes.")
    @APIResponse(responseCode = "200", description = "The project; ETag header",
            headers = @Header(name = "ETag", description = ApiDocs.ETAG, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = ProjectView.class)))
    @APIResponse(responseCode = "404", description = "No such project")
    public Response get(@PathParam("id") String id) {
        return ETags.ok(service.get(Params.pathId("Project", id)));
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.PROJECT_MANAGER, Roles.INTEGRATOR})
    @Operation(summary = "Replace a project", description = "Replaces every writable field; status, code, "
            + "milestones and outcomes in the body are ignored. Partners not yet on the project are checked with "
            + "partner-service.")
    @APIResponse(responseCode = "200", description = "The updated project; new ETag",
            headers = @Header(name = "ETag", description = ApiDocs.ETAG, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = ProjectView.class)))
    @APIResponse(responseCode = "400", description = "Invalid body")
    @APIResponse(responseCode = "404", description = "No such project")
    @APIResponse(responseCode = "412", description = "If-Match is stale; nothing changed")
    @APIResponse(responseCode = "422", description = "A newly named partner does not exist or has ENDED")
    @APIResponse(responseCode = "428", description = "If-Match missing")
    @APIResponse(responseCode = "503", description = "partner-service unavailable; nothing was written")
    public Response replace(@PathParam("id") String id,
                            @Parameter(description = ApiDocs.IF_MATCH) @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                            @Valid @NotNull ProjectRequest request) {
        return ETags.ok(service.replace(Params.pathId("Project", id), ifMatch, request));
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MergePatch.MEDIA_TYPE)
    @RolesAllowed({Roles.ADMIN, Roles.PROJECT_MANAGER, Roles.INTEGRATOR})
    @Operation(summary = "Change some fields of a project", description = "JSON merge patch (RFC 7396) over the "
            + "ProjectRequest document: objects merge, null removes, arrays replace. status is ignored.")
    @APIResponse(responseCode = "200", description = "The updated project; new ETag",
            headers = @Header(name = "ETag", description = ApiDocs.ETAG, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = ProjectView.class)))
    @APIResponse(responseCode = "400", description = "The patched document is invalid")
    @APIResponse(responseCode = "404", description = "No such project")
    @APIResponse(responseCode = "412", description = "If-Match is stale; nothing changed")
    @APIResponse(responseCode = "415", description = "Not application/merge-patch+json")
    @APIResponse(responseCode = "422", description = "A newly named partner does not exist or has ENDED")
    @APIResponse(responseCode = "428", description = "If-Match missing")
    @APIResponse(responseCode = "503", description = "partner-service unavailable; nothing was written")
    public Response patch(@PathParam("id") String id,
                          @Parameter(description = ApiDocs.IF_MATCH) @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                          @RequestBody(content = @Content(mediaType = MergePatch.MEDIA_TYPE, schema = @Schema(type = SchemaType.OBJECT,
                                  description = "Any fields of ProjectRequest; null removes one"))) @NotNull JsonNode patch) {
        return ETags.ok(service.patch(Params.pathId("Project", id), ifMatch, patch));
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.PROJECT_MANAGER})
    @Operation(summary = "Delete a PROPOSED project", description = "Only a PROPOSED project (made by mistake) is "
            + "deleted; any other is kept and can be CANCELLED by a transition.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such project")
    @APIResponse(responseCode = "409", description = "Not PROPOSED: cancel it instead")
    @APIResponse(responseCode = "412", description = "If-Match is stale")
    @APIResponse(responseCode = "428", description = "If-Match missing")
    public Response delete(@PathParam("id") String id,
                           @Parameter(description = ApiDocs.IF_MATCH) @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        service.delete(Params.pathId("Project", id), ifMatch);
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/transitions")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.PROJECT_MANAGER})
    @Operation(summary = "Change a project's status", description = "PROPOSED -> APPROVED -> ACTIVE <-> ON_HOLD; "
            + "ACTIVE -> COMPLETED (only when every milestone is DONE or MISSED); any non-terminal -> CANCELLED. "
            + "Kept in the history.")
    @APIResponse(responseCode = "200", description = "The project in its new status; new ETag",
            headers = @Header(name = "ETag", description = ApiDocs.ETAG, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = ProjectView.class)))
    @APIResponse(responseCode = "400", description = "Invalid body")
    @APIResponse(responseCode = "404", description = "No such project")
    @APIResponse(responseCode = "409", description = "The lifecycle forbids the move (allowed[] lists the moves "
            + "that are), or COMPLETED while milestones are open (openMilestones[])")
    @APIResponse(responseCode = "412", description = "If-Match is stale; nothing changed")
    @APIResponse(responseCode = "428", description = "If-Match missing")
    public Response transition(@PathParam("id") String id,
                               @Parameter(description = ApiDocs.IF_MATCH) @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                               @Valid @NotNull TransitionRequest request) {
        return ETags.ok(service.transition(Params.pathId("Project", id), ifMatch, request));
    }

    @GET
    @Path("/{id}/history")
    @RolesAllowed(Roles.ANY)
    @Operation(summary = "A project's status changes", description = "Oldest first by default: from, to, reason, by, at.")
    @Extension(name = ContractConventions.SORT_EXTENSION, value = History.SORT)
    @APIResponse(responseCode = "200", description = "One page of the transitions",
            content = @Content(schema = @Schema(implementation = TransitionPage.class)))
    @APIResponse(responseCode = "404", description = "No such project")
    public Response history(@PathParam("id") String id, @BeanParam ListParams list, @Context UriInfo uri) {
        return PageLinks.ok(service.history(Params.pathId("Project", id), list), uri);
    }

    /** The page envelope, named for the OpenAPI document. */
    @Schema(name = "ProjectPage")
    public record ProjectPage(List<ProjectView> items, int page, int size, long totalItems, int totalPages, boolean totalItemsExact) {
    }
}

package org.aicenter.project.milestone;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
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
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.aicenter.platform.concurrency.ETags;
import org.aicenter.platform.idempotency.Idempotency;
import org.aicenter.platform.patch.MergePatch;
import org.aicenter.platform.problem.Problem;
import org.aicenter.platform.tokens.Roles;
import org.aicenter.project.web.ApiDocs;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

@Path("/api/v1/projects/{id}/milestones")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Milestones", description = "Milestones of a project, each with its own id and version")
@APIResponse(responseCode = "404", description = "No such project or milestone",
        content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
public class MilestoneResource {

    @Inject
    MilestoneService service;

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.PARTNER_MANAGER, Roles.PROJECT_MANAGER, Roles.TRAINING_COORDINATOR,
            Roles.VIEWER, Roles.INTEGRATOR})
    @Operation(summary = "List a project's milestones", description = "By due date.")
    @APIResponse(responseCode = "200", description = "The milestones",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = MilestoneView.class)))
    public List<MilestoneView> list(@PathParam("id") UUID id) {
        return service.list(id);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.PROJECT_MANAGER, Roles.INTEGRATOR})
    @Operation(summary = "Add a milestone", description = "No If-Match needed. Status defaults to PLANNED; a DONE milestone gets completedOn (today when left out).")
    @APIResponse(responseCode = "201", description = "Created; Location and ETag headers",
            headers = {@Header(name = "Location", schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "ETag", description = ApiDocs.ETAG, schema = @Schema(type = SchemaType.STRING))},
            content = @Content(schema = @Schema(implementation = MilestoneView.class)))
    @APIResponse(responseCode = "400", description = "Invalid body",
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The project is COMPLETED or CANCELLED: its milestones are final",
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Too many milestones, or the Idempotency-Key was used with another body",
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
    public Response create(@PathParam("id") UUID id,
                           @Parameter(description = ApiDocs.IDEMPOTENCY_KEY) @HeaderParam(Idempotency.HEADER) String idempotencyKey,
                           @Valid @NotNull MilestoneRequest request) {
        return service.create(id, idempotencyKey, request);
    }

    @GET
    @Path("/{milestoneId}")
    @RolesAllowed({Roles.ADMIN, Roles.PARTNER_MANAGER, Roles.PROJECT_MANAGER, Roles.TRAINING_COORDINATOR,
            Roles.VIEWER, Roles.INTEGRATOR})
    @Operation(summary = "Read a milestone")
    @APIResponse(responseCode = "200", description = "The milestone; ETag header (its own version)",
            headers = @Header(name = "ETag", description = ApiDocs.ETAG, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = MilestoneView.class)))
    public Response get(@PathParam("id") UUID id, @PathParam("milestoneId") UUID milestoneId) {
        MilestoneView view = service.get(id, milestoneId);
        return Response.ok(view).tag(ETags.of(view.version())).build();
    }

    @PUT
    @Path("/{milestoneId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.PROJECT_MANAGER, Roles.INTEGRATOR})
    @Operation(summary = "Replace a milestone", description = "If-Match takes the milestone's own ETag.")
    @APIResponse(responseCode = "200", description = "The updated milestone; new ETag",
            headers = @Header(name = "ETag", description = ApiDocs.ETAG, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = MilestoneView.class)))
    @APIResponse(responseCode = "400", description = "Invalid body",
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The project is COMPLETED or CANCELLED: its milestones are final",
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match is stale; nothing changed",
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "If-Match missing",
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
    public Response replace(@PathParam("id") UUID id, @PathParam("milestoneId") UUID milestoneId,
                            @Parameter(description = ApiDocs.IF_MATCH) @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                            @Valid @NotNull MilestoneRequest request) {
        MilestoneView view = service.replace(id, milestoneId, ifMatch, request);
        return Response.ok(view).tag(ETags.of(view.version())).build();
    }

    @PATCH
    @Path("/{milestoneId}")
    @Consumes(MergePatch.MEDIA_TYPE)
    @RolesAllowed({Roles.ADMIN, Roles.PROJECT_MANAGER, Roles.INTEGRATOR})
    @Operation(summary = "Change some fields of a milestone", description = "JSON merge patch; If-Match takes the "
            + "milestone's own ETag.")
    @APIResponse(responseCode = "200", description = "The updated milestone; new ETag",
            headers = @Header(name = "ETag", description = ApiDocs.ETAG, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = MilestoneView.class)))
    @APIResponse(responseCode = "400", description = "The patched document is invalid",
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The project is COMPLETED or CANCELLED: its milestones are final",
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match is stale; nothing changed",
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "Not application/merge-patch+json",
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "If-Match missing",
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
    public Response patch(@PathParam("id") UUID id, @PathParam("milestoneId") UUID milestoneId,
                          @Parameter(description = ApiDocs.IF_MATCH) @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                          @RequestBody(content = @Content(mediaType = MergePatch.MEDIA_TYPE, schema = @Schema(type = SchemaType.OBJECT,
                                  description = "Any fields of MilestoneRequest; null removes one"))) @NotNull JsonNode patch) {
        MilestoneView view = service.patch(id, milestoneId, ifMatch, patch);
        return Response.ok(view).tag(ETags.of(view.version())).build();
    }

    @DELETE
    @Path("/{milestoneId}")
    @RolesAllowed({Roles.ADMIN, Roles.PROJECT_MANAGER, Roles.INTEGRATOR})
    @Operation(summary = "Remove a milestone", description = "If-Match takes the milestone's own ETag.")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "409", description = "The project is COMPLETED or CANCELLED: its milestones are final",
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match is stale; nothing changed",
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "If-Match missing",
            content = @Content(mediaType = ApiDocs.PROBLEM, schema = @Schema(implementation = Problem.class)))
    public Response delete(@PathParam("id") UUID id, @PathParam("milestoneId") UUID milestoneId,
                           @Parameter(description = ApiDocs.IF_MATCH) @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        service.delete(id, milestoneId, ifMatch);
        return Response.noContent().build();
    }
}

package org.aicenter.project.part;

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
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.aicenter.platform.concurrency.ETags;
import org.aicenter.platform.concurrency.Versioned;
import org.aicenter.platform.idempotency.Idempotency;
import org.aicenter.platform.paging.ListParams;
import org.aicenter.platform.paging.PageLinks;
import org.aicenter.platform.patch.MergePatch;
import org.aicenter.platform.tokens.Roles;
import org.aicenter.platform.web.Params;
import org.aicenter.project.web.ApiDocs;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.util.List;
import java.util.UUID;

/**
 * HTTP for one kind of project part, below {@code /api/v1/projects/{id}/<kind>}: the same six
 * operations for every kind, each one call of {@link ProjectParts}. A subclass names the path and
 * the kind; {@link PartDocs} writes each kind's words into the contract. A request is a record:
 * bounded so, the {@code @Valid} body is no "potential container" to Hibernate Validator (as an
 * unbounded type it warned six times at every start).
 */
@Produces(MediaType.APPLICATION_JSON)
public abstract class ProjectPartResource<P extends ProjectPart, R extends Record, V extends Versioned> {

    private final PartKind<P, R, V> kind;

    @Inject
    ProjectParts parts;
    @Inject
    Idempotency idempotency;

    protected ProjectPartResource(PartKind<P, R, V> kind) {
        this.kind = kind;
    }

    @GET
    @RolesAllowed(Roles.ANY)
    @APIResponse(responseCode = "200", description = "A page of the parts")
    public Response list(@PathParam("id") String id, @BeanParam ListParams list, @Context UriInfo uri) {
        return PageLinks.ok(parts.list(kind, Params.pathId("Project", id), list), uri);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.PROJECT_MANAGER, Roles.INTEGRATOR})
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "409", description = "The project's parts are final")
    @APIResponse(responseCode = "422", description = "Too many parts, or the Idempotency-Key was used with another body")
    public Response create(@PathParam("id") String id,
                           @Parameter(description = ApiDocs.IDEMPOTENCY_KEY) @HeaderParam(Idempotency.HEADER) String idempotencyKey,
                           @Valid @NotNull R request) {
        UUID projectId = Params.pathId("Project", id);
        return idempotency.create(idempotencyKey, request, () -> parts.create(kind, projectId, request));
    }

    @GET
    @Path("/{partId}")
    @RolesAllowed(Roles.ANY)
    @APIResponse(responseCode = "200", description = "The part")
    public Response get(@PathParam("id") String id, @PathParam("partId") String partId) {
        return ETags.ok(parts.get(kind, Params.pathId("Project", id), partId(partId)));
    }

    @PUT
    @Path("/{partId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.PROJECT_MANAGER, Roles.INTEGRATOR})
    @APIResponse(responseCode = "200", description = "Changed")
    @APIResponse(responseCode = "409", description = "The project's parts are final")
    public Response replace(@PathParam("id") String id, @PathParam("partId") String partId,
                            @Parameter(description = ApiDocs.IF_MATCH) @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                            @Valid @NotNull R request) {
        return ETags.ok(parts.replace(kind, Params.pathId("Project", id), partId(partId), ifMatch, request));
    }

    @PATCH
    @Path("/{partId}")
    @Consumes(MergePatch.MEDIA_TYPE)
    @RolesAllowed({Roles.ADMIN, Roles.PROJECT_MANAGER, Roles.INTEGRATOR})
    @APIResponse(responseCode = "200", description = "Changed")
    @APIResponse(responseCode = "409", description = "The project's parts are final")
    public Response patch(@PathParam("id") String id, @PathParam("partId") String partId,
                          @Parameter(description = ApiDocs.IF_MATCH) @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                          @RequestBody(content = @Content(mediaType = MergePatch.MEDIA_TYPE, schema = @Schema(type = SchemaType.OBJECT,
                                  description = "Any fields of the request body; null removes one"))) @NotNull JsonNode patch) {
        return ETags.ok(parts.patch(kind, Params.pathId("Project", id), partId(partId), ifMatch, patch));
    }

    @DELETE
    @Path("/{partId}")
    @RolesAllowed({Roles.ADMIN, Roles.PROJECT_MANAGER})
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "409", description = "The project's parts are final")
    public Response delete(@PathParam("id") String id, @PathParam("partId") String partId,
                           @Parameter(description = ApiDocs.IF_MATCH) @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        parts.delete(kind, Params.pathId("Project", id), partId(partId), ifMatch);
        return Response.noContent().build();
    }

    private UUID partId(String partId) {
        return Params.pathId(kind.title(), partId);
    }
}

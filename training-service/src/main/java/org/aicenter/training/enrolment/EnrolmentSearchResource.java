package org.aicenter.training.enrolment;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.aicenter.platform.openapi.ContractConventions;
import org.aicenter.platform.paging.PageLinks;
import org.aicenter.platform.paging.PageRequest;
import org.aicenter.platform.tokens.Roles;
import org.aicenter.platform.web.Params;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Enrolments across programmes: a person's, a partner organisation's, or all changed since an instant. */
@Path("/api/v1/enrolments")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "enrolments")
@RolesAllowed(Roles.ANY)
public class EnrolmentSearchResource {

    @Inject
    EnrolmentService enrolments;
    @Context
    UriInfo uri;

    @GET
    @Operation(summary = "List enrolments across programmes", description = """
            Filter by the participant's email (exact, any case), the participant's partner organisation (partnerId), \
            programmeId and status; `updatedSince` with `sort=updatedAt` syncs incrementally. Each enrolment names \
            its programme's code and title.""")
    @Extension(name = ContractConventions.SORT_EXTENSION, value = EnrolmentService.SORT)
    @APIResponse(responseCode = "200", description = "One page of enrolments",
            content = @Content(schema = @Schema(implementation = EnrolmentResource.EnrolmentPage.class)))
    public Response list(@QueryParam("email") @Parameter(description = "Exact email, any case") String email,
                         @QueryParam("partnerId") @Parameter(description = "The participant's partner organisation",
                                 schema = @Schema(type = SchemaType.STRING, format = "uuid")) String partnerId,
                         @QueryParam("programmeId") @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) String programmeId,
                         @QueryParam("status") @Schema(implementation = EnrolmentStatus.class) String status,
                         @QueryParam("updatedSince") @Parameter(schema = @Schema(type = SchemaType.STRING, format = "date-time")) String updatedSince,
                         @QueryParam("page") @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "0", defaultValue = "0")) String page,
                         @QueryParam("size") @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "200", defaultValue = "20")) String size,
                         @QueryParam("sort") @Parameter(example = "-createdAt") String sort) {
        EnrolmentFilter filter = new EnrolmentFilter(Params.uuid("programmeId", programmeId),
                Params.enumValue("status", status, EnrolmentStatus.class), Params.text("email", email),
                Params.uuid("partnerId", partnerId), Params.instant("updatedSince", updatedSince));
        return PageLinks.ok(enrolments.list(filter, PageRequest.parse(page, size), Params.text("sort", sort)), uri);
    }
}

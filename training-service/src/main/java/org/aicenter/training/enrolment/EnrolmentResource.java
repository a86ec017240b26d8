package org.aicenter.training.enrolment;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.aicenter.platform.concurrency.ETags;
import org.aicenter.platform.idempotency.Idempotency;
import org.aicenter.platform.lifecycle.History;
import org.aicenter.platform.lifecycle.TransitionPage;
import org.aicenter.platform.openapi.ContractConventions;
import org.aicenter.platform.paging.ListParams;
import org.aicenter.platform.paging.PageLinks;
import org.aicenter.platform.paging.PageRequest;
import org.aicenter.platform.tokens.Roles;
import org.aicenter.platform.problem.ProblemException;
import org.aicenter.platform.problem.ProblemType;
import org.aicenter.platform.web.Params;
import org.aicenter.training.programme.ProgrammeService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * HTTP for the enrolments of one programme: maps each request to one call of {@link EnrolmentService}.
 * Roles are named per method, so the participant's cancellation link can work without a token;
 * every role reads, training coordinators and admins write.
 */
@Path("/api/v1/programmes/{id}/enrolments")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "enrolments", description = "Enrolments in programmes, the waitlist and certificates")
public class EnrolmentResource {

    @Inject
    Validator validator;
    @Inject
    ProgrammeService programmes;
    @Inject
    SecurityIdentity identity;
    @Inject
    EnrolmentService enrolments;
    @Inject
    Idempotency idempotency;
    @Context
    UriInfo uri;

    @GET
    @RolesAllowed(Roles.ANY)
    @Operation(summary = "List a programme's enrolments", description = "Filter by status and email. "
            + "`status=WAITLISTED&sort=waitlistPosition` is the waitlist in order.")
    @Extension(name = ContractConventions.SORT_EXTENSION, value = EnrolmentService.SORT)
    @APIResponse(responseCode = "200", description = "One page of enrolments",
            content = @Content(schema = @Schema(implementation = EnrolmentPage.class)))
    public Response list(@PathParam("id") String id,
                         @QueryParam("status") @Schema(implementation = EnrolmentStatus.class) String status,
                         @QueryParam("email") @Parameter(description = "Exact email, any case") String email,
                         @QueryParam("updatedSince") @Parameter(schema = @Schema(type = SchemaType.STRING, format = "date-time")) String updatedSince,
                         @QueryParam("page") @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "0", defaultValue = "0")) String page,
                         @QueryParam("size") @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "200", defaultValue = "20")) String size,
                         @QueryParam("sort") @Parameter(example = "waitlistPosition") String sort) {
        EnrolmentFilter filter = new EnrolmentFilter(Params.pathId("Programme", id),
                Params.enumValue("status", status, EnrolmentStatus.class), Params.text("email", email), null,
                Params.instant("updatedSince", updatedSince));
        return PageLinks.ok(enrolments.listOfProgramme(filter, PageRequest.parse(page, size), Params.text("sort", sort)), uri);
    }

    @POST
    @PermitAll
    @SecurityRequirementsSet
    @SecurityRequirementsSet(@SecurityRequirement(name = "bearer", scopes = {Roles.ADMIN, Roles.TRAINING_COORDINATOR}))
    @Operation(summary = "Enrol a participant", description = """
            Public: a participant enrols themselves from the catalogue without a token (a programme that is not \
            PUBLISHED is then a 404, and Idempotency-Key is not used: one live enrolment per email prevents \
            duplicates); with a token the caller must be an admin or a training coordinator (403 for other \
            roles, an integrator's included). Open only while the programme is PUBLISHED and up to its enrolmentDeadline (409 otherwise). A free seat \
            gives ENROLLED; a full programme gives WAITLISTED with the next waitlistPosition. One live (ENROLLED or \
            WAITLISTED) enrolment per email and programme, any case (409, naming the existing enrolmentId). \
            participant.partnerId must name a partner that exists and has not ENDED (422; 503 when partner-service \
            cannot be asked). The answer carries `cancelToken`, the participant's secret for cancelling without an \
            account; it is shown only here. Send an Idempotency-Key to make retries safe.""")
    @APIResponse(responseCode = "201", description = "ENROLLED or WAITLISTED; Location names it",
            content = @Content(schema = @Schema(implementation = EnrolmentView.class)))
    @APIResponse(responseCode = "409", description = "Enrolment is not open, or this email already has a live enrolment")
    @APIResponse(responseCode = "422", description = "The participant's partner does not exist or has ended")
    @APIResponse(responseCode = "503", description = "partner-service cannot be asked; nothing was written")
    public Response enrol(@PathParam("id") String id,
                          @HeaderParam(Idempotency.HEADER) @Parameter(description = "Makes a retried enrolment safe") String idempotencyKey,
                          @RequestBody(content = @Content(examples = @ExampleObject(name = "participant", value = """
                                  {"participant":{"name":"张伟","email":"zhang.wei@example.cn","organisation":"徐汇区大数据中心"}}""")))
                          @NotNull EnrolmentRequest request) {
        UUID programmeId = Params.pathId("Programme", id);
        if (!identity.isAnonymous() && !identity.hasRole(Roles.ADMIN) && !identity.hasRole(Roles.TRAINING_COORDINATOR)) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Your role may not enrol people; enrol without a token "
                    + "to enrol yourself");
        }
        // Validated here rather than by @Valid, so that a role that may not enrol learns that first (403), as on
        // every @RolesAllowed operation, whatever its body.
        Set<ConstraintViolation<EnrolmentRequest>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        String key = idempotencyKey;
        if (identity.isAnonymous()) {
            programmes.get(programmeId); // a programme the public cannot see is a 404, as when reading it
            // Keys are kept per caller, and every anonymous caller is the same one: a replayed key must not hand
            // someone else's answer (and cancel token) back. One live enrolment per email stops duplicates anyway.
            key = null;
        }
        return idempotency.create(key, request, () -> enrolments.checkNew(request),
                () -> enrolments.enrol(programmeId, request));
    }

    @GET
    @RolesAllowed(Roles.ANY)
    @Path("/{enrolmentId}")
    @Operation(summary = "Get an enrolment")
    @APIResponse(responseCode = "200", description = "The enrolment; ETag carries its version",
            content = @Content(schema = @Schema(implementation = EnrolmentView.class)))
    public Response get(@PathParam("id") String id, @PathParam("enrolmentId") String enrolmentId) {
        return ETags.ok(enrolments.get(Params.pathId("Programme", id), Params.pathId("Enrolment", enrolmentId)));
    }

    @POST
    @Path("/{enrolmentId}/transitions")
    @RolesAllowed({Roles.ADMIN, Roles.TRAINING_COORDINATOR})
    @Operation(summary = "Change an enrolment's status", description = """
            ENROLLED -> CANCELLED | COMPLETED | NO_SHOW; WAITLISTED -> CANCELLED (moving up from the waitlist is \
            automatic, never requested). Cancelling is possible while the programme is PUBLISHED or IN_PROGRESS; a \
            cancelled seat goes to the first on the waitlist in the same transaction and the waitlist closes up. \
            COMPLETED and NO_SHOW are recorded once the programme is IN_PROGRESS or COMPLETED; COMPLETED issues a \
            certificateCode. Needs If-Match; the reason is kept in the history.""")
    @APIResponse(responseCode = "200", description = "Moved", content = @Content(schema = @Schema(implementation = EnrolmentView.class)))
    @APIResponse(responseCode = "409", description = "The lifecycle (`allowed` lists the moves) or the programme's status does not allow it")
    public Response transition(@PathParam("id") String id, @PathParam("enrolmentId") String enrolmentId,
                               @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                               @RequestBody(content = @Content(examples = @ExampleObject(name = "complete",
                                       value = "{\"to\":\"COMPLETED\",\"reason\":\"attended every session\"}")))
                               @Valid @NotNull EnrolmentTransitionRequest request) {
        return ETags.ok(enrolments.transition(Params.pathId("Programme", id),
                Params.pathId("Enrolment", enrolmentId), ifMatch, request));
    }

    @POST
    @Path("/{enrolmentId}/cancellation")
    @PermitAll
    @SecurityRequirementsSet
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "The participant cancels their own enrolment", description = """
            No bearer token: the body's `token` is the cancelToken from the answer that created the \
            enrolment (the participant's link). A seat goes to the first on the waitlist. Cancelling an already \
            cancelled enrolment answers it again; a COMPLETED or NO_SHOW one is a 409. The answer says nothing of \
            who at the center handled the enrolment. The `token` query parameter still works but is deprecated: \
            a URL ends up in logs, proxies and browser history. Staff use the transitions instead.""")
    @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CancellationRequest.class),
            examples = @ExampleObject(name = "token", value = "{\"token\":\"q3v9Qm1x...\"}")))
    @APIResponse(responseCode = "200", description = "Cancelled",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EnrolmentCancellation.class)))
    @APIResponse(responseCode = "400", description = "No token, or two different ones (body and query)")
    @APIResponse(responseCode = "403", description = "The token does not match this enrolment")
    @APIResponse(responseCode = "409", description = "Already COMPLETED or NO_SHOW, or the programme is over")
    public Response cancel(@PathParam("id") String id, @PathParam("enrolmentId") String enrolmentId,
                           @QueryParam("token") @Parameter(description = "Deprecated: send the token in the body",
                                   deprecated = true) String queryToken,
                           CancellationRequest request) {
        UUID programmeId = Params.pathId("Programme", id);
        UUID enrolment = Params.pathId("Enrolment", enrolmentId);
        String token = request != null && request.token() != null ? request.token() : queryToken;
        if (request != null && request.token() != null && queryToken != null && !queryToken.equals(request.token())) {
            throw Params.bad("token", "is given twice, differently: send it in the body alone");
        }
        if (token == null || token.isBlank()) {
            throw Params.bad("token", "is required: the cancelToken given when the enrolment was made, as {\"token\":\"...\"}");
        }
        EnrolmentView cancelled = enrolments.cancelWithToken(programmeId, enrolment, token);
        return Response.ok(EnrolmentCancellation.of(cancelled)).tag(ETags.of(cancelled.version())).build();
    }

    @GET
    @RolesAllowed(Roles.ANY)
    @Path("/{enrolmentId}/history")
    @Operation(summary = "An enrolment's status changes, oldest first", description = "Moving up from the waitlist shows as WAITLISTED -> ENROLLED.")
    @Extension(name = ContractConventions.SORT_EXTENSION, value = History.SORT)
    @APIResponse(responseCode = "200", description = "One page of the status changes",
            content = @Content(schema = @Schema(implementation = TransitionPage.class)))
    public Response history(@PathParam("id") String id, @PathParam("enrolmentId") String enrolmentId,
                            @BeanParam ListParams list) {
        return PageLinks.ok(enrolments.history(Params.pathId("Programme", id), Params.pathId("Enrolment", enrolmentId), list), uri);
    }

    /** The list envelope as the contract documents it. */
    @Schema(name = "EnrolmentPage")
    public record EnrolmentPage(List<EnrolmentView> items, int page, int size, long totalItems, int totalPages, boolean totalItemsExact) {
    }
}

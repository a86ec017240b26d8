package org.aicenter.training.programme;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.annotation.security.PermitAll;
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
import org.aicenter.platform.problem.Problem;
import org.aicenter.platform.tokens.Roles;
import org.aicenter.platform.persistence.TrendParams;
import org.aicenter.platform.web.Params;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
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
import java.util.concurrent.CompletionStage;
import java.util.UUID;

/**
 * HTTP for programmes and their sessions: maps each request to one call of {@link ProgrammeService}.
 * Roles are named per method, so the public catalogue (list and one programme) can take a token
 * or none; every role reads, training coordinators and admins write.
 */
@Path("/api/v1/programmes")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "programmes", description = "Training programmes and their sessions")
public class ProgrammeResource {

    private static final String EXAMPLE = """
            {"title":"生成式人工智能政务应用研修班","description":"面向区级部门的大模型应用实务",
             "topic":"AI_FOR_GOVERNMENT","format":"HYBRID","level":"INTERMEDIATE","language":"zh","capacity":40,
             "location":"徐汇区漕河泾 AI 创新中心 3 楼","startDate":"2026-09-14","endDate":"2026-09-18",
             "enrolmentDeadline":"2026-09-07",
             "instructors":[{"name":"刘洋","email":"liu.yang@example.cn"}]}""";
    @Inject
    ProgrammeService programmes;
    @Inject
    ChangeFeed changes;
    @Inject
    ProgrammeStatisticsService statistics;
    @Inject
    Idempotency idempotency;
    @Context
    UriInfo uri;

    @GET
    @PermitAll
    @SecurityRequirementsSet
    @SecurityRequirementsSet(@SecurityRequirement(name = "bearer"))
    @Operation(summary = "List programmes; without a token, the published catalogue", description = """
            Filter by status, topic, format, level, language, a start-date range (startFrom/startTo), host partner and \
            free text `q` over code, title and description; `updatedSince` with `sort=updatedAt` syncs incrementally. \
            Without a token only PUBLISHED programmes are listed (no status means PUBLISHED; another status is a 401), \
            and instructors' emails and the createdBy/updatedBy subjects are left out.""")
    @Extension(name = ContractConventions.SORT_EXTENSION, value = ProgrammeService.SORT)
    @APIResponse(responseCode = "200", description = "One page of programmes; Link headers point to the next and previous pages",
            content = @Content(schema = @Schema(implementation = ProgrammePage.class)))
    @APIResponse(responseCode = "401", description = "No token and a status other than PUBLISHED, or a bad token")
    public Response list(@QueryParam("status") @Schema(implementation = ProgrammeStatus.class) String status,
                         @QueryParam("topic") @Schema(implementation = Topic.class) String topic,
                         @QueryParam("format") @Schema(implementation = Format.class) String format,
                         @QueryParam("level") @Schema(implementation = Level.class) String level,
                         @QueryParam("language") @Schema(enumeration = {"zh", "en"}) String language,
                         @QueryParam("startFrom") @Parameter(description = "Programmes starting on or after this date",
                                 schema = @Schema(type = SchemaType.STRING, format = "date")) String startFrom,
                         @QueryParam("startTo") @Parameter(description = "Programmes starting on or before this date",
                                 schema = @Schema(type = SchemaType.STRING, format = "date")) String startTo,
                         @QueryParam("q") @Parameter(description = "Text in the code, title or description") String q,
                         @QueryParam("hostPartnerId") @Parameter(description = "Programmes hosted by this partner",
                                 schema = @Schema(type = SchemaType.STRING, format = "uuid")) String hostPartnerId,
                         @QueryParam("updatedSince") @Parameter(description = "Only programmes changed at or after this instant",
                                 schema = @Schema(type = SchemaType.STRING, format = "date-time")) String updatedSince,
                         @QueryParam("page") @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "0", defaultValue = "0")) String page,
                         @QueryParam("size") @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "200", defaultValue = "20")) String size,
                         @QueryParam("sort") @Parameter(description = "Comma-separated fields, - for descending", example = "startDate") String sort) {
        ProgrammeFilter filter = new ProgrammeFilter(
                Params.enumValue("status", status, ProgrammeStatus.class),
                Params.enumValue("topic", topic, Topic.class),
                Params.enumValue("format", format, Format.class),
                Params.enumValue("level", level, Level.class),
                language(language),
                Params.date("startFrom", startFrom),
                Params.date("startTo", startTo),
                Params.text("q", q),
                Params.uuid("hostPartnerId", hostPartnerId),
                Params.instant("updatedSince", updatedSince));
        return PageLinks.ok(programmes.list(filter, PageRequest.parse(page, size), Params.text("sort", sort)), uri);
    }

    private static String language(String value) {
        String language = Params.text("language", value);
        if (language != null && !language.equals("zh") && !language.equals("en")) {
            throw Params.bad("language", "must be zh or en");
        }
        return language;
    }

    @GET
    @Path("/changes")
    @RolesAllowed(Roles.ANY)
    @Blocking
    @Operation(summary = "The programmes' change feed", description = "Every create, update, status change and deletion "
            + "of a programme, a session or an enrolment (a programme's seats and sessions are in its view, so their changes "
            + "are its updates too), as CloudEvents in commit order, kept 30 days. Read on from `next`; an up-to-date "
            + "reader gets no events and the same cursor, and with `wait` the answer is held open until one arrives. "
            + "Needs a token: enrolments name people. See docs/integration.md.")
    @APIResponse(responseCode = "200", description = "The events after the cursor; the Link header points to the next read",
            content = @Content(schema = @Schema(implementation = ChangePage.class)))
    public CompletionStage<Response> changes(@BeanParam FeedParams feed) {
        return changes.answer(feed, ProgrammeChanges.KINDS, uri);
    }

    @GET
    @RolesAllowed(Roles.ANY)
    @Path("/statistics")
    @Operation(summary = "Programme and seat figures for dashboards, and trends", description = """
            Counts by status, topic, format, level and language (every value present, 0 where none); seats taken and \
            free and waitlist lengths over open programmes (PUBLISHED and IN_PROGRESS); the center's completion rate. \
            With `interval` (and optionally `from`, `to`), `trends` has one bucket per week (Monday first), month, \
            quarter or year in the center's zone, every bucket present: enrolments made, waitlisted, cancelled and \
            completed, and the completion rate of the started programmes ending in it. With `interval` alone, the last \
            12 periods up to today; at most 200 buckets. Per programme and per partner organisation: \
            /statistics/programmes and /statistics/partners, paged.""")
    @APIResponse(responseCode = "200", description = "The figures",
            content = @Content(schema = @Schema(implementation = ProgrammeStatistics.class)))
    @APIResponse(responseCode = "400", description = "A bad date or interval, from after to, or too many buckets",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ProgrammeStatistics statistics(
            @BeanParam TrendParams trends) {
        return statistics.compute(trends.period(programmes.zone()));
    }

    @GET
    @RolesAllowed(Roles.ANY)
    @Path("/statistics/programmes")
    @Operation(summary = "Seats, waitlist and completion rate per programme", description = "Every programme that is "
            + "not DRAFT, latest start first; paged like every list, Link headers to the next and previous pages.")
    @APIResponse(responseCode = "200", description = "One page of figures",
            content = @Content(schema = @Schema(implementation = ProgrammeFiguresPage.class)))
    public Response programmeFigures(
            @QueryParam("page") @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "0", defaultValue = "0")) String page,
            @QueryParam("size") @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "200", defaultValue = "20")) String size) {
        return PageLinks.ok(statistics.byProgramme(PageRequest.parse(page, size)), uri);
    }

    @GET
    @RolesAllowed(Roles.ANY)
    @Path("/statistics/partners")
    @Operation(summary = "Enrolments and completion rate per partner organisation of the participants",
            description = "Most enrolments first; paged like every list, Link headers to the next and previous pages.")
    @APIResponse(responseCode = "200", description = "One page of figures",
            content = @Content(schema = @Schema(implementation = PartnerFiguresPage.class)))
    public Response partnerFigures(
            @QueryParam("page") @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "0", defaultValue = "0")) String page,
            @QueryParam("size") @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "200", defaultValue = "20")) String size) {
        return PageLinks.ok(statistics.byPartner(PageRequest.parse(page, size)), uri);
    }

    /** The list envelopes as the contract documents them. */
    @Schema(name = "ProgrammeFiguresPage")
    public record ProgrammeFiguresPage(List<ProgrammeStatistics.ProgrammeFigures> items, int page, int size, long totalItems,
                                       int totalPages, boolean totalItemsExact) {
    }

    @Schema(name = "PartnerOrganisationFiguresPage")
    public record PartnerFiguresPage(List<ProgrammeStatistics.PartnerFigures> items, int page, int size, long totalItems,
                                     int totalPages, boolean totalItemsExact) {
    }

    @GET
    @Path("/{id}")
    @PermitAll
    @SecurityRequirementsSet
    @SecurityRequirementsSet(@SecurityRequirement(name = "bearer"))
    @Operation(summary = "Get a programme", description = "Without a token only a PUBLISHED programme is found (others are 404), "
            + "without people's details.")
    @APIResponse(responseCode = "200", description = "The programme; ETag carries its version",
            headers = @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = ProgrammeView.class)))
    public Response get(@PathParam("id") String id) {
        return ETags.ok(programmes.get(Params.pathId("Programme", id)));
    }

    @POST
    @RolesAllowed({Roles.ADMIN, Roles.TRAINING_COORDINATOR})
    @Operation(summary = "Create a programme", description = "A new programme starts as DRAFT with a code TRN-<year>-<number>. "
            + "IN_PERSON and HYBRID need a location; enrolmentDeadline <= startDate <= endDate. A hostPartnerId must name "
            + "a partner that exists and has not ENDED. Send an Idempotency-Key to make retries safe.")
    @APIResponse(responseCode = "201", description = "Created; Location names it",
            content = @Content(schema = @Schema(implementation = ProgrammeView.class)))
    @APIResponse(responseCode = "422", description = "The host partner does not exist or has ended")
    @APIResponse(responseCode = "503", description = "partner-service cannot be asked; nothing was written")
    public Response create(@HeaderParam(Idempotency.HEADER) @Parameter(description = "Makes a retried create safe") String idempotencyKey,
                           @RequestBody(content = @Content(examples = @ExampleObject(name = "government AI", value = EXAMPLE)))
                           @Valid @NotNull ProgrammeRequest request) {
        return idempotency.create(idempotencyKey, request, () -> programmes.checkNew(request), () -> programmes.create(request));
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.TRAINING_COORDINATOR})
    @Operation(summary = "Replace a programme", description = "Needs If-Match. `status` and `code` are not taken from the "
            + "body. Raising the capacity moves the waitlist up in order; capacity below the seats taken is a 409. New "
            + "dates must still hold every session (422).")
    @APIResponse(responseCode = "200", description = "Replaced", content = @Content(schema = @Schema(implementation = ProgrammeView.class)))
    @APIResponse(responseCode = "409", description = "Capacity below the seats taken, or the programme is COMPLETED/CANCELLED")
    @APIResponse(responseCode = "422", description = "Sessions would fall outside the new dates, or the host partner is unusable")
    public Response replace(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                            @Valid @NotNull ProgrammeRequest request) {
        return ETags.ok(programmes.replace(Params.pathId("Programme", id), ifMatch, request));
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MergePatch.MEDIA_TYPE)
    @RolesAllowed({Roles.ADMIN, Roles.TRAINING_COORDINATOR})
    @Operation(summary = "Change some fields of a programme", description = "JSON Merge Patch (RFC 7396); needs If-Match; "
            + "the same rules as PUT.")
    @APIResponse(responseCode = "200", description = "Changed", content = @Content(schema = @Schema(implementation = ProgrammeView.class)))
    @APIResponse(responseCode = "409", description = "Capacity below the seats taken, or the programme is COMPLETED/CANCELLED")
    @APIResponse(responseCode = "422", description = "Sessions would fall outside the new dates, or the host partner is unusable")
    public Response patch(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                          @RequestBody(content = @Content(mediaType = MergePatch.MEDIA_TYPE,
                                  schema = @Schema(type = SchemaType.OBJECT),
                                  examples = @ExampleObject(name = "more seats", value = "{\"capacity\":60}")))
                          @NotNull JsonNode patch) {
        return ETags.ok(programmes.patch(Params.pathId("Programme", id), ifMatch, patch));
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.TRAINING_COORDINATOR})
    @Operation(summary = "Delete a programme made by mistake", description = "Only a DRAFT can be deleted; cancel any other.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "409", description = "Not a DRAFT: cancel it instead")
    public Response delete(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        programmes.delete(Params.pathId("Programme", id), ifMatch);
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/transitions")
    @RolesAllowed({Roles.ADMIN, Roles.TRAINING_COORDINATOR})
    @Operation(summary = "Change a programme's status", description = """
            DRAFT -> PUBLISHED -> IN_PROGRESS -> COMPLETED; DRAFT or PUBLISHED -> CANCELLED. Needs If-Match; the reason \
            is kept in the history. CANCELLED cancels every live enrolment; COMPLETED cancels those still on the waitlist.""")
    @APIResponse(responseCode = "200", description = "Moved", content = @Content(schema = @Schema(implementation = ProgrammeView.class)))
    @APIResponse(responseCode = "409", description = "The lifecycle does not allow this move; `allowed` lists the moves that are",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "completed", value = """
                            {"type":"https://aicenter.org/problems/invalid-transition","title":"Status change not allowed",
                             "status":409,"detail":"Programme cannot move from COMPLETED to PUBLISHED; COMPLETED is final",
                             "from":"COMPLETED","allowed":[]}""")))
    public Response transition(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                               @RequestBody(content = @Content(examples = @ExampleObject(name = "publish",
                                       value = "{\"to\":\"PUBLISHED\",\"reason\":\"curriculum approved\"}")))
                               @Valid @NotNull TransitionRequest request) {
        return ETags.ok(programmes.transition(Params.pathId("Programme", id), ifMatch, request));
    }

    @GET
    @RolesAllowed(Roles.ANY)
    @Path("/{id}/history")
    @Operation(summary = "A programme's status changes, oldest first")
    @Extension(name = ContractConventions.SORT_EXTENSION, value = History.SORT)
    @APIResponse(responseCode = "200", description = "One page of the status changes",
            content = @Content(schema = @Schema(implementation = TransitionPage.class)))
    public Response history(@PathParam("id") String id, @BeanParam ListParams list) {
        return PageLinks.ok(programmes.history(Params.pathId("Programme", id), list), uri);
    }

    // --- sessions ---

    @GET
    @RolesAllowed(Roles.ANY)
    @Path("/{id}/sessions")
    @Operation(summary = "A programme's sessions, in time order by default")
    @Extension(name = ContractConventions.SORT_EXTENSION, value = ProgrammeService.SESSION_SORT)
    @APIResponse(responseCode = "200", description = "One page of sessions",
            content = @Content(schema = @Schema(implementation = SessionPage.class)))
    public Response sessions(@PathParam("id") String id, @BeanParam ListParams list) {
        return PageLinks.ok(programmes.sessions(Params.pathId("Programme", id), list), uri);
    }

    @GET
    @RolesAllowed(Roles.ANY)
    @Path("/{id}/sessions/{sessionId}")
    @Operation(summary = "Get a session")
    @APIResponse(responseCode = "200", description = "The session; ETag carries its version",
            content = @Content(schema = @Schema(implementation = SessionView.class)))
    public Response session(@PathParam("id") String id, @PathParam("sessionId") String sessionId) {
        return ETags.ok(programmes.session(Params.pathId("Programme", id), Params.pathId("Session", sessionId)));
    }

    @POST
    @Path("/{id}/sessions")
    @RolesAllowed({Roles.ADMIN, Roles.TRAINING_COORDINATOR})
    @Operation(summary = "Add a session", description = "endsAt after startsAt, both within the programme's dates "
            + "(in the service's time zone, Asia/Shanghai by default). A programme has at most "
            + ProgrammeService.MAX_SESSIONS + " sessions.")
    @APIResponse(responseCode = "201", description = "Added; Location names it",
            content = @Content(schema = @Schema(implementation = SessionView.class)))
    @APIResponse(responseCode = "409", description = "The programme is COMPLETED or CANCELLED, or has "
            + ProgrammeService.MAX_SESSIONS + " sessions already")
    @APIResponse(responseCode = "422", description = "The session falls outside the programme's dates")
    public Response addSession(@PathParam("id") String id,
                               @HeaderParam(Idempotency.HEADER) @Parameter(description = "Makes a retried create safe") String idempotencyKey,
                               @Valid @NotNull SessionRequest request) {
        UUID programmeId = Params.pathId("Programme", id);
        return idempotency.create(idempotencyKey, request, () -> programmes.addSession(programmeId, request));
    }

    @PUT
    @Path("/{id}/sessions/{sessionId}")
    @RolesAllowed({Roles.ADMIN, Roles.TRAINING_COORDINATOR})
    @Operation(summary = "Replace a session", description = "Needs If-Match with the session's ETag.")
    @APIResponse(responseCode = "200", description = "Replaced", content = @Content(schema = @Schema(implementation = SessionView.class)))
    @APIResponse(responseCode = "422", description = "The session falls outside the programme's dates")
    public Response replaceSession(@PathParam("id") String id, @PathParam("sessionId") String sessionId,
                                   @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                   @Valid @NotNull SessionRequest request) {
        return ETags.ok(programmes.replaceSession(Params.pathId("Programme", id), Params.pathId("Session", sessionId),
                ifMatch, request));
    }

    @DELETE
    @Path("/{id}/sessions/{sessionId}")
    @RolesAllowed({Roles.ADMIN, Roles.TRAINING_COORDINATOR})
    @Operation(summary = "Delete a session", description = "Needs If-Match with the session's ETag.")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Response deleteSession(@PathParam("id") String id, @PathParam("sessionId") String sessionId,
                                  @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        programmes.deleteSession(Params.pathId("Programme", id), Params.pathId("Session", sessionId), ifMatch);
        return Response.noContent().build();
    }

    /** The list envelopes as the contract documents them. */
    @Schema(name = "ProgrammePage")
    public record ProgrammePage(List<ProgrammeView> items, int page, int size, long totalItems, int totalPages, boolean totalItemsExact) {
    }

    @Schema(name = "SessionPage")
    public record SessionPage(List<SessionView> items, int page, int size, long totalItems, int totalPages, boolean totalItemsExact) {
    }
}

package org.aicenter.partner;

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
import org.aicenter.platform.problem.Problem;
import org.aicenter.platform.tokens.Roles;
import org.aicenter.platform.persistence.TrendParams;
import org.aicenter.platform.persistence.TrendPeriod;
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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.concurrent.CompletionStage;

/** HTTP for partners: maps each request to one call of {@link PartnerService}. */
@Path("/api/v1/partners")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "partners", description = "Partner organisations")
@RolesAllowed(Roles.ANY)
public class PartnerResource {

    private static final String EXAMPLE = """
            {"name":"上海仪电（集团）有限公司","nameEn":"INESA (Group) Co., Ltd.","type":"STATE_OWNED_ENTERPRISE",
             "sectors":["SMART_CITY","MANUFACTURING"],"creditCode":"91310000132200821H",
             "website":"https://www.inesa.com","address":{"district":"徐汇区","city":"上海","province":"上海","country":"CN"},
             "tier":"STRATEGIC",
             "contacts":[{"name":"王芳","title":"合作总监","email":"wang.fang@example.cn","phone":"+86 21 5555 0100","primary":true}],
             "agreements":[{"type":"MOU","title":"AI Innovation Center MoU","signedOn":"2018-09-17","expiresOn":"2028-09-16"}]}""";

    @Inject
    PartnerService partners;
    @Inject
    Idempotency idempotency;
    @Inject
    ChangeFeed changes;
    @Context
    UriInfo uri;

    @GET
    @Operation(summary = "List partners", description = "Filter by type, status, sector, tier, district and free text "
            + "`q` over the name and English name; `updatedSince` with `sort=updatedAt` syncs incrementally.")
    @Extension(name = ContractConventions.SORT_EXTENSION, value = PartnerService.SORT)
    @APIResponse(responseCode = "200", description = "One page of partners; Link headers point to the next and previous pages",
            content = @Content(schema = @Schema(implementation = PartnerPage.class)))
    public Response list(@QueryParam("type") @Schema(implementation = PartnerType.class) String type,
                         @QueryParam("status") @Schema(implementation = PartnerStatus.class) String status,
                         @QueryParam("sector") @Schema(implementation = Sector.class) String sector,
                         @QueryParam("tier") @Schema(implementation = Tier.class) String tier,
                         @QueryParam("district") String district,
                         @QueryParam("q") @Parameter(description = "Text in the name or English name") String q,
                         @QueryParam("updatedSince") @Parameter(description = "Only partners changed at or after this instant",
                                 schema = @Schema(type = SchemaType.STRING, format = "date-time")) String updatedSince,
                         @QueryParam("page") @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "0", defaultValue = "0")) String page,
                         @QueryParam("size") @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "200", defaultValue = "20")) String size,
                         @QueryParam("sort") @Parameter(description = "Comma-separated fields, - for descending", example = "-updatedAt") String sort) {
        PartnerFilter filter = new PartnerFilter(
                Params.enumValue("type", type, PartnerType.class),
                Params.enumValue("status", status, PartnerStatus.class),
                Params.enumValue("sector", sector, Sector.class),
                Params.enumValue("tier", tier, Tier.class),
                Params.text("district", district),
                Params.text("q", q),
                Params.instant("updatedSince", updatedSince));
        return PageLinks.ok(partners.list(filter, PageRequest.parse(page, size), Params.text("sort", sort)), uri);
    }

    @GET
    @Path("/changes")
    @Blocking
    @Operation(summary = "The partners' change feed", description = "Every create, update, status change and deletion "
            + "of a partner (its contacts and agreements included), as CloudEvents in commit order, kept "
            + "30 days. Read on from `next`; an up-to-date reader gets no events and the same cursor, and with `wait` "
            + "the answer is held open until one arrives. See docs/integration.md.")
    @APIResponse(responseCode = "200", description = "The events after the cursor; the Link header points to the next read",
            content = @Content(schema = @Schema(implementation = ChangePage.class)))
    public CompletionStage<Response> changes(@BeanParam FeedParams feed) {
        return changes.answer(feed, List.of(PartnerService.PARTNERS), uri);
    }

    @GET
    @Path("/statistics")
    @Operation(summary = "Partner counts by type, status, sector and tier, and trends", description = "Every enum value "
            + "is present, 0 where none. With `interval` (and optionally `from`, `to`), `trends` has one bucket per week "
            + "(Monday first), month, quarter or year in the center's zone, every bucket present: partnerships begun "
            + "(joinedOn) and ended. With `interval` alone, the last 12 periods up to today; at most "
            + TrendPeriod.MAX_BUCKETS + " buckets.")
    @APIResponse(responseCode = "200", description = "The figures",
            content = @Content(schema = @Schema(implementation = PartnerStatistics.class)))
    @APIResponse(responseCode = "400", description = "A bad date or interval, from after to, or too many buckets",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public PartnerStatistics statistics(
            @BeanParam TrendParams trends) {
        return partners.statistics(trends.period(partners.zone()));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get a partner")
    @APIResponse(responseCode = "200", description = "The partner; ETag carries its version",
            headers = @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = PartnerView.class)))
    public Response get(@PathParam("id") String id) {
        return ETags.ok(partners.get(Params.pathId("Partner", id)));
    }

    @POST
    @RolesAllowed({Roles.ADMIN, Roles.PARTNER_MANAGER, Roles.INTEGRATOR})
    @Operation(summary = "Create a partner", description = "A new partner starts as PROSPECT. Send an Idempotency-Key "
            + "to make retries safe: the same key and body give the first answer again.")
    @APIResponse(responseCode = "201", description = "Created; Location names it",
            content = @Content(schema = @Schema(implementation = PartnerView.class)))
    @APIResponse(responseCode = "409", description = "The name (among partners that have not ended) or the credit code is taken")
    public Response create(@HeaderParam(Idempotency.HEADER) @Parameter(description = "Makes a retried create safe") String idempotencyKey,
                           @RequestBody(content = @Content(examples = @ExampleObject(name = "INESA", value = EXAMPLE)))
                           @Valid @NotNull PartnerRequest request) {
        return idempotency.create(idempotencyKey, request, () -> partners.create(request));
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.PARTNER_MANAGER, Roles.INTEGRATOR})
    @Operation(summary = "Replace a partner", description = "Needs If-Match with the ETag last read. `status` is not "
            + "taken from the body: use transitions.")
    @APIResponse(responseCode = "200", description = "Replaced", content = @Content(schema = @Schema(implementation = PartnerView.class)))
    @APIResponse(responseCode = "409", description = "The name or credit code is taken")
    public Response replace(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                            @Valid @NotNull PartnerRequest request) {
        return ETags.ok(partners.replace(Params.pathId("Partner", id), ifMatch, request));
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MergePatch.MEDIA_TYPE)
    @RolesAllowed({Roles.ADMIN, Roles.PARTNER_MANAGER, Roles.INTEGRATOR})
    @Operation(summary = "Change some fields of a partner", description = "JSON Merge Patch (RFC 7396); needs If-Match.")
    @APIResponse(responseCode = "200", description = "Changed", content = @Content(schema = @Schema(implementation = PartnerView.class)))
    public Response patch(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                          @RequestBody(content = @Content(mediaType = MergePatch.MEDIA_TYPE,
                                  schema = @Schema(type = SchemaType.OBJECT),
                                  examples = @ExampleObject(name = "rename", value = "{\"nameEn\":\"INESA Group\"}")))
                          @NotNull JsonNode patch) {
        return ETags.ok(partners.patch(Params.pathId("Partner", id), ifMatch, patch));
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.PARTNER_MANAGER})
    @Operation(summary = "Delete a partner made by mistake", description = "Only a PROSPECT can be deleted; end any other partner with a transition.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "409", description = "Not a PROSPECT: end it instead")
    public Response delete(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        partners.delete(Params.pathId("Partner", id), ifMatch);
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/transitions")
    @RolesAllowed({Roles.ADMIN, Roles.PARTNER_MANAGER})
    @Operation(summary = "Change a partner's status", description = "PROSPECT -> ACTIVE -> SUSPENDED -> ACTIVE; any but "
            + "ENDED -> ENDED (final). Needs If-Match; the reason is kept in the history.")
    @APIResponse(responseCode = "200", description = "Moved", content = @Content(schema = @Schema(implementation = PartnerView.class)))
    @APIResponse(responseCode = "409", description = "The lifecycle does not allow this move; `allowed` lists the moves that are",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "ended", value = """
                            {"type":"https://aicenter.org/problems/invalid-transition","title":"Status change not allowed",
                             "status":409,"detail":"Partner cannot move from ENDED to ACTIVE; ENDED is final",
                             "from":"ENDED","allowed":[]}""")))
    public Response transition(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                               @RequestBody(content = @Content(examples = @ExampleObject(name = "activate",
                                       value = "{\"to\":\"ACTIVE\",\"reason\":\"signed the MoU\"}")))
                               @Valid @NotNull TransitionRequest request) {
        return ETags.ok(partners.transition(Params.pathId("Partner", id), ifMatch, request));
    }

    @GET
    @Path("/{id}/history")
    @Operation(summary = "A partner's status changes, oldest first")
    @Extension(name = ContractConventions.SORT_EXTENSION, value = History.SORT)
    @APIResponse(responseCode = "200", description = "One page of the status changes",
            content = @Content(schema = @Schema(implementation = TransitionPage.class)))
    public Response history(@PathParam("id") String id, @BeanParam ListParams list) {
        return PageLinks.ok(partners.history(Params.pathId("Partner", id), list), uri);
    }

    /** The list envelope as the contract documents it. */
    @Schema(name = "PartnerPage")
    public record PartnerPage(List<PartnerView> items, int page, int size, long totalItems, int totalPages, boolean totalItemsExact) {
    }
}

package org.aicenter.notification.webhook;

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
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.aicenter.notification.delivery.DeliveryService;
import org.aicenter.notification.delivery.DeliveryView;
import org.aicenter.notification.mail.MailService;
import org.aicenter.notification.mail.MailView;
import org.aicenter.platform.concurrency.ETags;
import org.aicenter.platform.idempotency.Idempotency;
import org.aicenter.platform.openapi.ContractConventions;
import org.aicenter.platform.paging.PageLinks;
import org.aicenter.platform.paging.PageRequest;
import org.aicenter.platform.patch.MergePatch;
import org.aicenter.platform.tokens.Roles;
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

/** HTTP for webhook subscriptions, their deliveries, and the mails sent: each request is one service call. */
@Path("/api/v1/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "webhooks", description = "Webhook subscriptions to the platform's events, their deliveries, and the mails sent")
@RolesAllowed({Roles.ADMIN, Roles.INTEGRATOR})
public class WebhookResource {

    private static final String EXAMPLE = """
            {"url":"https://integrator.example.cn/hooks/aic","types":["org.aicenter.partner.created",
             "org.aicenter.enrolment.status-changed"],"description":"district registry sync"}""";

    @Inject
    SubscriptionService subscriptions;
    @Inject
    DeliveryService deliveries;
    @Inject
    MailService mails;
    @Inject
    Idempotency idempotency;
    @Context
    UriInfo uri;

    @GET
    @Operation(summary = "List webhook subscriptions", description = "An integrator sees the subscriptions it made; an admin all.")
    @Extension(name = ContractConventions.SORT_EXTENSION, value = SubscriptionService.SORT)
    @APIResponse(responseCode = "200", description = "One page of subscriptions",
            content = @Content(schema = @Schema(implementation = WebhookPage.class)))
    public Response list(@QueryParam("page") @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "0", defaultValue = "0")) String page,
                         @QueryParam("size") @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "200", defaultValue = "20")) String size,
                         @QueryParam("sort") @Parameter(description = "Comma-separated fields, - for descending", example = "-createdAt") String sort) {
        return PageLinks.ok(subscriptions.list(PageRequest.parse(page, size), Params.text("sort", sort)), uri);
    }

    @POST
    @Operation(summary = "Subscribe a URL to event types", description = "The answer carries the signing secret "
            + "(`whsec_...`), shown this once. The URL must be https and public (loopback, link-local, private, multicast "
            + "and unspecified addresses are refused unless configured). Deliveries follow the Standard Webhooks "
            + "specification; see the document's `webhooks`.")
    @APIResponse(responseCode = "201", description = "Subscribed; Location names it",
            content = @Content(schema = @Schema(implementation = SubscriptionView.class)))
    public Response create(@HeaderParam(Idempotency.HEADER) @Parameter(description = "Makes a retried create safe") String idempotencyKey,
                           @RequestBody(content = @Content(examples = @ExampleObject(name = "sync", value = EXAMPLE)))
                           @Valid @NotNull SubscriptionRequest request) {
        return idempotency.create(idempotencyKey, request, () -> subscriptions.create(request));
    }

    @GET
    @Path("/mails")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "List the mails to participants", description = "Enrolled, promoted from the waitlist, cancelled, "
            + "certified: one per event, in the programme's language.")
    @Extension(name = ContractConventions.SORT_EXTENSION, value = MailService.SORT)
    @APIResponse(responseCode = "200", description = "One page of mails",
            content = @Content(schema = @Schema(implementation = MailPage.class)))
    public Response mails(@QueryParam("page") @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "0", defaultValue = "0")) String page,
                          @QueryParam("size") @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "200", defaultValue = "20")) String size,
                          @QueryParam("sort") @Parameter(description = "Comma-separated fields, - for descending", example = "-createdAt") String sort) {
        return PageLinks.ok(mails.list(PageRequest.parse(page, size), Params.text("sort", sort)), uri);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get a webhook subscription")
    @APIResponse(responseCode = "200", description = "The subscription; ETag carries its version",
            headers = @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = SubscriptionView.class)))
    public Response get(@PathParam("id") String id) {
        return ETags.ok(subscriptions.get(Params.pathId("Webhook", id)));
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MergePatch.MEDIA_TYPE)
    @Operation(summary = "Change a webhook subscription", description = "JSON Merge Patch (RFC 7396) of url, types, "
            + "description, status; needs If-Match. `{\"status\":\"ACTIVE\"}` re-enables a disabled one, and what waited is sent.")
    @APIResponse(responseCode = "200", description = "Changed", content = @Content(schema = @Schema(implementation = SubscriptionView.class)))
    public Response patch(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                          @RequestBody(content = @Content(mediaType = MergePatch.MEDIA_TYPE,
                                  schema = @Schema(type = SchemaType.OBJECT),
                                  examples = @ExampleObject(name = "re-enable", value = "{\"status\":\"ACTIVE\"}")))
                          @NotNull JsonNode patch) {
        return ETags.ok(subscriptions.patch(Params.pathId("Webhook", id), ifMatch, patch));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a webhook subscription", description = "Needs If-Match; its deliveries go with it.")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Response delete(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        subscriptions.delete(Params.pathId("Webhook", id), ifMatch);
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/secret")
    @Consumes(MediaType.WILDCARD) // no body
    @Operation(summary = "Rotate the signing secret", description = "The new secret is shown this once; the old one "
            + "keeps signing beside it for 24 hours (two signatures in webhook-signature), then stops.")
    @APIResponse(responseCode = "200", description = "Rotated; `secret` is the new one",
            content = @Content(schema = @Schema(implementation = SubscriptionView.class)))
    public Response rotate(@PathParam("id") String id) {
        return ETags.ok(subscriptions.rotate(Params.pathId("Webhook", id)));
    }

    @GET
    @Path("/{id}/deliveries")
    @Operation(summary = "List a subscription's deliveries", description = "Newest first, each with every attempt "
            + "(outcome, response code, duration, error, next try).")
    @APIResponse(responseCode = "200", description = "One page of deliveries",
            content = @Content(schema = @Schema(implementation = DeliveryPage.class)))
    public Response deliveries(@PathParam("id") String id,
                               @QueryParam("page") @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "0", defaultValue = "0")) String page,
                               @QueryParam("size") @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "200", defaultValue = "20")) String size) {
        return PageLinks.ok(deliveries.list(Params.pathId("Webhook", id), PageRequest.parse(page, size)), uri);
    }

    @POST
    @Path("/{id}/deliveries/{deliveryId}/redeliver")
    @Consumes(MediaType.WILDCARD) // no body
    @Operation(summary = "Send a delivery again", description = "Due now, in its place in the subscription's order.")
    @APIResponse(responseCode = "202", description = "Queued again",
            content = @Content(schema = @Schema(implementation = DeliveryView.class)))
    public Response redeliver(@PathParam("id") String id, @PathParam("deliveryId") String deliveryId) {
        return Response.accepted(deliveries.redeliver(Params.pathId("Webhook", id), Params.pathId("Delivery", deliveryId))).build();
    }

    @Schema(name = "WebhookPage")
    public record WebhookPage(List<SubscriptionView> items, int page, int size, long totalItems, int totalPages, boolean totalItemsExact) {
    }

    @Schema(name = "MailPage")
    public record MailPage(List<MailView> items, int page, int size, long totalItems, int totalPages, boolean totalItemsExact) {
    }

    @Schema(name = "WebhookDeliveryPage")
    public record DeliveryPage(List<DeliveryView> items, int page, int size, long totalItems, int totalPages, boolean totalItemsExact) {
    }
}

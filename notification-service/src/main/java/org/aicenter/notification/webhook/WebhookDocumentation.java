package org.aicenter.notification.webhook;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.aicenter.notification.feed.EventTypes;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;

import java.util.List;
import java.util.Map;

/**
 * The deliveries as OpenAPI 3.1 {@code webhooks}: one entry per event type, a POST of the CloudEvent
 * with the three Standard Webhooks headers, so a receiver can be generated from the contract like a client.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class WebhookDocumentation implements OASFilter {

    static final String EVENT = "CloudEvent";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Components components = openAPI.getComponents() == null ? OASFactory.createComponents() : openAPI.getComponents();
        openAPI.setComponents(components);
        components.addSchema(EVENT, event());
        for (String type : EventTypes.ALL) {
            openAPI.addWebhook(type, OASFactory.createPathItem().POST(OASFactory.createOperation()
                    .operationId("receive-" + type.substring("org.aicenter.".length()).replace('.', '-'))
                    .summary("Receive " + type)
                    .description("POSTed to each subscription to `" + type + "`, in feed order, one at a time, retried "
                            + "with back-off for up to 3 days. Verify `webhook-signature` before trusting the body.")
                    .parameters(List.of(
                            header("webhook-id", "the event's id: the same on every retry, so a receiver can drop repeats"),
                            header("webhook-timestamp", "unix seconds when this attempt was signed; refuse old ones"),
                            header("webhook-signature", "`v1,<base64 HMAC-SHA256 of \"{webhook-id}.{webhook-timestamp}.{body}\">` "
                                    + "keyed with the base64-decoded part of the secret after `whsec_`; during the 24 h after a "
                                    + "rotation two space-separated signatures, one per secret")))
                    .requestBody(OASFactory.createRequestBody().required(true).content(OASFactory.createContent()
                            .addMediaType("application/json", OASFactory.createMediaType()
                                    .schema(OASFactory.createSchema().ref(EVENT)))))
                    .responses(OASFactory.createAPIResponses()
                            .addAPIResponse("200", OASFactory.createAPIResponse().description("Received (any 2xx); "
                                    + "the body is read up to 4 KB and ignored"))
                            .addAPIResponse("410", OASFactory.createAPIResponse().description("Gone: the subscription is "
                                    + "disabled at once")))));
        }
    }

    private static Parameter header(String name, String description) {
        return OASFactory.createParameter().name(name).in(Parameter.In.HEADER).required(true).description(description)
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING));
    }

    /** The feeds' own event schema (platform-data's ChangeEvent, in this document too), narrowed to the types delivered. */
    private static Schema event() {
        return OASFactory.createSchema()
                .description("A CloudEvents 1.0 event as the feeds publish it (ChangeEvent), of one of the types delivered")
                .allOf(List.of(OASFactory.createSchema().ref("ChangeEvent"),
                        OASFactory.createSchema().properties(Map.of("type", OASFactory.createSchema()
                                .addType(Schema.SchemaType.STRING).enumeration(List.copyOf(EventTypes.ALL))))));
    }
}

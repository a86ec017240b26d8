package org.aicenter.platform.changes;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRawValue;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

/** One change as a CloudEvents 1.0 JSON object, with the platform's {@code actor} and {@code version} extensions. */
@Schema(name = "ChangeEvent", description = "A change as a CloudEvents 1.0 event (https://cloudevents.io)",
        requiredProperties = {"specversion", "id", "source", "type", "subject", "time", "datacontenttype", "actor",
                "version", "data"})
@JsonPropertyOrder({"specversion", "id", "source", "type", "subject", "time", "datacontenttype", "actor", "version", "data"})
public record ChangeEvent(
        @Schema(enumeration = "1.0") String specversion,
        @Schema(description = "Unique; the same on every read, and the webhook-id of its deliveries") UUID id,
        @Schema(description = "The collection the resource belongs to", example = "/api/v1/partners") String source,
        @Schema(description = "org.aicenter.<thing>.created|updated|status-changed|deleted",
                example = "org.aicenter.partner.created") String type,
        @Schema(description = "The resource's id") UUID subject,
        @Schema(description = "When the change was made") Instant time,
        @Schema(enumeration = "application/json") String datacontenttype,
        @Schema(description = "The token subject that made the change, or 'system'") String actor,
        @Schema(description = "The resource's version after the change (its ETag); for a deletion, the version deleted")
        long version,
        @JsonRawValue
        @Schema(type = SchemaType.OBJECT, description = "The resource as its GET answers it after the change; "
                + "for a deletion just {\"id\", \"version\"}")
        String data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/json";
}

package org.aicenter.notification.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.aicenter.platform.concurrency.Versioned;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A subscription as clients see it; the secret only in the answer that makes or rotates it. */
@Schema(name = "Webhook", requiredProperties = {"id", "url", "types", "description", "status", "disabledReason",
        "eventsLostAt", "createdAt", "updatedAt", "createdBy", "updatedBy", "version"})
public record SubscriptionView(
        UUID id,
        String url,
        List<String> types,
        @Schema(nullable = true) String description,
        SubscriptionStatus status,
        @Schema(nullable = true, description = "why it was disabled: the receiver's 410, or failures past the retry window")
        String disabledReason,
        @Schema(nullable = true, description = "when a feed's cursor expired: events of that feed may not have been delivered")
        Instant eventsLostAt,
        Instant createdAt,
        Instant updatedAt,
        String createdBy,
        String updatedBy,
        long version,
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "only in the answer that creates it or rotates it: whsec_ and base64 of the key; "
                + "it cannot be read again", examples = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
        String secret) implements Versioned {

    static SubscriptionView of(Subscription s, String secret) {
        return new SubscriptionView(s.id, s.url, s.typeList(), s.description, s.status, s.disabledReason, s.eventsLostAt,
                s.createdAt, s.updatedAt, s.createdBy, s.updatedBy, s.version, secret);
    }
}

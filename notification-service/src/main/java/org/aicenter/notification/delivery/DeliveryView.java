package org.aicenter.notification.delivery;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A delivery as clients see it: the event it carries and every attempt. */
@Schema(name = "WebhookDelivery")
public record DeliveryView(
        UUID id,
        UUID webhookId,
        @Schema(description = "the event's id, sent as webhook-id") String eventId,
        String eventType,
        DeliveryStatus status,
        @Schema(nullable = true, description = "when it is tried next; null once delivered") Instant nextAttemptAt,
        @Schema(nullable = true) Instant deliveredAt,
        Instant createdAt,
        List<Attempt> attempts) {

    @Schema(name = "WebhookDeliveryAttempt")
    public record Attempt(
            Instant at,
            @Schema(enumeration = {"DELIVERED", "FAILED", "GONE", "REFUSED"}) String outcome,
            @Schema(nullable = true) Integer responseCode,
            long durationMs,
            @Schema(nullable = true) String error,
            @Schema(nullable = true) Instant nextAttemptAt) {
    }

    static DeliveryView of(Delivery d, String eventType) {
        return new DeliveryView(d.id, d.subscriptionId, d.eventId, eventType, d.status,
                d.status == DeliveryStatus.PENDING ? d.nextAttemptAt : null, d.deliveredAt, d.createdAt,
                d.tries.stream().map(a -> new Attempt(a.at, a.outcome, a.responseCode, a.durationMs, a.error,
                        a.nextAttemptAt)).toList());
    }
}

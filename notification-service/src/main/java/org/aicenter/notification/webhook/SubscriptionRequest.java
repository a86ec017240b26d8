package org.aicenter.notification.webhook;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** What a subscriber asks for: a URL and the event types it wants. */
@Schema(name = "WebhookRequest")
public record SubscriptionRequest(
        @NotBlank @Size(max = 2000) @Schema(examples = "https://integrator.example.cn/hooks/aic") String url,
        @NotEmpty @Size(max = 28) @Schema(description = "event types, e.g. org.aicenter.partner.created")
        List<@NotBlank String> types,
        @Size(max = 500) @Schema(nullable = true) String description) {
}

package org.aicenter.notification.webhook;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** A subscription as a merge patch sees it: the request's fields and its status ({"status":"ACTIVE"} re-enables). */
@Schema(name = "WebhookPatch")
public record SubscriptionPatch(
        @NotBlank @Size(max = 2000) String url,
        @NotEmpty @Size(max = 28) List<@NotBlank String> types,
        @Size(max = 500) @Schema(nullable = true) String description,
        @NotNull SubscriptionStatus status) {

    static SubscriptionPatch of(Subscription s) {
        return new SubscriptionPatch(s.url, s.typeList(), s.description, s.status);
    }
}

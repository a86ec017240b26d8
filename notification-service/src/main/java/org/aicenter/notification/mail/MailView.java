package org.aicenter.notification.mail;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

/** A mail as the admin list shows it. */
@Schema(name = "Mail")
public record MailView(
        UUID id,
        @Schema(description = "the enrolment event that asked for it") String eventId,
        MailKind kind,
        String recipient,
        @Schema(nullable = true, enumeration = {"zh", "en"}, description = "null until it is written") String language,
        @Schema(nullable = true) String subject,
        MailStatus status,
        int attempts,
        @Schema(nullable = true) String error,
        Instant createdAt,
        @Schema(nullable = true) Instant sentAt) {

    static MailView of(Mail m) {
        return new MailView(m.id, m.eventId, m.kind, m.recipient, m.language, m.subject, m.status, m.attempts, m.error,
                m.createdAt, m.sentAt);
    }
}

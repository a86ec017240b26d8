package org.aicenter.training.enrolment;

import org.aicenter.platform.concurrency.Versioned;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

/** An enrolment as clients see it. */
@Schema(name = "Enrolment", requiredProperties = {"id", "programmeId", "programmeCode", "programmeTitle", "participant",
        "status", "waitlistPosition", "certificateCode", "enrolledAt", "completedAt", "cancelledAt", "createdAt", "updatedAt",
        "createdBy", "updatedBy", "version"})
public record EnrolmentView(
        UUID id,
        UUID programmeId,
        @Schema(examples = "TRN-2026-0007") String programmeCode,
        String programmeTitle,
        Participant participant,
        EnrolmentStatus status,
        @Schema(nullable = true, description = "1 is next in line; null unless WAITLISTED") Integer waitlistPosition,
        @Schema(nullable = true, description = "set once COMPLETED; verifiable at /api/v1/certificates/{code}",
                examples = "CERT-7KQ2-M9XD-4RT8") String certificateCode,
        @Schema(nullable = true, description = "when the seat was taken (at enrolment, or on moving up from the waitlist)") Instant enrolledAt,
        @Schema(nullable = true) Instant completedAt,
        @Schema(nullable = true) Instant cancelledAt,
        Instant createdAt,
        Instant updatedAt,
        String createdBy,
        String updatedBy,
        long version,
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "only in the answer that creates the enrolment: the participant's secret for "
                + "POST .../enrolments/{id}/cancellation with {\"token\": ...}; it is not stored and cannot be read again")
        String cancelToken) implements Versioned {

    public static EnrolmentView of(Enrolment e) {
        return of(e, null);
    }

    static EnrolmentView of(Enrolment e, String cancelToken) {
        return new EnrolmentView(e.id, e.programme.id, e.programme.code, e.programme.title, Participant.of(e), e.status,
                e.waitlistPosition, e.certificateCode, e.enrolledAt, e.completedAt, e.cancelledAt, e.createdAt,
                e.updatedAt, e.createdBy, e.updatedBy, e.version, cancelToken);
    }
}

package org.aicenter.training.enrolment;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

/**
 * The answer to a participant's own cancellation, which needs no account: the enrolment's state,
 * and nothing about who at the center handled it (no staff subjects) or which partner the
 * participant belongs to.
 */
@Schema(name = "EnrolmentCancellation")
public record EnrolmentCancellation(
        UUID id,
        UUID programmeId,
        @Schema(examples = "TRN-2026-0007") String programmeCode,
        String programmeTitle,
        EnrolmentStatus status,
        Instant cancelledAt,
        long version) {

    static EnrolmentCancellation of(EnrolmentView view) {
        return new EnrolmentCancellation(view.id(), view.programmeId(), view.programmeCode(), view.programmeTitle(),
                view.status(), view.cancelledAt(), view.version());
    }
}

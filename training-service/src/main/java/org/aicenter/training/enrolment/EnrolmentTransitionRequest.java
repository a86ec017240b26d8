package org.aicenter.training.enrolment;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A request to move an enrolment to CANCELLED, COMPLETED or NO_SHOW, with the reason kept in its history. */
@Schema(name = "EnrolmentTransitionRequest")
public record EnrolmentTransitionRequest(
        @NotNull @Schema(examples = "COMPLETED") EnrolmentStatus to,
        @NotBlank @Size(max = 1000) @Schema(examples = "attended every session and passed the assessment") String reason) {
}

package org.aicenter.training.enrolment;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The participant's own cancellation: the secret from the enrolment's answer, in the body rather than the URL. */
@Schema(name = "CancellationRequest")
public record CancellationRequest(
        @Schema(description = "the cancelToken given when the enrolment was made", required = true) String token) {
}

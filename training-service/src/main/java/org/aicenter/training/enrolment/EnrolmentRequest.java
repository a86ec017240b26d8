package org.aicenter.training.enrolment;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What a client sends to enrol someone; the status and waitlist position are decided by the service. */
@Schema(name = "EnrolmentRequest")
public record EnrolmentRequest(@NotNull @Valid Participant participant) {
}

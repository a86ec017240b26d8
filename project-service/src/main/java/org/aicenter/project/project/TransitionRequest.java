package org.aicenter.project.project;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "ProjectTransitionRequest")
public record TransitionRequest(
        @NotNull @Schema(required = true, examples = "APPROVED") ProjectStatus to,
        @NotBlank @Size(max = 1000) @Schema(required = true, examples = "approved by the steering committee") String reason) {
}

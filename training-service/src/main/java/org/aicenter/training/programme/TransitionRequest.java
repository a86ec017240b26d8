package org.aicenter.training.programme;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A request to move a programme to another status, with the reason kept in its history. */
@Schema(name = "ProgrammeTransitionRequest")
public record TransitionRequest(
        @NotNull @Schema(examples = "PUBLISHED") ProgrammeStatus to,
        @NotBlank @Size(max = 1000) @Schema(examples = "curriculum approved") String reason) {
}

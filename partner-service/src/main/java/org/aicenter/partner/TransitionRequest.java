package org.aicenter.partner;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A request to move a partner to another status, with the reason kept in its history. */
@Schema(name = "PartnerTransitionRequest")
public record TransitionRequest(
        @NotNull @Schema(examples = "ACTIVE") PartnerStatus to,
        @NotBlank @Size(max = 1000) @Schema(examples = "signed the MoU") String reason) {
}

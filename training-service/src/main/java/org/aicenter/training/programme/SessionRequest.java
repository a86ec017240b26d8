package org.aicenter.training.programme;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/** What a client sends to add or replace a session. */
@Schema(name = "SessionRequest")
public record SessionRequest(
        @NotBlank @Size(max = 300) @Schema(examples = "大模型基础与提示工程") String title,
        @NotNull @Schema(examples = "2026-09-14T01:00:00Z") Instant startsAt,
        @NotNull @Schema(description = "after startsAt; the session lies within the programme's dates",
                examples = "2026-09-14T04:00:00Z") Instant endsAt,
        @Size(max = 500) String location) {
}

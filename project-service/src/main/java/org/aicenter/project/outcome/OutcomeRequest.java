package org.aicenter.project.outcome;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;

@Schema(name = "OutcomeRequest")
public record OutcomeRequest(
        @NotNull @Schema(required = true) OutcomeType type,
        @NotBlank @Size(max = 300) @Schema(required = true) String title,
        LocalDate date,
        @Size(max = 2000) @Pattern(regexp = "https?://[^\\s]+", message = "must be an http(s) URL") String url) {

    static OutcomeRequest of(Outcome o) {
        return new OutcomeRequest(o.type, o.title, o.date, o.url);
    }
}

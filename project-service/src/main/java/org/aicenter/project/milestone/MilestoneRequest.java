package org.aicenter.project.milestone;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;

@Schema(name = "MilestoneRequest")
public record MilestoneRequest(
        @NotBlank @Size(max = 300) @Schema(required = true) String title,
        @NotNull @Schema(required = true) LocalDate dueDate,
        @Schema(defaultValue = "PLANNED") MilestoneStatus status,
        @Schema(description = "kept for a DONE milestone only (today when left out); not in the future")
        LocalDate completedOn) {

    static MilestoneRequest of(Milestone m) {
        return new MilestoneRequest(m.title, m.dueDate, m.status, m.completedOn);
    }
}

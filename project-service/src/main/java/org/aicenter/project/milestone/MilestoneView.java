package org.aicenter.project.milestone;

import org.aicenter.platform.concurrency.Versioned;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

@Schema(name = "Milestone")
public record MilestoneView(UUID id, String title, LocalDate dueDate, MilestoneStatus status, @Schema(nullable = true) LocalDate completedOn,
                            long version, Instant updatedAt) implements Versioned {

    public static MilestoneView of(Milestone m) {
        return new MilestoneView(m.id, m.title, m.dueDate, m.status, m.completedOn, m.version, m.updatedAt);
    }
}

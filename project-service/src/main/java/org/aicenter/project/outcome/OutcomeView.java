package org.aicenter.project.outcome;

import org.aicenter.platform.concurrency.Versioned;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

@Schema(name = "Outcome")
public record OutcomeView(UUID id, OutcomeType type, String title, @Schema(nullable = true) LocalDate date, @Schema(nullable = true) String url, long version,
                          Instant updatedAt) implements Versioned {

    public static OutcomeView of(Outcome o) {
        return new OutcomeView(o.id, o.type, o.title, o.date, o.url, o.version, o.updatedAt);
    }
}

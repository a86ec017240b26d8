package org.aicenter.training.programme;

import org.aicenter.platform.concurrency.Versioned;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

/** A session as clients see it. */
@Schema(name = "Session")
public record SessionView(UUID id, String title, Instant startsAt, Instant endsAt,
                          @Schema(nullable = true, description = "absent for an online session") String location, long version) implements Versioned {

    static SessionView of(ProgrammeSession s) {
        return new SessionView(s.id, s.title, s.startsAt, s.endsAt, s.location, s.version);
    }
}

package org.aicenter.training.programme;

import org.aicenter.platform.concurrency.Versioned;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A programme as clients see it. The public catalogue (no token) gets the same shape without the
 * people's details: instructors' emails and the createdBy/updatedBy subjects are left out.
 */
@Schema(name = "Programme", requiredProperties = {"id", "code", "title", "description", "topic", "format", "level",
        "language", "capacity", "location", "status", "startDate", "endDate", "enrolmentDeadline", "enrolmentOpen", "seats",
        "sessions", "instructors", "hostPartnerId", "createdAt", "updatedAt", "version"})
public record ProgrammeView(
        UUID id,
        @Schema(examples = "TRN-2026-0007") String code,
        String title,
        @Schema(nullable = true) String description,
        Topic topic,
        Format format,
        Level level,
        @Schema(enumeration = {"zh", "en"}) String language,
        int capacity,
        @Schema(nullable = true) String location,
        ProgrammeStatus status,
        LocalDate startDate,
        LocalDate endDate,
        LocalDate enrolmentDeadline,
        @Schema(description = "PUBLISHED and the deadline has not passed") boolean enrolmentOpen,
        Seats seats,
        List<SessionView> sessions,
        List<InstructorView> instructors,
        @Schema(nullable = true) UUID hostPartnerId,
        Instant createdAt,
        Instant updatedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "absent in the public catalogue") String createdBy,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "absent in the public catalogue") String updatedBy,
        long version) implements Versioned {

    /** An instructor; the email is left out of the public catalogue. */
    @Schema(name = "ProgrammeInstructor", description = "an instructor; the email is absent in the public catalogue",
            requiredProperties = "name")
    public record InstructorView(String name, @JsonInclude(JsonInclude.Include.NON_NULL) String email) {
    }

    static ProgrammeView of(Programme p, Seats.Counts counts, List<ProgrammeSession> sessions, LocalDate today,
                            boolean forPublic) {
        return new ProgrammeView(p.id, p.code, p.title, p.description, p.topic, p.format, p.level, p.language,
                p.capacity, p.location, p.status, p.startDate, p.endDate, p.enrolmentDeadline,
                p.enrolmentOpenOn(today), Seats.of(p.capacity, counts),
                sessions.stream().map(SessionView::of).toList(),
                p.instructors.stream().map(i -> new InstructorView(i.name(), forPublic ? null : i.email())).toList(),
                p.hostPartnerId, p.createdAt, p.updatedAt,
                forPublic ? null : p.createdBy, forPublic ? null : p.updatedBy, p.version);
    }
}

package org.aicenter.training.programme;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.aicenter.platform.persistence.AuditedEntity;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** One scheduled session of a programme (a lecture, a lab, a site visit). */
@Entity
@Table(name = "programme_sessions")
public class ProgrammeSession extends AuditedEntity {

    @Column(name = "programme_id", nullable = false, updatable = false)
    public UUID programmeId;

    @Column(nullable = false, length = 300)
    public String title;

    @Column(name = "starts_at", nullable = false)
    public Instant startsAt;

    @Column(name = "ends_at", nullable = false)
    public Instant endsAt;

    @Column(length = 500)
    public String location;

    void apply(SessionRequest request) {
        title = request.title().strip();
        startsAt = request.startsAt();
        endsAt = request.endsAt();
        location = request.location() == null || request.location().isBlank() ? null : request.location().strip();
    }

    static List<ProgrammeSession> of(UUID programmeId) {
        return list("programmeId = ?1 order by startsAt, id", programmeId);
    }

    static List<ProgrammeSession> ofAll(Collection<UUID> programmeIds) {
        return programmeIds.isEmpty() ? List.of() : list("programmeId in ?1 order by startsAt, id", programmeIds);
    }
}

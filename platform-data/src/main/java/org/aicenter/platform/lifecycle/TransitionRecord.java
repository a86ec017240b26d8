package org.aicenter.platform.lifecycle;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;

import java.time.Instant;
import java.util.UUID;

/** A kept status change; each service maps it to its own history table. */
@MappedSuperclass
public abstract class TransitionRecord extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "subject_id", nullable = false)
    public UUID subjectId;

    @Column(name = "from_status", nullable = false)
    public String fromStatus;

    @Column(name = "to_status", nullable = false)
    public String toStatus;

    @Column(nullable = false, length = 1000)
    public String reason;

    @Column(name = "changed_by", nullable = false)
    public String changedBy;

    @Column(name = "changed_at", nullable = false)
    public Instant changedAt;

    /**
     * Fills in a new record of {@code subjectId}'s move and answers it, to persist:
     * {@code new PartnerTransition().record(id, from, to, reason, by).persist()}.
     */
    public TransitionRecord record(UUID subjectId, Enum<?> from, Enum<?> to, String reason, String by) {
        this.subjectId = subjectId;
        this.fromStatus = from.name();
        this.toStatus = to.name();
        this.reason = reason;
        this.changedBy = by;
        this.changedAt = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        return this;
    }

    public TransitionView view() {
        return new TransitionView(fromStatus, toStatus, reason, changedBy, changedAt);
    }
}

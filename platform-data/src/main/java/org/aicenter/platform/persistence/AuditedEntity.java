package org.aicenter.platform.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.Version;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** Id, optimistic-lock version and audit fields that every aggregate root carries. */
@MappedSuperclass
public abstract class AuditedEntity extends PanacheEntityBase {

    @Id
    public UUID id;

    @Version
    @Column(nullable = false)
    public long version;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "created_by", nullable = false, updatable = false)
    public String createdBy;

    @Column(name = "updated_by", nullable = false)
    public String updatedBy;

    public void markCreated(String actor) {
        Instant now = now();
        this.id = Uuids.timeOrdered();
        this.createdAt = now;
        this.updatedAt = now;
        this.createdBy = actor;
        this.updatedBy = actor;
    }

    /** Called on every change, so the version moves even when only a child collection changed. */
    public void markUpdated(String actor) {
        this.updatedAt = now();
        this.updatedBy = actor;
    }

    private static Instant now() {
        // PostgreSQL keeps microseconds; truncating here keeps the API's answer equal to a later read
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}

package org.aicenter.project.part;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Version;
import org.aicenter.platform.persistence.Uuids;
import org.aicenter.project.project.Project;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * A part of a project with its own id and version (a milestone, an outcome), so it can be read and
 * edited on its own: PUT, PATCH and DELETE take the part's ETag, and editors of different parts do
 * not trip over each other. It lives and dies with its project.
 */
@MappedSuperclass
public abstract class ProjectPart extends PanacheEntityBase {

    @Id
    public UUID id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "project_id", nullable = false, updatable = false)
    public Project project;

    @Version
    @Column(nullable = false)
    public long version;

    /** When it last changed (set on every insert and update), for the list's {@code updatedSince}. */
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @PrePersist
    @PreUpdate
    void touched() {
        updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    /** A new part of {@code project}, with a new time-ordered id. */
    protected void joinProject(Project project) {
        this.id = Uuids.timeOrdered();
        this.project = project;
    }
}

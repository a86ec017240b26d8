package org.aicenter.project.outcome;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.aicenter.platform.persistence.Uuids;
import org.aicenter.project.project.Project;

import java.time.LocalDate;
import java.util.UUID;

/** A result of a project (paper, patent, ...), with its own id and version. */
@Entity
@Table(name = "project_outcomes")
public class Outcome extends PanacheEntityBase {

    @Id
    public UUID id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "project_id", nullable = false, updatable = false)
    public Project project;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public OutcomeType type;

    @Column(nullable = false, length = 300)
    public String title;

    @Column(name = "outcome_on")
    public LocalDate date;

    @Column(length = 2000)
    public String url;

    @Version
    @Column(nullable = false)
    public long version;

    public static Outcome newIn(Project project) {
        Outcome outcome = new Outcome();
        outcome.id = Uuids.timeOrdered();
        outcome.project = project;
        return outcome;
    }

    public void apply(OutcomeRequest request) {
        this.type = request.type();
        this.title = request.title().strip();
        this.date = request.date();
        this.url = request.url();
    }
}

package org.aicenter.project.outcome;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import org.aicenter.project.part.ProjectPart;
import org.aicenter.project.project.Project;

import java.time.LocalDate;

/** A result of a project (paper, patent, ...). */
@Entity
@Table(name = "project_outcomes")
public class Outcome extends ProjectPart {

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public OutcomeType type;

    @Column(nullable = false, length = 300)
    public String title;

    @Column(name = "outcome_on")
    public LocalDate date;

    @Column(length = 2000)
    public String url;

    public static Outcome newIn(Project project) {
        Outcome outcome = new Outcome();
        outcome.joinProject(project);
        return outcome;
    }

    public void apply(OutcomeRequest request) {
        this.type = request.type();
        this.title = request.title().strip();
        this.date = request.date();
        this.url = request.url();
    }
}

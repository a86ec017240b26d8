package org.aicenter.project.milestone;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import org.aicenter.platform.problem.ProblemException;
import org.aicenter.project.part.ProjectPart;
import org.aicenter.project.project.Project;

import java.time.LocalDate;

/** A milestone of a project. */
@Entity
@Table(name = "project_milestones")
public class Milestone extends ProjectPart {

    @Column(nullable = false, length = 300)
    public String title;

    @Column(name = "due_date", nullable = false)
    public LocalDate dueDate;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public MilestoneStatus status;

    @Column(name = "completed_on")
    public LocalDate completedOn;

    public static Milestone newIn(Project project) {
        Milestone milestone = new Milestone();
        milestone.joinProject(project);
        return milestone;
    }

    /**
     * Takes the request's values. A completion date belongs to a DONE milestone only: DONE without
     * one is done today; any other status drops it. {@code field} prefixes field names in errors.
     */
    public void apply(MilestoneRequest request, LocalDate today, String field) {
        MilestoneStatus next = request.status() == null ? MilestoneStatus.PLANNED : request.status();
        LocalDate completed = null;
        if (next == MilestoneStatus.DONE) {
            completed = request.completedOn() == null ? today : request.completedOn();
            if (completed.isAfter(today)) {
                throw ProblemException.invalid(field + "completedOn", "must not be in the future");
            }
        }
        this.title = request.title().strip();
        this.dueDate = request.dueDate();
        this.status = next;
        this.completedOn = completed;
    }
}

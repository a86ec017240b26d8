package org.aicenter.project.project;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.aicenter.platform.lifecycle.TransitionRecord;


/** One kept status change of a project. */
@Entity
@Table(name = "project_transitions")
public class ProjectTransition extends TransitionRecord {

    static ProjectTransition of(Project project, ProjectStatus from, ProjectStatus to, String reason, String by) {
        ProjectTransition transition = new ProjectTransition();
        transition.fill(project.id, from, to, reason, by);
        return transition;
    }
}

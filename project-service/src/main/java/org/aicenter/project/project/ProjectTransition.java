package org.aicenter.project.project;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.aicenter.platform.lifecycle.TransitionRecord;

/** One kept status change of a project. */
@Entity
@Table(name = "project_transitions")
public class ProjectTransition extends TransitionRecord {
}

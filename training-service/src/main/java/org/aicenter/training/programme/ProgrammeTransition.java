package org.aicenter.training.programme;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.aicenter.platform.lifecycle.TransitionRecord;

/** One kept change of a programme's status. */
@Entity
@Table(name = "programme_transitions")
public class ProgrammeTransition extends TransitionRecord {
}

package org.aicenter.training.programme;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.aicenter.platform.lifecycle.TransitionRecord;

import java.util.UUID;

/** One kept change of a programme's status. */
@Entity
@Table(name = "programme_transitions")
public class ProgrammeTransition extends TransitionRecord {

    static ProgrammeTransition of(UUID programmeId, ProgrammeStatus from, ProgrammeStatus to, String reason, String by) {
        ProgrammeTransition transition = new ProgrammeTransition();
        transition.fill(programmeId, from, to, reason, by);
        return transition;
    }
}

package org.aicenter.training.enrolment;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.aicenter.platform.lifecycle.TransitionRecord;

import java.util.UUID;

/** One kept change of an enrolment's status, including promotions from the waitlist. */
@Entity
@Table(name = "enrolment_transitions")
public class EnrolmentTransition extends TransitionRecord {

    static EnrolmentTransition of(UUID enrolmentId, EnrolmentStatus from, EnrolmentStatus to, String reason, String by) {
        EnrolmentTransition transition = new EnrolmentTransition();
        transition.fill(enrolmentId, from, to, reason, by);
        return transition;
    }
}

package org.aicenter.training.enrolment;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.aicenter.platform.lifecycle.TransitionRecord;

/** One kept change of an enrolment's status, including promotions from the waitlist. */
@Entity
@Table(name = "enrolment_transitions")
public class EnrolmentTransition extends TransitionRecord {
}

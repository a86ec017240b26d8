package org.aicenter.partner;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.aicenter.platform.lifecycle.TransitionRecord;

/** One kept change of a partner's status. */
@Entity
@Table(name = "partner_transitions")
public class PartnerTransition extends TransitionRecord {
}

package org.aicenter.partner;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.aicenter.platform.lifecycle.TransitionRecord;

import java.util.UUID;

/** One kept change of a partner's status. */
@Entity
@Table(name = "partner_transitions")
public class PartnerTransition extends TransitionRecord {

    static PartnerTransition of(UUID partnerId, PartnerStatus from, PartnerStatus to, String reason, String by) {
        PartnerTransition transition = new PartnerTransition();
        transition.fill(partnerId, from, to, reason, by);
        return transition;
    }
}

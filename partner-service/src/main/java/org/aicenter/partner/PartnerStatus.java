package org.aicenter.partner;

import org.aicenter.platform.lifecycle.Lifecycle;

import java.util.EnumSet;
import java.util.Set;

/** PROSPECT -> ACTIVE -> SUSPENDED -> ACTIVE; any but ENDED -> ENDED (final). */
public enum PartnerStatus implements Lifecycle<PartnerStatus> {
    PROSPECT, ACTIVE, SUSPENDED, ENDED;

    @Override
    public Set<PartnerStatus> allowedMoves() {
        return switch (this) {
            case PROSPECT -> EnumSet.of(ACTIVE, ENDED);
            case ACTIVE -> EnumSet.of(SUSPENDED, ENDED);
            case SUSPENDED -> EnumSet.of(ACTIVE, ENDED);
            case ENDED -> EnumSet.noneOf(PartnerStatus.class);
        };
    }
}

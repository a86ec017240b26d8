package org.aicenter.training.programme;

import org.aicenter.platform.lifecycle.Lifecycle;

import java.util.EnumSet;
import java.util.Set;

/** DRAFT -> PUBLISHED -> IN_PROGRESS -> COMPLETED; DRAFT or PUBLISHED -> CANCELLED. */
public enum ProgrammeStatus implements Lifecycle<ProgrammeStatus> {
    DRAFT, PUBLISHED, IN_PROGRESS, COMPLETED, CANCELLED;

    @Override
    public Set<ProgrammeStatus> allowedMoves() {
        return switch (this) {
            case DRAFT -> EnumSet.of(PUBLISHED, CANCELLED);
            case PUBLISHED -> EnumSet.of(IN_PROGRESS, CANCELLED);
            case IN_PROGRESS -> EnumSet.of(COMPLETED);
            case COMPLETED, CANCELLED -> EnumSet.noneOf(ProgrammeStatus.class);
        };
    }
}

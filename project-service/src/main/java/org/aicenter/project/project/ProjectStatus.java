package org.aicenter.project.project;

import org.aicenter.platform.lifecycle.Lifecycle;

import java.util.EnumSet;
import java.util.Set;

/** PROPOSED -> APPROVED -> ACTIVE <-> ON_HOLD; ACTIVE -> COMPLETED; any non-terminal -> CANCELLED. */
public enum ProjectStatus implements Lifecycle<ProjectStatus> {
    PROPOSED, APPROVED, ACTIVE, ON_HOLD, COMPLETED, CANCELLED;

    @Override
    public Set<ProjectStatus> allowedMoves() {
        return switch (this) {
            case PROPOSED -> EnumSet.of(APPROVED, CANCELLED);
            case APPROVED -> EnumSet.of(ACTIVE, CANCELLED);
            case ACTIVE -> EnumSet.of(ON_HOLD, COMPLETED, CANCELLED);
            case ON_HOLD -> EnumSet.of(ACTIVE, CANCELLED);
            case COMPLETED, CANCELLED -> EnumSet.noneOf(ProjectStatus.class);
        };
    }
}

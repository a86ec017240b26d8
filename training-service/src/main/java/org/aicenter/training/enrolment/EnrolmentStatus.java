package org.aicenter.training.enrolment;

import org.aicenter.platform.lifecycle.Lifecycle;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * ENROLLED -> CANCELLED | COMPLETED | NO_SHOW; WAITLISTED -> CANCELLED. WAITLISTED -> ENROLLED
 * happens only by promotion when a seat frees up, never on request; the other three are final.
 */
public enum EnrolmentStatus implements Lifecycle<EnrolmentStatus> {
    ENROLLED, WAITLISTED, CANCELLED, COMPLETED, NO_SHOW;

    /** Live enrolments: at most one per email and programme. */
    public static final List<String> LIVE = List.of(ENROLLED.name(), WAITLISTED.name());

    /** Enrolments that hold (or held) one of the programme's seats: never more of them than its capacity. */
    public static final List<String> SEAT_HOLDERS = List.of(ENROLLED.name(), COMPLETED.name(), NO_SHOW.name());

    @Override
    public Set<EnrolmentStatus> allowedMoves() {
        return switch (this) {
            case ENROLLED -> EnumSet.of(CANCELLED, COMPLETED, NO_SHOW);
            case WAITLISTED -> EnumSet.of(CANCELLED);
            case CANCELLED, COMPLETED, NO_SHOW -> EnumSet.noneOf(EnrolmentStatus.class);
        };
    }

    public boolean holdsSeat() {
        return SEAT_HOLDERS.contains(name());
    }
}

package org.aicenter.platform.lifecycle;

import org.aicenter.platform.problem.ProblemException;
import org.aicenter.platform.problem.ProblemType;

import java.util.Set;

/** A status enum that knows its allowed moves. */
public interface Lifecycle<S extends Enum<S> & Lifecycle<S>> {

    Set<S> allowedMoves();

    default boolean canMoveTo(S next) {
        return allowedMoves().contains(next);
    }

    default boolean isTerminal() {
        return allowedMoves().isEmpty();
    }

    /** Refuses a move the lifecycle forbids with 409, listing the moves that are allowed. */
    static <S extends Enum<S> & Lifecycle<S>> void check(String what, S from, S to) {
        if (!from.canMoveTo(to)) {
            throw new ProblemException(ProblemType.INVALID_TRANSITION,
                    what + " cannot move from " + from + " to " + to
                            + (from.isTerminal() ? "; " + from + " is final" : "; allowed: " + from.allowedMoves()))
                    .with("from", from.name())
                    .with("allowed", from.allowedMoves().stream().map(Enum::name).sorted().toList());
        }
    }

    /**
     * Deleting is only for a record made by mistake, still in {@code deletable}; anything later is
     * moved along its lifecycle instead. A 409 otherwise, listing the moves that are allowed.
     */
    static <S extends Enum<S> & Lifecycle<S>> void requireDeletable(String what, S current, S deletable, String instead) {
        if (current != deletable) {
            throw ProblemException.conflict("Only a " + deletable + " " + what + " can be deleted; this one is " + current
                            + ". " + instead)
                    .with("allowed", current.allowedMoves().stream().map(Enum::name).sorted().toList());
        }
    }
}

package org.aicenter.platform.problem;

import jakarta.ws.rs.core.Response;

/**
 * A layer the web conventions know nothing of (the database, say) recognising its own failures as
 * problems a client can act on, before {@link ProblemMappers} calls anything else a 500. A CDI
 * bean; platform-data has the database's.
 */
public interface FailureProblems {

    /** The problem+json answer this failure means for the client, or null when it is not one of this layer's. */
    Response problemFor(Throwable failure, String instance);

    /** The first cause of {@code failure} (itself included) that is a {@code type}, or null. */
    static Throwable causeOf(Throwable failure, Class<? extends Throwable> type) {
        return ProblemMappers.causeOf(failure, type);
    }
}

package org.aicenter.platform.persistence;

import jakarta.inject.Singleton;
import jakarta.persistence.OptimisticLockException;
import jakarta.ws.rs.core.Response;
import org.aicenter.platform.problem.FailureProblems;
import org.aicenter.platform.problem.ProblemType;
import org.aicenter.platform.problem.Problems;
import org.hibernate.StaleStateException;
import org.jboss.logging.Logger;

import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The database's failures as problems: a lost optimistic-lock race is a 412, a unique key taken
 * meanwhile a 409, a statement stopped by its timeout, a database that is down or restarting, or
 * every pooled connection busy for longer than the pool waits, a 503 to retry. Anything else is left to
 * the web conventions (a 500 that shows nothing of the internals).
 */
@Singleton
public class DatabaseProblems implements FailureProblems {

    private static final Logger LOG = Logger.getLogger(DatabaseProblems.class);

    @Override
    public Response problemFor(Throwable e, String instance) {
        if (FailureProblems.causeOf(e, OptimisticLockException.class) != null
                || FailureProblems.causeOf(e, StaleStateException.class) != null) {
            return Problems.response(ProblemType.PRECONDITION_FAILED,
                    "Someone else changed this resource meanwhile; read it again and retry with its new ETag", instance);
        }
        SQLException sql = sqlCause(e);
        if (sql != null && "23505".equals(sql.getSQLState())) {
            return Problems.response(ProblemType.CONFLICT, "This conflicts with an existing record", instance);
        }
        if (sql != null && "57014".equals(sql.getSQLState())) {
            // Stopped by the statement timeout (ExpensiveReads): nothing was written; retry later.
            LOG.warnf("statement stopped by its timeout: %s", sql.getMessage());
            return Problems.response(ProblemType.SERVICE_UNAVAILABLE,
                    "The request took longer than the service allows and was stopped; retry later", instance,
                    List.of(), Map.of(), Map.of("Retry-After", "5"));
        }
        if (sql != null && poolExhausted(sql)) {
            // Every connection of the pool was in use for the whole wait (a burst larger than the
            // pool): nothing was written; the client may retry shortly.
            LOG.warnf("no database connection free within the pool's wait: %s", sql.getMessage());
            return Problems.response(ProblemType.SERVICE_UNAVAILABLE,
                    "The service is busy; nothing was written. Retry shortly", instance,
                    List.of(), Map.of(), Map.of("Retry-After", "1"));
        }
        if (sql != null && databaseUnavailable(sql.getSQLState())) {
            LOG.errorf(e, "database unavailable");
            return Problems.response(ProblemType.SERVICE_UNAVAILABLE, "The database is unavailable; retry later",
                    instance, List.of(), Map.of(), Map.of("Retry-After", "5"));
        }
        return null;
    }

    /**
     * The database is down, going down or not up yet: a connection failure (class 08) or an
     * operator's shutdown or restart ending the session (57P01 admin, 57P02 crash, 57P03 cannot
     * connect now). The transaction did not commit, so the client may retry.
     */
    static boolean databaseUnavailable(String sqlState) {
        return sqlState != null && (sqlState.startsWith("08") || sqlState.startsWith("57P"));
    }

    /**
     * The connection pool (Agroal) gave up waiting for a free connection: an SQLException without
     * a state, with Agroal's words for it. The database itself is fine.
     */
    static boolean poolExhausted(SQLException sql) {
        return sql.getSQLState() == null && sql.getMessage() != null && sql.getMessage().startsWith("Sorry, acquisition timeout");
    }

    /**
     * The first SQLException in the cause chain, or among the suppressed exceptions: a failed
     * commit reports the connection's failure only as suppressed by the RollbackException.
     */
    static SQLException sqlCause(Throwable e) {
        java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        java.util.Deque<Throwable> pending = new java.util.ArrayDeque<>();
        pending.add(e);
        SQLException first = null;
        while (!pending.isEmpty() && seen.size() < 50) {
            Throwable t = pending.poll();
            if (t == null || !seen.add(t)) {
                continue;
            }
            if (t instanceof SQLException sql) {
                if (sql.getSQLState() != null) {
                    return sql;
                }
                first = first == null ? sql : first;
            }
            if (t.getCause() != null) {
                pending.add(t.getCause());
            }
            pending.addAll(Arrays.asList(t.getSuppressed()));
        }
        return first;
    }
}

package org.aicenter.platform.persistence;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A database that is stopped or restarted under a request is a 503 to retry, not a 500. */
class DatabaseFailureUnitTest {

    @Test
    void connectionFailuresAndShutdownsMeanUnavailable() {
        for (String state : new String[] {"08001", "08006", "57P01", "57P02", "57P03"}) {
            assertTrue(DatabaseProblems.databaseUnavailable(state), state);
        }
        for (String state : new String[] {null, "23505", "40001", "42P01", "57014"}) {
            assertFalse(DatabaseProblems.databaseUnavailable(state), String.valueOf(state));
        }
    }

    @Test
    void theStateIsFoundBehindWrappersAndSuppressedExceptions() {
        SQLException shutdown = new SQLException("FATAL: terminating connection due to administrator command", "57P01");
        RuntimeException commit = new RuntimeException("Could not commit transaction");
        Exception xa = new Exception("Error trying to commit", shutdown);
        commit.addSuppressed(xa);
        assertEquals("57P01", DatabaseProblems.sqlCause(new RuntimeException("Error invoking subclass method", commit)).getSQLState());
        SQLException wrapper = new SQLException("wrapper without a state", null, shutdown);
        assertEquals("57P01", DatabaseProblems.sqlCause(new RuntimeException(wrapper)).getSQLState());
        assertEquals(null, DatabaseProblems.sqlCause(new RuntimeException("no database involved")));
    }
}

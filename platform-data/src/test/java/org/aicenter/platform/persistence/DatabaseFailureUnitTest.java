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

    @Test
    void aPoolThatHadNoFreeConnectionInTimeIsBusyNotBroken() {
        // As Hibernate reports Agroal's acquisition timeout: a GenericJDBCException around a stateless SQLException.
        SQLException timeout = new SQLException("Sorry, acquisition timeout!");
        RuntimeException hibernate = new RuntimeException("Unable to acquire JDBC Connection [Sorry, acquisition timeout!]", timeout);
        SQLException found = DatabaseProblems.sqlCause(new RuntimeException(hibernate));
        assertTrue(DatabaseProblems.poolExhausted(found));
        var answer = new DatabaseProblems().problemFor(new RuntimeException(hibernate), "/api/v1/x");
        assertEquals(503, answer.getStatus());
        assertEquals("1", answer.getHeaderString("Retry-After"));
        assertFalse(DatabaseProblems.poolExhausted(new SQLException("syntax error", "42601")));
        assertFalse(DatabaseProblems.poolExhausted(new SQLException("something else")));
    }
}

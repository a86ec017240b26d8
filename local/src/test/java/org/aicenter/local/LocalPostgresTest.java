package org.aicenter.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real embedded PostgreSQL: databases made once, data kept across a stop and a start. */
class LocalPostgresTest {

    // zonky reports every start step at INFO; held so the level is not lost with the logger.
    private static final java.util.logging.Logger ZONKY = java.util.logging.Logger.getLogger("io.zonky");

    static {
        ZONKY.setLevel(java.util.logging.Level.WARNING);
    }

    @Test
    void databasesAreMadeOnceAndDataOutlivesARestart(@TempDir Path dir) throws Exception {
        Path cluster = dir.resolve("postgres");
        Path log = dir.resolve("logs/postgres.log");
        int port = freePort();

        try (LocalPostgres postgres = LocalPostgres.start(cluster, port, log)) {
            assertEquals(List.of("partners", "projects"), postgres.server().ensureDatabases(List.of("partners", "projects")));
            assertEquals(List.of(), postgres.server().ensureDatabases(List.of("partners", "projects")));
            try (Connection connection = DriverManager.getConnection(postgres.server().jdbcUrlFor("partners"), LocalPostgres.USER,
                    LocalPostgres.PASSWORD); Statement statement = connection.createStatement()) {
                statement.execute("create table kept (name text)");
                statement.execute("insert into kept values ('上海仪电')");
            }
        }
        assertFalse(Files.exists(cluster.resolve("postmaster.pid")), "stopped");
        assertTrue(LocalPostgres.stopLeftover(cluster, Duration.ofSeconds(5)).isEmpty(), "nothing left running");

        try (LocalPostgres postgres = LocalPostgres.start(cluster, port, log)) {
            assertEquals(List.of(), postgres.server().ensureDatabases(List.of("partners", "projects")));
            try (Connection connection = DriverManager.getConnection(postgres.server().jdbcUrlFor("partners"), LocalPostgres.USER,
                    LocalPostgres.PASSWORD); Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("select name from kept")) {
                assertTrue(rows.next());
                assertEquals("上海仪电", rows.getString(1));
            }
        }
        assertTrue(Files.size(log) > 0, "the server logs to the data folder");
    }

    @Test
    void aFolderWithoutACompleteClusterIsRefusedWithAdvice(@TempDir Path dir) throws Exception {
        Path cluster = dir.resolve("postgres");
        Files.createDirectories(cluster.resolve("base"));
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> LocalPostgres.start(cluster, freePort(), dir.resolve("postgres.log")));
        assertTrue(e.getMessage().contains("delete that folder"), e.getMessage());
    }

    static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

package org.aicenter.platform.persistence;

import org.aicenter.testing.PostgresResource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Several replicas of a service start at once (a rollout, a scale-up) and each runs Flyway at
 * start (quarkus.flyway.migrate-at-start): the first takes a PostgreSQL advisory lock and
 * migrates, the others wait for the lock and then find nothing left to do. So a migration runs
 * exactly once, whichever replica gets there first (docs/operations.md).
 */
class MigrationReplicasTest {

    private static final PostgresResource POSTGRES = new PostgresResource();
    private static Map<String, String> database;

    @BeforeAll
    static void start() {
        database = POSTGRES.start();
    }

    @AfterAll
    static void stop() {
        POSTGRES.stop();
    }

    private static Flyway replica() {
        return Flyway.configure()
                .dataSource(database.get("quarkus.datasource.jdbc.url"), database.get("quarkus.datasource.username"),
                        database.get("quarkus.datasource.password"))
                .locations("classpath:db/replicas")
                .load();
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(database.get("quarkus.datasource.jdbc.url"),
                database.get("quarkus.datasource.username"), database.get("quarkus.datasource.password"));
    }

    private static long count(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @Test
    void oneReplicaMigratesUnderAnAdvisoryLockTheOthersWaitAndFindItDone() throws Exception {
        CompletableFuture<MigrateResult> first = CompletableFuture.supplyAsync(() -> replica().migrate());
        try (Connection observer = connect(); Statement statement = observer.createStatement()) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (count(statement, "select count(*) from pg_stat_activity where query like '%pg_sleep(3)%' and pid <> pg_backend_pid()") == 0) {
                assertTrue(System.nanoTime() < deadline, "the first replica's migration did not start");
                Thread.sleep(20);
            }
            assertEquals(1, count(statement, "select count(*) from pg_locks where locktype = 'advisory' and granted"),
                    "the migrating replica holds a PostgreSQL advisory lock");
            CompletableFuture<MigrateResult> second = CompletableFuture.supplyAsync(() -> replica().migrate());
            CompletableFuture<MigrateResult> third = CompletableFuture.supplyAsync(() -> replica().migrate());
            Thread.sleep(500);
            assertFalse(second.isDone() || third.isDone(), "the other replicas wait while the migration runs");
            MigrateResult[] results = {first.get(60, TimeUnit.SECONDS), second.get(60, TimeUnit.SECONDS),
                    third.get(60, TimeUnit.SECONDS)};
            assertEquals(1, results[0].migrationsExecuted, "the first replica ran the migration");
            assertEquals(0, results[1].migrationsExecuted + results[2].migrationsExecuted, "the others found it done");
            assertEquals(1, count(statement, "select count(*) from flyway_schema_history where version = '1' and success"),
                    "applied once");
            assertEquals(0, count(statement, "select count(*) from pg_locks where locktype = 'advisory'"), "and the lock released");
        }
    }
}

package org.aicenter.partner;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.aicenter.testing.PostgresResource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Several replicas of a service start at once (a rollout, a scale-up) and each runs Flyway at
 * start (quarkus.flyway.migrate-at-start): the first takes a PostgreSQL advisory lock and
 * migrates, the others wait for the lock and then find nothing left to do. So a migration runs
 * exactly once, whichever replica gets there first (docs/operations.md). Shown with Flyway as
 * Quarkus runs it, on a database of its own beside the service's (a slow test migration in
 * db/replicas).
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class MigrationReplicasTest {

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String serviceUrl;
    @ConfigProperty(name = "quarkus.datasource.username")
    String user;
    @ConfigProperty(name = "quarkus.datasource.password")
    String password;
    private String url;

    @BeforeEach
    void aDatabaseOfItsOwn() throws SQLException {
        String database = "replicas_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection connection = DriverManager.getConnection(serviceUrl, user, password);
             Statement statement = connection.createStatement()) {
            statement.execute("create database " + database);
        }
        int query = serviceUrl.indexOf('?');
        String base = query < 0 ? serviceUrl : serviceUrl.substring(0, query);
        url = base.substring(0, base.lastIndexOf('/') + 1) + database + (query < 0 ? "" : serviceUrl.substring(query));
    }

    private Flyway replica() {
        return Flyway.configure().dataSource(url, user, password).locations("classpath:db/replicas").load();
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
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
            while (count(statement, "select count(*) from pg_stat_activity where query like '%pg_sleep(3)%' and pid <> pg_backend_pid() "
                    + "and datname = current_database()") == 0) {
                assertTrue(System.nanoTime() < deadline, "the first replica's migration did not start");
                Thread.sleep(20);
            }
            assertEquals(1, count(statement, "select count(*) from pg_locks where locktype = 'advisory' and granted "
                            + "and database = (select oid from pg_database where datname = current_database())"),
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
            assertEquals(0, count(statement, "select count(*) from pg_locks where locktype = 'advisory' "
                    + "and database = (select oid from pg_database where datname = current_database())"), "and the lock released");
        }
    }
}

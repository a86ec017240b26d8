package org.aicenter.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.aicenter.local.PostgresServer;
import org.jboss.logging.Logger;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A real PostgreSQL for tests: the server named by {@code TEST_DATABASE_URL}
 * ({@code jdbc:postgresql://host:port/db?user=..&password=..}) if set; else a Testcontainers
 * PostgreSQL where a Docker engine answers; else an embedded PostgreSQL 17. Each test run gets
 * a fresh database of its own on that server. Also makes services trust the local-only test key.
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    private static final Logger LOG = Logger.getLogger(PostgresResource.class);

    private EmbeddedPostgres embedded;
    private PostgreSQLContainer container;

    @Override
    public Map<String, String> start() {
        PostgresServer server = server();
        String database = "aic_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
            statement.execute("create database " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the test database on " + server.description(), e);
        }
        LOG.infof("tests use database %s on %s", database, server.description());
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource.jdbc.url", server.jdbcUrlFor(database));
        config.put("quarkus.datasource.username", server.user());
        config.put("quarkus.datasource.password", server.password());
        config.put("mp.jwt.verify.publickey.location", TestTokens.issuer().publicKeyFile().toString());
        config.put("mp.jwt.verify.issuer", org.aicenter.platform.tokens.LocalTokenIssuer.ISSUER);
        config.put("mp.jwt.verify.audiences", org.aicenter.platform.tokens.LocalTokenIssuer.AUDIENCE);
        return config;
    }

    private PostgresServer server() {
        String url = System.getenv("TEST_DATABASE_URL");
        if (url != null && !url.isBlank()) {
            return PostgresServer.fromUrl(url, "TEST_DATABASE_URL");
        }
        if (dockerAnswers()) {
            container = new PostgreSQLContainer("postgres:17-alpine");
            container.start();
            return new PostgresServer(container.getJdbcUrl(), container.getUsername(), container.getPassword(),
                    "Testcontainers PostgreSQL");
        }
        try {
            embedded = EmbeddedPostgres.builder().start();
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot start embedded PostgreSQL (" + e.getMessage() + "). Without Docker, "
                    + "the tests carry PostgreSQL for Linux (x86_64, arm64) and macOS (Intel, Apple silicon); elsewhere set "
                    + "TEST_DATABASE_URL=jdbc:postgresql://host:5432/postgres?user=...&password=...", e);
        }
        return new PostgresServer(embedded.getJdbcUrl("postgres", "postgres"), "postgres", "postgres",
                "embedded PostgreSQL on port " + embedded.getPort());
    }

    private static boolean dockerAnswers() {
        if ("false".equalsIgnoreCase(System.getenv("TESTCONTAINERS_ENABLED"))) {
            return false;
        }
        // Without a socket or DOCKER_HOST there is no engine to ask; asking only fills the log.
        if (System.getenv("DOCKER_HOST") == null && !java.nio.file.Files.exists(java.nio.file.Path.of("/var/run/docker.sock"))) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable noDocker) {
            return false;
        }
    }

    @Override
    public void stop() {
        try {
            if (embedded != null) {
                embedded.close();
            }
        } catch (IOException e) {
            LOG.warn("embedded PostgreSQL did not stop cleanly", e);
        }
        if (container != null) {
            container.stop();
        }
    }
}

package org.aicenter.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The embedded PostgreSQL 17 of a local run. Its cluster lives in the data folder and is kept
 * across runs; the server is stopped with {@code pg_ctl stop -m fast} on {@link #close()}.
 */
final class LocalPostgres implements AutoCloseable {

    static final String USER = "postgres";
    // The embedded cluster trusts local connections; services still need some password to send.
    static final String PASSWORD = "postgres";

    private final EmbeddedPostgres server;
    private final int port;

    private LocalPostgres(EmbeddedPostgres server, int port) {
        this.server = server;
        this.port = port;
    }

    static LocalPostgres start(Path clusterDir, int port, Path log) throws IOException {
        checkCluster(clusterDir);
        Files.createDirectories(log.getParent());
        ProcessBuilder.Redirect toLog = ProcessBuilder.Redirect.appendTo(log.toFile());
        EmbeddedPostgres server = EmbeddedPostgres.builder()
                .setDataDirectory(clusterDir)
                .setCleanDataDirectory(false)
                .setPort(port)
                // Stopped by the launcher's own shutdown hook, after the services that use it.
                .setRegisterShutdownHook(false)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setOutputRedirector(toLog)
                .setErrorRedirector(toLog)
                .setPgBinaryResolver(LocalPostgres::firstBinaryOnClassPath)
                .start();
        return new LocalPostgres(server, port);
    }

    /**
     * The PostgreSQL archive for this machine, the first one on the class path. The launcher jar
     * names its libraries in its manifest, so a build that also puts them on the class path (the
     * system tests) sees the same archive twice; zonky's default resolver refuses that.
     */
    private static java.io.InputStream firstBinaryOnClassPath(String system, String hardware) throws IOException {
        String name = ("postgres-" + system + "-" + hardware + ".txz").toLowerCase(java.util.Locale.ROOT);
        java.net.URL archive = LocalPostgres.class.getClassLoader().getResource(name);
        if (archive == null) {
            throw new IOException("no embedded PostgreSQL for " + system + "/" + hardware + " on the class path (" + name + ")");
        }
        return archive.openStream();
    }

    /** Refuses a folder that holds something other than a whole cluster, which initdb would fail on. */
    private static void checkCluster(Path clusterDir) throws IOException {
        if (!Files.isDirectory(clusterDir) || Files.exists(clusterDir.resolve("postgresql.conf"))) {
            return;
        }
        try (Stream<Path> entries = Files.list(clusterDir)) {
            if (entries.anyMatch(entry -> !entry.getFileName().toString().equals("epg-lock"))) {
                throw new IOException(clusterDir + " holds no complete PostgreSQL cluster (a first start that was"
                        + " interrupted?): delete that folder and run ./aic up again");
            }
        }
    }

    int port() {
        return port;
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database;
    }

    /** Creates each database that is missing; returns the names it created. */
    List<String> ensureDatabases(List<String> names) throws SQLException {
        List<String> created = new ArrayList<>();
        try (Connection connection = server.getPostgresDatabase().getConnection()) {
            for (String name : names) {
                if (!name.matches("[a-z][a-z0-9_]*")) {
                    throw new IllegalArgumentException("not a plain database name: " + name);
                }
                boolean exists;
                try (PreparedStatement query = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
                    query.setString(1, name);
                    try (ResultSet rows = query.executeQuery()) {
                        exists = rows.next();
                    }
                }
                if (!exists) {
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("create database " + name + " encoding 'UTF8'");
                    }
                    created.add(name);
                }
            }
        }
        return created;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }

    /**
     * Stops a server that still runs on the cluster though no launcher holds it: one whose
     * launcher was killed outright ({@code pg_ctl} detaches the server, so it outlives the JVM).
     * Returns the pid it stopped.
     */
    static Optional<Long> stopLeftover(Path clusterDir, Duration patience) throws IOException {
        Path pidFile = clusterDir.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        long pid;
        try {
            pid = Long.parseLong(lines.get(0).trim());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(handle -> handle.info().command().map(command -> command.endsWith("/postgres")).orElse(false));
        if (process.isEmpty()) {
            return Optional.empty();
        }
        // SIGINT is PostgreSQL's fast shutdown: it does not wait for clients that are still connected.
        ProcessTree.signal(process.get(), "INT");
        ProcessTree.awaitExit(process.get(), patience);
        return Optional.of(pid);
    }
}

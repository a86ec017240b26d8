package org.aicenter.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
            throw new IOException("no embedded PostgreSQL for " + system + "/" + hardware + " (" + name + " is not on the"
                    + " class path). The launcher carries PostgreSQL for Linux (x86_64, arm64) and macOS (Intel, Apple"
                    + " silicon). Here, point AIC_DATABASE_URL at a PostgreSQL 15 or later"
                    + " (jdbc:postgresql://host:5432/postgres?user=...&password=...; ./aic up makes its databases there),"
                    + " or run the platform with docker-compose (docker-compose.yml)");
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

    /** The server, to make the services' databases on and give them their URLs. */
    PostgresServer server() {
        return new PostgresServer("jdbc:postgresql://localhost:" + port + "/postgres", USER, PASSWORD,
                "embedded PostgreSQL on port " + port);
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

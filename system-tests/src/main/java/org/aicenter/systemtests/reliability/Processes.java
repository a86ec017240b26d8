package org.aicenter.systemtests.reliability;

import org.aicenter.local.ServiceInstance;
import org.aicenter.local.ServiceModule;
import org.aicenter.systemtests.Http;
import org.aicenter.systemtests.Launch;
import org.aicenter.systemtests.RunningSystem;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Kills and restarts the system's processes the way an operator or a crash would: a service by
 * SIGKILL and then the same command line, environment and folder again; PostgreSQL by a fast
 * shutdown and the same server options again. Everything started here is stopped by {@link #close()}.
 */
final class Processes implements AutoCloseable {

    private final RunningSystem system;
    /** By instance: {@code partner-service}, and {@code partner-service-2} ... when it runs replicas. */
    private final Map<String, Long> pids = new LinkedHashMap<>();
    private final Map<String, Launch> launches = new LinkedHashMap<>();
    private final Map<String, String> urls = new LinkedHashMap<>();
    private final List<Process> started = new ArrayList<>();

    Processes(RunningSystem system) {
        this.system = system;
        for (String module : ServiceModule.ALL.stream().map(ServiceModule::name).toList()) {
            for (ServiceInstance instance : system.instancesOf(module)) {
                String name = instance.name();
                long pid = system.pidOf(name).orElseThrow(() -> new IllegalStateException("no pid for " + name));
                pids.put(name, pid);
                launches.put(name, Launch.of(pid));
                urls.put(name, instance.url());
            }
        }
    }

    long pidOf(String module) {
        return pids.get(module);
    }

    Map<String, Long> pids() {
        return Map.copyOf(pids);
    }

    /** SIGKILL: no shutdown hook, no graceful close of connections or transactions. */
    void kill(String module) {
        ProcessHandle handle = ProcessHandle.of(pids.get(module)).orElseThrow();
        handle.destroyForcibly();
        try {
            handle.onExit().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(module + " did not die", e);
        }
    }

    /** Starts the instance again exactly as it was started, and waits until it is ready; returns the time it took. */
    Duration restart(String module) throws IOException {
        Launch launch = launches.get(module);
        Instant began = Instant.now();
        Process process = launch.start(system.logOf(module), module + " restarted by the reliability run at " + began);
        synchronized (started) {
            started.add(process);
        }
        pids.put(module, process.pid());
        awaitReady(urls.get(module) + "/q/health/ready", Duration.ofSeconds(240), process);
        return Duration.between(began, Instant.now());
    }

    static void awaitReady(String url, Duration timeout, Process process) {
        Http http = new Http(url, Duration.ofSeconds(3));
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (process != null && !process.isAlive()) {
                throw new IllegalStateException(url + ": the process exited with " + process.exitValue());
            }
            if (http.request("GET", "").send().status() == 200) {
                return;
            }
            sleep(200);
        }
        throw new IllegalStateException(url + " not ready within " + timeout.toSeconds() + " s");
    }

    // ---------------------------------------------------------------- PostgreSQL

    private Launch postgres;

    /**
     * Fast shutdown (SIGINT to the postmaster, as pg_ctl stop -m fast does; pg_ctl itself refuses
     * to run as root, which the embedded server here does): sessions end, clients see broken connections.
     */
    void stopPostgres() throws IOException {
        long pid = Long.parseLong(Files.readAllLines(cluster().resolve("postmaster.pid")).get(0).trim());
        postgres = Launch.of(pid);
        ProcessHandle handle = ProcessHandle.of(pid).orElseThrow();
        try {
            new ProcessBuilder("kill", "-INT", Long.toString(pid)).start().waitFor(10, TimeUnit.SECONDS);
            handle.onExit().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IOException("PostgreSQL did not stop", e);
        }
    }

    /**
     * Starts the server again with the options it had, through pg_ctl as the launcher's embedded
     * PostgreSQL does (in a user namespace when this runs as root, which PostgreSQL refuses).
     */
    void startPostgres() throws IOException {
        List<String> options = new ArrayList<>();
        List<String> was = postgres.command();
        for (int i = 1; i < was.size(); i++) {
            if (was.get(i).equals("-D")) {
                i++;
            } else {
                options.add(was.get(i));
            }
        }
        List<String> command = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("unshare", "-U"));
        }
        command.addAll(List.of(Path.of(was.get(0)).resolveSibling("pg_ctl").toString(), "-D", cluster().toString(),
                "-o", String.join(" ", options), "-l", system.logOf("postgres").toString(), "-w", "-t", "60", "start"));
        Process pgCtl = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(pgCtl.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        try {
            if (!pgCtl.waitFor(90, TimeUnit.SECONDS) || pgCtl.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            try (java.sql.Connection ignored = system.connect("postgres")) {
                return;
            } catch (java.sql.SQLException notYet) {
                sleep(200);
            }
        }
        throw new IOException("PostgreSQL did not take connections within 60 s of its start");
    }

    private Path cluster() {
        return system.dataDir().resolve("postgres");
    }

    // ---------------------------------------------------------------- /proc

    /** Resident memory in KiB, from /proc/<pid>/status. */
    static Optional<Long> rssKib(long pid) {
        return statusField(pid, "VmRSS:");
    }

    static Optional<Long> threads(long pid) {
        return statusField(pid, "Threads:");
    }

    private static Optional<Long> statusField(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(field)) {
                    return Optional.of(Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]));
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone
        }
        return Optional.empty();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops what this class started (restarted services); the launcher stops the rest. */
    @Override
    public void close() {
        // A PostgreSQL started here is stopped by the launcher, which finds it by its postmaster.pid.
        synchronized (started) {
            for (Process process : started) {
                process.destroy();
            }
            for (Process process : started) {
                try {
                    if (!process.waitFor(20, TimeUnit.SECONDS)) {
                        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}

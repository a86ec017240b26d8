package org.aicenter.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One service of the stack running as {@code java -jar <module>/target/quarkus-app/quarkus-run.jar}. */
final class ServiceProcess {

    /** Starts the lines a run appends to the service's log. */
    static final String RUN_HEADER = "==== ";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final ServiceInstance instance;
    private final ServiceModule module;
    private final Process process;
    private final Path log;
    private final Path pidFile;

    private ServiceProcess(ServiceInstance instance, Process process, Path log, Path pidFile) {
        this.instance = instance;
        this.module = instance.module();
        this.process = process;
        this.log = log;
        this.pidFile = pidFile;
    }

    static ServiceProcess start(ServiceInstance instance, Path root, ServiceJava serviceJava, Map<String, String> environment,
                                Path log, Path pidFile, Path classDataDir) throws IOException {
        ServiceModule module = instance.module();
        JvmSettings jvm = JvmSettings.of(root);
        Files.createDirectories(log.getParent());
        Files.createDirectories(pidFile.getParent());
        Files.writeString(log, RUN_HEADER + instance.name() + " started by ./aic up at " + Instant.now() + " ====\n",
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        List<String> command = new java.util.ArrayList<>();
        command.add(serviceJava.executable().toString());
        command.add(jvm.optionsArgument());
        command.add(classDataOption(module, root, serviceJava, classDataDir, instance.number() == 1));
        command.add("-jar");
        command.add(module.runJar(root).toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(module.dir(root).toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(jvm.environment());
        builder.environment().putAll(environment);
        Process process = builder.start();
        Files.writeString(pidFile, process.pid() + "\n" + module.runJar(root) + "\n", StandardCharsets.UTF_8);
        return new ServiceProcess(instance, process, log, pidFile);
    }

    /**
     * The class data of the module's build on the JDK it runs on ({@link ServiceJava#classDataOption}):
     * the first start of a build writes an AOT cache (JDK 25+) or an AppCDS archive when the service
     * stops; later starts map it instead of loading, verifying and linking the classes again (about
     * a third to a half less start time). Only the first instance of a service writes; the others
     * use it once it is there.
     */
    static String classDataOption(ServiceModule module, Path root, ServiceJava java, Path classDataDir, boolean writes)
            throws IOException {
        Path app = module.runJar(root).getParent();
        long build = Files.getLastModifiedTime(module.runJar(root)).toMillis();
        for (String part : List.of("app", "quarkus", "lib/main")) {
            Path dir = app.resolve(part);
            if (Files.isDirectory(dir)) {
                try (var files = Files.list(dir)) {
                    for (Path file : (Iterable<Path>) files::iterator) {
                        build = Math.max(build, Files.getLastModifiedTime(file).toMillis());
                    }
                }
            }
        }
        return java.classDataOption(module.name(), Long.toString(build, 36), classDataDir, writes);
    }

    ServiceModule module() {
        return module;
    }

    ServiceInstance instance() {
        return instance;
    }

    /** {@code partner-service}, or {@code partner-service-2} for its second instance. */
    String name() {
        return instance.name();
    }

    Process process() {
        return process;
    }

    Path log() {
        return log;
    }

    String url() {
        return instance.url();
    }

    /** Its management interface: metrics and the detailed health, on the loopback interface. */
    String managementUrl() {
        return instance.managementUrl();
    }

    /**
     * Waits until the module's health path ({@code /q/health/ready} on its management interface)
     * answers 200. Fails with a
     * message naming the service and its log when the process ends first or the time is up.
     */
    void awaitReady(Duration timeout, java.util.function.BooleanSupplier stopping) throws StartFailure {
        URI ready = URI.create(managementUrl() + module.startedPath());
        String name = instance.name();
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            if (stopping.getAsBoolean()) {
                throw new StartFailure(name + ": start abandoned, the stack is stopping");
            }
            if (!process.isAlive()) {
                throw new StartFailure(name + " exited with code " + process.exitValue()
                        + " before it was ready. Its log, " + log + ", ends with:\n" + tail(log, 25));
            }
            try {
                HttpResponse<Void> answer = HTTP.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(2))
                        .GET().build(), HttpResponse.BodyHandlers.discarding());
                if (answer.statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // Still starting.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StartFailure(name + ": interrupted while waiting for it to be ready");
            }
            if (Instant.now().isAfter(deadline)) {
                throw new StartFailure(name + " was not ready at " + ready + " within " + timeout.toSeconds()
                        + " s (AIC_READY_TIMEOUT). Its log, " + log + ", ends with:\n" + tail(log, 25));
            }
            sleep(Duration.ofMillis(500));
        }
    }

    /**
     * The names of the health checks that the detailed readiness (on the management interface)
     * reports DOWN; empty when it is ready.
     */
    List<String> checksDown(com.fasterxml.jackson.databind.ObjectMapper json) {
        try {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(managementUrl() + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() == 200) {
                return List.of();
            }
            List<String> down = new java.util.ArrayList<>();
            json.readTree(answer.body()).path("checks").forEach(check -> {
                if (!"UP".equals(check.path("status").asText())) {
                    down.add(check.path("name").asText("?"));
                }
            });
            return down.isEmpty() ? List.of("(status " + answer.statusCode() + ")") : down;
        } catch (IOException e) {
            return List.of("(no answer: " + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of("(interrupted)");
        }
    }

    /** SIGTERM (Quarkus shuts down gracefully), then SIGKILL after {@code patience}. */
    void stop(Duration patience) {
        ProcessTree.stop(process.toHandle(), patience);
        deletePidFile();
    }

    void deletePidFile() {
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException ignored) {
            // A stale pid file is checked against the process's command line before it is used.
        }
    }

    /**
     * Stops a service that an earlier launcher, killed outright, left running: found by its pid
     * file, and only if that pid still runs the same jar.
     */
    static Optional<Long> stopLeftover(Path pidFile, Duration patience) throws IOException {
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile);
        Files.deleteIfExists(pidFile);
        if (lines.size() < 2) {
            return Optional.empty();
        }
        long pid;
        try {
            pid = Long.parseLong(lines.get(0).trim());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        String jar = lines.get(1).trim();
        Optional<ProcessHandle> process = ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(handle -> handle.info().arguments().map(args -> List.of(args).contains(jar)).orElse(false));
        process.ifPresent(handle -> ProcessTree.stop(handle, patience));
        return process.map(ProcessHandle::pid);
    }

    static String tail(Path file, int lines) {
        Deque<String> last = new ArrayDeque<>();
        try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith(RUN_HEADER)) {
                    last.clear(); // only this run's lines
                }
                last.addLast(line);
                if (last.size() > lines) {
                    last.removeFirst();
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            return "    (cannot read it: " + e.getMessage() + ")";
        }
        StringBuilder text = new StringBuilder();
        last.forEach(line -> text.append("    ").append(line).append('\n'));
        return text.toString();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

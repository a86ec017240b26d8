package org.aicenter.systemtests;

import org.aicenter.local.LocalStack;
import org.aicenter.local.ServiceInstance;
import org.aicenter.local.ServiceModule;
import org.aicenter.local.Settings;
import org.aicenter.local.StartFailure;
import org.aicenter.platform.tokens.LocalTokenIssuer;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The whole system started as {@code ./aic up} starts it, through the launcher's {@link LocalStack}:
 * embedded PostgreSQL on its own data folder, every service from its packaged
 * {@code target/quarkus-app/quarkus-run.jar}, then the gateway, each on a free port. Nothing is
 * built here: a missing jar is a clear failure, not a silent skip.
 */
public final class RunningSystem implements AutoCloseable {

    public static final List<String> DATABASES = List.of("partners", "projects", "training");

    /** Null when attached to a system started elsewhere (which this one then never stops). */
    private final LocalStack stack;
    private final Settings settings;
    private final LocalTokenIssuer tokens;
    private final PrintStream out;
    private boolean closed;

    private RunningSystem(LocalStack stack, Settings settings, PrintStream out) {
        this.stack = stack;
        this.settings = settings;
        this.out = out;
        this.tokens = LocalTokenIssuer.inFolder(settings.keysDir());
    }

    /**
     * Starts the system on {@code dataDir} (made afresh: a cluster left by an earlier run is
     * deleted) and waits until the gateway is ready, which means every service behind it is.
     *
     * @param root the repository, whose modules hold the packaged services
     */
    public static RunningSystem start(Path root, Path dataDir, PrintStream out) throws IOException {
        return start(root, dataDir, 1, out);
    }

    /**
     * As {@link #start(Path, Path, PrintStream)}, with {@code replicas} instances of every service
     * but the gateway, as {@code ./aic up --replicas N} starts them.
     */
    public static RunningSystem start(Path root, Path dataDir, int replicas, PrintStream out) throws IOException {
        Path repository = root.toAbsolutePath().normalize();
        List<String> missing = new ArrayList<>();
        for (ServiceModule module : ServiceModule.ALL) {
            if (!module.isBuilt(repository)) {
                missing.add(module.runJar(repository).toString());
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("not packaged: " + String.join(", ", missing)
                    + ". Build them first: ./mvnw -B -o package -DskipTests -pl partner-service,project-service,"
                    + "training-service,gateway (a reactor build of the root does it before this module)");
        }
        deleteTree(dataDir);
        Files.createDirectories(dataDir);
        Settings settings = freeSettings(repository, dataDir, replicas);
        LocalStack stack = new LocalStack(settings, out);
        RunningSystem system = new RunningSystem(stack, settings, out);
        // A JVM that ends without close() (a killed test run, Ctrl-C) still stops what it started.
        Thread hook = new Thread(system::close, "stop-system-under-test");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            stack.start();
            List<String> absent = ServiceModule.ALL.stream().map(ServiceModule::name)
                    .filter(name -> !stack.urls().containsKey(name)).toList();
            if (!absent.isEmpty()) {
                throw new IllegalStateException("the stack started without " + absent + " (see the notes above)");
            }
            system.awaitGatewayReady(Duration.ofSeconds(120));
            return system;
        } catch (LocalStack.AlreadyRunning | StartFailure e) {
            system.close();
            throw new IllegalStateException("the system did not start: " + e.getMessage(), e);
        } catch (RuntimeException | IOException e) {
            system.close();
            throw e;
        }
    }

    /**
     * Settings on free ports: the services' own ports drawn free, then the replicas' ports the
     * launcher derives from them checked free too (drawn again when one is taken).
     */
    private static Settings freeSettings(Path repository, Path dataDir, int replicas) throws IOException {
        int services = ServiceModule.ALL.size();
        for (int attempt = 1; ; attempt++) {
            List<Integer> ports = freePorts(2 * services + 1);
            Map<String, String> env = new HashMap<>();
            env.put("AIC_DATA_DIR", dataDir.toAbsolutePath().toString());
            env.put("AIC_BUILD", "never");
            env.put("AIC_READY_TIMEOUT", "300");
            env.put("AIC_REPLICAS", Integer.toString(replicas));
            env.put("AIC_PG_PORT", Integer.toString(ports.get(0)));
            for (int i = 0; i < services; i++) {
                env.put(ServiceModule.ALL.get(i).portVariable(), Integer.toString(ports.get(i + 1)));
                env.put(ServiceModule.ALL.get(i).managementPortVariable(), Integer.toString(ports.get(services + i + 1)));
            }
            Settings settings = Settings.from(repository, env);
            boolean free = ServiceModule.ALL.stream().flatMap(m -> settings.instancesOf(m).stream())
                    .filter(instance -> instance.number() > 1)
                    .allMatch(instance -> LocalStack.portFree(instance.port()) && LocalStack.portFree(instance.managementPort()));
            if (free || attempt == 20) {
                return settings;
            }
        }
    }

    /**
     * Ports are drawn below the range the operating system hands to outgoing connections (Linux
     * 32768-60999, macOS and Windows from 49152), replicas' and all: a port drawn there could be
     * taken by any connection between the draw and the start (a fresh-clone CI run lost
     * ReplicasIT so). The replicas' ports lie a few above, their management ports as many above.
     */
    private static final int LOWEST_PORT = 20_000;
    private static final int HIGHEST_PORT = 31_000;


    /**
     * A system that {@code ./aic up} (or an earlier run) started with {@code env}'s AIC_* settings:
     * for trying a test against it while developing, without waiting for a start.
     */
    public static RunningSystem attach(Path root, Map<String, String> env, PrintStream out) {
        RunningSystem system = new RunningSystem(null, Settings.from(root, env), out);
        system.awaitGatewayReady(Duration.ofSeconds(30));
        return system;
    }

    public String gatewayUrl() {
        return urlOf(ServiceModule.GATEWAY.name());
    }

    /** Where a module's metrics and detailed health are (its management interface, on the loopback interface). */
    public String managementUrlOf(String module) {
        return settings.managementUrlOf(ServiceModule.named(module));
    }

    public String urlOf(String module) {
        if (stack != null) {
            return stack.urls().get(module);
        }
        return ServiceModule.ALL.stream().filter(m -> m.name().equals(module)).findFirst()
                .map(settings::urlOf).orElse(null);
    }

    public Settings settings() {
        return settings;
    }

    /** The instances of a service: one, or as many as the system was started with ({@code --replicas}). */
    public List<ServiceInstance> instancesOf(String module) {
        if (stack != null) {
            return stack.instances().getOrDefault(module, List.of());
        }
        return settings.instancesOf(ServiceModule.named(module));
    }

    public Path dataDir() {
        return settings.dataDir();
    }

    public int postgresPort() {
        return settings.postgresPort();
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + settings.postgresPort() + "/" + database;
    }

    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), "postgres", "postgres");
    }

    /** A bearer token the running services accept (signed with the stack's own key), as an Authorization value. */
    public String bearer(String subject, String... roles) {
        return "Bearer " + token(subject, roles);
    }

    /** The token alone, for a client that writes the Authorization header itself. */
    public String token(String subject, String... roles) {
        return tokens.token(subject, List.of(roles), Duration.ofHours(2));
    }

    /** A well-formed token signed by a key this stack does not trust. */
    public static String forgedBearer(String subject, String... roles) {
        return "Bearer " + LocalTokenIssuer.untrusted().token(subject, List.of(roles), Duration.ofHours(2));
    }

    public String expiredBearer(String subject, String... roles) {
        return "Bearer " + tokens.token(subject, List.of(roles), Instant.now().minus(Duration.ofHours(3)), Duration.ofHours(1));
    }

    /** The pid of a service the launcher started, from its pid file. */
    public Optional<Long> pidOf(String module) {
        Path pidFile = settings.runDir().resolve(module + ".pid");
        try {
            if (!Files.isRegularFile(pidFile)) {
                return Optional.empty();
            }
            return Optional.of(Long.parseLong(Files.readAllLines(pidFile).get(0).trim()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    public Path logOf(String name) {
        return settings.logOf(name);
    }

    /** Waits until the gateway's readiness, which checks every service, answers 200. */
    public void awaitGatewayReady(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI ready = URI.create(gatewayUrl() + "/q/health/ready");
        Instant deadline = Instant.now().plus(timeout);
        String last = "no answer";
        while (Instant.now().isBefore(deadline)) {
            try {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200) {
                    return;
                }
                last = answer.statusCode() + " " + answer.body();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the gateway");
            }
            sleep(500);
        }
        throw new IllegalStateException("the gateway was not ready within " + timeout.toSeconds() + " s: " + last);
    }

    /** Stops the services, the gateway and PostgreSQL; safe to call more than once. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (stack != null) {
            stack.stop();
        }
    }

    /**
     * Ports nobody listens on right now, below the ephemeral range (see {@link #LOWEST_PORT}); the
     * launcher checks again before it starts anything. For anything a system test starts to listen on.
     */
    public static List<Integer> freePorts(int count) throws IOException {
        Set<Integer> ports = new LinkedHashSet<>();
        java.util.Random random = new java.util.Random();
        for (int tries = 0; ports.size() < count; tries++) {
            if (tries > 10_000) {
                throw new IOException("no " + count + " free ports between " + LOWEST_PORT + " and " + HIGHEST_PORT);
            }
            int port = LOWEST_PORT + random.nextInt(HIGHEST_PORT - LOWEST_PORT);
            if (!ports.contains(port) && LocalStack.portFree(port)) {
                ports.add(port);
            }
        }
        return new ArrayList<>(ports);
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    PrintStream out() {
        return out;
    }
}

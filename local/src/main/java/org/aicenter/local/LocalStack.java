package org.aicenter.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.aicenter.platform.tokens.LocalSecrets;
import org.aicenter.platform.tokens.LocalTokenIssuer;
import org.aicenter.platform.tokens.Roles;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The whole system on one machine: embedded PostgreSQL with a database per service, every
 * service that has been written and built, then the gateway, each on its port; demo data on the
 * first start. {@link #stop()} ends everything it started, services first, PostgreSQL last.
 */
public final class LocalStack {

    /** A service's first start of a build writes its AOT cache (or AppCDS archive) as it stops, which takes a few seconds. */
    private static final Duration SERVICE_STOP_PATIENCE = Duration.ofSeconds(40);
    private static final String LOOPBACK = "127.0.0.1";
    /**
     * The services that read a change feed on their own account, with a token they sign with the
     * local-only key (platform-web's FeedCredentials): notification-service every feed, project- and
     * training-service partner-service's, to forget the partners it ends.
     */
    static final Set<String> FEED_READERS = Set.of("notification-service", "project-service", "training-service");
    private static final Duration POSTGRES_STOP_PATIENCE = Duration.ofSeconds(20);

    private final Settings settings;
    private final PrintStream out;
    private final ObjectMapper json = new ObjectMapper();
    private final List<ServiceProcess> services = new CopyOnWriteArrayList<>();
    private final List<String> notes = new ArrayList<>();

    private RunLock lock;
    private LocalPostgres postgres;
    /** Where the services' databases are: the embedded PostgreSQL, or the server AIC_DATABASE_URL names. */
    private PostgresServer database;
    private Process build;
    private LocalTokenIssuer tokens;
    private volatile boolean stopping;
    private boolean stopped;
    private boolean postgresLaunched;

    public LocalStack(Settings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    /** Another run holds the data folder. */
    public static final class AlreadyRunning extends Exception {
        AlreadyRunning(String message) {
            super(message);
        }
    }

    /** Starts everything; returns once every service is ready and the demo data is in. */
    public void start() throws AlreadyRunning, StartFailure, IOException {
        Files.createDirectories(settings.dataDir());
        Optional<RunLock> acquired = RunLock.tryAcquire(settings.lockFile());
        if (acquired.isEmpty()) {
            throw new AlreadyRunning("./aic up is already running on " + settings.show(settings.dataDir()) + " ("
                    + RunLock.holder(settings.lockFile()) + "). Stop it with Ctrl-C in its terminal or kill -TERM <pid>;"
                    + " or give this run another AIC_DATA_DIR and other ports.");
        }
        synchronized (this) {
            lock = acquired.get();
        }
        stopLeftovers();

        List<ServiceModule> written = new ArrayList<>();
        for (ServiceModule module : ServiceModule.ALL) {
            if (!settings.wants(module)) {
                note(module.name() + ": skipped, not named in AIC_SERVICES");
            } else if (module.isWritten(settings.root())) {
                written.add(module);
            } else {
                note(module.name() + ": skipped, not written yet (its pom builds no Quarkus application)");
            }
        }
        Set<String> failedBuilds = buildStale(written);
        List<ServiceModule> runnable = new ArrayList<>();
        for (ServiceModule module : written) {
            if (failedBuilds.contains(module.name())) {
                note(module.name() + ": skipped, its build failed (Maven's errors are above)");
            } else if (module.isBuilt(settings.root())) {
                runnable.add(module);
            } else {
                note(module.name() + ": skipped, not built (no " + settings.show(module.runJar(settings.root())) + ")");
            }
        }
        checkPortsFree(runnable);

        startPostgres(runnable);
        tokens = LocalTokenIssuer.inFolder(settings.keysDir());
        DemoLoader demo = new DemoLoader(json,
                () -> tokens.token("aic-demo", List.of(Roles.ADMIN), Duration.ofHours(1)),
                settings.demoDir(), settings.logOf("demo"), () -> stopping);
        for (ServiceModule module : runnable) {
            // Every instance of a service at once, as replicas start (their Flyway migrations take turns).
            List<ServiceProcess> started = new ArrayList<>();
            long began = System.nanoTime();
            for (ServiceInstance instance : settings.instancesOf(module)) {
                ServiceProcess service = startService(instance);
                out.printf("  %-19s starting on %s ...%n", service.name(), service.url());
                started.add(service);
            }
            for (ServiceProcess service : started) {
                service.awaitReady(settings.readyTimeout(), () -> stopping);
                out.printf("  %-19s %s in %.1f s (pid %d)%n", service.name(),
                        module == ServiceModule.GATEWAY ? "up" : "ready", (System.nanoTime() - began) / 1e9,
                        service.process().pid());
                watchForExit(service);
            }
            ServiceProcess first = started.get(0);
            if (module == ServiceModule.GATEWAY) {
                List<String> down = first.checksDown(json);
                if (!down.isEmpty()) {
                    note("gateway: not ready while these checks are down: " + String.join(", ", down)
                            + " (its paths for a service that is not running answer 503)");
                }
            }
            DemoLoader.Result loaded = demo.load(module, first.url());
            switch (loaded.outcome()) {
                case LOADED, ALREADY_LOADED -> out.printf("  %-19s %s%n", module.name(), loaded.message());
                case FAILED -> note(module.name() + ": " + loaded.message());
                case ABORTED -> throw new StartFailure(module.name() + ": " + loaded.message());
                case NO_DEMO_DATA -> {
                    if (module.demoResource() != null) {
                        out.printf("  %-19s %s%n", module.name(), loaded.message());
                    }
                }
            }
        }
        if (runnable.isEmpty()) {
            note("no service is built yet: only PostgreSQL runs");
        }
    }

    /** What the user needs next: where to point a browser or curl, and how to get a token. */
    public void printSummary() {
        out.println();
        out.println("AI Innovation Center, local stack: running. Ctrl-C stops everything.");
        Optional<ServiceProcess> gateway = services.stream().filter(s -> s.module() == ServiceModule.GATEWAY).findFirst();
        if (gateway.isPresent()) {
            out.println();
            out.println("  Console:          " + gateway.get().url() + "/   (sign in with a role; catalogue and certificates need none)");
            out.println("  API:              " + gateway.get().url() + "/api/v1/...");
            out.println("  Swagger UI:       " + gateway.get().url() + "/swagger-ui   (every service's operations)");
        }
        out.println();
        out.println((settings.replicas() == 1 ? "  Services" : "  Services, " + settings.replicas()
                + " instances of each behind the gateway, which takes them in turn (as do the callers of partner-service),")
                + " on " + settings.java().describe() + ":");
        for (ServiceProcess service : services) {
            // The gateway serves its Swagger UI (over the merged contract) at /swagger-ui, the services at /q/swagger-ui.
            String swagger = service.url() + (service.module() == ServiceModule.GATEWAY ? "/swagger-ui" : "/q/swagger-ui");
            out.printf("    %-19s %s   Swagger UI %s   metrics %s/q/metrics   pid %d   log %s%n", service.name(),
                    service.url(), swagger, service.managementUrl(), service.process().pid(), settings.show(service.log()));
        }
        if (services.isEmpty()) {
            out.println("    (none)");
        }
        out.println();
        String databases = String.join(", ", databaseNames(services.stream().map(ServiceProcess::module).toList()));
        if (settings.externalDatabase().isPresent()) {
            out.println("  PostgreSQL:       " + database.description() + " (AIC_DATABASE_URL), databases " + databases);
        } else {
            out.println("  PostgreSQL:       localhost:" + settings.postgresPort() + ", user postgres, databases "
                    + databases + "; data in " + settings.show(settings.postgresDir()));
        }
        for (String note : notes) {
            out.println("  Note: " + note);
        }
        String example = gateway.map(ServiceProcess::url).orElse(services.isEmpty() ? settings.urlOf(ServiceModule.named("partner-service"))
                : services.get(0).url());
        out.println();
        out.println("  Token (12 h):     ./aic token ROLE [SUBJECT]   roles: " + String.join(", ", Roles.ALL));
        out.println("  Try:              curl -H \"Authorization: Bearer $(./aic token viewer)\" " + example + "/api/v1/partners");
        out.println();
    }

    /** Blocks until the JVM is asked to stop (Ctrl-C, SIGTERM); the shutdown hook does the stopping. */
    public void awaitStop() throws InterruptedException {
        while (true) {
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    /** The base URL of each running service (its first instance), by module name, in start order. */
    public Map<String, String> urls() {
        Map<String, String> urls = new LinkedHashMap<>();
        services.forEach(service -> urls.putIfAbsent(service.module().name(), service.url()));
        return urls;
    }

    /** The instances running of each service, by module name, in start order. */
    public Map<String, List<ServiceInstance>> instances() {
        Map<String, List<ServiceInstance>> instances = new LinkedHashMap<>();
        services.forEach(service -> instances.computeIfAbsent(service.module().name(), k -> new ArrayList<>())
                .add(service.instance()));
        return instances;
    }

    /** A token the running services accept, as {@code ./aic token} makes it. */
    public String token(String subject, String... roles) {
        return LocalTokenIssuer.inFolder(settings.keysDir()).token(subject, List.of(roles), Aic.TOKEN_LIFETIME);
    }

    public boolean isStopping() {
        return stopping;
    }

    /** Stops everything this stack started; safe to call more than once and from a shutdown hook. */
    public synchronized void stop() {
        stopping = true;
        if (stopped || lock == null) {
            // Never started (another run holds the data folder): nothing here is ours to stop.
            return;
        }
        stopped = true;
        if (build != null && build.isAlive()) {
            out.println("  stopping the build ...");
            ProcessTree.stop(build.toHandle(), Duration.ofSeconds(10));
        }
        if (!services.isEmpty()) {
            List<ServiceProcess> reversed = new ArrayList<>(services);
            java.util.Collections.reverse(reversed);
            out.println("  stopping " + String.join(", ", reversed.stream().map(ServiceProcess::name).toList()) + " ...");
            // All at once: each gets SIGTERM, then the wait is shared.
            List<Thread> stoppers = new ArrayList<>();
            for (ServiceProcess service : reversed) {
                Thread stopper = new Thread(() -> service.stop(SERVICE_STOP_PATIENCE), "stop-" + service.name());
                stopper.start();
                stoppers.add(stopper);
            }
            for (Thread stopper : stoppers) {
                try {
                    stopper.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        if (postgres != null) {
            out.println("  stopping PostgreSQL ...");
            try {
                postgres.close();
            } catch (IOException e) {
                out.println("  PostgreSQL did not stop cleanly: " + e.getMessage());
            }
        }
        if (postgresLaunched) {
            try {
                // Also the case of a start that was interrupted before it handed back its server.
                LocalPostgres.stopLeftover(settings.postgresDir(), POSTGRES_STOP_PATIENCE)
                        .ifPresent(pid -> out.println("  stopped PostgreSQL (pid " + pid + ")"));
            } catch (IOException e) {
                out.println("  could not check for a PostgreSQL still running: " + e.getMessage());
            }
        }
        if (lock != null) {
            try {
                lock.close();
            } catch (IOException ignored) {
                // The operating system releases it when this process ends anyway.
            }
        }
        out.println("  stopped.");
    }

    private void stopLeftovers() throws IOException {
        for (ServiceModule module : ServiceModule.ALL) {
            // An earlier run may have had more instances than this one.
            for (int number = 1; number <= Settings.MAX_REPLICAS; number++) {
                ServiceInstance instance = new ServiceInstance(module, number, 0, 0);
                Optional<Long> pid = ServiceProcess.stopLeftover(pidFileOf(instance), SERVICE_STOP_PATIENCE);
                pid.ifPresent(p -> out.println("  stopped " + instance.name() + " left running by an earlier run (pid " + p + ")"));
            }
        }
        LocalPostgres.stopLeftover(settings.postgresDir(), POSTGRES_STOP_PATIENCE)
                .ifPresent(pid -> out.println("  stopped PostgreSQL left running by an earlier run (pid " + pid + ")"));
    }

    /**
     * Builds the stale modules; returns those whose build failed. Maven goes on past a failed
     * module (--fail-at-end) so that one broken service does not keep the others from starting.
     */
    private Set<String> buildStale(List<ServiceModule> written) throws StartFailure {
        List<String> stale = written.stream()
                .filter(module -> ModuleBuild.isStale(settings.root(), module.name(), module.runJar(settings.root())))
                .map(ServiceModule::name).toList();
        if (stale.isEmpty()) {
            return Set.of();
        }
        if (!settings.buildWhenStale()) {
            note("not rebuilt (AIC_BUILD=never), though missing or older than their sources: " + String.join(", ", stale));
            return Set.of();
        }
        out.println("  building " + String.join(", ", stale) + " (./mvnw -B -q -DskipTests -fae install -am -pl ...) ...");
        long began = System.nanoTime();
        int exit;
        try {
            exit = ModuleBuild.run(settings.root(), stale, process -> {
                synchronized (this) {
                    if (stopping) {
                        process.destroy();
                    }
                    build = process;
                }
            });
        } catch (IOException e) {
            throw new StartFailure("could not run the Maven wrapper: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartFailure("interrupted while building");
        }
        if (stopping) {
            throw new StartFailure("build stopped");
        }
        // A module whose jar is still older than its sources did not build.
        Set<String> failed = new LinkedHashSet<>();
        for (ServiceModule module : written) {
            if (stale.contains(module.name())
                    && ModuleBuild.isStale(settings.root(), module.name(), module.runJar(settings.root()))) {
                failed.add(module.name());
            }
        }
        if (exit != 0 && failed.isEmpty()) {
            throw new StartFailure("the build failed (exit code " + exit + "); see Maven's output above");
        }
        out.printf("  build %s in %.0f s%s%n", failed.isEmpty() ? "done" : "failed for " + String.join(", ", failed),
                (System.nanoTime() - began) / 1e9, failed.isEmpty() ? ""
                        : "; the others start. AIC_BUILD=never ./aic up starts the last good builds instead");
        return failed;
    }

    private void checkPortsFree(List<ServiceModule> runnable) throws StartFailure {
        Map<Integer, String> wanted = new LinkedHashMap<>();
        wanted.put(settings.postgresPort(), "PostgreSQL (AIC_PG_PORT)");
        for (ServiceInstance instance : runnable.stream().flatMap(m -> settings.instancesOf(m).stream()).toList()) {
            ServiceModule module = instance.module();
            Map<Integer, String> ports = new LinkedHashMap<>();
            boolean own = instance.number() == 1;
            ports.put(instance.port(), instance.name() + " (" + (own ? module.portVariable() : "its replica port") + ")");
            ports.put(instance.managementPort(), instance.name() + "'s management interface ("
                    + (own ? module.managementPortVariable() : "its replica port") + ")");
            for (Map.Entry<Integer, String> port : ports.entrySet()) {
                String previous = wanted.put(port.getKey(), port.getValue());
                if (previous != null) {
                    throw new StartFailure("port " + port.getKey() + " is given to both " + previous + " and " + port.getValue());
                }
            }
        }
        for (Map.Entry<Integer, String> entry : wanted.entrySet()) {
            if (!portFree(entry.getKey())) {
                throw new StartFailure("port " + entry.getKey() + " for " + entry.getValue()
                        + " is taken by another program; stop it or choose another port with that variable");
            }
        }
    }

    /** Whether {@code port} can be listened on, on every address, as a service will: the check before a start. */
    public static boolean portFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException inUse) {
            return false;
        }
    }

    private void startPostgres(List<ServiceModule> runnable) throws StartFailure {
        long began = System.nanoTime();
        if (settings.externalDatabase().isPresent()) {
            database = settings.externalDatabase().get();
            out.println("  PostgreSQL        using " + database.description() + " (AIC_DATABASE_URL) ...");
        } else {
            boolean first = !Files.exists(settings.postgresDir().resolve("PG_VERSION"));
            out.println("  PostgreSQL        " + (first ? "creating the cluster in " : "starting on the data in ")
                    + settings.show(settings.postgresDir()) + " (port " + settings.postgresPort() + ") ...");
            synchronized (this) {
                if (stopping) {
                    throw new StartFailure("stopped before PostgreSQL started");
                }
                postgresLaunched = true;
                try {
                    // Under the monitor: a stop request waits for the server to be up, then stops it.
                    postgres = LocalPostgres.start(settings.postgresDir(), settings.postgresPort(), settings.logOf("postgres"));
                } catch (IOException | RuntimeException e) {
                    throw new StartFailure("PostgreSQL did not start: " + e.getMessage() + ". Its log: "
                            + settings.show(settings.logOf("postgres")), e);
                }
            }
            database = postgres.server();
        }
        try {
            List<String> created = database.ensureDatabases(databaseNames(ServiceModule.ALL));
            out.printf("  PostgreSQL        ready in %.1f s%s%n", (System.nanoTime() - began) / 1e9,
                    created.isEmpty() ? "" : ", created database" + (created.size() > 1 ? "s " : " ") + String.join(", ", created));
        } catch (SQLException e) {
            throw new StartFailure("could not create the services' databases on " + database.description() + ": "
                    + e.getMessage(), e);
        }
    }

    private ServiceProcess startService(ServiceInstance instance) throws StartFailure {
        ServiceModule module = instance.module();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(instance.port()));
        // Only the gateway is reachable from other machines; the services and every management
        // interface (metrics, detailed health) listen on the loopback interface.
        if (!module.isFrontDoor()) {
            env.put("QUARKUS_HTTP_HOST", LOOPBACK);
        }
        env.put("QUARKUS_MANAGEMENT_HOST", LOOPBACK);
        env.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(instance.managementPort()));
        if (module.hasDatabase()) {
            env.put("QUARKUS_DATASOURCE_JDBC_URL", database.jdbcUrlFor(module.database()));
            env.put("QUARKUS_DATASOURCE_USERNAME", database.user());
            env.put("QUARKUS_DATASOURCE_PASSWORD", database.password());
            env.put("AIC_IDEMPOTENCY_BODY_KEY", LocalSecrets.idempotencyBodyKey(settings.keysDir()));
        }
        // The token trust has no defaults outside the local stack: named here, for the local-only key.
        env.put("JWT_PUBLIC_KEY_LOCATION", tokens.publicKeyFile().toAbsolutePath().toString());
        env.put("JWT_ISSUER", LocalTokenIssuer.ISSUER);
        env.put("JWT_AUDIENCE", LocalTokenIssuer.AUDIENCE);
        // X-Forwarded-* are taken only from the gateway, which connects from the loopback interface.
        env.put("AIC_TRUSTED_PROXIES", LOOPBACK);
        env.put("AIC_PUBLIC_URL", settings.urlOf(ServiceModule.GATEWAY));
        if (module == ServiceModule.GATEWAY) {
            // The console's role picker: the gateway signs with the key where it lies, in the data folder.
            env.put("AIC_CONSOLE_LOCAL_TOKENS_ENABLED", "true");
            env.put("AIC_CONSOLE_LOCAL_TOKENS_KEYS_DIR", settings.keysDir().toAbsolutePath().toString());
        }
        if (FEED_READERS.contains(module.name())) {
            env.put("AIC_FEEDS_LOCAL_KEY_FOLDER", settings.keysDir().toAbsolutePath().toString());
        }
        if (module.name().equals("notification-service")) {
            // It writes the mails to participants as files.
            env.put("AIC_MAIL_DIRECTORY", settings.dataDir().resolve("mail").toAbsolutePath().toString());
        }
        // Every instance of each: the gateway and partner-client take them in turn.
        for (ServiceModule other : ServiceModule.ALL) {
            env.put(other.urlVariable(), settings.internalUrlsOf(other));
        }
        synchronized (this) {
            if (stopping) {
                throw new StartFailure("stopped before " + instance.name() + " started");
            }
            try {
                ServiceProcess service = ServiceProcess.start(instance, settings.root(), settings.java(), env, settings.logOf(instance.name()),
                        pidFileOf(instance), settings.dataDir().resolve("cds"));
                services.add(service);
                return service;
            } catch (IOException e) {
                throw new StartFailure(instance.name() + " could not be started: " + e.getMessage(), e);
            }
        }
    }

    /** Says so when a service ends on its own; the others keep running (as when one is stopped to try failures). */
    private void watchForExit(ServiceProcess service) {
        service.process().onExit().thenAccept(process -> {
            if (!stopping) {
                service.deletePidFile();
                out.println("  " + service.name() + " exited with code " + process.exitValue()
                        + "; the rest keep running. Its log: " + settings.show(service.log()));
            }
        });
    }

    private Path pidFileOf(ServiceInstance instance) {
        return settings.runDir().resolve(instance.name() + ".pid");
    }

    private void note(String text) {
        notes.add(text);
        out.println("  " + text);
    }

    private static List<String> databaseNames(List<ServiceModule> modules) {
        return modules.stream().filter(ServiceModule::hasDatabase).map(ServiceModule::database).toList();
    }
}

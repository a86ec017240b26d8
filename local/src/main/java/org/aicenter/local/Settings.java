package org.aicenter.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a local run is configured by: the repository root and environment variables, each with a
 * default that works on a fresh machine.
 */
public record Settings(Path root, Path dataDir, int postgresPort, Map<String, Integer> servicePorts,
                       Map<String, Integer> managementPorts, boolean buildWhenStale, Duration readyTimeout,
                       Set<String> services, Optional<PostgresServer> externalDatabase) {

    public static final int DEFAULT_POSTGRES_PORT = 55432;

    /**
     * Reads AIC_DATA_DIR, AIC_PG_PORT, AIC_*_PORT, AIC_*_MANAGEMENT_PORT, AIC_BUILD, AIC_READY_TIMEOUT,
     * AIC_SERVICES and AIC_DATABASE_URL (a PostgreSQL to use instead of the embedded one).
     */
    public static Settings from(Path root, Map<String, String> env) {
        Path absoluteRoot = root.toAbsolutePath().normalize();
        String dataDir = env.getOrDefault("AIC_DATA_DIR", "").trim();
        Path data = dataDir.isEmpty() ? absoluteRoot.resolve(".aic-data") : absoluteRoot.resolve(dataDir).normalize();
        int postgresPort = port(env, "AIC_PG_PORT", DEFAULT_POSTGRES_PORT);
        Map<String, Integer> ports = new LinkedHashMap<>();
        Map<String, Integer> managementPorts = new LinkedHashMap<>();
        for (ServiceModule module : ServiceModule.ALL) {
            ports.put(module.name(), port(env, module.portVariable(), module.defaultPort()));
            managementPorts.put(module.name(), port(env, module.managementPortVariable(), module.defaultManagementPort()));
        }
        String build = env.getOrDefault("AIC_BUILD", "auto").trim().toLowerCase(Locale.ROOT);
        if (!build.equals("auto") && !build.equals("never")) {
            throw new IllegalArgumentException("AIC_BUILD must be auto or never, not '" + build + "'");
        }
        long timeout = number(env, "AIC_READY_TIMEOUT", 180, 5, 3600);
        String database = env.getOrDefault("AIC_DATABASE_URL", "").trim();
        return new Settings(absoluteRoot, data, postgresPort, Map.copyOf(ports), Map.copyOf(managementPorts),
                build.equals("auto"), Duration.ofSeconds(timeout), services(env),
                database.isEmpty() ? Optional.empty() : Optional.of(PostgresServer.fromUrl(database, "AIC_DATABASE_URL")));
    }

    public Settings withoutBuild() {
        return new Settings(root, dataDir, postgresPort, servicePorts, managementPorts, false, readyTimeout, services,
                externalDatabase);
    }

    /** Whether this run is to start (and build) the module: all of them unless AIC_SERVICES names some. */
    public boolean wants(ServiceModule module) {
        return services.isEmpty() || services.contains(module.name());
    }

    private static Set<String> services(Map<String, String> env) {
        Set<String> chosen = new LinkedHashSet<>();
        for (String name : env.getOrDefault("AIC_SERVICES", "").split(",")) {
            if (!name.isBlank()) {
                chosen.add(name.trim());
            }
        }
        List<String> known = ServiceModule.ALL.stream().map(ServiceModule::name).toList();
        for (String name : chosen) {
            if (!known.contains(name)) {
                throw new IllegalArgumentException("AIC_SERVICES names '" + name + "'; known services: " + String.join(", ", known));
            }
        }
        return Set.copyOf(chosen);
    }

    public int portOf(ServiceModule module) {
        return servicePorts.get(module.name());
    }

    public String urlOf(ServiceModule module) {
        return "http://localhost:" + portOf(module);
    }

    public int managementPortOf(ServiceModule module) {
        return managementPorts.get(module.name());
    }

    /** Where its metrics and detailed health are: the loopback interface only. */
    public String managementUrlOf(ServiceModule module) {
        return "http://127.0.0.1:" + managementPortOf(module);
    }

    /** How the other processes of the stack reach a service: its loopback address, where it listens. */
    public String internalUrlOf(ServiceModule module) {
        return "http://127.0.0.1:" + portOf(module);
    }

    public Path postgresDir() {
        return dataDir.resolve("postgres");
    }

    public Path keysDir() {
        return dataDir.resolve("keys");
    }

    public Path logsDir() {
        return dataDir.resolve("logs");
    }

    public Path demoDir() {
        return dataDir.resolve("demo");
    }

    public Path runDir() {
        return dataDir.resolve("run");
    }

    public Path lockFile() {
        return dataDir.resolve("aic.lock");
    }

    public Path logOf(String name) {
        return logsDir().resolve(name + ".log");
    }

    /** A path as the user typed it from the repository root: shorter in messages. */
    public String show(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        return absolute.startsWith(root) ? root.relativize(absolute).toString() : absolute.toString();
    }

    private static int port(Map<String, String> env, String variable, int defaultPort) {
        return (int) number(env, variable, defaultPort, 1, 65535);
    }

    private static long number(Map<String, String> env, String variable, long defaultValue, long min, long max) {
        String text = env.getOrDefault(variable, "").trim();
        if (text.isEmpty()) {
            return defaultValue;
        }
        try {
            long value = Long.parseLong(text);
            if (value < min || value > max) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(variable + " must be a number from " + min + " to " + max
                    + ", not '" + text + "'");
        }
    }
}

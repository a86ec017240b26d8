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
                       Set<String> services, Optional<PostgresServer> externalDatabase, int replicas,
                       Map<String, List<ServiceInstance>> instances, ServiceJava java) {

    public static final int DEFAULT_POSTGRES_PORT = 55432;
    /**
     * The most instances of a service one run starts ({@code --replicas}, AIC_REPLICAS): each keeps
     * a pool of up to 24 connections, and 4 of each of three services (288) stay within the
     * embedded PostgreSQL's 300.
     */
    public static final int MAX_REPLICAS = 4;

    /**
     * Reads AIC_DATA_DIR, AIC_PG_PORT, AIC_*_PORT, AIC_*_MANAGEMENT_PORT, AIC_BUILD, AIC_READY_TIMEOUT,
     * AIC_SERVICES, AIC_DATABASE_URL (a PostgreSQL to use instead of the embedded one) and
     * AIC_REPLICAS (the instances of every service but the gateway; ports in {@link InstancePorts}).
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
        int replicas = (int) number(env, "AIC_REPLICAS", 1, 1, MAX_REPLICAS);
        return new Settings(absoluteRoot, data, postgresPort, Map.copyOf(ports), Map.copyOf(managementPorts),
                build.equals("auto"), Duration.ofSeconds(timeout), services(env),
                database.isEmpty() ? Optional.empty() : Optional.of(PostgresServer.fromUrl(database, "AIC_DATABASE_URL")),
                replicas, InstancePorts.assign(ServiceModule.ALL, ports, managementPorts, postgresPort, replicas),
                ServiceJava.choose(env));
    }

    public Settings withoutBuild() {
        return new Settings(root, dataDir, postgresPort, servicePorts, managementPorts, false, readyTimeout, services,
                externalDatabase, replicas, instances, java);
    }

    /** The same settings with {@code count} instances of every service but the gateway ({@code --replicas}). */
    public Settings withReplicas(int count) {
        if (count < 1 || count > MAX_REPLICAS) {
            throw new IllegalArgumentException("--replicas must be a number from 1 to " + MAX_REPLICAS + ", not " + count);
        }
        return new Settings(root, dataDir, postgresPort, servicePorts, managementPorts, buildWhenStale, readyTimeout,
                services, externalDatabase, count,
                InstancePorts.assign(ServiceModule.ALL, servicePorts, managementPorts, postgresPort, count), java);
    }

    /** The instances of the module this run starts, the first on the module's own ports. */
    public List<ServiceInstance> instancesOf(ServiceModule module) {
        return instances.get(module.name());
    }

    /**
     * What the others are told in {@code <MODULE>_URL}: every instance's loopback URL, separated
     * by commas, which the gateway and partner-client take in turn.
     */
    public String internalUrlsOf(ServiceModule module) {
        return String.join(",", instancesOf(module).stream().map(ServiceInstance::internalUrl).toList());
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

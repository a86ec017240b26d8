package org.aicenter.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;

/**
 * A Quarkus application of the repository that the local stack runs: its module folder, port,
 * database and demo data. {@link #ALL} is {@code runtime/services.conf}, the one list of services
 * (packed into the launcher's jar), in start order; the gateway comes last because it fronts the others.
 */
public record ServiceModule(String name, String portVariable, int defaultPort, String database,
                            String demoResource, String urlVariable) {

    /** The list's path in the repository, and as a resource of the launcher's jar. */
    public static final String LIST = "runtime/services.conf";

    public static final List<ServiceModule> ALL = load();
    public static final ServiceModule GATEWAY = named("gateway");

    /** The module of that name in the list. */
    public static ServiceModule named(String name) {
        return ALL.stream().filter(m -> m.name().equals(name)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no service '" + name + "' in " + LIST));
    }

    /** The services that have a database (every one but the gateway). */
    public static List<ServiceModule> withDatabase() {
        return ALL.stream().filter(ServiceModule::hasDatabase).toList();
    }

    /** The first word of the name: the gateway's routing key ({@code aic.gateway.services.<key>}) and the port variable's. */
    public String key() {
        return name.split("-")[0];
    }

    public Path dir(Path root) {
        return root.resolve(name);
    }

    public Path runJar(Path root) {
        return dir(root).resolve("target/quarkus-app/quarkus-run.jar");
    }

    /**
     * What the launcher waits for. The gateway's readiness means every service behind it is ready,
     * which it never is while some of them are not built yet; the launcher has already waited for
     * each service it started, so for the gateway it waits until it is up (live).
     */
    public String startedPath() {
        return equals(GATEWAY) ? "/q/health/live" : "/q/health/ready";
    }

    /**
     * The variable naming the port of its management interface (metrics, detailed health), which
     * only this machine reaches; {@code AIC_PARTNER_MANAGEMENT_PORT} for {@code AIC_PARTNER_PORT}.
     */
    public String managementPortVariable() {
        return portVariable.replace("_PORT", "_MANAGEMENT_PORT");
    }

    /** 1000 above its HTTP port: 9081 for partner-service. */
    public int defaultManagementPort() {
        return defaultPort + 1000;
    }

    /** Only the gateway is for everyone; the services listen on the loopback interface behind it. */
    public boolean isFrontDoor() {
        return equals(GATEWAY);
    }

    public boolean hasDatabase() {
        return database != null;
    }

    /** Written (not a placeholder) once its pom builds a Quarkus application. */
    public boolean isWritten(Path root) {
        Path pom = dir(root).resolve("pom.xml");
        try {
            return Files.isRegularFile(pom) && Files.readString(pom).contains("quarkus-maven-plugin");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean isBuilt(Path root) {
        return Files.isRegularFile(runJar(root));
    }

    private static List<ServiceModule> load() {
        try (InputStream in = ServiceModule.class.getClassLoader().getResourceAsStream(LIST)) {
            if (in == null) {
                throw new IllegalStateException(LIST + " is not on the class path");
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + LIST, e);
        }
    }

    /** The list's lines: {@code module port database demo}, {@code -} for none, {@code #} comments. */
    static List<ServiceModule> parse(List<String> lines) {
        List<ServiceModule> modules = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] columns = line.split("\\s+");
            if (columns.length != 4) {
                throw new IllegalStateException(LIST + " line " + (i + 1) + ": expected module, port, database, demo data: " + line);
            }
            String name = columns[0];
            String word = name.split("-")[0].toUpperCase(Locale.ROOT);
            modules.add(new ServiceModule(name, "AIC_" + word + "_PORT", Integer.parseInt(columns[1]),
                    none(columns[2]), none(columns[3]), name.toUpperCase(Locale.ROOT).replace('-', '_') + "_URL"));
        }
        return List.copyOf(modules);
    }

    private static String none(String column) {
        return column.equals("-") ? null : column;
    }
}

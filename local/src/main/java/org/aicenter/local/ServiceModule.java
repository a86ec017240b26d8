package org.aicenter.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A Quarkus application of the repository that the local stack runs: its module folder, port,
 * database and demo data. The order of {@link #ALL} is the start order; the gateway comes last
 * because it fronts the others.
 */
public record ServiceModule(String name, String portVariable, int defaultPort, String database,
                            String demoResource, String urlVariable) {

    public static final ServiceModule PARTNER_SERVICE = new ServiceModule("partner-service", "AIC_PARTNER_PORT", 8081,
            "partners", "demo/partners.json", "PARTNER_SERVICE_URL");
    public static final ServiceModule PROJECT_SERVICE = new ServiceModule("project-service", "AIC_PROJECT_PORT", 8082,
            "projects", "demo/projects.json", "PROJECT_SERVICE_URL");
    public static final ServiceModule TRAINING_SERVICE = new ServiceModule("training-service", "AIC_TRAINING_PORT", 8083,
            "training", "demo/programmes.json", "TRAINING_SERVICE_URL");
    public static final ServiceModule GATEWAY = new ServiceModule("gateway", "AIC_GATEWAY_PORT", 8080,
            null, null, null);

    public static final List<ServiceModule> ALL = List.of(PARTNER_SERVICE, PROJECT_SERVICE, TRAINING_SERVICE, GATEWAY);

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
}

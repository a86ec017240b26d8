package org.aicenter.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.aicenter.local.ServiceModule;
import org.aicenter.testing.Commands;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docker-compose.yml at the repository root: valid for docker-compose (Debian's package, installed
 * when missing and the machine allows it), and shaped as agreed: PostgreSQL with a database per
 * service, every service of the one list (runtime/services.conf) built from the one
 * docker/service.Dockerfile with its module and port, with a health check, started after what it
 * needs is healthy, and only the gateway published.
 */
class ComposeFileTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path COMPOSE = ROOT.resolve("docker-compose.yml");

    @Test
    void dockerComposeAcceptsTheFile() throws Exception {
        Assumptions.assumeTrue(dockerCompose(), "docker-compose is not installed and could not be installed "
                + "(apt-get install -y docker-compose): the docker-compose config check was skipped");
        Commands.Result result = run(List.of("docker-compose", "-f", COMPOSE.toString(), "config", "-q"), 120);
        assertEquals(0, result.exitCode(), "docker-compose config -q:\n" + result.output());
    }

    @Test
    void theFileHasTheAgreedShape() throws IOException {
        JsonNode compose = new ObjectMapper(new YAMLFactory()).readTree(COMPOSE.toFile());
        JsonNode services = compose.path("services");
        assertEquals("postgres:17", services.path("postgres").path("image").asText());
        String init = Files.readString(ROOT.resolve("docker/postgres-init.sql"));
        for (ServiceModule module : ServiceModule.withDatabase()) {
            assertTrue(init.contains("CREATE DATABASE " + module.database() + ";"), "init script creates " + module.database());
        }
        assertTrue(Files.isRegularFile(ROOT.resolve("docker/service.Dockerfile")), "the one Dockerfile");
        for (ServiceModule module : ServiceModule.ALL) {
            String name = module.name();
            JsonNode service = services.path(name);
            assertEquals("docker/service.Dockerfile", service.path("build").path("dockerfile").asText(), name);
            assertEquals(ROOT, ROOT.resolve(service.path("build").path("context").asText()).normalize(), name + " builds from the root");
            assertEquals(name, service.path("build").path("args").path("MODULE").asText(), name + "'s image holds its module");
            assertEquals(Integer.toString(module.defaultPort()), service.path("build").path("args").path("PORT").asText(), name + "'s port");
            assertFalse(service.path("healthcheck").path("test").isMissingNode(), name + " has a health check");
            JsonNode dependsOn = service.path("depends_on");
            assertTrue(dependsOn.size() > 0, name + " waits for what it needs");
            dependsOn.fields().forEachRemaining(d ->
                    assertEquals("service_healthy", d.getValue().path("condition").asText(), name + " waits for " + d.getKey()));
            assertEquals(name.equals("gateway"), service.has("ports"), name + ": only the gateway is published");
        }
        assertFalse(services.path("postgres").has("ports"), "PostgreSQL is not published");
        // Every service merges the shared parts (<<: *service, <<: *service-env): the public key alone,
        // never the private one, and the token trust named.
        String shared = compose.path("x-service").path("volumes").toString();
        assertTrue(shared.contains("public-key.pem") && !shared.contains("private"), "only the public key is mounted: " + shared);
        for (String variable : List.of("JWT_ISSUER", "JWT_AUDIENCE", "JWT_PUBLIC_KEY_LOCATION", "AIC_TRUSTED_PROXIES")) {
            assertTrue(compose.path("x-service-env").has(variable), "the services' environment names " + variable);
        }
        for (ServiceModule module : ServiceModule.ALL) {
            JsonNode service = services.path(module.name());
            assertTrue(service.has("<<") && service.path("environment").has("<<"), module.name() + " takes the shared parts");
            assertTrue(service.path("healthcheck").path("test").toString().contains(":9000/"),
                    module.name() + " is probed on its management port");
        }
        assertFalse(Files.readString(COMPOSE).contains("AIC_DB_PASSWORD:-"), "no default database password");
    }

    private static boolean dockerCompose() {
        if (Commands.available("docker-compose")) {
            return true;
        }
        if (!Commands.available("apt-get") || !"root".equals(System.getProperty("user.name"))) {
            return false;
        }
        try {
            if (run(List.of("apt-get", "install", "-y", "docker-compose"), 600).exitCode() != 0) {
                run(List.of("apt-get", "update"), 600);
                run(List.of("apt-get", "install", "-y", "docker-compose"), 600);
            }
        } catch (UncheckedIOException | IllegalStateException e) {
            return false;
        }
        return Commands.available("docker-compose");
    }

    private static Commands.Result run(List<String> command, int timeoutSeconds) {
        // The file has no default database password: a deployment names its own.
        return Commands.run(command, ROOT, Duration.ofSeconds(timeoutSeconds), Map.of("AIC_DB_PASSWORD", "compose-config-check"));
    }
}

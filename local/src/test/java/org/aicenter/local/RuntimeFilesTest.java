package org.aicenter.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * runtime/: the one list of services and the one set of JVM settings that the launcher, the
 * images, the bench and the tests all read. A mistake there would break every one of them.
 */
class RuntimeFilesTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void theListNamesEachModuleOnceWithItsOwnPortAndTheGatewayLast() {
        List<ServiceModule> all = ServiceModule.ALL;
        assertTrue(all.size() >= 4, all.toString());
        Set<String> names = new HashSet<>();
        Set<Integer> ports = new HashSet<>();
        Set<String> databases = new HashSet<>();
        for (ServiceModule module : all) {
            assertTrue(names.add(module.name()), "named once: " + module.name());
            assertTrue(ports.add(module.defaultPort()), "a port of its own: " + module.name());
            assertTrue(module.isWritten(ROOT), module.name() + " is a Quarkus module of the repository");
            if (module.hasDatabase()) {
                assertTrue(databases.add(module.database()), "a database of its own: " + module.name());
            }
        }
        assertEquals(ServiceModule.GATEWAY, all.get(all.size() - 1), "the gateway starts last");
        assertEquals("AIC_PARTNER_PORT", ServiceModule.named("partner-service").portVariable());
        assertEquals("PARTNER_SERVICE_URL", ServiceModule.named("partner-service").urlVariable());
        assertEquals("partner", ServiceModule.named("partner-service").key());
        assertEquals("demo/partners.json", ServiceModule.named("partner-service").demoResource());
    }

    @Test
    void theListInTheJarIsTheRepositorysFile() throws IOException {
        assertEquals(ServiceModule.parse(Files.readAllLines(ROOT.resolve(ServiceModule.LIST))), ServiceModule.ALL);
    }

    @Test
    void aMalformedLineIsRefusedWithItsNumber() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ServiceModule.parse(List.of("# comment", "partner-service 8081 partners")));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }

    @Test
    void javaAcceptsTheOptionsFile() throws Exception {
        JvmSettings settings = JvmSettings.of(ROOT);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, settings.optionsArgument(), "-version").redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), "java @runtime/jvm.options -version:\n" + output);
        String options = Files.readString(settings.optionsFile());
        assertTrue(options.contains("-Xmx64m") && options.contains("-Dvertx.disableURIValidation=true"), options);
        assertEquals(Map.of("MALLOC_ARENA_MAX", "2"), settings.environment());
    }

    @Test
    void anEnvironmentLineThatIsNotKeyValueIsRefused(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("jvm.env");
        Files.writeString(file, "# fine\nMALLOC_ARENA_MAX=2\nnot a setting\n");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> JvmSettings.readEnvironment(file));
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
    }
}

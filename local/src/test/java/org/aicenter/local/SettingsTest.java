package org.aicenter.local;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SettingsTest {

    private final Path root = Path.of("/repo");

    @Test
    void defaultsWorkOnAFreshMachine() {
        Settings settings = Settings.from(root, Map.of());
        assertEquals(Path.of("/repo/.aic-data"), settings.dataDir());
        assertEquals(55432, settings.postgresPort());
        assertEquals(8081, settings.portOf(ServiceModule.named("partner-service")));
        assertEquals(8082, settings.portOf(ServiceModule.named("project-service")));
        assertEquals(8083, settings.portOf(ServiceModule.named("training-service")));
        assertEquals(8080, settings.portOf(ServiceModule.GATEWAY));
        assertTrue(settings.buildWhenStale());
        assertEquals(Duration.ofSeconds(180), settings.readyTimeout());
    }

    @Test
    void environmentVariablesOverrideEachDefault() {
        Settings settings = Settings.from(root, Map.of("AIC_DATA_DIR", "/tmp/aic", "AIC_PG_PORT", "56000",
                "AIC_PARTNER_PORT", "9081", "AIC_PROJECT_PORT", "9082", "AIC_TRAINING_PORT", "9083",
                "AIC_GATEWAY_PORT", "9080", "AIC_BUILD", "never", "AIC_READY_TIMEOUT", "30"));
        assertEquals(Path.of("/tmp/aic"), settings.dataDir());
        assertEquals(56000, settings.postgresPort());
        assertEquals("http://localhost:9081", settings.urlOf(ServiceModule.named("partner-service")));
        assertEquals(9082, settings.portOf(ServiceModule.named("project-service")));
        assertEquals(9083, settings.portOf(ServiceModule.named("training-service")));
        assertEquals(9080, settings.portOf(ServiceModule.GATEWAY));
        assertFalse(settings.buildWhenStale());
        assertEquals(Duration.ofSeconds(30), settings.readyTimeout());
    }

    @Test
    void eachManagementInterfaceIsOnTheLoopbackAThousandAboveItsPortUnlessSet() {
        Settings defaults = Settings.from(root, Map.of());
        assertEquals("AIC_PARTNER_MANAGEMENT_PORT", ServiceModule.named("partner-service").managementPortVariable());
        assertEquals(9081, defaults.managementPortOf(ServiceModule.named("partner-service")));
        assertEquals(9080, defaults.managementPortOf(ServiceModule.GATEWAY));
        assertEquals("http://127.0.0.1:9083", defaults.managementUrlOf(ServiceModule.named("training-service")));
        assertEquals("http://127.0.0.1:8082", defaults.internalUrlOf(ServiceModule.named("project-service")));
        Settings set = Settings.from(root, Map.of("AIC_TRAINING_MANAGEMENT_PORT", "18390"));
        assertEquals(18390, set.managementPortOf(ServiceModule.named("training-service")));
        assertTrue(ServiceModule.GATEWAY.isFrontDoor());
        assertFalse(ServiceModule.named("partner-service").isFrontDoor());
    }

    @Test
    void aicServicesNamesTheServicesToStartAndRefusesUnknownOnes() {
        Settings all = Settings.from(root, Map.of());
        ServiceModule.ALL.forEach(module -> assertTrue(all.wants(module)));
        Settings some = Settings.from(root, Map.of("AIC_SERVICES", "partner-service, gateway"));
        assertTrue(some.wants(ServiceModule.named("partner-service")));
        assertTrue(some.wants(ServiceModule.GATEWAY));
        assertFalse(some.wants(ServiceModule.named("project-service")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Settings.from(root, Map.of("AIC_SERVICES", "partner-servce")));
        assertTrue(e.getMessage().contains("known services: partner-service, project-service"), e.getMessage());
    }

    @Test
    void aRelativeDataFolderIsUnderTheRepository() {
        assertEquals(Path.of("/repo/tmp/data"), Settings.from(root, Map.of("AIC_DATA_DIR", "tmp/data")).dataDir());
    }

    @Test
    void aBadValueIsRefusedNamingTheVariable() {
        IllegalArgumentException port = assertThrows(IllegalArgumentException.class,
                () -> Settings.from(root, Map.of("AIC_PARTNER_PORT", "80x")));
        assertTrue(port.getMessage().startsWith("AIC_PARTNER_PORT must be a number from 1 to 65535"), port.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Settings.from(root, Map.of("AIC_PG_PORT", "70000")));
        IllegalArgumentException build = assertThrows(IllegalArgumentException.class,
                () -> Settings.from(root, Map.of("AIC_BUILD", "sometimes")));
        assertTrue(build.getMessage().contains("AIC_BUILD"));
    }

    @Test
    void aDatabaseUrlReplacesTheEmbeddedPostgresql() {
        assertTrue(Settings.from(root, Map.of()).externalDatabase().isEmpty(), "embedded by default");
        PostgresServer server = Settings.from(root, Map.of("AIC_DATABASE_URL",
                "jdbc:postgresql://db.example:5433/postgres?user=aic&password=p%40ss%26word")).externalDatabase().orElseThrow();
        assertEquals("aic", server.user());
        assertEquals("p@ss&word", server.password());
        assertEquals("jdbc:postgresql://db.example:5433/partners", server.jdbcUrlFor("partners"));
        assertFalse(server.description().contains("p@ss"), "the description never shows the password");
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> Settings.from(root, Map.of("AIC_DATABASE_URL", "mysql://db.example/x")));
        assertTrue(bad.getMessage().contains("AIC_DATABASE_URL"), bad.getMessage());
    }
}

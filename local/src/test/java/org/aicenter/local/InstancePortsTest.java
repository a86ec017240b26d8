package org.aicenter.local;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ports of the instances {@code ./aic up --replicas N} starts: the next free ones, never one twice. */
class InstancePortsTest {

    private static final Path ROOT = Path.of("/repo");
    private static final ServiceModule PARTNER = ServiceModule.named("partner-service");
    private static final ServiceModule PROJECT = ServiceModule.named("project-service");
    private static final ServiceModule TRAINING = ServiceModule.named("training-service");
    private static final ServiceModule NOTIFICATION = ServiceModule.named("notification-service");

    @Test
    void oneInstanceOfEachByDefaultOnItsOwnPorts() {
        Settings settings = Settings.from(ROOT, Map.of());
        assertEquals(1, settings.replicas());
        for (ServiceModule module : ServiceModule.ALL) {
            List<ServiceInstance> instances = settings.instancesOf(module);
            assertEquals(1, instances.size(), module.name());
            assertEquals(settings.portOf(module), instances.get(0).port());
            assertEquals(settings.managementPortOf(module), instances.get(0).managementPort());
            assertEquals(module.name(), instances.get(0).name(), "the first keeps the service's name, log and pid file");
        }
        assertEquals("http://127.0.0.1:8081", settings.internalUrlsOf(PARTNER));
    }

    @Test
    void twoReplicasTakeTheNextPortsThatNoServiceHas() {
        Settings settings = Settings.from(ROOT, Map.of("AIC_REPLICAS", "2"));
        // 8084 is notification-service's own port, so the replicas start above every service's
        assertEquals(List.of(8081, 8085), ports(settings, PARTNER));
        assertEquals(List.of(8082, 8086), ports(settings, PROJECT));
        assertEquals(List.of(8083, 8087), ports(settings, TRAINING));
        assertEquals(List.of(8084, 8088), ports(settings, NOTIFICATION));
        assertEquals(List.of(9081, 9085), settings.instancesOf(PARTNER).stream().map(ServiceInstance::managementPort).toList());
        assertEquals(List.of(8080), ports(settings, ServiceModule.GATEWAY), "one gateway: the front door");
        assertEquals("partner-service-2", settings.instancesOf(PARTNER).get(1).name());
        assertEquals("http://127.0.0.1:8081,http://127.0.0.1:8085", settings.internalUrlsOf(PARTNER),
                "the callers are told every instance, in the comma list the gateway and partner-client read");
        assertEquals("http://127.0.0.1:8080", settings.internalUrlsOf(ServiceModule.GATEWAY));
    }

    @Test
    void threeReplicasKeepEachServicesInstancesTogether() {
        Settings settings = Settings.from(ROOT, Map.of()).withReplicas(3);
        assertEquals(List.of(8081, 8085, 8086), ports(settings, PARTNER));
        assertEquals(List.of(8082, 8087, 8088), ports(settings, PROJECT));
        assertEquals(List.of(8083, 8089, 8090), ports(settings, TRAINING));
        assertEquals(List.of(8084, 8091, 8092), ports(settings, NOTIFICATION));
    }

    @Test
    void aReplicaSkipsAPortWhoseManagementPortIsTaken() {
        // partner-service's next port 8085 would put its management interface on 9085, project-service's.
        Settings settings = Settings.from(ROOT, Map.of("AIC_PROJECT_MANAGEMENT_PORT", "9085", "AIC_REPLICAS", "2"));
        assertEquals(List.of(8081, 8086), ports(settings, PARTNER));
        assertEquals(9086, settings.instancesOf(PARTNER).get(1).managementPort());
    }

    @Test
    void noPortIsEverGivenTwiceWhateverThePortVariablesSay() {
        Random random = new Random(15);
        for (int round = 0; round < 500; round++) {
            Map<String, String> env = new HashMap<>();
            // Crowded on purpose: ports and management ports drawn from a narrow band, so they interleave.
            int base = 19300 + random.nextInt(20);
            Set<Integer> chosen = new HashSet<>();
            chosen.add(base + 60);
            env.put("AIC_PG_PORT", Integer.toString(base + 60));
            for (ServiceModule module : ServiceModule.ALL) {
                env.put(module.portVariable(), Integer.toString(distinct(chosen, base, random)));
                env.put(module.managementPortVariable(), Integer.toString(distinct(chosen, base, random)));
            }
            int replicas = 1 + random.nextInt(Settings.MAX_REPLICAS);
            env.put("AIC_REPLICAS", Integer.toString(replicas));
            Settings settings = Settings.from(ROOT, env);
            List<Integer> all = new ArrayList<>();
            all.add(settings.postgresPort());
            for (ServiceModule module : ServiceModule.ALL) {
                List<ServiceInstance> instances = settings.instancesOf(module);
                assertEquals(module.isFrontDoor() ? 1 : replicas, instances.size());
                for (ServiceInstance instance : instances) {
                    all.add(instance.port());
                    all.add(instance.managementPort());
                    assertTrue(instance.port() >= settings.portOf(module), "above the service's own port");
                }
            }
            assertEquals(all.size(), new HashSet<>(all).size(), "round " + round + ", " + env + ": " + all);
        }
    }

    @Test
    void theReplicaCountIsBoundedAndNamedWhenWrong() {
        IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class,
                () -> Settings.from(ROOT, Map.of("AIC_REPLICAS", "5")));
        assertTrue(tooMany.getMessage().startsWith("AIC_REPLICAS must be a number from 1 to 4"), tooMany.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Settings.from(ROOT, Map.of("AIC_REPLICAS", "0")));
        IllegalArgumentException option = assertThrows(IllegalArgumentException.class,
                () -> Settings.from(ROOT, Map.of()).withReplicas(0));
        assertTrue(option.getMessage().contains("--replicas"), option.getMessage());
    }

    @Test
    void upTakesTheReplicasAsAnOptionOverAicReplicas() {
        Settings env = Settings.from(ROOT, Map.of("AIC_REPLICAS", "3"));
        assertEquals(3, env.replicas());
        assertEquals(2, Aic.upOptions(env, List.of("--replicas", "2")).replicas());
        Settings both = Aic.upOptions(env, List.of("--no-build", "--replicas=2"));
        assertEquals(2, both.replicas());
        assertEquals(List.of(8081, 8085), ports(both, PARTNER));
        assertTrue(!both.buildWhenStale(), "--no-build still applies");
        assertEquals(3, Aic.upOptions(env, List.of()).replicas());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> Aic.upOptions(env, List.of("--replicas")));
        assertTrue(missing.getMessage().contains("--replicas takes a number from 1 to 4"), missing.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Aic.upOptions(env, List.of("--replicas", "two")));
        assertThrows(IllegalArgumentException.class, () -> Aic.upOptions(env, List.of("--replicas=20")));
        assertThrows(IllegalArgumentException.class, () -> Aic.upOptions(env, List.of("--replica")));
        assertTrue(Aic.help().contains("./aic up --replicas N"), "the help names the option");
    }

    @Test
    void portsRunningOutAreRefusedClearly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Settings.from(ROOT, Map.of("AIC_PARTNER_PORT", "65534", "AIC_PARTNER_MANAGEMENT_PORT", "65000",
                        "AIC_REPLICAS", "4")));
        assertTrue(e.getMessage().contains("partner-service"), e.getMessage());
    }

    private static List<Integer> ports(Settings settings, ServiceModule module) {
        return settings.instancesOf(module).stream().map(ServiceInstance::port).toList();
    }

    private static int distinct(Set<Integer> chosen, int base, Random random) {
        while (true) {
            int port = base + random.nextInt(60);
            if (chosen.add(port)) {
                return port;
            }
        }
    }
}

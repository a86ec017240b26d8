package org.aicenter.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.aicenter.local.ServiceModule;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * What every module's manifests (deploy/kubernetes/base/&lt;module&gt;.yml, the build's own output as
 * GeneratedManifestsTest holds it) must say, read with the fabric8 model: the agreed resources and
 * nothing else, the image the build tags, probes on /q/health at a port the container opens, memory
 * asked for as measured, no secret in clear, selectors that select the pods, and a disruption budget
 * and an autoscaler aimed at the module's own Deployment.
 */
class ManifestRulesTest {

    /** The management interface's port in the image (quarkus.management.port, docker/service.Dockerfile). */
    private static final int MANAGEMENT_PORT = 9000;

    /**
     * Resident memory measured under load with the 64 MB heap (MiB): services up to 293
     * (docs/reliability.md, the 15-minute soak), the gateway up to 229 (docs/benchmarks.md).
     */
    private static final Map<Boolean, Integer> MEASURED_RESIDENT_MIB = Map.of(true, 293, false, 229);
    /** Variable names that would hold a secret; their value must come from a Secret. */
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(password|passwd|secret|token|credential|private).*");
    /** Values that are secrets whatever the variable is called. */
    private static final Pattern SECRET_VALUE = Pattern.compile("(?is).*(password=|BEGIN [A-Z ]*PRIVATE KEY|://[^/@\\s]+:[^/@\\s]+@).*");
    private static final Set<String> DATABASE_VARIABLES = Set.of("QUARKUS_DATASOURCE_JDBC_URL",
            "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD");

    static List<String> modules() {
        return Repository.moduleNames();
    }

    private static List<HasMetadata> manifests(String module) {
        return Manifests.read(Repository.committed(Repository.module(module)));
    }

    private static Deployment deployment(String module) {
        return Manifests.named(manifests(module), Deployment.class, module)
                .orElseThrow(() -> new AssertionError(module + " has no Deployment named " + module));
    }

    @ParameterizedTest
    @MethodSource("modules")
    void theAgreedResourcesAndNothingElse(String module) {
        List<HasMetadata> resources = manifests(module);
        Map<String, Long> expected = new java.util.TreeMap<>(Map.of("Deployment", 1L, "Service", 1L,
                "PodDisruptionBudget", 1L, "HorizontalPodAutoscaler", 1L));
        if (module.equals(ServiceModule.GATEWAY.name())) {
            expected.put("Ingress", 1L);
        }
        assertEquals(expected, Manifests.kinds(resources), module + ": no Job, RBAC or CRD-backed resource "
                + "(a ServiceMonitor needs the Prometheus operator; Flyway runs in the pods)");
        resources.forEach(r -> assertEquals(module, r.getMetadata().getName(), r.getKind() + " is named after " + module));
        resources.forEach(r -> assertNull(r.getMetadata().getNamespace(), r.getKind() + ": the namespace is kustomize's"));
    }

    @ParameterizedTest
    @MethodSource("modules")
    void theImageIsTheOneTheBuildTags(String module) {
        assertFalse(Repository.VERSION.isBlank(), "the build passes aic.version");
        Deployment deployment = deployment(module);
        Container container = Manifests.container(deployment);
        assertEquals("docker.io/aic/" + module + ":" + Repository.VERSION, container.getImage(),
                "the image name kustomize's images: and docs/operations.md use, tagged with the build's version");
        assertFalse(container.getImage().endsWith(":latest"), "never a moving tag");
        assertEquals("IfNotPresent", container.getImagePullPolicy());
        assertEquals(2, deployment.getSpec().getReplicas(), "two replicas by default");
        assertEquals("RollingUpdate", deployment.getSpec().getStrategy().getType());
        assertEquals(new IntOrString("0"), deployment.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable(),
                "an update starts a new pod before it stops an old one");
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        assertEquals(Boolean.TRUE, pod.getSecurityContext().getRunAsNonRoot(), "runs as the image's user 185, not root");
    }

    @ParameterizedTest
    @MethodSource("modules")
    void probesAskQuarkusHealthOnAPortTheContainerOpens(String module) {
        Container container = Manifests.container(deployment(module));
        assertEquals(Set.of(Repository.module(module).defaultPort(), MANAGEMENT_PORT),
                container.getPorts().stream().map(ContainerPort::getContainerPort).collect(Collectors.toSet()),
                module + " listens on its port from runtime/services.conf and on its management interface, "
                        + "both opened by its image");
        boolean gateway = module.equals(ServiceModule.GATEWAY.name());
        // The gateway's /q/health/ready is DOWN while any service is; its readiness probe asks /q/health/live
        // instead, so one service down does not take the gateway, and with it every route, out of its Service.
        assertProbe(container, "liveness", container.getLivenessProbe(), "/q/health/live");
        assertProbe(container, "readiness", container.getReadinessProbe(), gateway ? "/q/health/live" : "/q/health/ready");
        assertProbe(container, "startup", container.getStartupProbe(), "/q/health/started");
        Probe startup = container.getStartupProbe();
        int startupSeconds = startup.getInitialDelaySeconds() + startup.getPeriodSeconds() * startup.getFailureThreshold();
        assertTrue(startupSeconds >= 120, module + " may take " + startupSeconds + " s to start, less than the "
                + "minute-plus measured on a busy machine (docs/benchmarks.md) with room to spare");
        assertTrue(container.getLivenessProbe().getFailureThreshold() * container.getLivenessProbe().getPeriodSeconds() >= 20,
                "a pause of a few seconds (a full GC, a busy node) does not restart the pod");
    }

    private static void assertProbe(Container container, String kind, Probe probe, String path) {
        assertNotNull(probe, container.getName() + " has a " + kind + " probe");
        HTTPGetAction get = probe.getHttpGet();
        assertNotNull(get, container.getName() + "'s " + kind + " probe is an HTTP GET");
        assertEquals(path, get.getPath(), container.getName() + "'s " + kind + " probe path");
        assertEquals("HTTP", get.getScheme());
        Set<Object> ports = container.getPorts().stream()
                .flatMap(p -> java.util.stream.Stream.of(p.getContainerPort(), p.getName())).collect(Collectors.toSet());
        IntOrString port = get.getPort();
        assertTrue(ports.contains(port.getIntVal()) || ports.contains(port.getStrVal()),
                container.getName() + "'s " + kind + " probe asks port " + port + ", which the container does not open: " + ports);
        assertTrue(probe.getTimeoutSeconds() < probe.getPeriodSeconds(),
                container.getName() + "'s " + kind + " probe times out before the next one is due");
    }

    @ParameterizedTest
    @MethodSource("modules")
    void memoryAndCpuAreAskedForAndLimitedAsMeasured(String module) {
        Container container = Manifests.container(deployment(module));
        Map<String, Quantity> requests = container.getResources().getRequests();
        Map<String, Quantity> limits = container.getResources().getLimits();
        for (String resource : List.of("cpu", "memory")) {
            assertNotNull(requests.get(resource), module + " requests " + resource);
            assertNotNull(limits.get(resource), module + " limits " + resource);
            assertTrue(bytes(limits.get(resource)).compareTo(bytes(requests.get(resource))) >= 0,
                    module + ": the " + resource + " limit is not below the request");
        }
        int measured = MEASURED_RESIDENT_MIB.get(Repository.module(module).hasDatabase());
        BigDecimal mib = BigDecimal.valueOf(1024L * 1024L);
        BigDecimal request = bytes(requests.get("memory")).divide(mib, 1, RoundingMode.HALF_UP);
        BigDecimal limit = bytes(limits.get("memory")).divide(mib, 1, RoundingMode.HALF_UP);
        assertTrue(request.compareTo(BigDecimal.valueOf(measured)) >= 0,
                module + " requests " + request + " MiB, less than the " + measured + " MiB it was measured to use");
        assertTrue(limit.compareTo(BigDecimal.valueOf(measured * 13L / 10)) >= 0,
                module + "'s limit of " + limit + " MiB leaves under 30 % above the measured " + measured + " MiB");
        assertTrue(request.compareTo(BigDecimal.valueOf(measured * 2L)) <= 0,
                module + " requests " + request + " MiB, over twice what it was measured to use: nodes would sit idle");
    }

    private static BigDecimal bytes(Quantity quantity) {
        return Quantity.getAmountInBytes(quantity);
    }

    @ParameterizedTest
    @MethodSource("modules")
    void noSecretInClear(String module) {
        Container container = Manifests.container(deployment(module));
        for (EnvVar env : container.getEnv()) {
            if (env.getValue() != null) {
                assertFalse(SECRET_NAME.matcher(env.getName()).matches(),
                        module + ": " + env.getName() + " has a value in the manifest; it must come from a Secret");
                assertFalse(SECRET_VALUE.matcher(env.getValue()).matches(),
                        module + ": " + env.getName() + "'s value looks like a secret");
            }
        }
        boolean hasDatabase = Repository.module(module).hasDatabase();
        for (String name : DATABASE_VARIABLES) {
            if (hasDatabase) {
                EnvVar env = Manifests.env(container, name).orElseThrow(() -> new AssertionError(module + " sets " + name));
                assertSecretRef(env, module + "-db-app");
            } else {
                assertTrue(Manifests.env(container, name).isEmpty(), module + " has no database, so no " + name);
            }
        }
        if (hasDatabase) {
            assertSecretRef(Manifests.env(container, "AIC_IDEMPOTENCY_BODY_KEY")
                    .orElseThrow(() -> new AssertionError(module + " sets AIC_IDEMPOTENCY_BODY_KEY")), "aic-idempotency");
        }
        assertSecretRef(Manifests.env(container, "JWT_PUBLIC_KEY_LOCATION")
                .orElseThrow(() -> new AssertionError(module + " sets JWT_PUBLIC_KEY_LOCATION")), "aic-identity");
        assertTrue(container.getEnvFrom().stream().anyMatch(e -> e.getConfigMapRef() != null
                        && "aic-config".equals(e.getConfigMapRef().getName())),
                module + " takes its configuration from the ConfigMap aic-config");
        assertTrue(container.getEnvFrom().stream().allMatch(e -> e.getSecretRef() == null),
                module + ": every secret variable is named, not a whole Secret poured in");
    }

    private static void assertSecretRef(EnvVar env, String secret) {
        assertNotNull(env.getValueFrom(), env.getName() + " comes from a Secret");
        assertNotNull(env.getValueFrom().getSecretKeyRef(), env.getName() + " comes from a Secret");
        assertEquals(secret, env.getValueFrom().getSecretKeyRef().getName(), env.getName() + "'s Secret");
    }

    @ParameterizedTest
    @MethodSource("modules")
    void selectorsSelectThePodsAndOnlyThem(String module) {
        List<HasMetadata> resources = manifests(module);
        Deployment deployment = deployment(module);
        Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
        Map<String, String> selector = deployment.getSpec().getSelector().getMatchLabels();
        assertEquals(module, selector.get("app.kubernetes.io/name"), "the Deployment selects its own pods by name");
        assertFalse(selector.containsKey("app.kubernetes.io/version"),
                "a Deployment's selector cannot change once applied: no version in it");
        assertSelects(podLabels, selector, "the Deployment's selector");
        Service service = Manifests.named(resources, Service.class, module).orElseThrow();
        assertSelects(podLabels, service.getSpec().getSelector(), "the Service's selector");
        assertEquals(selector, service.getSpec().getSelector(), "the Service selects what the Deployment runs");
        Set<Object> containerPorts = Manifests.container(deployment).getPorts().stream()
                .map(ContainerPort::getContainerPort).collect(Collectors.toSet());
        for (ServicePort port : service.getSpec().getPorts()) {
            assertTrue(containerPorts.contains(port.getTargetPort().getIntVal()),
                    "the Service's port " + port.getName() + " leads to a port the container opens");
            assertNotEquals(MANAGEMENT_PORT, port.getTargetPort().getIntVal(), "the Service never publishes the "
                    + "management interface (metrics, the detailed health): only the probes and Prometheus reach it");
        }
        PodDisruptionBudget budget = Manifests.named(resources, PodDisruptionBudget.class, module).orElseThrow();
        assertSelects(podLabels, budget.getSpec().getSelector().getMatchLabels(), "the disruption budget's selector");
        for (TopologySpreadConstraint spread : deployment.getSpec().getTemplate().getSpec().getTopologySpreadConstraints()) {
            assertSelects(podLabels, spread.getLabelSelector().getMatchLabels(), "the topology spread's selector");
        }
    }

    private static void assertSelects(Map<String, String> podLabels, Map<String, String> selector, String what) {
        assertNotNull(selector, what + " is set");
        assertFalse(selector.isEmpty(), what + " selects something, not every pod in the namespace");
        selector.forEach((key, value) -> assertEquals(value, podLabels.get(key), what + " matches the pods' label " + key));
    }

    @ParameterizedTest
    @MethodSource("modules")
    void theBudgetAndTheAutoscalerAimAtTheModulesDeployment(String module) {
        List<HasMetadata> resources = manifests(module);
        Deployment deployment = deployment(module);
        PodDisruptionBudget budget = Manifests.named(resources, PodDisruptionBudget.class, module).orElseThrow();
        assertEquals(deployment.getSpec().getSelector().getMatchLabels(), budget.getSpec().getSelector().getMatchLabels(),
                "the budget counts exactly the Deployment's pods");
        IntOrString maxUnavailable = budget.getSpec().getMaxUnavailable();
        assertNotNull(maxUnavailable, "the budget says how many pods may be down (maxUnavailable scales with the autoscaler)");
        assertTrue(maxUnavailable.getIntVal() != null && maxUnavailable.getIntVal() >= 1
                        && maxUnavailable.getIntVal() < deployment.getSpec().getReplicas(),
                "a drain takes fewer pods than there are, and may take one: " + maxUnavailable);
        HorizontalPodAutoscaler autoscaler = Manifests.named(resources, HorizontalPodAutoscaler.class, module).orElseThrow();
        var target = autoscaler.getSpec().getScaleTargetRef();
        assertEquals(List.of("apps/v1", "Deployment", module), List.of(target.getApiVersion(), target.getKind(), target.getName()));
        assertEquals(deployment.getSpec().getReplicas(), autoscaler.getSpec().getMinReplicas(),
                "the autoscaler never goes below the Deployment's two replicas");
        assertTrue(autoscaler.getSpec().getMaxReplicas() > autoscaler.getSpec().getMinReplicas());
        MetricSpec cpu = autoscaler.getSpec().getMetrics().stream()
                .filter(m -> "Resource".equals(m.getType()) && "cpu".equals(m.getResource().getName()))
                .findFirst().orElseThrow(() -> new AssertionError(module + "'s autoscaler follows CPU"));
        Integer utilization = cpu.getResource().getTarget().getAverageUtilization();
        assertTrue(utilization != null && utilization > 0 && utilization <= 100, "a CPU utilization target: " + utilization);
    }

    @ParameterizedTest
    @MethodSource("modules")
    void onlyTheGatewayIsReachableFromOutside(String module) {
        List<HasMetadata> resources = manifests(module);
        Service service = Manifests.named(resources, Service.class, module).orElseThrow();
        assertEquals("ClusterIP", service.getSpec().getType(), "the Ingress, not the Service, is the way in");
        List<Ingress> ingresses = Manifests.all(resources, Ingress.class);
        if (!module.equals(ServiceModule.GATEWAY.name())) {
            assertTrue(ingresses.isEmpty(), module + " is reached through the gateway only");
            return;
        }
        assertEquals(1, ingresses.size());
        List<HTTPIngressPath> paths = ingresses.get(0).getSpec().getRules().stream()
                .flatMap(rule -> rule.getHttp().getPaths().stream()).toList();
        assertEquals(List.of("/"), paths.stream().map(HTTPIngressPath::getPath).toList(), "everything goes to the gateway");
        for (HTTPIngressPath path : paths) {
            var backend = path.getBackend().getService();
            assertEquals(module, backend.getName());
            Set<String> portNames = service.getSpec().getPorts().stream().map(ServicePort::getName).collect(Collectors.toSet());
            if (backend.getPort().getName() != null) {
                assertTrue(portNames.contains(backend.getPort().getName()), "the Ingress names a port of the gateway's Service");
            } else if (service.getSpec().getPorts().stream().noneMatch(p -> p.getPort().equals(backend.getPort().getNumber()))) {
                fail("the Ingress names port " + backend.getPort().getNumber() + ", which the gateway's Service does not have");
            }
        }
    }
}

package org.aicenter.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import org.aicenter.local.ServiceModule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code kubectl kustomize} renders the base and both overlays from what is committed (no build
 * needed), and what it renders hangs together: every object in the namespace aic, every Secret and
 * ConfigMap a pod names exists (or is made by CloudNativePG, or by the operators as the production
 * overlay says), a database per service, no secret in a ConfigMap, and pinned images in production.
 */
class KustomizeTest {

    private static final String NAMESPACE = "aic";
    private static final Pattern SECRET_KEY = Pattern.compile("(?i).*(password|passwd|secret|token|credential|private).*");
    private static final Pattern SECRET_VALUE = Pattern.compile("(?is).*(password=|BEGIN [A-Z ]*PRIVATE KEY|://[^/@\\s]+:[^/@\\s]+@).*");
    /** Secrets the production overlay leaves to the cluster's operators; its kustomization says how to make each. */
    private static final Set<String> MADE_BY_OPERATORS = Set.of("aic-identity", "aic-idempotency", "aic-backup-s3", "aic-tls",
            "notification-service-credentials", "project-service-credentials", "training-service-credentials");

    private static final Map<String, List<HasMetadata>> RENDERED = new ConcurrentHashMap<>();

    /** What {@code kubectl kustomize deploy/kubernetes/<overlay>} renders, read once per overlay. */
    private static List<HasMetadata> render(String overlay) {
        return RENDERED.computeIfAbsent(overlay, name -> {
            List<HasMetadata> resources = Manifests.parse(Kubectl.kustomize(Repository.KUBERNETES.resolve(name)));
            System.out.println("kubectl kustomize deploy/kubernetes/" + name + ": " + resources.size() + " objects "
                    + Manifests.kinds(resources));
            return resources;
        });
    }

    private static List<Deployment> deployments(List<HasMetadata> resources) {
        return Manifests.all(resources, Deployment.class);
    }

    @Test
    void theBaseRendersEveryModule() {
        List<HasMetadata> base = render("base");
        int modules = Repository.modules().size();
        assertEquals(expected(Map.of("Namespace", 1, "ConfigMap", 1, "Deployment", modules, "Service", modules,
                "PodDisruptionBudget", modules, "HorizontalPodAutoscaler", modules, "Ingress", 1)), Manifests.kinds(base));
        Set<String> deployed = deployments(base).stream().map(d -> d.getMetadata().getName()).collect(Collectors.toSet());
        assertEquals(Set.copyOf(Repository.moduleNames()), deployed, "a Deployment for every module that runs");
    }

    @Test
    void theLocalOverlayAddsOnePostgresWithADatabasePerService() {
        List<HasMetadata> local = render("local");
        int modules = Repository.modules().size();
        List<ServiceModule> withDatabase = Repository.modules().stream().filter(ServiceModule::hasDatabase).toList();
        // + the PostgreSQL Service, its init ConfigMap, a Secret per database, its superuser's, aic-identity, aic-idempotency,
        // the feed credentials of notification-, project- and training-service
        assertEquals(expected(Map.of("Namespace", 1, "ConfigMap", 2, "Deployment", modules, "Service", modules + 1,
                "PodDisruptionBudget", modules, "HorizontalPodAutoscaler", modules, "Ingress", 1, "StatefulSet", 1,
                "Secret", withDatabase.size() + 6)), Manifests.kinds(local));
        StatefulSet postgres = Manifests.named(local, StatefulSet.class, "postgres").orElseThrow();
        assertEquals(1, postgres.getSpec().getReplicas());
        assertTrue(postgres.getSpec().getTemplate().getSpec().getContainers().get(0).getImage().startsWith("postgres:17"));
        String init = String.join("\n", Manifests.named(local, ConfigMap.class, name(local, "ConfigMap", "postgres-init"))
                .orElseThrow().getData().values());
        Set<String> databases = new HashSet<>();
        for (ServiceModule module : withDatabase) {
            Map<String, String> secret = secretData(local, referencedSecret(local, module.name(), "QUARKUS_DATASOURCE_JDBC_URL"));
            assertEquals(module.database(), secret.get("dbname"), module.name() + "'s database");
            assertEquals("jdbc:postgresql://postgres:5432/" + module.database(), secret.get("jdbc-uri"),
                    module.name() + " reaches its database on the local PostgreSQL's Service");
            assertTrue(databases.add(secret.get("dbname")), "no two services share a database");
            assertTrue(init.contains(module.database() + ":"), "PostgreSQL's init script makes " + module.database());
            String password = secret.get("password");
            assertTrue(password != null && password.endsWith("-local-only"), "a password that says it is for trying out only");
            assertTrue(postgres.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                            .anyMatch(e -> e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null
                                    && e.getValueFrom().getSecretKeyRef().getName().equals(referencedSecret(local, module.name(), "QUARKUS_DATASOURCE_JDBC_URL"))),
                    "PostgreSQL gives " + module.database() + "'s owner the password " + module.name() + " uses");
        }
    }

    @Test
    void productionTakesItsDatabasesFromCloudNativePg() {
        List<HasMetadata> production = render("production");
        int modules = Repository.modules().size();
        List<ServiceModule> withDatabase = Repository.modules().stream().filter(ServiceModule::hasDatabase).toList();
        assertEquals(expected(Map.of("Namespace", 1, "ConfigMap", 1, "Deployment", modules, "Service", modules,
                "PodDisruptionBudget", modules, "HorizontalPodAutoscaler", modules, "Ingress", 1,
                "Cluster", withDatabase.size(), "ScheduledBackup", withDatabase.size(), "ObjectStore", 1)),
                Manifests.kinds(production));
        assertTrue(Manifests.ofKind(production, "StatefulSet").isEmpty(), "no hand-made PostgreSQL in production");
        for (ServiceModule module : withDatabase) {
            GenericKubernetesResource cluster = cluster(production, module.name() + "-db");
            Map<String, Object> initdb = map(map(map(cluster.getAdditionalProperties(), "spec"), "bootstrap"), "initdb");
            assertEquals(module.database(), initdb.get("database"), module.name() + "-db makes the database " + module.database());
            Object instances = map(cluster.getAdditionalProperties(), "spec").get("instances");
            assertTrue(instances instanceof Number n && n.intValue() >= 2, module.name() + "-db has a replica to fail over to");
            assertEquals(module.name() + "-db-app", referencedSecret(production, module.name(), "QUARKUS_DATASOURCE_JDBC_URL"),
                    module.name() + " reads the Secret CloudNativePG makes for its cluster");
            assertTrue(Manifests.ofKind(production, "ScheduledBackup").stream().map(GenericKubernetesResource.class::cast)
                            .anyMatch(b -> (module.name() + "-db").equals(map(map(b.getAdditionalProperties(), "spec"), "cluster").get("name"))),
                    module.name() + "-db is backed up on a schedule");
        }
        for (Deployment deployment : deployments(production)) {
            String image = Manifests.container(deployment).getImage();
            assertTrue(image.startsWith("registry.example.org/aic/" + deployment.getMetadata().getName() + ":"),
                    "production pulls from its own registry: " + image);
            String tag = image.substring(image.lastIndexOf(':') + 1);
            assertFalse(tag.equals("latest") || tag.endsWith("SNAPSHOT"), "production runs a fixed release tag: " + image);
        }
        Ingress ingress = Manifests.all(production, Ingress.class).get(0);
        assertFalse(ingress.getSpec().getTls().isEmpty(), "production serves TLS");
        assertEquals(ingress.getSpec().getTls().get(0).getHosts(), List.of(ingress.getSpec().getRules().get(0).getHost()),
                "the certificate is for the host the Ingress serves");
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void everythingIsInTheNamespace(String overlay) {
        List<HasMetadata> resources = render(overlay);
        assertEquals(List.of(NAMESPACE), Manifests.all(resources, Namespace.class).stream()
                .map(n -> n.getMetadata().getName()).toList());
        for (HasMetadata resource : resources) {
            if (!(resource instanceof Namespace)) {
                assertEquals(NAMESPACE, resource.getMetadata().getNamespace(), resource.getKind() + " "
                        + resource.getMetadata().getName() + " is in " + NAMESPACE);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void everySecretAndConfigMapThatAPodNamesExists(String overlay) throws IOException {
        List<HasMetadata> resources = render(overlay);
        Set<String> configMaps = names(resources, "ConfigMap");
        Set<String> secrets = names(resources, "Secret");
        Manifests.ofKind(resources, "Cluster").forEach(c -> secrets.add(c.getMetadata().getName() + "-app"));
        String kustomization = Files.readString(Repository.KUBERNETES.resolve(overlay).resolve("kustomization.yaml"));
        if (overlay.equals("production")) {
            for (String made : MADE_BY_OPERATORS) {
                assertTrue(kustomization.contains(made), "production/kustomization.yaml says how to make " + made);
                secrets.add(made);
            }
        }
        List<String> missing = new ArrayList<>();
        for (HasMetadata resource : resources) {
            PodSpec pod = pod(resource);
            if (pod == null) {
                continue;
            }
            String owner = resource.getKind() + " " + resource.getMetadata().getName();
            for (Container container : pod.getContainers()) {
                for (EnvVar env : container.getEnv()) {
                    if (env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null
                            && !secrets.contains(env.getValueFrom().getSecretKeyRef().getName())) {
                        missing.add(owner + ": Secret " + env.getValueFrom().getSecretKeyRef().getName() + " (" + env.getName() + ")");
                    }
                    if (env.getValueFrom() != null && env.getValueFrom().getConfigMapKeyRef() != null
                            && !configMaps.contains(env.getValueFrom().getConfigMapKeyRef().getName())) {
                        missing.add(owner + ": ConfigMap " + env.getValueFrom().getConfigMapKeyRef().getName());
                    }
                }
                for (EnvFromSource from : container.getEnvFrom()) {
                    if (from.getConfigMapRef() != null && !configMaps.contains(from.getConfigMapRef().getName())) {
                        missing.add(owner + ": ConfigMap " + from.getConfigMapRef().getName());
                    }
                }
            }
            for (Volume volume : pod.getVolumes()) {
                boolean optional = volume.getSecret() != null && Boolean.TRUE.equals(volume.getSecret().getOptional());
                if (volume.getSecret() != null && !optional && !secrets.contains(volume.getSecret().getSecretName())) {
                    missing.add(owner + ": Secret " + volume.getSecret().getSecretName() + " (volume)");
                }
                if (volume.getConfigMap() != null && !configMaps.contains(volume.getConfigMap().getName())) {
                    missing.add(owner + ": ConfigMap " + volume.getConfigMap().getName() + " (volume)");
                }
                if (optional && !secrets.contains(volume.getSecret().getSecretName())) {
                    assertTrue(kustomization.contains(volume.getSecret().getSecretName())
                                    || Files.readString(Repository.ROOT.resolve("docs/operations.md")).contains(volume.getSecret().getSecretName()),
                            "the optional Secret " + volume.getSecret().getSecretName() + " is explained where it is used");
                }
            }
        }
        assertEquals(List.of(), missing, overlay + ": names that nothing in the render (nor the operator) makes");
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void noConfigMapHoldsASecret(String overlay) {
        for (HasMetadata resource : render(overlay)) {
            if (resource instanceof ConfigMap configMap && configMap.getData() != null
                    && !configMap.getMetadata().getName().startsWith("postgres-init")) {
                configMap.getData().forEach((key, value) -> {
                    assertFalse(SECRET_KEY.matcher(key).matches(), configMap.getMetadata().getName() + " holds " + key
                            + ": a secret belongs in a Secret");
                    assertFalse(SECRET_VALUE.matcher(value).matches(), configMap.getMetadata().getName() + "'s " + key
                            + " looks like a secret");
                });
            }
            PodSpec pod = pod(resource);
            if (pod != null) {
                pod.getContainers().stream().flatMap(c -> c.getEnv().stream()).filter(e -> e.getValue() != null)
                        .forEach(e -> assertFalse(SECRET_KEY.matcher(e.getName()).matches(), resource.getMetadata().getName()
                                + " sets " + e.getName() + " in clear"));
            }
        }
    }

    /** The init script is a script, not configuration: it holds no password, it reads them from Secrets. */
    @Test
    void thePostgresInitScriptReadsItsPasswordsFromSecrets() {
        List<HasMetadata> local = render("local");
        String script = String.join("\n", Manifests.named(local, ConfigMap.class, name(local, "ConfigMap", "postgres-init"))
                .orElseThrow().getData().values());
        assertFalse(script.contains("-local-only"), "no password in the init script");
        assertTrue(script.contains("printenv"), "the script reads each owner's password from the environment");
    }

    private static Map<String, Long> expected(Map<String, Integer> counts) {
        Map<String, Long> sorted = new TreeMap<>();
        counts.forEach((kind, count) -> sorted.put(kind, count.longValue()));
        return sorted;
    }

    private static Set<String> names(List<HasMetadata> resources, String kind) {
        return Manifests.ofKind(resources, kind).stream().map(r -> r.getMetadata().getName())
                .collect(Collectors.toCollection(HashSet::new));
    }

    /** A generated object's name: kustomize adds a hash of its content to the name it was given. */
    private static String name(List<HasMetadata> resources, String kind, String given) {
        return names(resources, kind).stream().filter(n -> n.equals(given) || n.startsWith(given + "-"))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + given + " in the render"));
    }

    private static String referencedSecret(List<HasMetadata> resources, String deployment, String variable) {
        Deployment found = Manifests.named(resources, Deployment.class, deployment).orElseThrow();
        EnvVar env = Manifests.env(Manifests.container(found), variable).orElseThrow();
        return env.getValueFrom().getSecretKeyRef().getName();
    }

    private static Map<String, String> secretData(List<HasMetadata> resources, String name) {
        Secret secret = Manifests.named(resources, Secret.class, name).orElseThrow(() -> new AssertionError("no Secret " + name));
        Map<String, String> data = new TreeMap<>();
        if (secret.getData() != null) {
            secret.getData().forEach((k, v) -> data.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
        }
        if (secret.getStringData() != null) {
            data.putAll(secret.getStringData());
        }
        return data;
    }

    private static GenericKubernetesResource cluster(List<HasMetadata> resources, String name) {
        return Manifests.ofKind(resources, "Cluster").stream().map(GenericKubernetesResource.class::cast)
                .filter(c -> name.equals(c.getMetadata().getName())).findFirst()
                .orElseThrow(() -> new AssertionError("no CloudNativePG Cluster " + name));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        assertNotNull(value, key + " is set");
        return (Map<String, Object>) value;
    }

    private static PodSpec pod(HasMetadata resource) {
        if (resource instanceof Deployment deployment) {
            return deployment.getSpec().getTemplate().getSpec();
        }
        return resource instanceof StatefulSet statefulSet ? statefulSet.getSpec().getTemplate().getSpec() : null;
    }
}

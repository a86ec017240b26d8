package org.aicenter.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Kubernetes manifests read into the fabric8 model, as the tools that apply them would read them. */
final class Manifests {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final ObjectMapper JSON = new ObjectMapper();

    private Manifests() {
    }

    static List<HasMetadata> read(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Every document of a (multi-document) YAML text; a resource kind fabric8 does not know is generic. */
    static List<HasMetadata> parse(String yaml) {
        Object parsed = SERIALIZATION.unmarshal(yaml);
        List<HasMetadata> resources = new ArrayList<>();
        if (parsed instanceof List<?> list) {
            list.stream().filter(HasMetadata.class::isInstance).map(HasMetadata.class::cast).forEach(resources::add);
        } else if (parsed instanceof KubernetesList list) {
            resources.addAll(list.getItems());
        } else if (parsed instanceof HasMetadata one) {
            resources.add(one);
        }
        return resources;
    }

    static <T extends HasMetadata> List<T> all(List<HasMetadata> resources, Class<T> type) {
        return resources.stream().filter(type::isInstance).map(type::cast).toList();
    }

    static List<HasMetadata> ofKind(List<HasMetadata> resources, String kind) {
        return resources.stream().filter(r -> kind.equals(r.getKind())).toList();
    }

    static <T extends HasMetadata> Optional<T> named(List<HasMetadata> resources, Class<T> type, String name) {
        return all(resources, type).stream().filter(r -> name.equals(r.getMetadata().getName())).findFirst();
    }

    /** kind -> how many, sorted by kind: what a render holds, at a glance. */
    static Map<String, Long> kinds(List<HasMetadata> resources) {
        return resources.stream().collect(Collectors.groupingBy(HasMetadata::getKind, TreeMap::new, Collectors.counting()));
    }

    static Container container(Deployment deployment) {
        List<Container> containers = deployment.getSpec().getTemplate().getSpec().getContainers();
        if (containers.size() != 1) {
            throw new AssertionError(deployment.getMetadata().getName() + " has " + containers.size() + " containers, not 1");
        }
        return containers.get(0);
    }

    static Optional<EnvVar> env(Container container, String name) {
        return container.getEnv().stream().filter(e -> name.equals(e.getName())).findFirst();
    }

    /**
     * The resources as one JSON tree that does not depend on the order the build happened to write
     * them in: resources by kind and name, environment variables by name (quarkus-kubernetes writes
     * both in an order that changes from build to build; neither order means anything).
     */
    static JsonNode canonical(List<HasMetadata> resources) {
        ArrayNode tree = JSON.createArrayNode();
        resources.stream()
                .sorted(Comparator.comparing((HasMetadata r) -> r.getKind()).thenComparing(r -> r.getMetadata().getName()))
                .forEach(resource -> tree.add(sortUnorderedLists(SERIALIZATION.convertValue(resource, JsonNode.class))));
        return tree;
    }

    /** Where two trees first differ, as a path and both values; null when they are equal. */
    static String firstDifference(JsonNode expected, JsonNode actual) {
        return difference("", expected, actual);
    }

    private static String difference(String path, JsonNode expected, JsonNode actual) {
        if (expected.equals(actual)) {
            return null;
        }
        if (expected.isObject() && actual.isObject()) {
            Set<String> names = new TreeSet<>();
            expected.fieldNames().forEachRemaining(names::add);
            actual.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                String found = difference(path + "/" + name, expected.path(name), actual.path(name));
                if (found != null) {
                    return found;
                }
            }
        } else if (expected.isArray() && actual.isArray() && expected.size() == actual.size()) {
            for (int i = 0; i < expected.size(); i++) {
                String found = difference(path + "/" + i, expected.get(i), actual.get(i));
                if (found != null) {
                    return found;
                }
            }
        }
        return path + ": " + shorten(expected) + " against " + shorten(actual);
    }

    private static String shorten(JsonNode node) {
        String text = node.isMissingNode() ? "(absent)" : node.toString();
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }

    private static JsonNode sortUnorderedLists(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.fields().forEachRemaining(field -> {
                // the build writes these lists in no fixed order (the ports since the management one came)
                if ((field.getKey().equals("env") || field.getKey().equals("ports")) && field.getValue() instanceof ArrayNode env) {
                    List<JsonNode> sorted = new ArrayList<>();
                    env.forEach(sorted::add);
                    sorted.sort(Comparator.comparing((JsonNode e) -> e.path("name").asText())
                            .thenComparing(e -> e.path("containerPort").asInt(e.path("port").asInt())));
                    env.removeAll();
                    sorted.forEach(env::add);
                }
                sortUnorderedLists(field.getValue());
            });
        } else if (node instanceof ArrayNode array) {
            array.forEach(Manifests::sortUnorderedLists);
        }
        return node;
    }
}

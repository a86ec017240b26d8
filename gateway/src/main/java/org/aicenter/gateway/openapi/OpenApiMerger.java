package org.aicenter.gateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Merges the services' OpenAPI documents into one OpenAPI 3.1 document: every path a client can
 * call through the gateway, one tag per service, one bearer security scheme, and components that
 * never collide. Two services that define the same component name with the same content share
 * it; when the contents differ each copy is renamed with its service's prefix ({@code Address}
 * becomes {@code PartnerAddress} and {@code TrainingAddress}) and every {@code $ref} follows.
 */
public final class OpenApiMerger {

    public static final String SECURITY_SCHEME = "bearer";
    private static final Logger LOG = Logger.getLogger(OpenApiMerger.class);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    private static final List<String> COMPONENT_TYPES = List.of("schemas", "responses", "parameters", "examples",
            "requestBodies", "headers", "links", "callbacks", "pathItems");

    /**
     * @param sources one per service, plus the gateway's own
     * @param routes  for each service name, whether the gateway routes a path to it; paths it
     *                does not route are left out, since a client could not call them
     * @param server  the gateway's URL as clients reach it
     */
    public ObjectNode merge(List<ContractSource> sources, Map<String, Predicate<String>> routes, String server) {
        List<ContractSource> present = sources.stream().filter(s -> s.document() != null).toList();
        Map<String, Map<String, Map<String, String>>> renames = planRenames(present);

        ObjectNode merged = NODES.objectNode();
        merged.put("openapi", "3.1.0");
        ObjectNode info = merged.putObject("info");
        info.put("title", "AI Innovation Center API");
        info.put("version", "1.0.0");
        info.put("description", description(sources));
        merged.putArray("servers").addObject().put("url", server).put("description", "the gateway");
        ArrayNode tags = merged.putArray("tags");
        ObjectNode paths = merged.putObject("paths");
        ObjectNode components = merged.putObject("components");
        // A token is optional at the gateway: operations say what they need, the rest are public.
        merged.putArray("security").add(NODES.objectNode().set(SECURITY_SCHEME, NODES.arrayNode())).add(NODES.objectNode());
        Set<String> operationIds = new HashSet<>();

        for (ContractSource source : present) {
            ObjectNode document = source.document().deepCopy();
            Map<String, Map<String, String>> rename = renames.getOrDefault(source.service(), Map.of());
            Set<String> schemeNames = securitySchemeNames(document);
            rewrite(document, rename, schemeNames);

            ObjectNode tag = tags.addObject();
            tag.put("name", source.service());
            tag.put("description", tagDescription(source));

            Predicate<String> routed = routes.getOrDefault(source.service(), p -> true);
            int dropped = 0;
            Iterator<Map.Entry<String, JsonNode>> pathEntries = document.path("paths").fields();
            while (pathEntries.hasNext()) {
                Map.Entry<String, JsonNode> entry = pathEntries.next();
                if (!routed.test(entry.getKey())) {
                    dropped++;
                    continue;
                }
                if (source.origin() != ContractSource.Origin.GATEWAY) {
                    addGatewayAnswers((ObjectNode) entry.getValue(), document,
                            rename.getOrDefault("schemas", Map.of()).getOrDefault("Problem", "Problem"));
                }
                addPath(paths, entry.getKey(), (ObjectNode) entry.getValue(), source, operationIds);
            }
            // What a service POSTs to its subscribers (OpenAPI 3.1 webhooks), under the event's name.
            JsonNode webhooks = document.path("webhooks");
            if (webhooks.isObject() && !webhooks.isEmpty()) {
                ObjectNode target = merged.has("webhooks") ? (ObjectNode) merged.get("webhooks") : merged.putObject("webhooks");
                webhooks.fields().forEachRemaining(e -> {
                    if (!target.has(e.getKey())) {
                        target.set(e.getKey(), e.getValue());
                    }
                });
            }
            if (dropped > 0) {
                LOG.debugf("%d path(s) of %s are not routed by the gateway and were left out", dropped, source.service());
            }
            JsonNode sourceComponents = document.path("components");
            for (String type : COMPONENT_TYPES) {
                JsonNode defined = sourceComponents.path(type);
                if (defined.isObject()) {
                    ObjectNode target = components.has(type) ? (ObjectNode) components.get(type) : components.putObject(type);
                    defined.fields().forEachRemaining(e -> {
                        if (!target.has(e.getKey())) {
                            target.set(e.getKey(), e.getValue());
                        }
                    });
                }
            }
        }
        ObjectNode schemes = components.putObject("securitySchemes");
        schemes.putObject(SECURITY_SCHEME)
                .put("type", "http").put("scheme", "bearer").put("bearerFormat", "JWT")
                .put("description", "A bearer JWT (RS256). Its groups claim carries the caller's roles.");
        sortFields(paths);
        for (String type : COMPONENT_TYPES) {
            if (components.has(type)) {
                sortFields((ObjectNode) components.get(type));
            }
        }
        merged.set("x-aic-sources", sourcesExtension(sources));
        return merged;
    }

    /**
     * What the gateway itself may answer for any operation it forwards, before or instead of the
     * service: 401 for a token it cannot verify (even on a public operation), 429 over the rate
     * limit, 503 when the service cannot be reached and 504 when it does not answer in time, each
     * a problem with the request id (and Retry-After where one is sent).
     */
    private static void addGatewayAnswers(ObjectNode item, ObjectNode document, String problemName) {
        if (document.path("components").path("schemas").path(problemName).isMissingNode()) {
            return;
        }
        String problemRef = "#/components/schemas/" + problemName;
        item.fields().forEachRemaining(field -> {
            if (!METHODS.contains(field.getKey()) || !field.getValue().isObject()) {
                return;
            }
            ObjectNode responses = field.getValue().has("responses") ? (ObjectNode) field.getValue().get("responses")
                    : ((ObjectNode) field.getValue()).putObject("responses");
            gatewayAnswer(responses, "401", "No valid bearer token (the gateway refuses a token it cannot verify on any operation)", problemRef, false);
            gatewayAnswer(responses, "429", "Too many requests from this client: retry after Retry-After seconds", problemRef, true);
            gatewayAnswer(responses, "503", "The service is unavailable: retry after Retry-After seconds", problemRef, true);
            gatewayAnswer(responses, "504", "The service did not answer in time", problemRef, false);
        });
    }

    private static void gatewayAnswer(ObjectNode responses, String status, String description, String problemRef, boolean retryAfter) {
        ObjectNode response = responses.has(status) ? (ObjectNode) responses.get(status) : responses.putObject(status);
        if (!response.has("description")) {
            response.put("description", description);
        }
        if (!response.has("content")) {
            response.putObject("content").putObject("application/problem+json").putObject("schema").put("$ref", problemRef);
        }
        ObjectNode headers = response.has("headers") ? (ObjectNode) response.get("headers") : response.putObject("headers");
        if (!headers.has("X-Request-Id")) {
            headers.putObject("X-Request-Id").put("description", "The request's id").putObject("schema").put("type", "string");
        }
        if (retryAfter && !headers.has("Retry-After")) {
            headers.putObject("Retry-After").put("description", "Seconds to wait before trying again")
                    .putObject("schema").put("type", "integer").put("minimum", 0);
        }
    }

    private void addPath(ObjectNode paths, String path, ObjectNode item, ContractSource source, Set<String> operationIds) {
        ObjectNode target = paths.has(path) ? (ObjectNode) paths.get(path) : null;
        if (target == null) {
            target = paths.putObject(path);
        }
        Iterator<Map.Entry<String, JsonNode>> fields = item.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            if (!METHODS.contains(name)) {
                if (!target.has(name)) {
                    target.set(name, field.getValue());
                }
                continue;
            }
            if (target.has(name)) {
                LOG.warnf("%s %s is defined by more than one service; keeping the first, ignoring %s's",
                        name.toUpperCase(Locale.ROOT), path, source.service());
                continue;
            }
            ObjectNode operation = (ObjectNode) field.getValue();
            operation.putArray("tags").add(source.service());
            JsonNode id = operation.get("operationId");
            if (id != null && id.isTextual()) {
                String unique = id.asText();
                if (operationIds.contains(unique)) {
                    unique = source.key() + Character.toUpperCase(unique.charAt(0)) + unique.substring(1);
                    for (int i = 2; operationIds.contains(unique); i++) {
                        unique = source.key() + id.asText() + i;
                    }
                    operation.put("operationId", unique);
                }
                operationIds.add(unique);
            }
            target.set(name, operation);
        }
    }

    /**
     * For every component name defined by more than one service with different content, the new
     * name in each of those services. Content is compared after the renames already decided, so a
     * schema that only refers to a renamed one is renamed too; repeated until nothing changes.
     */
    private Map<String, Map<String, Map<String, String>>> planRenames(List<ContractSource> sources) {
        Map<String, Map<String, Map<String, String>>> renames = new HashMap<>();
        Set<String> noSchemes = Set.of();
        Map<String, Set<String>> taken = new HashMap<>();
        for (ContractSource source : sources) {
            for (String type : COMPONENT_TYPES) {
                source.document().path("components").path(type).fieldNames()
                        .forEachRemaining(n -> taken.computeIfAbsent(type, t -> new HashSet<>()).add(n));
            }
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (String type : COMPONENT_TYPES) {
                Map<String, Map<String, JsonNode>> byName = new LinkedHashMap<>();
                for (ContractSource source : sources) {
                    JsonNode defined = source.document().path("components").path(type);
                    Map<String, Map<String, String>> rename = renames.getOrDefault(source.service(), Map.of());
                    defined.fields().forEachRemaining(e -> {
                        if (rename.getOrDefault(type, Map.of()).containsKey(e.getKey())) {
                            return;
                        }
                        JsonNode content = e.getValue().deepCopy();
                        rewrite(content, rename, noSchemes);
                        byName.computeIfAbsent(e.getKey(), n -> new LinkedHashMap<>()).put(source.service(), content);
                    });
                }
                for (Map.Entry<String, Map<String, JsonNode>> entry : byName.entrySet()) {
                    Map<String, JsonNode> versions = entry.getValue();
                    if (versions.size() < 2 || versions.values().stream().distinct().count() == 1) {
                        continue;
                    }
                    for (String service : versions.keySet()) {
                        ContractSource source = sources.stream().filter(s -> s.service().equals(service)).findFirst().orElseThrow();
                        String newName = freeName(taken.get(type), prefix(source.key()) + entry.getKey(),
                                prefix(source.service()) + entry.getKey());
                        taken.get(type).add(newName);
                        renames.computeIfAbsent(service, s -> new HashMap<>())
                                .computeIfAbsent(type, t -> new HashMap<>()).put(entry.getKey(), newName);
                        LOG.debugf("%s %s of %s becomes %s", type, entry.getKey(), service, newName);
                    }
                    changed = true;
                }
            }
        }
        return renames;
    }

    private static String freeName(Set<String> taken, String preferred, String fallback) {
        if (!taken.contains(preferred)) {
            return preferred;
        }
        if (!taken.contains(fallback)) {
            return fallback;
        }
        for (int i = 2; ; i++) {
            if (!taken.contains(fallback + i)) {
                return fallback + i;
            }
        }
    }

    /** {@code partner-service} becomes {@code PartnerService}; {@code training} becomes {@code Training}. */
    static String prefix(String name) {
        StringBuilder out = new StringBuilder();
        for (String part : name.split("[^A-Za-z0-9]+")) {
            if (!part.isEmpty()) {
                out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return out.toString();
    }

    /**
     * Applies a service's renames to every {@code $ref} and discriminator mapping in {@code node},
     * renames the components themselves, and points every security requirement at the one scheme.
     */
    private static void rewrite(JsonNode node, Map<String, Map<String, String>> rename, Set<String> schemeNames) {
        if (node instanceof ObjectNode object) {
            JsonNode components = object.get("components");
            if (components instanceof ObjectNode componentsObject && object.has("openapi")) {
                for (Map.Entry<String, Map<String, String>> type : rename.entrySet()) {
                    JsonNode defined = componentsObject.get(type.getKey());
                    if (defined instanceof ObjectNode definedObject) {
                        ObjectNode renamed = NODES.objectNode();
                        definedObject.fields().forEachRemaining(e ->
                                renamed.set(type.getValue().getOrDefault(e.getKey(), e.getKey()), e.getValue()));
                        componentsObject.set(type.getKey(), renamed);
                    }
                }
                componentsObject.remove("securitySchemes");
            }
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode value = object.get(name);
                if (name.equals("$ref") && value.isTextual()) {
                    object.put(name, renamedRef(value.asText(), rename));
                } else if (name.equals("mapping") && value.isObject()) {
                    ObjectNode mapping = (ObjectNode) value;
                    List<String> keys = new ArrayList<>();
                    mapping.fieldNames().forEachRemaining(keys::add);
                    for (String key : keys) {
                        if (mapping.get(key).isTextual()) {
                            mapping.put(key, renamedRef(mapping.get(key).asText(), rename));
                        }
                    }
                } else if (name.equals("security") && value.isArray() && !schemeNames.isEmpty()) {
                    object.set(name, securityRequirements((ArrayNode) value, schemeNames));
                } else {
                    rewrite(value, rename, schemeNames);
                }
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(element -> rewrite(element, rename, schemeNames));
        }
    }

    private static String renamedRef(String ref, Map<String, Map<String, String>> rename) {
        if (!ref.startsWith("#/components/")) {
            return ref;
        }
        String rest = ref.substring("#/components/".length());
        int slash = rest.indexOf('/');
        if (slash < 0) {
            return ref;
        }
        String type = rest.substring(0, slash);
        String name = rest.substring(slash + 1);
        String suffix = "";
        int deeper = name.indexOf('/');
        if (deeper >= 0) {
            suffix = name.substring(deeper);
            name = name.substring(0, deeper);
        }
        String newName = rename.getOrDefault(type, Map.of()).get(name);
        return newName == null ? ref : "#/components/" + type + "/" + newName + suffix;
    }

    /** Every requirement naming one of the service's schemes now names the gateway's one scheme, keeping its roles. */
    private static ArrayNode securityRequirements(ArrayNode requirements, Set<String> schemeNames) {
        ArrayNode out = NODES.arrayNode();
        for (JsonNode requirement : requirements) {
            ObjectNode rewritten = NODES.objectNode();
            requirement.fields().forEachRemaining(e -> {
                String scheme = schemeNames.contains(e.getKey()) ? SECURITY_SCHEME : e.getKey();
                JsonNode existing = rewritten.get(scheme);
                if (existing instanceof ArrayNode roles && e.getValue().isArray()) {
                    e.getValue().forEach(role -> {
                        if (!contains(roles, role)) {
                            roles.add(role);
                        }
                    });
                } else {
                    rewritten.set(scheme, e.getValue());
                }
            });
            out.add(rewritten);
        }
        return out;
    }

    private static boolean contains(ArrayNode array, JsonNode value) {
        for (JsonNode element : array) {
            if (element.equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> securitySchemeNames(ObjectNode document) {
        Set<String> names = new HashSet<>();
        document.path("components").path("securitySchemes").fieldNames().forEachRemaining(names::add);
        names.add(SECURITY_SCHEME);
        return names;
    }

    private static void sortFields(ObjectNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        names.sort(null);
        Map<String, JsonNode> sorted = new LinkedHashMap<>();
        names.forEach(n -> sorted.put(n, node.get(n)));
        node.removeAll();
        sorted.forEach(node::set);
    }

    private static String tagDescription(ContractSource source) {
        JsonNode info = source.document().path("info");
        String description = info.path("description").asText("");
        String text = switch (source.origin()) {
            case GATEWAY -> "Served by the gateway itself: views that combine the services, and this document.";
            case LIVE -> description.isEmpty() ? "Operations of " + source.service() : description;
            case CONTRACT -> (description.isEmpty() ? "Operations of " + source.service() : description)
                    + " (from the committed contract: the service did not answer)";
            case MISSING -> "";
        };
        return text;
    }

    private static String description(List<ContractSource> sources) {
        StringBuilder text = new StringBuilder("Every operation of the AI Innovation Center's services, called "
                + "through the gateway. Send a bearer token (Authorize) for anything but the public operations.\n\n"
                + "Sources of this document:\n");
        for (ContractSource source : sources) {
            text.append("- ").append(source.service()).append(": ").append(switch (source.origin()) {
                case LIVE -> "live, from the running service";
                case GATEWAY -> "the gateway's own endpoints";
                case CONTRACT -> "its committed contract, because " + source.reason();
                case MISSING -> "not included: " + source.reason();
            }).append('\n');
        }
        return text.toString();
    }

    private static ObjectNode sourcesExtension(List<ContractSource> sources) {
        ObjectNode out = NODES.objectNode();
        for (ContractSource source : sources) {
            ObjectNode entry = out.putObject(source.service());
            // No location: a service's internal URL or a file path says nothing a reader needs.
            entry.put("source", source.origin().name().toLowerCase(Locale.ROOT));
            if (source.reason() != null) {
                entry.put("reason", source.reason());
            }
        }
        return out;
    }

}

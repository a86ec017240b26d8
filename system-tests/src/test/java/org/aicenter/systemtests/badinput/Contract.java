package org.aicenter.systemtests.badinput;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The operations of the merged OpenAPI document, with their parameters and body schemas resolved. */
public final class Contract {

    static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

    private final JsonNode document;

    public Contract(JsonNode document) {
        this.document = document;
    }

    /** A parameter of an operation. */
    public record Param(String name, String in, boolean required, JsonNode schema) {
    }

    /**
     * One operation.
     *
     * @param bodySchema resolved schema of the JSON body, null without a body
     * @param publicAccess true when the document lets it be called without a token
     * @param roles the roles the document names for it (empty: any authenticated caller)
     * @param creates true when the document answers it with a 201 (it makes a resource, which a test undoes)
     */
    public record Operation(String method, String path, List<Param> params, JsonNode bodySchema, String bodyType,
                            boolean publicAccess, boolean securityDeclared, List<String> roles, boolean creates) {

        public boolean hasBody() {
            return bodyType != null;
        }

        public boolean has(String paramIn, String name) {
            return params.stream().anyMatch(p -> p.in().equals(paramIn) && p.name().equalsIgnoreCase(name));
        }

        public List<Param> in(String paramIn) {
            return params.stream().filter(p -> p.in().equals(paramIn)).toList();
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    public List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            List<JsonNode> shared = new ArrayList<>();
            path.getValue().path("parameters").forEach(shared::add);
            Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields();
            while (methods.hasNext()) {
                Map.Entry<String, JsonNode> entry = methods.next();
                if (!METHODS.contains(entry.getKey())) {
                    continue;
                }
                operations.add(operation(entry.getKey().toUpperCase(), path.getKey(), entry.getValue(), shared));
            }
        }
        return operations;
    }

    private Operation operation(String method, String path, JsonNode op, List<JsonNode> shared) {
        List<Param> params = new ArrayList<>();
        List<JsonNode> all = new ArrayList<>(shared);
        op.path("parameters").forEach(all::add);
        for (JsonNode p : all) {
            JsonNode param = resolve(p);
            params.add(new Param(param.path("name").asText(), param.path("in").asText(),
                    param.path("required").asBoolean(false) || param.path("in").asText().equals("path"),
                    resolve(param.path("schema"))));
        }
        JsonNode body = resolve(op.path("requestBody"));
        String bodyType = null;
        JsonNode bodySchema = null;
        if (body.isObject() && body.path("content").isObject()) {
            Iterator<String> types = body.path("content").fieldNames();
            if (types.hasNext()) {
                bodyType = types.next();
                bodySchema = resolve(body.path("content").path(bodyType).path("schema"));
            }
        }
        JsonNode security = op.has("security") ? op.get("security") : null;
        boolean declared = security != null;
        boolean publicAccess = !declared;
        List<String> roles = new ArrayList<>();
        if (declared) {
            for (JsonNode requirement : security) {
                if (requirement.isObject() && requirement.isEmpty()) {
                    publicAccess = true;
                }
                requirement.path("bearer").forEach(role -> roles.add(role.asText()));
            }
        }
        return new Operation(method, path, params, bodySchema, bodyType, publicAccess, declared, roles,
                op.path("responses").has("201"));
    }

    /** Follows {@code $ref} (to components), keeping sibling keywords (description, examples) of the referring node. */
    public JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        for (int i = 0; i < 20 && current != null && current.has("$ref"); i++) {
            String ref = current.get("$ref").asText();
            if (!ref.startsWith("#/")) {
                return current;
            }
            JsonNode target = document;
            for (String part : ref.substring(2).split("/")) {
                target = target.path(part.replace("~1", "/").replace("~0", "~"));
            }
            if (target.isMissingNode()) {
                return current;
            }
            ObjectNode merged = target.deepCopy();
            current.fields().forEachRemaining(e -> {
                // A sibling "type: object" next to a $ref to an enum is a quirk of the generator: the target wins.
                if (!e.getKey().equals("$ref") && !e.getKey().equals("type") && !merged.has(e.getKey())) {
                    merged.set(e.getKey(), e.getValue());
                }
            });
            current = merged;
        }
        return current == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : current;
    }

    public JsonNode document() {
        return document;
    }
}

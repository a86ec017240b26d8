package org.aicenter.project.contract;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Checks a JSON value against a schema of an OpenAPI document (3.0 or 3.1): $ref, allOf/anyOf/oneOf,
 * type (incl. nullable and type arrays), required, properties, items, enum, format (uuid, date,
 * date-time), pattern, minLength/maxLength. Strict about properties: a property the schema does
 * not declare is an error, so a stub can never answer with a field the real service does not have.
 */
public final class SchemaCheck {

    private final JsonNode document;

    public SchemaCheck(JsonNode document) {
        this.document = document;
    }

    public List<String> validate(JsonNode schema, JsonNode value) {
        List<String> errors = new ArrayList<>();
        check(schema, value, "$", errors, 0);
        return errors;
    }

    public JsonNode resolve(JsonNode schema) {
        JsonNode current = schema;
        for (int hops = 0; current != null && current.has("$ref") && hops < 20; hops++) {
            String ref = current.get("$ref").asText();
            if (!ref.startsWith("#/")) {
                throw new IllegalArgumentException("only local references are supported: " + ref);
            }
            current = document.at(ref.substring(1));
            if (current.isMissingNode()) {
                throw new IllegalArgumentException("unresolvable reference " + ref);
            }
        }
        return current;
    }

    private void check(JsonNode rawSchema, JsonNode value, String path, List<String> errors, int depth) {
        if (rawSchema == null || rawSchema.isMissingNode() || depth > 40) {
            return;
        }
        JsonNode schema = flatten(resolve(rawSchema), 0);
        for (String choice : List.of("anyOf", "oneOf")) {
            if (schema.has(choice)) {
                boolean any = false;
                for (JsonNode option : schema.get(choice)) {
                    List<String> optionErrors = new ArrayList<>();
                    check(option, value, path, optionErrors, depth + 1);
                    any |= optionErrors.isEmpty();
                }
                if (!any) {
                    errors.add(path + ": matches none of the " + choice + " alternatives");
                }
            }
        }
        if (value == null || value.isNull()) {
            if (!allowsNull(schema)) {
                errors.add(path + ": is null, the contract does not allow null");
            }
            return;
        }
        List<String> types = types(schema);
        if (!types.isEmpty() && types.stream().noneMatch(t -> hasType(value, t))) {
            errors.add(path + ": is " + value.getNodeType() + ", the contract says " + types);
            return;
        }
        if (schema.has("enum")) {
            boolean listed = false;
            for (JsonNode option : schema.get("enum")) {
                listed |= option.equals(value);
            }
            if (!listed) {
                errors.add(path + ": " + value + " is not one of " + schema.get("enum"));
            }
        }
        if (value.isTextual()) {
            checkString(schema, value.asText(), path, errors);
        }
        if (value.isObject() && (schema.has("properties") || types.contains("object"))) {
            JsonNode properties = schema.path("properties");
            if (schema.has("required")) {
                for (JsonNode required : schema.get("required")) {
                    if (!value.has(required.asText())) {
                        errors.add(path + "." + required.asText() + ": is required by the contract but missing");
                    }
                }
            }
            boolean open = schema.path("additionalProperties").isObject()
                    || schema.path("additionalProperties").asBoolean(false);
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (properties.has(field.getKey())) {
                    check(properties.get(field.getKey()), field.getValue(), path + "." + field.getKey(), errors, depth + 1);
                } else if (schema.path("additionalProperties").isObject()) {
                    check(schema.get("additionalProperties"), field.getValue(), path + "." + field.getKey(), errors, depth + 1);
                } else if (!open) {
                    errors.add(path + "." + field.getKey() + ": is not in the contract");
                }
            }
        }
        if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                check(schema.get("items"), value.get(i), path + "[" + i + "]", errors, depth + 1);
            }
        }
    }

    /** allOf merged into one schema: its parts' properties, required and other keywords together. */
    private JsonNode flatten(JsonNode schema, int depth) {
        if (!schema.has("allOf") || depth > 10) {
            return schema;
        }
        com.fasterxml.jackson.databind.node.ObjectNode merged = ((com.fasterxml.jackson.databind.node.ObjectNode) schema).deepCopy();
        merged.remove("allOf");
        com.fasterxml.jackson.databind.node.ObjectNode properties = merged.has("properties")
                ? (com.fasterxml.jackson.databind.node.ObjectNode) merged.get("properties")
                : merged.putObject("properties");
        com.fasterxml.jackson.databind.node.ArrayNode required = merged.has("required")
                ? (com.fasterxml.jackson.databind.node.ArrayNode) merged.get("required")
                : merged.putArray("required");
        for (JsonNode rawPart : schema.get("allOf")) {
            JsonNode part = flatten(resolve(rawPart), depth + 1);
            for (Iterator<Map.Entry<String, JsonNode>> it = part.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> keyword = it.next();
                switch (keyword.getKey()) {
                    case "properties" -> properties.setAll((com.fasterxml.jackson.databind.node.ObjectNode) keyword.getValue());
                    case "required" -> keyword.getValue().forEach(required::add);
                    default -> {
                        if (!merged.has(keyword.getKey())) {
                            merged.set(keyword.getKey(), keyword.getValue());
                        }
                    }
                }
            }
        }
        if (properties.isEmpty()) {
            merged.remove("properties");
        }
        if (required.isEmpty()) {
            merged.remove("required");
        }
        return merged;
    }

    private static void checkString(JsonNode schema, String text, String path, List<String> errors) {
        String format = schema.path("format").asText("");
        try {
            switch (format) {
                case "uuid" -> UUID.fromString(text);
                case "date" -> LocalDate.parse(text);
                case "date-time" -> parseInstant(text);
                default -> {
                }
            }
        } catch (RuntimeException e) {
            errors.add(path + ": \"" + text + "\" is not a valid " + format);
        }
        if (schema.has("pattern") && !Pattern.compile(schema.get("pattern").asText()).matcher(text).find()) {
            errors.add(path + ": \"" + text + "\" does not match " + schema.get("pattern").asText());
        }
        if (schema.has("minLength") && text.length() < schema.get("minLength").asInt()) {
            errors.add(path + ": shorter than " + schema.get("minLength").asInt());
        }
        if (schema.has("maxLength") && text.length() > schema.get("maxLength").asInt()) {
            errors.add(path + ": longer than " + schema.get("maxLength").asInt());
        }
    }

    private static void parseInstant(String text) {
        try {
            Instant.parse(text);
        } catch (RuntimeException e) {
            OffsetDateTime.parse(text);
        }
    }

    private static List<String> types(JsonNode schema) {
        JsonNode type = schema.get("type");
        List<String> types = new ArrayList<>();
        if (type == null) {
            return types;
        }
        if (type.isArray()) {
            type.forEach(t -> types.add(t.asText()));
        } else {
            types.add(type.asText());
        }
        return types;
    }

    private boolean allowsNull(JsonNode schema) {
        if (schema.path("nullable").asBoolean(false) || types(schema).contains("null")) {
            return true;
        }
        for (String choice : List.of("anyOf", "oneOf")) {
            for (JsonNode option : schema.path(choice)) {
                if (allowsNull(resolve(option))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean hasType(JsonNode value, String type) {
        return switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "null" -> value.isNull();
            default -> true;
        };
    }
}

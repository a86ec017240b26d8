package org.aicenter.testing.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi31;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks an HTTP exchange against an OpenAPI 3.1 document, the way a client generated from that
 * document would see it. The request: the operation exists, its query parameters are the declared
 * ones with values of the declared types, required headers are sent, the body has a declared media
 * type and matches its schema. The response: its status is documented for the operation, its
 * media type is one the operation declares for that status, its body matches the schema (strictly:
 * a property the schema does not declare is an error, so the contract cannot fall behind what the
 * service sends), and each documented header that is present matches its schema. Schemas are
 * checked by the networknt JSON Schema validator with the OpenAPI 3.1 dialect, formats asserted.
 * <p>
 * A response to a path or method the document does not have must be an RFC 9457 problem (a 404 or
 * 405 the conventions describe): it is checked against the document's {@code Problem} schema.
 */
public final class ContractValidator {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");
    private static final String BASE = "https://contract.aicenter.org/";

    private final String name;
    private final JsonNode document;
    private final JsonSchemaFactory lenient;
    private final JsonSchemaFactory strict;
    private final SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();
    private final List<Template> templates = new ArrayList<>();

    public ContractValidator(String name, JsonNode document) {
        this.name = name;
        this.document = document;
        this.lenient = factory(name + "/request", document);
        ObjectNode closed = document.deepCopy();
        close(closed.path("components").path("schemas"));
        close(closed.path("paths"));
        this.strict = factory(name + "/response", closed);
        document.path("paths").fieldNames().forEachRemaining(path -> templates.add(new Template(path)));
        // Literal segments before parameters: /partners/statistics is not /partners/{id}.
        templates.sort(Comparator.comparingInt(Template::literals).reversed());
    }

    public String name() {
        return name;
    }

    public JsonNode document() {
        return document;
    }

    private static JsonSchemaFactory factory(String id, JsonNode document) {
        String text;
        try {
            text = JSON.writeValueAsString(document);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012, builder -> builder
                .metaSchema(OpenApi31.getInstance()).defaultMetaSchemaIri(OpenApi31.getInstance().getIri())
                .schemaLoaders(loaders -> loaders.schemas(Map.of(BASE + id, text))));
    }

    /** Every object schema that lists properties and says nothing of others admits no others. */
    private static void close(JsonNode node) {
        if (node instanceof ObjectNode object) {
            if (object.has("properties") && object.get("properties").isObject() && !object.has("additionalProperties")
                    && !object.has("unevaluatedProperties")) {
                object.put("unevaluatedProperties", false);
            }
            object.elements().forEachRemaining(ContractValidator::close);
        } else if (node instanceof ArrayNode array) {
            array.forEach(ContractValidator::close);
        }
    }

    /** What the validator found: the operation it matched (or null), and the problems of each side. */
    public record Result(String operation, List<String> request, List<String> response) {
        public boolean responseValid() {
            return response.isEmpty();
        }
    }

    /** Whether the document has a path that {@code path} is an instance of. */
    public boolean describes(String path) {
        return templates.stream().anyMatch(t -> t.matches(path));
    }

    public Result check(Exchange exchange) {
        Optional<Template> match = templates.stream().filter(t -> t.matches(exchange.path())).findFirst();
        String method = exchange.method().toLowerCase(Locale.ROOT);
        JsonNode item = match.map(t -> document.path("paths").path(t.path)).orElse(null);
        if (item == null || !item.has(method)) {
            return new Result(null, List.of("no operation " + exchange.method() + " " + exchange.path() + " in " + name),
                    outsideTheContract(exchange));
        }
        Template template = match.get();
        String pointer = "/paths/" + escape(template.path) + "/" + method;
        JsonNode operation = item.get(method);
        String label = exchange.method().toUpperCase(Locale.ROOT) + " " + template.path;
        return new Result(label, request(exchange, item, operation, pointer), response(exchange, operation, pointer));
    }

    // --- the request ---

    private List<String> request(Exchange exchange, JsonNode item, JsonNode operation, String pointer) {
        List<String> errors = new ArrayList<>();
        Map<String, Declared> declared = new LinkedHashMap<>();
        declare(item.path("parameters"), "/paths/" + pointer.split("/")[2] + "/parameters", declared);
        declare(operation.path("parameters"), pointer + "/parameters", declared);
        Map<String, List<String>> query = parseQuery(exchange.rawQuery());
        for (Map.Entry<String, List<String>> given : query.entrySet()) {
            Declared parameter = declared.get("query:" + given.getKey());
            if (parameter == null) {
                errors.add("query parameter '" + given.getKey() + "' is not in the contract");
                continue;
            }
            JsonNode value = queryValue(parameter, given.getValue(), errors);
            if (value != null) {
                validate(lenient, parameter.schemaPointer, value, "query parameter " + given.getKey(), errors);
            }
        }
        for (Declared parameter : declared.values()) {
            boolean present = switch (parameter.in) {
                case "query" -> query.containsKey(parameter.name);
                case "header" -> exchange.requestHeader(parameter.name) != null;
                default -> true;
            };
            if (parameter.required && !present) {
                errors.add(parameter.in + " parameter " + parameter.name + " is required by the contract but missing");
            }
            if (present && parameter.in.equals("header")) {
                validate(lenient, parameter.schemaPointer, JsonNodeFactory.instance.textNode(exchange.requestHeader(parameter.name)),
                        "header " + parameter.name, errors);
            }
        }
        JsonNode body = operation.path("requestBody");
        byte[] sent = exchange.requestBody();
        if (sent != null && sent.length > 0) {
            String type = mediaType(exchange.requestContentType());
            if (!body.path("content").has(type)) {
                errors.add("request body of type '" + type + "' is not in the contract (it takes "
                        + fieldNames(body.path("content")) + ")");
            } else if (type.endsWith("json")) {
                JsonNode json = parse(sent, errors, "request body");
                if (json != null) {
                    validate(lenient, pointer + "/requestBody/content/" + escape(type) + "/schema", json, "request body", errors);
                }
            }
        } else if (body.path("required").asBoolean(false)) {
            errors.add("the contract requires a request body");
        }
        return errors;
    }

    private static void declare(JsonNode parameters, String pointer, Map<String, Declared> declared) {
        for (int i = 0; i < parameters.size(); i++) {
            JsonNode parameter = parameters.get(i);
            String in = parameter.path("in").asText();
            declared.put(in + ":" + (in.equals("header") ? parameter.path("name").asText().toLowerCase(Locale.ROOT)
                            : parameter.path("name").asText()),
                    new Declared(parameter.path("name").asText(), in, parameter.path("required").asBoolean(false),
                            pointer + "/" + i + "/schema", parameter.path("schema"),
                            parameter.path("explode").asBoolean(!parameter.has("style") || parameter.path("style").asText().equals("form"))));
        }
    }

    private record Declared(String name, String in, boolean required, String schemaPointer, JsonNode schema, boolean explode) {
    }

    /** The parameter's values as the JSON value its schema describes: an array, a number or a string. */
    private JsonNode queryValue(Declared parameter, List<String> values, List<String> errors) {
        JsonNode schema = resolve(parameter.schema);
        if (types(schema).contains("array")) {
            ArrayNode array = JsonNodeFactory.instance.arrayNode();
            JsonNode items = resolve(schema.path("items"));
            for (String value : values) {
                for (String part : parameter.explode ? List.of(value) : List.of(value.split(",", -1))) {
                    array.add(scalar(part, items));
                }
            }
            return array;
        }
        if (values.size() > 1) {
            errors.add("query parameter '" + parameter.name + "' takes one value but was given " + values.size());
            return null;
        }
        return scalar(values.get(0), schema);
    }

    private static JsonNode scalar(String text, JsonNode schema) {
        List<String> types = types(schema);
        try {
            if (types.contains("integer")) {
                return JsonNodeFactory.instance.numberNode(Long.parseLong(text));
            }
            if (types.contains("number")) {
                return JsonNodeFactory.instance.numberNode(new java.math.BigDecimal(text));
            }
            if (types.contains("boolean") && (text.equals("true") || text.equals("false"))) {
                return JsonNodeFactory.instance.booleanNode(Boolean.parseBoolean(text));
            }
        } catch (NumberFormatException notANumber) {
            // left a string: the schema's type check names it
        }
        return JsonNodeFactory.instance.textNode(text);
    }

    // --- the response ---

    private List<String> response(Exchange exchange, JsonNode operation, String pointer) {
        List<String> errors = new ArrayList<>();
        String status = Integer.toString(exchange.status());
        JsonNode responses = operation.path("responses");
        String key = responses.has(status) ? status : responses.has(status.charAt(0) + "XX") ? status.charAt(0) + "XX"
                : responses.has("default") ? "default" : null;
        if (key == null) {
            errors.add("status " + status + " is not documented (the contract lists " + fieldNames(responses) + ")");
            return errors;
        }
        String responsePointer = pointer + "/responses/" + key;
        JsonNode response = responses.get(key);
        if (response.has("$ref")) {
            responsePointer = response.get("$ref").asText().substring(1);
            response = document.at(responsePointer);
        }
        body(exchange, response, responsePointer, errors);
        JsonNode headers = response.path("headers");
        for (Iterator<String> names = headers.fieldNames(); names.hasNext(); ) {
            String header = names.next();
            String value = exchange.responseHeader(header);
            JsonNode declared = headers.get(header);
            String headerPointer = responsePointer + "/headers/" + escape(header);
            if (declared.has("$ref")) {
                headerPointer = declared.get("$ref").asText().substring(1);
                declared = document.at(headerPointer);
            }
            if (value == null) {
                if (declared.path("required").asBoolean(false)) {
                    errors.add("header " + header + " is required by the contract but missing");
                }
                continue;
            }
            JsonNode schema = resolve(declared.path("schema"));
            validate(strict, headerPointer + "/schema", scalar(value, schema), "header " + header, errors);
        }
        return errors;
    }

    private void body(Exchange exchange, JsonNode response, String responsePointer, List<String> errors) {
        byte[] body = exchange.responseBody();
        JsonNode content = response.path("content");
        if (body == null || body.length == 0) {
            if (content.size() > 0 && !exchange.method().equalsIgnoreCase("HEAD") && exchange.status() != 304) {
                errors.add("the body is empty; the contract describes " + fieldNames(content));
            }
            return;
        }
        String type = mediaType(exchange.responseContentType());
        if (!content.has(type)) {
            errors.add("a body of type '" + type + "' is not in the contract for " + exchange.status()
                    + (content.size() == 0 ? " (it describes no body)" : " (it describes " + fieldNames(content) + ")"));
            return;
        }
        if (type.endsWith("json")) {
            JsonNode json = parse(body, errors, "response body");
            if (json != null && content.get(type).has("schema")) {
                validate(strict, responsePointer + "/content/" + escape(type) + "/schema", json, "response body", errors);
            }
        }
    }

    /** A request outside the document may only be answered with a problem, as every unknown route is. */
    private List<String> outsideTheContract(Exchange exchange) {
        List<String> errors = new ArrayList<>();
        if (exchange.status() < 400) {
            errors.add("answered " + exchange.status() + " for an operation the contract does not have");
            return errors;
        }
        byte[] body = exchange.responseBody();
        if (body == null || body.length == 0) {
            return errors;
        }
        if (!mediaType(exchange.responseContentType()).equals("application/problem+json")) {
            errors.add("answered " + exchange.status() + " with '" + exchange.responseContentType() + "', not a problem");
            return errors;
        }
        JsonNode json = parse(body, errors, "response body");
        if (json != null && document.path("components").path("schemas").has("Problem")) {
            validate(strict, "/components/schemas/Problem", json, "response body", errors);
        }
        return errors;
    }

    // --- schemas ---

    private void validate(JsonSchemaFactory factory, String at, JsonNode value, String what, List<String> errors) {
        String id = BASE + name + (factory == strict ? "/response" : "/request");
        String pointer = referenced(at);
        JsonSchema schema = schemas.computeIfAbsent((factory == strict ? "s" : "l") + pointer,
                p -> factory.getSchema(SchemaLocation.of(id + "#" + pointer), config));
        for (ValidationMessage message : schema.validate(value)) {
            errors.add(what + ": " + message.getMessage());
        }
    }

    /**
     * Where a schema that is only a reference ({@code {"$ref": "#/components/schemas/Problem"}}) points, so that
     * the many places that name one component share one compiled schema: compiling one per place (every
     * operation's every problem status) held the merged document's components hundreds of times over.
     */
    private String referenced(String pointer) {
        String target = pointer;
        for (int hops = 0; hops < 10; hops++) {
            JsonNode node = document.at(target);
            if (node.isObject() && node.size() == 1 && node.path("$ref").asText().startsWith("#/")) {
                target = node.get("$ref").asText().substring(1);
            } else {
                break;
            }
        }
        return target;
    }

    private JsonNode resolve(JsonNode schema) {
        JsonNode current = schema;
        for (int hops = 0; current != null && current.has("$ref") && hops < 10; hops++) {
            current = document.at(current.get("$ref").asText().substring(1));
        }
        return current == null ? JsonNodeFactory.instance.objectNode() : current;
    }

    private static List<String> types(JsonNode schema) {
        List<String> types = new ArrayList<>();
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            type.forEach(t -> types.add(t.asText()));
        } else if (type.isTextual()) {
            types.add(type.asText());
        }
        return types;
    }

    private static JsonNode parse(byte[] body, List<String> errors, String what) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            errors.add(what + " is not JSON");
            return null;
        }
    }

    static Map<String, List<String>> parseQuery(String raw) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String key = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            query.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return query;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return text;
        }
    }

    private static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    private static String escape(String pointerPart) {
        return pointerPart.replace("~", "~0").replace("/", "~1");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** A path template of the document, matched segment by segment. */
    private static final class Template {
        final String path;
        final String[] segments;

        Template(String path) {
            this.path = path;
            this.segments = path.split("/", -1);
        }

        int literals() {
            int count = 0;
            for (String segment : segments) {
                count += segment.startsWith("{") ? 0 : 1;
            }
            return count;
        }

        boolean matches(String actual) {
            String[] parts = actual.split("/", -1);
            if (parts.length != segments.length) {
                return false;
            }
            for (int i = 0; i < parts.length; i++) {
                boolean parameter = segments[i].startsWith("{") && segments[i].endsWith("}");
                if (parameter ? parts[i].isEmpty() : !segments[i].equals(decode(parts[i]))) {
                    return false;
                }
            }
            return true;
        }
    }
}

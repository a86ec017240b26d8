package org.aicenter.platform.openapi;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes the API conventions into every service's OpenAPI document, from what the code already
 * says (its parameters, response types and status codes), so no resource copies them:
 * <ul>
 * <li>the problem responses ({@link ProblemResponses});</li>
 * <li>response headers where they are sent: {@code X-Request-Id} on every response, {@code ETag}
 * on every 2xx that answers a versioned resource (a schema with {@code version}), {@code Location}
 * on every 201, {@code Link} on every page ({@code items} and {@code totalPages}; a page's totals described),
 * {@code Retry-After} on 429 and 503, {@code Idempotent-Replayed} where an {@code Idempotency-Key}
 * is taken;</li>
 * <li>{@code If-Match} required wherever an operation takes it (428 without it, 412 when stale),
 * and {@code Idempotency-Key} described with its 24-hour rule;</li>
 * <li>list parameters typed as parsed: {@code page} and {@code size} with their bounds,
 * {@code updatedSince} as a date-time, {@code sort} as a comma-separated array of the fields the
 * list names in {@link #SORT_EXTENSION} (each also with {@code -}), enum parameters by
 * {@code $ref} alone;</li>
 * <li>{@code required} on every property of a response schema (Jackson writes a null as null), unless
 * the record lists its required properties itself ({@code @Schema(requiredProperties = ...)}, for
 * one whose {@code @JsonInclude(NON_NULL)} properties are left out when empty); schemas a request
 * body also uses keep what Bean Validation says, since a client may leave those properties out.</li>
 * </ul>
 */
public class ContractConventions implements OASFilter {

    /** On a list operation: its sort fields, comma-separated, the default first, e.g. {@code -createdAt,name,...}. */
    public static final String SORT_EXTENSION = "x-aic-sort";

    static final String IF_MATCH = "If-Match";
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final String SCHEMAS = "#/components/schemas/";
    private static final String HEADERS = "#/components/headers/";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        Components components = openAPI.getComponents() == null ? OASFactory.createComponents() : openAPI.getComponents();
        openAPI.setComponents(components);
        new ProblemResponses().filterOpenAPI(openAPI);
        addHeaders(components);
        Map<String, Schema> schemas = components.getSchemas() == null ? Map.of() : components.getSchemas();
        Set<String> fromResponses = new HashSet<>();
        Set<String> fromRequests = new HashSet<>();
        for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
            if (path.getValue().getOperations() == null) {
                continue;
            }
            for (Map.Entry<PathItem.HttpMethod, Operation> entry : path.getValue().getOperations().entrySet()) {
                Operation operation = entry.getValue();
                if (path.getKey().startsWith("/api/")) {
                    parameters(operation, schemas);
                    responses(operation, schemas);
                }
                collect(operation, schemas, fromResponses, fromRequests);
            }
        }
        for (Schema schema : schemas.values()) {
            if (schema.getProperties() != null) {
                schema.getProperties().values().forEach(ContractConventions::nullable);
                describePage(schema);
            }
        }
        for (String name : fromResponses) {
            Schema schema = schemas.get(name);
            if (schema != null) {
                requireProperties(schema, !fromRequests.contains(name));
            }
        }
    }

    /** A list envelope's totals: what they mean when the list stopped counting. */
    private static void describePage(Schema schema) {
        Map<String, Schema> properties = schema.getProperties();
        if (!properties.containsKey("items") || !properties.containsKey("totalItemsExact")) {
            return;
        }
        describe(properties.get("totalItems"), "How many items the list has: exact when totalItemsExact, else a lower bound "
                + "(a list stops counting past a limit, 1,000 items by default, or just past the requested page if that is further)");
        describe(properties.get("totalPages"), "Pages of this size: exact when totalItemsExact, else a lower bound");
        describe(properties.get("totalItemsExact"), "false when the list stopped counting: there are at least totalItems "
                + "items, and the Link header then has no last page; follow next until it is absent");
    }

    private static void describe(Schema property, String description) {
        if (property != null && property.getDescription() == null) {
            property.setDescription(description);
        }
    }

    private static void addHeaders(Components components) {
        header(components, "X-Request-Id", "The request's id (the caller's X-Request-Id when sane, else a new one); "
                + "every log line of the request carries it", OASFactory.createSchema().addType(Schema.SchemaType.STRING));
        header(components, "ETag", "The resource's version, \"<version>\": send it back in If-Match to change it",
                OASFactory.createSchema().addType(Schema.SchemaType.STRING).pattern("^\"[0-9]+\"$"));
        header(components, "Location", "Where the created resource is",
                OASFactory.createSchema().addType(Schema.SchemaType.STRING).format("uri-reference"));
        header(components, "Link", "RFC 8288 links: to a list's first, prev, next and last pages where there are such pages; "
                + "to a change feed's next read",
                OASFactory.createSchema().addType(Schema.SchemaType.STRING));
        header(components, "Retry-After", "Seconds to wait before trying again",
                OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).minimum(BigDecimal.ZERO));
        header(components, "Idempotent-Replayed", "true when this is the stored answer to an earlier request with the same Idempotency-Key",
                OASFactory.createSchema().addType(Schema.SchemaType.STRING).addEnumeration("true"));
    }

    private static void header(Components components, String name, String description, Schema schema) {
        if (components.getHeaders() == null || !components.getHeaders().containsKey(name)) {
            components.addHeader(name, OASFactory.createHeader().description(description).schema(schema));
        }
    }

    // --- parameters ---

    private static void parameters(Operation operation, Map<String, Schema> schemas) {
        Object sort = takeExtension(operation, SORT_EXTENSION);
        if (operation.getParameters() == null) {
            return;
        }
        for (Parameter parameter : operation.getParameters()) {
            if (parameter.getSchema() != null) {
                byRefAlone(parameter.getSchema());
                if (parameter.getSchema().getItems() != null) {
                    byRefAlone(parameter.getSchema().getItems());
                }
            }
            if (parameter.getIn() == Parameter.In.HEADER && IF_MATCH.equalsIgnoreCase(parameter.getName())) {
                parameter.setRequired(true);
                parameter.setDescription("The ETag last read (\"<version>\"). Required: without it the write is refused "
                        + "with 428; a stale one is refused with 412 and changes nothing.");
                parameter.setSchema(OASFactory.createSchema().addType(Schema.SchemaType.STRING));
            }
            if (parameter.getIn() == Parameter.In.HEADER && IDEMPOTENCY_KEY.equalsIgnoreCase(parameter.getName())) {
                parameter.setRequired(false);
                parameter.setDescription("Optional, for safe retries: the same key with the same body within 24 hours "
                        + "(per caller) answers the first response again (Idempotent-Replayed: true) instead of making a "
                        + "second record; the same key with another body is a 422.");
                parameter.setSchema(OASFactory.createSchema().addType(Schema.SchemaType.STRING).maxLength(200));
            }
            if (parameter.getIn() != Parameter.In.QUERY) {
                continue;
            }
            switch (parameter.getName()) {
                case "page" -> parameter.description("Page number, from 0").schema(OASFactory.createSchema()
                        .addType(Schema.SchemaType.INTEGER).format("int32").minimum(BigDecimal.ZERO).defaultValue(0));
                case "size" -> parameter.description("Items per page, 1-200").schema(OASFactory.createSchema()
                        .addType(Schema.SchemaType.INTEGER).format("int32").minimum(BigDecimal.ONE)
                        .maximum(BigDecimal.valueOf(200)).defaultValue(20));
                case "updatedSince" -> {
                    if (parameter.getDescription() == null) {
                        parameter.setDescription("Only items changed at or after this instant; with sort=updatedAt an "
                                + "integrator syncs incrementally");
                    }
                    parameter.setSchema(OASFactory.createSchema().addType(Schema.SchemaType.STRING).format("date-time"));
                }
                case "sort" -> {
                    if (sort != null) {
                        sortParameter(parameter, sort.toString());
                    }
                }
                default -> {
                }
            }
        }
    }

    /**
     * An operation-level extension; SmallRye puts a method's {@code @Extension} on the operation,
     * or on its responses (or one of them) where the method also declares some. Removed from the document once read.
     */
    private static Object takeExtension(Operation operation, String name) {
        Object value = null;
        if (operation.getExtensions() != null && operation.getExtensions().containsKey(name)) {
            value = operation.getExtensions().get(name);
            operation.removeExtension(name);
        }
        if (operation.getResponses() != null && operation.getResponses().getExtensions() != null
                && operation.getResponses().getExtensions().containsKey(name)) {
            value = value == null ? operation.getResponses().getExtensions().get(name) : value;
            operation.getResponses().removeExtension(name);
        }
        if (operation.getResponses() != null && operation.getResponses().getAPIResponses() != null) {
            for (APIResponse response : operation.getResponses().getAPIResponses().values()) {
                if (response.getExtensions() != null && response.getExtensions().containsKey(name)) {
                    value = value == null ? response.getExtensions().get(name) : value;
                    response.removeExtension(name);
                }
            }
        }
        return value;
    }

    /** {@code {"$ref": ..., "type": "object"}} admits no value in OpenAPI 3.1: a reference stands alone. */
    private static void byRefAlone(Schema schema) {
        if (schema.getRef() != null) {
            String ref = schema.getRef();
            schema.setType(null);
            schema.setRef(ref);
        }
    }

    private static void sortParameter(Parameter parameter, String fields) {
        List<String> names = List.of(fields.split(","));
        Schema items = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        for (String name : names) {
            String field = name.trim().startsWith("-") ? name.trim().substring(1) : name.trim();
            items.addEnumeration(field).addEnumeration("-" + field);
        }
        String plain = String.join(", ", names.stream().map(n -> n.trim().replaceFirst("^-", "")).toList());
        parameter.description("Sort fields, comma-separated, each ascending or with - for descending: " + plain
                + ". Default: " + names.get(0).trim() + ". Items with no value for a field come after the others ascending and "
                + "before them descending; ties are broken by id, in the direction of the last field.");
        parameter.style(Parameter.Style.FORM).explode(false);
        parameter.setExample(null);
        parameter.setSchema(OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).items(items).uniqueItems(true));
    }

    // --- responses ---

    private static void responses(Operation operation, Map<String, Schema> schemas) {
        if (operation.getResponses() == null || operation.getResponses().getAPIResponses() == null) {
            return;
        }
        boolean idempotent = takesHeader(operation, IDEMPOTENCY_KEY);
        for (Map.Entry<String, APIResponse> entry : operation.getResponses().getAPIResponses().entrySet()) {
            String code = entry.getKey();
            APIResponse response = entry.getValue();
            if (response.getRef() != null) {
                continue;
            }
            addHeader(response, "X-Request-Id");
            Schema body = resolve(jsonSchema(response), schemas);
            if (code.startsWith("2") && body != null && hasProperty(body, "version")) {
                addHeader(response, "ETag");
            }
            if (code.equals("201")) {
                addHeader(response, "Location");
            }
            if (code.equals("200") && body != null && (hasProperty(body, "items") && hasProperty(body, "totalPages")
                    || hasProperty(body, "events") && hasProperty(body, "next"))) {
                addHeader(response, "Link");
            }
            if (code.equals("429") || code.equals("503")) {
                addHeader(response, "Retry-After");
            }
            if (idempotent && code.startsWith("2")) {
                addHeader(response, "Idempotent-Replayed");
            }
        }
    }

    private static boolean takesHeader(Operation operation, String name) {
        return operation.getParameters() != null && operation.getParameters().stream()
                .anyMatch(p -> p.getIn() == Parameter.In.HEADER && name.equalsIgnoreCase(p.getName()));
    }

    private static void addHeader(APIResponse response, String name) {
        if (response.getHeaders() == null || !response.getHeaders().containsKey(name)) {
            response.addHeader(name, OASFactory.createHeader().ref(HEADERS + name));
        } else {
            Header existing = response.getHeaders().get(name);
            if (existing.getRef() == null) {
                response.addHeader(name, OASFactory.createHeader().ref(HEADERS + name));
            }
        }
    }

    private static Schema jsonSchema(APIResponse response) {
        Content content = response.getContent();
        if (content == null || content.getMediaTypes() == null) {
            return null;
        }
        MediaType json = content.getMediaTypes().get("application/json");
        return json == null ? null : json.getSchema();
    }

    private static Schema resolve(Schema schema, Map<String, Schema> schemas) {
        Schema current = schema;
        for (int hops = 0; current != null && current.getRef() != null && hops < 10; hops++) {
            String ref = current.getRef();
            current = ref.startsWith(SCHEMAS) ? schemas.get(ref.substring(SCHEMAS.length())) : null;
        }
        return current;
    }

    private static boolean hasProperty(Schema schema, String name) {
        return schema.getProperties() != null && schema.getProperties().containsKey(name);
    }

    /**
     * A nullable reference is {@code anyOf [ref, null]}; a type beside it would narrow both alternatives.
     * A nullable property with an enumeration lists null among its values: {@code enum} alone decides
     * what is valid, so {@code type: [string, null]} with {@code enum: [zh, en]} would refuse the null.
     */
    private static void nullable(Schema property) {
        if (property.getAnyOf() != null && property.getType() != null) {
            property.setType(null);
        }
        if (property.getType() != null && property.getType().contains(Schema.SchemaType.NULL)
                && property.getEnumeration() != null && !property.getEnumeration().contains(null)) {
            List<Object> values = new ArrayList<>(property.getEnumeration());
            values.add(null);
            property.setEnumeration(values);
        }
    }

    // --- required properties ---

    /** The component schemas each operation's responses and request bodies reach, transitively. */
    private static void collect(Operation operation, Map<String, Schema> schemas, Set<String> fromResponses,
                                Set<String> fromRequests) {
        if (operation.getResponses() != null && operation.getResponses().getAPIResponses() != null) {
            for (APIResponse response : operation.getResponses().getAPIResponses().values()) {
                if (response.getContent() != null && response.getContent().getMediaTypes() != null) {
                    response.getContent().getMediaTypes().values().forEach(m -> reach(m.getSchema(), schemas, fromResponses));
                }
            }
        }
        if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null
                && operation.getRequestBody().getContent().getMediaTypes() != null) {
            operation.getRequestBody().getContent().getMediaTypes().values()
                    .forEach(m -> reach(m.getSchema(), schemas, fromRequests));
        }
    }

    private static void reach(Schema root, Map<String, Schema> schemas, Set<String> reached) {
        Deque<Schema> todo = new ArrayDeque<>();
        if (root != null) {
            todo.push(root);
        }
        while (!todo.isEmpty()) {
            Schema schema = todo.pop();
            if (schema.getRef() != null && schema.getRef().startsWith(SCHEMAS)) {
                String name = schema.getRef().substring(SCHEMAS.length());
                if (reached.add(name) && schemas.get(name) != null) {
                    todo.push(schemas.get(name));
                }
            }
            children(schema).forEach(todo::push);
        }
    }

    private static List<Schema> children(Schema schema) {
        List<Schema> children = new ArrayList<>();
        if (schema.getProperties() != null) {
            children.addAll(schema.getProperties().values());
        }
        if (schema.getItems() != null) {
            children.add(schema.getItems());
        }
        if (schema.getAdditionalPropertiesSchema() != null) {
            children.add(schema.getAdditionalPropertiesSchema());
        }
        for (List<Schema> list : new ArrayList<>(java.util.Arrays.asList(schema.getAllOf(), schema.getAnyOf(), schema.getOneOf()))) {
            if (list != null) {
                children.addAll(list);
            }
        }
        return children;
    }

    /**
     * A response schema's properties are always in the JSON (Jackson writes a null as null), so
     * each is required. A schema that already lists what it requires (a class-level
     * {@code requiredProperties}) is taken at its word.
     */
    private static void requireProperties(Schema schema, boolean responseOnly) {
        if (schema.getProperties() == null) {
            return;
        }
        Set<String> required = new LinkedHashSet<>(schema.getRequired() == null ? List.of() : schema.getRequired());
        boolean declared = !required.isEmpty() && responseOnly;
        if (responseOnly && !declared) {
            required.addAll(schema.getProperties().keySet());
        }
        schema.setRequired(required.isEmpty() ? null : new ArrayList<>(required));
    }
}

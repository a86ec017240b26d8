package org.aicenter.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.RestAssured;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The committed OpenAPI contracts in {@code contracts/<service>.json} at the repository root.
 * A service's test compares its live document with the committed one, so a change to the API is
 * a deliberate, reviewed change of the contract; {@code -Daic.contract.update=true} rewrites it.
 */
public final class Contracts {

    public static final String UPDATE_PROPERTY = "aic.contract.update";
    private static final String SCHEMA_REF = "#/components/schemas/";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private Contracts() {
    }

    /** {@code contracts/<service>.json}, found from the module folder the tests run in. */
    public static Path file(String service) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("contracts"))) {
            if (Files.exists(dir.resolve("mvnw"))) {
                return dir.resolve("contracts").resolve(service + ".json");
            }
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no contracts folder above " + Path.of("").toAbsolutePath());
        }
        return dir.resolve("contracts").resolve(service + ".json");
    }

    public static JsonNode committed(String service) {
        try {
            return JSON.readTree(file(service).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the committed contract of " + service, e);
        }
    }

    /**
     * The contract in {@code file} made whole: component schemas it names but does not define are
     * copied from the contracts beside it (the gateway's document names the services' schemas of the
     * parts its views pass on, as the merged document has them), with what those name in turn.
     */
    public static JsonNode selfContained(Path file) {
        try {
            ObjectNode document = (ObjectNode) JSON.readTree(file.toFile());
            ObjectNode schemas = document.withObject("/components/schemas");
            java.util.Deque<String> missing = new java.util.ArrayDeque<>(namedSchemas(document));
            java.util.List<JsonNode> siblings = new java.util.ArrayList<>();
            if (!missing.stream().allMatch(schemas::has)) {
                try (var files = Files.list(file.getParent())) {
                    for (Path other : (Iterable<Path>) files.sorted()::iterator) {
                        if (other.toString().endsWith(".json") && !other.equals(file)) {
                            siblings.add(JSON.readTree(other.toFile()).path("components").path("schemas"));
                        }
                    }
                }
            }
            while (!missing.isEmpty()) {
                String name = missing.pop();
                if (schemas.has(name)) {
                    continue;
                }
                JsonNode found = siblings.stream().filter(s -> s.has(name)).map(s -> s.get(name)).findFirst()
                        .orElseThrow(() -> new AssertionError(file + " names the schema " + name
                                + ", which neither it nor a contract beside it defines"));
                schemas.set(name, found.deepCopy());
                missing.addAll(namedSchemas(found));
            }
            return document;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static java.util.Set<String> namedSchemas(JsonNode node) {
        java.util.Set<String> names = new java.util.TreeSet<>();
        node.findValues("$ref").forEach(ref -> {
            if (ref.asText().startsWith(SCHEMA_REF)) {
                names.add(ref.asText().substring(SCHEMA_REF.length()));
            }
        });
        return names;
    }

    /** The running service's document, fetched through RestAssured's configured port. */
    public static JsonNode live() {
        String body = RestAssured.given().accept("application/json").get("/q/openapi?format=json")
                .then().statusCode(200).extract().asString();
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The running service's document equals {@code contracts/<service>.json}, or, with
     * {@code -Daic.contract.update=true}, becomes it.
     */
    public static void assertLiveIsCommitted(String service) {
        JsonNode live = live();
        if (updateIfAsked(service, live)) {
            return;
        }
        org.junit.jupiter.api.Assertions.assertEquals(committed(service), live, service + "'s API differs from contracts/"
                + service + ".json; if the change is deliberate, regenerate it with -D" + UPDATE_PROPERTY
                + "=true and review the diff");
    }

    /**
     * {@code contracts/<service>.json} does not break a client of {@code contracts/released/<service>.json}
     * unless its major version is new (see {@link org.aicenter.testing.contract.Compatibility}).
     */
    public static org.aicenter.testing.contract.Compatibility.Verdict assertReleasable(String service) {
        return org.aicenter.testing.contract.Compatibility.assertReleasable(file(service));
    }

    /** Every operation has a summary, a problem+json 400, and a problem+json 401 where it needs a token. */
    public static void assertOperationsDocumented() {
        JsonNode paths = live().path("paths");
        org.junit.jupiter.api.Assertions.assertTrue(paths.size() > 0, "the document has no paths");
        paths.fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            JsonNode operation = op.getValue();
            if (!operation.isObject() || !operation.has("responses")) {
                return;
            }
            String where = op.getKey().toUpperCase() + " " + path.getKey();
            org.junit.jupiter.api.Assertions.assertTrue(operation.hasNonNull("summary"), where + " has no summary");
            org.junit.jupiter.api.Assertions.assertTrue(operation.hasNonNull("operationId"), where + " has no operationId");
            org.junit.jupiter.api.Assertions.assertTrue(
                    operation.path("responses").path("400").path("content").has("application/problem+json"),
                    where + " documents no problem+json 400");
            boolean secured = operation.path("security").size() > 0
                    && operation.path("security").findValues("bearer").size() == operation.path("security").size();
            if (secured) {
                org.junit.jupiter.api.Assertions.assertTrue(
                        operation.path("responses").path("401").path("content").has("application/problem+json"),
                        where + " needs a token but documents no problem+json 401");
            }
        }));
    }

    /** Rewrites the committed contract when asked to; answers whether it did. */
    public static boolean updateIfAsked(String service, JsonNode live) {
        if (!Boolean.getBoolean(UPDATE_PROPERTY)) {
            return false;
        }
        try {
            Path file = file(service);
            Files.createDirectories(file.getParent());
            Object canonical = JSON.treeToValue(live, Object.class);
            Files.writeString(file, JSON.writeValueAsString(canonical) + "\n");
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

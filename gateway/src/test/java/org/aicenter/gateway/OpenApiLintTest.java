package org.aicenter.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.aicenter.gateway.openapi.MergedOpenApi;
import org.aicenter.testing.Commands;
import org.aicenter.testing.NodeTools;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The merged document passes Redocly's recommended OpenAPI rules with no errors. */
@QuarkusTest
@WithTestResource(value = StubServices.class, scope = TestResourceScope.GLOBAL)
class OpenApiLintTest {

    private static final Path OUT = Path.of("target", "openapi");

    @Inject
    MergedOpenApi merged;

    @Test
    void theDocumentServedAtOpenapiLintsClean() throws Exception {
        Files.createDirectories(OUT);
        Path file = OUT.resolve("merged-from-test-services.json");
        Files.writeString(file, given().when().get("/openapi").then().statusCode(200).extract().asString());
        assertClean(file);
    }

    @Test
    void theCommittedContractsMergedLintClean() throws Exception {
        Files.createDirectories(OUT);
        Path file = OUT.resolve("merged-from-committed-contracts.json");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), merged.committedContractsOnly());
        assertClean(file);
    }

    /**
     * A property that may be null and has an enumeration lists null among the values: in JSON Schema
     * {@code enum} alone decides, so {@code type: [string, null]} with {@code enum: [zh, en]} refuses
     * the null that the type admits (notification-service's mail language was such a one).
     */
    @Test
    void everyNullablePropertyWithAnEnumerationListsNull() throws Exception {
        com.fasterxml.jackson.databind.JsonNode document = new ObjectMapper().valueToTree(merged.committedContractsOnly());
        java.util.List<String> refusing = new java.util.ArrayList<>();
        walk(document, "", refusing);
        assertEquals(java.util.List.of(), refusing, "nullable with an enum that leaves null out");
    }

    private static void walk(com.fasterxml.jackson.databind.JsonNode node, String at, java.util.List<String> refusing) {
        if (node.isObject()) {
            com.fasterxml.jackson.databind.JsonNode type = node.path("type");
            boolean nullable = type.isArray() && java.util.stream.StreamSupport.stream(type.spliterator(), false)
                    .anyMatch(t -> t.asText().equals("null"));
            if (nullable && node.path("enum").isArray() && java.util.stream.StreamSupport
                    .stream(node.path("enum").spliterator(), false).noneMatch(com.fasterxml.jackson.databind.JsonNode::isNull)) {
                refusing.add(at + " " + node.path("enum"));
            }
            node.fields().forEachRemaining(e -> walk(e.getValue(), at + "/" + e.getKey(), refusing));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), at + "/" + i, refusing);
            }
        }
    }

    private static void assertClean(Path file) throws Exception {
        Commands.Result result = RedoclyLint.lint(file);
        System.out.println("redocly lint " + file + ":\n" + result.output());
        assertEquals(0, result.exitCode(), "redocly lint found errors in " + file + ":\n" + result.output());
    }
}

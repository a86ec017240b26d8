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

    private static void assertClean(Path file) throws Exception {
        Commands.Result result = RedoclyLint.lint(file);
        System.out.println("redocly lint " + file + ":\n" + result.output());
        assertEquals(0, result.exitCode(), "redocly lint found errors in " + file + ":\n" + result.output());
    }
}

package org.aicenter.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.aicenter.gateway.openapi.MergedOpenApi;
import org.aicenter.testing.Commands;
import org.aicenter.testing.NodeTools;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The console against the contract and in its budget. Its TypeScript is type-checked strictly
 * against types generated (openapi-typescript) from the merged committed contracts, so a contract
 * change that breaks the console fails here; its logic's unit tests run with Node's test runner;
 * the gateway serves its page at / and at every path of the app, and its first-load JavaScript
 * stays within 350 KB gzipped. The bundle itself is built by the Web Bundler, without Node.
 */
@QuarkusTest
@WithTestResource(value = StubServices.class, scope = TestResourceScope.GLOBAL)
class ConsoleTest {

    static final long FIRST_LOAD_BUDGET = 350 * 1024;
    private static final Path SOURCES = Path.of("src", "main", "resources", "web", "app").toAbsolutePath();
    private static final Path CHECKS = Path.of("src", "test", "console").toAbsolutePath();
    private static final Path OUT = Path.of("target", "console").toAbsolutePath();
    private static final Path TOOLS = Path.of("target", "console-tools").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    MergedOpenApi merged;

    @Test
    void theConsoleTypeChecksStrictlyAgainstTheMergedContract() throws IOException {
        Path types = contractTypes();
        ObjectNode config = compilerOptions(types);
        config.with("compilerOptions").put("noEmit", true);
        config.putArray("include").add(SOURCES + "/**/*.ts").add(SOURCES + "/**/*.tsx");
        Path tsconfig = OUT.resolve("tsconfig.check.json");
        JSON.writerWithDefaultPrettyPrinter().writeValue(tsconfig.toFile(), config);
        Commands.Result check = tool("tsc", "-p", tsconfig.toString());
        System.out.println("tsc --strict over the console:\n" + check.output());
        assertEquals(0, check.exitCode(), "the console does not type-check against the merged contract:\n" + check.output());
    }

    @Test
    void theConsolesLogicPassesItsUnitTests() throws IOException {
        Path types = contractTypes();
        ObjectNode config = compilerOptions(types);
        Path compiled = OUT.resolve("unit");
        config.with("compilerOptions").put("module", "commonjs").put("moduleResolution", "node10").put("esModuleInterop", true)
                .put("outDir", compiled.toString()).put("rootDir", Path.of("src").toAbsolutePath().toString());
        config.putArray("include").add(SOURCES + "/lib/*.ts").add(CHECKS + "/*.test.ts");
        Path tsconfig = OUT.resolve("tsconfig.unit.json");
        JSON.writerWithDefaultPrettyPrinter().writeValue(tsconfig.toFile(), config);
        Commands.Result build = tool("tsc", "-p", tsconfig.toString());
        assertEquals(0, build.exitCode(), "the unit tests do not compile:\n" + build.output());
        Commands.Result run = NodeTools.run(List.of("node", "--test", "--test-reporter=spec",
                compiled.resolve("test/console/logic.test.js").toString()), OUT, Duration.ofMinutes(5), Map.of("TZ", "America/Los_Angeles"));
        System.out.println("node --test (browser zone America/Los_Angeles, center Asia/Shanghai):\n" + run.output());
        assertEquals(0, run.exitCode(), "the console's unit tests failed:\n" + run.output());
        assertTrue(run.output().contains("fail 0"), run.output());
    }

    @Test
    void theGatewayServesTheConsoleWithinItsBudget() throws IOException {
        String page = given().get("/").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("<div id=\"root\"></div>")).body(not(containsString("<script>")))
                .extract().asString();
        for (String deep : List.of("/partners", "/partners/01a22026-0000-7000-8000-000000000001?tab=x", "/projects/x",
                "/training", "/certificates/CERT-1", "/sign-in")) {
            given().get(deep).then().statusCode(200).contentType(containsString("text/html"))
                    .body(containsString("<div id=\"root\"></div>"));
        }
        given().get("/swagger-ui/").then().statusCode(200);
        Matcher scripts = Pattern.compile("<script[^>]*src=\"([^\"]+)\"").matcher(page);
        long gzipped = 0;
        int count = 0;
        while (scripts.find()) {
            byte[] script = given().get(scripts.group(1)).then().statusCode(200).extract().asByteArray();
            gzipped += gzip(script);
            count++;
        }
        System.out.printf("console first-load JavaScript: %d file(s), %.1f KB gzipped (budget %d KB)%n", count,
                gzipped / 1024.0, FIRST_LOAD_BUDGET / 1024);
        assertTrue(count > 0, "the console's page names no script");
        assertTrue(gzipped <= FIRST_LOAD_BUDGET, "first-load JavaScript is " + gzipped + " bytes gzipped, over the budget");
    }

    @Test
    void signInOffersNoRolePickerUnlessTheLocalIssuerIsOn() {
        given().get("/console/config").then().statusCode(200)
                .body("localSignIn", org.hamcrest.Matchers.is(false))
                .body("roles", org.hamcrest.Matchers.empty());
        given().contentType("application/json").body("{\"role\":\"admin\"}").post("/console/local-token")
                .then().statusCode(404).contentType("application/problem+json");
    }

    private Path contractTypes() throws IOException {
        Files.createDirectories(OUT);
        Path contract = OUT.resolve("contract.json");
        JSON.writerWithDefaultPrettyPrinter().writeValue(contract.toFile(), merged.committedContractsOnly());
        Path types = OUT.resolve("contract.d.ts");
        Commands.Result generated = tool("openapi-typescript", contract.toString(), "-o", types.toString());
        assertEquals(0, generated.exitCode(), "openapi-typescript failed:\n" + generated.output());
        return types;
    }

    private static ObjectNode compilerOptions(Path types) {
        ObjectNode config = JSON.createObjectNode();
        Path modules = TOOLS.resolve("node_modules");
        ObjectNode options = config.putObject("compilerOptions")
                .put("strict", true).put("target", "ES2022").put("module", "ESNext").put("moduleResolution", "bundler")
                .put("jsx", "react-jsx").put("skipLibCheck", true).put("noUnusedLocals", true).put("noUnusedParameters", true)
                .put("noFallthroughCasesInSwitch", true).put("forceConsistentCasingInFileNames", true)
                .put("baseUrl", TOOLS.toString());
        options.set("types", JSON.createArrayNode().add("node"));
        ObjectNode paths = options.putObject("paths");
        paths.set("@aic/contract", JSON.createArrayNode().add(types.toString()));
        paths.set("*", JSON.createArrayNode().add(modules + "/*").add(modules + "/@types/*"));
        config.with("compilerOptions").set("typeRoots", JSON.createArrayNode().add(modules.resolve("@types").toString()));
        config.with("compilerOptions").set("lib", JSON.createArrayNode().add("ES2022").add("DOM").add("DOM.Iterable"));
        return config;
    }

    private static Commands.Result tool(String name, String... args) {
        Path folder = NodeTools.install(CHECKS.resolve("package.json"), TOOLS);
        List<String> command = new java.util.ArrayList<>(List.of(NodeTools.bin(folder, name).toString()));
        command.addAll(List.of(args));
        return NodeTools.run(command, OUT, Duration.ofMinutes(5), Map.of());
    }

    private static long gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        }
        return out.size();
    }
}

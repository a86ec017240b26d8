package org.aicenter.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import org.aicenter.testing.Commands;
import org.aicenter.testing.NodeTools;
import org.aicenter.testing.contract.ContractChecks;
import org.aicenter.testing.contract.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a front-end developer gets from the merged contract: TypeScript types generated from the
 * running gateway's {@code GET /openapi} by openapi-typescript, and src/test/client/story.mts, a
 * client written with openapi-fetch against them, compiled by {@code tsc --strict} (its tsconfig
 * there) and run with Node against the real system: a partner created and activated, a filtered
 * list, a project made ACTIVE, a programme published and filled onto its waitlist, a certificate
 * verified without a token, the partner's overview, the dashboard summary and a typed 400
 * problem. The story checks every answer; each of its exchanges is also validated against the
 * merged contract here. The pinned npm packages are installed by the build into target/typed-client.
 */
@ExtendWith(SystemUnderTest.class)
class TypedClientIT {

    private static final Path SOURCES = Path.of("src", "test", "client").toAbsolutePath();
    private static final Path WORK = Path.of("target", "typed-client").toAbsolutePath();
    private static final Duration STEP = Duration.ofMinutes(5);

    /**
     * Escapes from the types, which the story may not use: {@code any}, {@code as} casts, angle-bracket
     * casts, non-null assertions, and comments that switch the checker off. ({@code @ts-expect-error}
     * is allowed: it fails the compilation when the line it marks compiles.)
     */
    static final Map<String, Pattern> ESCAPES = Map.of(
            "the any type", Pattern.compile("\\bany\\b"),
            "an 'as' cast", Pattern.compile("\\sas\\s"),
            "an angle-bracket cast", Pattern.compile("(^|[=(,:?]|\\breturn)\\s*<[A-Za-z][^<>]*>\\s*[\\w(\\[{\"'`]"),
            "a non-null assertion", Pattern.compile("[\\w)\\]]!(\\.|\\)|;|,|\\[)"),
            "a checker switched off", Pattern.compile("@ts-ignore|@ts-nocheck|eslint-disable"));

    @Test
    void theStoryUsesNoEscapeFromTheTypes() throws IOException {
        List<String> found = escapes(Files.readString(SOURCES.resolve("story.mts")));
        assertTrue(found.isEmpty(), "story.mts escapes the contract's types:\n" + String.join("\n", found));
        // The check itself must see what it forbids.
        assertEquals(5, escapes("const a: any = b as C;\nconst d = <E>f;\ng!.h;\n// @ts-ignore\n").stream()
                .map(line -> line.substring(0, line.indexOf(':'))).distinct().count(), "every escape is recognised");
    }

    @Test
    void aClientTypedByTheMergedContractCompilesStrictlyAndTellsTheWholeStory() throws IOException {
        RunningSystem system = SystemUnderTest.system();
        Path tools = NodeTools.install(SOURCES.resolve("package.json"), WORK);
        Http.Reply document = ContractChecked.gateway(system, Duration.ofSeconds(30)).get("/openapi", null);
        assertEquals(200, document.status(), () -> "GET /openapi: " + document);
        Files.writeString(WORK.resolve("contract.json"), document.body());
        for (String file : List.of("story.mts", "tsconfig.json")) {
            Files.copy(SOURCES.resolve(file), WORK.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        RunningSystem.deleteTree(WORK.resolve("out"));

        Commands.Result generated = tool(tools, "openapi-typescript", "contract.json", "-o", "contract.d.ts");
        assertEquals(0, generated.exitCode(), "openapi-typescript cannot generate types from GET /openapi:\n" + generated.output());
        Commands.Result compiled = tool(tools, "tsc", "-p", "tsconfig.json");
        System.out.println("tsc --strict over the typed client story:\n" + compiled.output());
        assertEquals(0, compiled.exitCode(), "the client story does not compile against the merged contract:\n" + compiled.output());

        Path exchanges = WORK.resolve("exchanges.jsonl");
        Files.deleteIfExists(exchanges);
        String token = system.token("typed-client", "admin");
        Commands.Result story = NodeTools.run(List.of("node", WORK.resolve("out/story.mjs").toString()), WORK, STEP,
                Map.of("AIC_GATEWAY_URL", system.gatewayUrl(), "AIC_TOKEN", token, "AIC_EXCHANGES", exchanges.toString()));
        System.out.println("the typed client story:\n" + story.output());
        assertEquals(0, story.exitCode(), "the typed client story failed:\n" + story.output());
        assertTrue(story.output().contains("all checks passed"), story.output());

        int checked = checkAgainstTheContract(ContractChecked.checks(system), exchanges);
        System.out.println("the story's " + checked + " exchanges match the merged contract");
        assertTrue(checked >= 20, "the story recorded only " + checked + " exchanges");
    }

    /** Every exchange the story recorded, validated as the Java clients' exchanges are; answers how many. */
    private static int checkAgainstTheContract(ContractChecks checks, Path recorded) throws IOException {
        int count = 0;
        for (String line : Files.readAllLines(recorded, StandardCharsets.UTF_8)) {
            JsonNode e = Http.JSON.readTree(line);
            Map<String, List<String>> sent = headers(e.path("requestHeaders"));
            Map<String, List<String>> answered = headers(e.path("responseHeaders"));
            String requestBody = e.path("requestBody").isNull() ? null : e.path("requestBody").asText();
            checks.check(new Exchange(e.path("method").asText(), e.path("path").asText(),
                    e.path("query").isNull() ? null : e.path("query").asText(), sent, first(sent, "content-type"),
                    requestBody == null ? null : requestBody.getBytes(StandardCharsets.UTF_8), e.path("status").asInt(),
                    answered, first(answered, "content-type"), e.path("responseBody").asText().getBytes(StandardCharsets.UTF_8)));
            count++;
        }
        return count;
    }

    private static Map<String, List<String>> headers(JsonNode object) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        object.fields().forEachRemaining(field -> headers.put(field.getKey(), List.of(field.getValue().asText())));
        return headers;
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null ? null : values.get(0);
    }

    static List<String> escapes(String source) {
        List<String> found = new ArrayList<>();
        String[] lines = source.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            for (Map.Entry<String, Pattern> escape : ESCAPES.entrySet()) {
                Matcher matcher = escape.getValue().matcher(lines[i]);
                if (matcher.find()) {
                    found.add(escape.getKey() + ": line " + (i + 1) + ": " + lines[i].strip());
                }
            }
        }
        return found;
    }

    private static Commands.Result tool(Path tools, String name, String... args) {
        List<String> command = new ArrayList<>(List.of(NodeTools.bin(tools, name).toString()));
        command.addAll(List.of(args));
        return NodeTools.run(command, WORK, STEP, Map.of());
    }
}

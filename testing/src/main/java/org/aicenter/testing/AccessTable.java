package org.aicenter.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.aicenter.platform.tokens.Roles;
import org.junit.jupiter.api.DynamicTest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The roles × operations table of {@code docs/security.md}, tried cell by cell through HTTP: for
 * one application, the table's section must list exactly the operations of its live contract,
 * name the same roles as the contract's security requirements, and every cell must hold: where
 * the table allows the role (or anonymous callers) the answer is neither 401 nor 403 (a 400, 404
 * or 428 for the made-up ids and empty bodies is expected, never a 5xx); where it does not, the
 * answer is 403 (401 without a token). The ids are random and the bodies empty, so no cell writes
 * anything.
 */
public final class AccessTable {

    public static final String ANONYMOUS = "anonymous";
    /** The table's columns after the operation, in order. */
    public static final List<String> COLUMNS = columns();
    private static final Path TABLE = Path.of("..", "docs", "security.md");
    private static final String ALLOWED = "✓";
    private static final ObjectMapper JSON = new ObjectMapper();

    private AccessTable() {
    }

    /** One row: an operation and who may call it ({@link #ANONYMOUS} for no token at all). */
    public record Row(String method, String path, Set<String> allowed) {
        String name() {
            return method + " " + path;
        }
    }

    /** The rows under the heading {@code ### <application>} of docs/security.md. */
    public static List<Row> rows(String application) {
        List<String> lines;
        try {
            lines = Files.readAllLines(TABLE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + TABLE.toAbsolutePath(), e);
        }
        List<Row> rows = new ArrayList<>();
        boolean inSection = false;
        for (String line : lines) {
            if (line.startsWith("### ")) {
                inSection = line.substring(4).trim().equals(application);
                continue;
            }
            if (!inSection || !line.startsWith("| `")) {
                continue;
            }
            String[] cells = line.split("\\|");
            String operation = cells[1].trim().replace("`", "");
            String[] parts = operation.split(" ", 2);
            Set<String> allowed = new LinkedHashSet<>();
            for (int i = 0; i < COLUMNS.size(); i++) {
                if (cells[i + 2].trim().equals(ALLOWED)) {
                    allowed.add(COLUMNS.get(i));
                }
            }
            rows.add(new Row(parts[0], parts[1], allowed));
        }
        if (rows.isEmpty()) {
            throw new IllegalStateException(TABLE + " has no rows under ### " + application);
        }
        return rows;
    }

    /**
     * The table checked against the live contract ({@code contractPath} of the application under
     * test), then one test per cell.
     */
    public static List<DynamicTest> cells(String application, String contractPath) {
        List<Row> rows = rows(application);
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(DynamicTest.dynamicTest(application + ": the table lists the contract's operations and roles",
                () -> matchesContract(rows, contract(contractPath))));
        for (Row row : rows) {
            for (String caller : COLUMNS) {
                boolean allowed = row.allowed().contains(caller);
                tests.add(DynamicTest.dynamicTest(row.name() + " as " + caller + (allowed ? ": allowed" : ": refused"),
                        () -> tryCell(row, caller, allowed)));
            }
        }
        return tests;
    }

    private static JsonNode contract(String path) throws IOException {
        return JSON.readTree(given().accept("application/json").get(path).then().statusCode(200).extract().asByteArray());
    }

    static void matchesContract(List<Row> rows, JsonNode contract) {
        Map<String, Set<String>> declared = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> paths = contract.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            Iterator<Map.Entry<String, JsonNode>> operations = path.getValue().fields();
            while (operations.hasNext()) {
                Map.Entry<String, JsonNode> operation = operations.next();
                String method = operation.getKey().toUpperCase(Locale.ROOT);
                if (!List.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) {
                    continue;
                }
                declared.put(method + " " + path.getKey(), callersOf(operation.getValue().path("security")));
            }
        }
        Map<String, Set<String>> tabled = new LinkedHashMap<>();
        rows.forEach(row -> tabled.put(row.name(), new TreeSet<>(row.allowed())));
        assertEquals(new TreeSet<>(declared.keySet()), new TreeSet<>(tabled.keySet()),
                "the table's operations are the contract's");
        declared.forEach((operation, callers) -> assertEquals(new TreeSet<>(callers), tabled.get(operation),
                operation + ": the contract's roles are the table's"));
    }

    /**
     * An operation with no requirement is open to every caller; an empty requirement admits callers without a
     * token, and the other requirements list the roles a token must have (an operation that is public but
     * narrower for tokens, such as self-enrolment, lists both); an empty requirement alone admits everyone.
     */
    private static Set<String> callersOf(JsonNode security) {
        Set<String> callers = new TreeSet<>();
        if (security.isMissingNode() || security.isEmpty()) {
            callers.addAll(COLUMNS);
            return callers;
        }
        boolean open = false;
        for (JsonNode requirement : security) {
            open |= requirement.isEmpty();
            requirement.fields().forEachRemaining(scheme -> scheme.getValue().forEach(role -> callers.add(role.asText())));
        }
        if (open) {
            if (callers.isEmpty()) {
                callers.addAll(COLUMNS);
            }
            callers.add(ANONYMOUS);
        }
        return callers;
    }

    private static void tryCell(Row row, String caller, boolean allowed) {
        RequestSpecification request = given().redirects().follow(false);
        if (!caller.equals(ANONYMOUS)) {
            request.header("Authorization", TestTokens.bearer(caller));
        }
        String method = row.method();
        if (List.of("POST", "PUT", "PATCH").contains(method)) {
            request.contentType(method.equals("PATCH") ? "application/merge-patch+json" : "application/json").body("{}");
        }
        if (List.of("PUT", "PATCH", "DELETE").contains(method) || row.path().endsWith("/transitions")) {
            request.header("If-Match", "\"0\"");
        }
        String path = row.path().replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
        Response answer = request.request(method, path);
        int status = answer.statusCode();
        String seen = row.name() + " as " + caller + ": " + status + " " + answer.asString();
        if (allowed) {
            assertTrue(status != 401 && status != 403 && status < 500, seen);
        } else {
            assertEquals(caller.equals(ANONYMOUS) ? 401 : 403, status, seen);
        }
    }

    private static List<String> columns() {
        List<String> columns = new ArrayList<>();
        columns.add(ANONYMOUS);
        columns.addAll(List.of(Roles.ALL));
        return List.copyOf(columns);
    }
}

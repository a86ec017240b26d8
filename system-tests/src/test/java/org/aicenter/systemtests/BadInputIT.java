package org.aicenter.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.aicenter.systemtests.badinput.Contract;
import org.aicenter.systemtests.badinput.Fixtures;
import org.aicenter.systemtests.badinput.Mutations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every operation of the merged OpenAPI document, as the gateway serves it, gets what a careless or
 * hostile client sends (see {@link Mutations} for bodies; paths, queries, headers and tokens here).
 * Every answer must be a 4xx problem+json, or a 2xx where the input is valid after all; never a
 * 5xx, never a hang. A create that succeeds is deleted again at once, and afterwards every table of
 * every database holds as many rows as before (the idempotency store may keep one row per accepted
 * keyed request, and is checked against that count).
 */
@ExtendWith(SystemUnderTest.class)
class BadInputIT {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);
    private static final String STALE_ETAG = "\"987654321\"";
    private static final int THREADS = 3;
    private static final List<String> ALL_ROLES = List.of("admin", "partner-manager", "project-manager",
            "training-coordinator", "viewer", "integrator");
    /** Text that only an internal failure puts in a body: class names, stack frames, SQL states. */
    private static final List<String> LEAKS = List.of("Exception", "\tat ", "org.hibernate", "org.postgresql",
            "java.lang", "jakarta.", "io.quarkus", "io.vertx", "SQLState", "ERROR: ", "com.fasterxml");

    private final RunningSystem system = SystemUnderTest.system();
    private final Http gateway = ContractChecked.gateway(system, REQUEST_TIMEOUT);
    private final String admin = system.bearer("bad-input-admin", "admin");
    private final List<String> findings = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, AtomicInteger> byStatus = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> perOperation = new ConcurrentHashMap<>();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger malformedTargets = new AtomicInteger();
    private final AtomicInteger retried = new AtomicInteger();
    private final AtomicInteger keyedAccepted = new AtomicInteger();
    private Fixtures fixtures;
    private Contract contract;
    private Mutations mutations;

    @Test
    void everyOperationAnswersBadInputWithA4xxProblemAndChangesNothing() throws Exception {
        long began = System.nanoTime();
        java.nio.file.Files.deleteIfExists(java.nio.file.Path.of("target", "bad-input-findings.txt"));
        Http.Reply document = gateway.get("/openapi", null);
        assertEquals(200, document.status(), () -> "GET /openapi: " + document);
        JsonNode openapi = document.json();
        openapi.path("x-aic-sources").fields().forEachRemaining(source -> assertTrue(
                Set.of("live", "gateway").contains(source.getValue().path("source").asText()),
                "the merged document is built from the running services: " + source));
        contract = new Contract(openapi);
        mutations = new Mutations(contract);
        List<Contract.Operation> operations = contract.operations();
        assertTrue(operations.size() >= 50, "operations in the merged document: " + operations.size());

        fixtures = new Fixtures(gateway, admin);
        fixtures.create();
        Map<String, Long> before = Tables.rowCounts(system);

        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> work = new ArrayList<>();
        for (Contract.Operation operation : operations) {
            work.add(pool.submit(() -> attack(operation)));
        }
        for (Map.Entry<String, List<String>> path : methodsByPath(operations).entrySet()) {
            work.add(pool.submit(() -> wrongMethods(path.getKey(), path.getValue())));
        }
        pool.shutdown();
        for (Future<?> task : work) {
            task.get(10, TimeUnit.MINUTES);
        }
        pool.awaitTermination(1, TimeUnit.MINUTES);

        Map<String, Long> after = Tables.rowCounts(system);
        Map<String, Long> keysBefore = new TreeMap<>();
        Map<String, Long> keysAfter = new TreeMap<>();
        long newEvents = 0;
        for (String table : List.copyOf(before.keySet())) {
            if (table.endsWith(".idempotency_keys")) {
                keysBefore.put(table, before.remove(table));
                keysAfter.put(table, after.remove(table));
            } else if (table.endsWith(".change_events")) {
                // the change feeds' outbox logs the accepted requests and their undoing, not the refused ones
                newEvents += after.remove(table) - before.remove(table);
            }
        }
        List<String> changed = Tables.differences(before, after);
        long newKeys = keysAfter.values().stream().mapToLong(Long::longValue).sum()
                - keysBefore.values().stream().mapToLong(Long::longValue).sum();

        System.out.printf("%nBad input: %d requests sent, %d of %d operations covered (plus %d paths with wrong methods), in %.0f s%n",
                sent.get(), perOperation.keySet().stream().filter(k -> !k.startsWith("wrong method")).count(),
                operations.size(), methodsByPath(operations).size(), (System.nanoTime() - began) / 1e9);
        System.out.println("  answers by status: " + new TreeMap<>(byStatus));
        System.out.println("  503 with Retry-After, retried: " + retried.get());
        System.out.println("  malformed request-targets answered 400 problem+json: " + malformedTargets.get());
        System.out.println("  valid after all (2xx, then undone where it created something): " + accepted.get());
        System.out.println("  tables compared: " + before.size() + " (+ idempotency_keys: " + newKeys + " new rows for "
                + keyedAccepted.get() + " accepted keyed creates; change_events: " + newEvents + " new rows for "
                + accepted.get() + " accepted requests and their undoing)");
        perOperation.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> System.out.printf("    %5d  %s%n", e.getValue().get(), e.getKey()));
        if (!findings.isEmpty()) {
            java.nio.file.Path report = java.nio.file.Path.of("target", "bad-input-findings.txt");
            java.nio.file.Files.write(report, findings.stream().sorted().toList());
            System.out.println("  FINDINGS (" + findings.size() + ", all in " + report.toAbsolutePath() + "):");
            findings.stream().sorted().limit(100).forEach(f -> System.out.println("    - " + shorten(f, 400)));
        }
        assertTrue(findings.isEmpty(), findings.size() + " answers broke the rules; the first: "
                + findings.stream().limit(15).toList());
        assertEquals(List.of(), changed, "row counts changed");
        assertTrue(newEvents >= 0 && (newEvents == 0 || accepted.get() > 0),
                "change events written: " + newEvents + ", accepted requests: " + accepted.get());
        assertTrue(newKeys >= 0 && newKeys <= keyedAccepted.get(),
                "idempotency keys stored: " + newKeys + ", accepted keyed requests: " + keyedAccepted.get());
        assertTrue(operations.size() == perOperation.keySet().stream().filter(k -> !k.startsWith("wrong method")).count(),
                "every operation was attacked");
    }

    // ---------------------------------------------------------------- one operation

    private void attack(Contract.Operation op) {
        try {
            Target target = new Target(op);
            authCases(target);
            pathCases(target);
            queryCases(target);
            headerCases(target);
            if (op.hasBody()) {
                bodyCases(target);
            }
        } catch (RuntimeException | AssertionError e) {
            findings.add(op + ": the test itself failed: " + e);
        }
    }

    /** What a valid request to the operation looks like; the cases change one thing of it. */
    private final class Target {
        final Contract.Operation op;
        final Map<String, String> pathValues = new LinkedHashMap<>();
        final JsonNode body;
        final JsonNode bodySchema;
        final boolean patch;
        final boolean needsIfMatch;
        final boolean creates;

        Target(Contract.Operation op) {
            this.op = op;
            for (Contract.Param param : op.in("path")) {
                String value = fixtures.pathValue(op, param.name());
                pathValues.put(param.name(), value != null ? value : UUID.randomUUID().toString());
            }
            this.patch = "application/merge-patch+json".equals(op.bodyType());
            JsonNode schema = op.bodySchema();
            if (patch) {
                // A merge patch is "any object" in the document: its fields are those of the PUT on the same path.
                schema = contract.operations().stream().filter(o -> o.path().equals(op.path()) && o.method().equals("PUT"))
                        .map(Contract.Operation::bodySchema).findFirst().orElse(schema);
            }
            this.bodySchema = schema;
            ObjectNode known = op.hasBody() ? fixtures.body(op) : null;
            this.body = op.hasBody() ? (known != null ? known : Generic.body(contract, schema)) : null;
            this.needsIfMatch = op.has("header", "If-Match");
            this.creates = op.method().equals("POST") && !op.path().endsWith("/transitions")
                    && !op.path().endsWith("/cancellation");
        }

        String path(Map<String, String> encodedOverrides) {
            String path = op.path();
            for (Map.Entry<String, String> entry : pathValues.entrySet()) {
                String value = encodedOverrides.containsKey(entry.getKey()) ? encodedOverrides.get(entry.getKey())
                        : encode(entry.getValue());
                path = path.replace("{" + entry.getKey() + "}", value);
            }
            return path;
        }

        /** A valid request: path to fixtures, body valid, a stale If-Match where one is needed. */
        Http.Request valid(String pathAndQuery, String authorization) {
            Http.Request request = gateway.request(op.method(), pathAndQuery).auth(authorization);
            if (needsIfMatch) {
                request.ifMatch(STALE_ETAG);
            }
            if (body != null) {
                request.body(Mutations.write(body).getBytes(StandardCharsets.UTF_8), op.bodyType());
            }
            return request;
        }

        String resourcePath() {
            String path = path(Map.of());
            return op.path().endsWith("/transitions") ? path.substring(0, path.length() - "/transitions".length()) : path;
        }
    }

    private void authCases(Target t) {
        String path = t.path(Map.of());
        boolean operational = !t.op.path().startsWith("/api/");
        boolean protectedOp = t.op.securityDeclared() && !t.op.publicAccess();
        check(t.op, "no token", t.valid(path, null), protectedOp ? 401 : 0, false);
        Integer refused = operational ? 0 : 401;
        check(t.op, "forged token", t.valid(path, RunningSystem.forgedBearer("mallory", "admin")), refused, false);
        check(t.op, "expired token", t.valid(path, system.expiredBearer("mallory", "admin")), refused, false);
        check(t.op, "garbage bearer token", t.valid(path, "Bearer not.a.token"), refused, false);
        check(t.op, "token with alg none", t.valid(path, "Bearer " + unsignedToken()), refused, false);
        check(t.op, "basic credentials", t.valid(path, "Basic YWRtaW46YWRtaW4="), refused, false);
        check(t.op, "empty bearer", t.valid(path, "Bearer "), refused, false);
        check(t.op, "10 KB token", t.valid(path, "Bearer " + "a".repeat(10_000)), refused, false);
        if (!t.op.roles().isEmpty()) {
            check(t.op, "token without roles", t.valid(path, system.bearer("nobody")), t.op.publicAccess() ? 0 : 403, false);
            check(t.op, "token with an unknown role", t.valid(path, system.bearer("stranger", "superuser")),
                    t.op.publicAccess() ? 0 : 403, false);
            for (String role : ALL_ROLES) {
                if (!t.op.roles().contains(role)) {
                    check(t.op, "role " + role, t.valid(path, system.bearer("bad-input-" + role, role)),
                            t.op.publicAccess() ? 0 : 403, false);
                    break;
                }
            }
        }
    }

    private void pathCases(Target t) {
        for (Contract.Param param : t.op.in("path")) {
            Map<String, String> hostile = new LinkedHashMap<>();
            hostile.put("unknown UUID", UUID.randomUUID().toString());
            hostile.put("nil UUID", "00000000-0000-0000-0000-000000000000");
            hostile.put("not a UUID", "not-a-uuid");
            hostile.put("number", "12345");
            hostile.put("invalid date", "2026-02-30");
            hostile.put("SQL", "1' OR '1'='1");
            hostile.put("script", "<script>alert(1)</script>");
            hostile.put("dot segments", "../../../etc/passwd");
            hostile.put("right-to-left and emoji", "\u202E🚀שלום");
            hostile.put("2000 characters", "x".repeat(2000));
            hostile.put("almost a UUID", "00000000-0000-0000-0000-00000000000g");
            hostile.put("UUID in braces", "{" + UUID.randomUUID() + "}");
            for (Map.Entry<String, String> value : hostile.entrySet()) {
                Http.Request request = t.valid(t.path(Map.of(param.name(), encode(value.getValue()))), admin);
                // None of these names an existing resource: a 2xx would mean the wrong one was read or changed.
                check(t.op, param.name() + ": " + value.getKey(), request, 0, true);
            }
            for (String raw : List.of("%00", "abc%00def", "%ED%A0%80", "%FF%FE", "%2e%2e%2f%2e%2e%2f", "%252F")) {
                check(t.op, param.name() + ": raw " + raw, t.valid(t.path(Map.of(param.name(), raw)), admin), 0, true);
            }
            // Targets no URI class builds: sent over a plain socket, without a body.
            for (String raw : List.of("%", "%%", "a%2", "%zz", "\u00ff\u00fe")) {
                malformedTarget(t.op, param.name() + ": malformed " + raw, t.path(Map.of(param.name(), raw)));
            }
            String existing = t.pathValues.get(param.name());
            if (existing.length() == 36) {
                check(t.op, param.name() + ": upper-case UUID", t.valid(t.path(Map.of(param.name(), existing.toUpperCase())), admin),
                        0, false);
            }
        }
    }

    private void queryCases(Target t) {
        String path = t.path(Map.of());
        for (Contract.Param param : t.op.in("query")) {
            JsonNode schema = param.schema();
            String name = param.name();
            List<String[]> values = new ArrayList<>();
            String type = schema.has("enum") ? "enum" : schema.path("type").asText("string");
            String format = schema.path("format").asText("");
            switch (type) {
                case "integer", "number" -> {
                    for (String v : List.of("-1", "-2147483649", "2147483648", "99999999999999999999", "abc", "1.5", "0x10",
                            "1e3", "NaN")) {
                        values.add(new String[] {v, "true"});
                    }
                    values.add(new String[] {" 5", "false"});
                    values.add(new String[] {"", "false"});
                    values.add(new String[] {"0", "false"});
                    values.add(new String[] {"2147483647", "false"});
                    values.add(new String[] {"100000", "false"});
                }
                case "enum" -> {
                    values.add(new String[] {"NOT_A_VALUE", "true"});
                    values.add(new String[] {schema.path("enum").path(0).asText().toLowerCase(), "false"});
                    values.add(new String[] {schema.path("enum").path(0).asText() + ",NOT_A_VALUE", "true"});
                    values.add(new String[] {"", "false"});
                }
                default -> {
                    switch (format) {
                        case "date" -> List.of("2026-02-30", "yesterday", "20260301").forEach(v -> values.add(new String[] {v, "true"}));
                        case "date-time" -> List.of("2026-13-01T00:00:00Z", "now", "1700000000")
                                .forEach(v -> values.add(new String[] {v, "true"}));
                        case "uuid" -> List.of("not-a-uuid", "12345").forEach(v -> values.add(new String[] {v, "true"}));
                        default -> {
                            // free text: below
                        }
                    }
                    if (format.equals("date")) {
                        values.add(new String[] {"+999999999-12-31", "false"});
                    }
                    if (format.equals("date-time")) {
                        values.add(new String[] {"+999999999-12-31T23:59:59Z", "false"});
                        values.add(new String[] {"-999999999-01-01T00:00:00Z", "false"});
                    }
                }
            }
            boolean sort = name.equals("sort");
            for (String v : List.of(Mutations.SQL, "' OR '1'='1", "%", "_", "\\", "<script>alert(1)</script>",
                    "(select pg_sleep(30))", "\u202E🚀שלום", "x".repeat(3000), "name;DROP TABLE partners", "-",
                    "unknownField", "--name", "createdAt desc", "1) union select 1 --")) {
                // No sort field is any of these: a sort must refuse them, other text may match nothing.
                values.add(new String[] {v, Boolean.toString(sort)});
            }
            values.add(new String[] {",,", "false"});
            for (String[] value : values) {
                String query = name + "=" + encode(value[0]);
                check(t.op, "query " + name + "=" + shorten(value[0]), t.valid(path + "?" + query, admin), 0,
                        Boolean.parseBoolean(value[1]));
            }
            for (String raw : List.of("%00", "a%00b", "%ED%A0%80", "%FF")) {
                check(t.op, "query " + name + "=raw " + raw, t.valid(path + "?" + name + "=" + raw, admin), 0, false);
            }
            for (String raw : List.of("%", "%%", "a%2", "%zz", "\u00ff")) {
                malformedTarget(t.op, "query " + name + "=malformed " + raw, path + "?" + name + "=" + raw);
            }
            check(t.op, "query " + name + " twice", t.valid(path + "?" + name + "=1&" + name + "=NOT_A_VALUE", admin), 0, false);
        }
        if (t.op.has("query", "page") && t.op.has("query", "size")) {
            check(t.op, "last possible page", t.valid(path + "?page=2147483647&size=200", admin), 0, false);
            check(t.op, "negative page and size", t.valid(path + "?page=-5&size=-5", admin), 0, true);
            check(t.op, "huge page size", t.valid(path + "?page=0&size=2147483647", admin), 0, true);
        }
        check(t.op, "unknown query parameter", t.valid(path + "?unknownParameter=%27%3B--", admin), 0, false);
    }

    private void headerCases(Target t) {
        String path = t.path(Map.of());
        if (t.needsIfMatch) {
            check(t.op, "If-Match missing", t.valid(path, admin).remove("If-Match"), 428, true);
            for (String etag : List.of("garbage", "W/\"0\"", "\"\"", "\"", "\"" + "9".repeat(40) + "\"", "\"-1\"",
                    "\"987654\", \"987655\"", "\"0\" junk", "\"" + "x".repeat(5000) + "\"")) {
                check(t.op, "If-Match " + shorten(etag), t.valid(path, admin).ifMatch(etag), 0, true);
            }
        }
        if (t.op.has("header", "Idempotency-Key")) {
            for (String key : List.of("k".repeat(300), "k".repeat(5000), "' OR 1=1 --", "", " ")) {
                check(t.op, "Idempotency-Key " + shorten(key), t.valid(path, admin)
                        .header("Idempotency-Key", key + (key.length() > 200 ? "" : UUID.randomUUID())), 0, false, true);
            }
        }
        check(t.op, "Accept: application/xml", t.valid(path, admin).header("Accept", "application/xml"), 0, false);
        check(t.op, "X-Request-Id with SQL", t.valid(path, admin).header("X-Request-Id", "'; DROP TABLE x; --"), 0, false);
        check(t.op, "X-Request-Id of 5000 characters", t.valid(path, admin).header("X-Request-Id", "r".repeat(5000)), 0, false);
    }

    private void bodyCases(Target t) {
        String path = t.path(Map.of());
        List<Mutations.Case> cases = new ArrayList<>();
        if (t.body.isObject() && t.bodySchema != null) {
            cases.addAll(mutations.fieldCases(t.bodySchema, t.body, t.patch));
        }
        cases.addAll(mutations.bodyCases(t.body, t.op.bodyType()));
        for (Mutations.Case c : cases) {
            check(t.op, "body " + c.label(), withBody(t.valid(path, admin), c, t.op.bodyType()), expectedFor(c), c.mustReject());
        }
        // With the current ETag as well, so a write gets past its precondition to the rules behind it.
        boolean precondition = t.needsIfMatch && (t.op.method().equals("PUT") || t.op.method().equals("PATCH")
                || t.op.path().endsWith("/transitions"));
        if (precondition) {
            String[] etag = {currentEtag(t)};
            for (Mutations.Case c : cases) {
                if (!c.mustReject() || c.body().length > 1_000_000) {
                    continue;
                }
                Http.Reply reply = sendRetrying(withBody(t.valid(path, admin).ifMatch(etag[0]), c, t.op.bodyType()));
                if (reply.status() == 412) {
                    etag[0] = currentEtag(t);
                    reply = sendRetrying(withBody(t.valid(path, admin).ifMatch(etag[0]), c, t.op.bodyType()));
                }
                record(t.op, "current ETag, body " + c.label(), t.op.method() + " " + path, reply, expectedFor(c), true, false);
                if (reply.status() >= 200 && reply.status() < 300 && reply.etag() != null) {
                    etag[0] = reply.etag();
                }
            }
        }
    }

    private static int expectedFor(Mutations.Case c) {
        return c.label().startsWith("2 MiB") ? 413 : 0;
    }

    private static Http.Request withBody(Http.Request request, Mutations.Case c, String ownType) {
        String type = c.contentType() == null ? ownType : c.contentType();
        request.body(c.body(), type.isEmpty() ? null : type);
        if (c.chunked()) {
            request.chunked();
        }
        return request;
    }

    private String currentEtag(Target t) {
        Http.Reply current = gateway.get(t.resourcePath(), admin);
        if (current.status() != 200 || current.etag() == null) {
            throw new IllegalStateException("cannot read " + t.resourcePath() + ": " + current);
        }
        return current.etag();
    }

    private void wrongMethods(String path, List<String> methods) {
        Contract.Operation any = contract.operations().stream().filter(o -> o.path().equals(path)).findFirst().orElseThrow();
        Target t = new Target(any);
        for (String method : List.of("GET", "POST", "PUT", "PATCH", "DELETE")) {
            if (methods.contains(method)) {
                continue;
            }
            Http.Request request = gateway.request(method, t.path(Map.of())).auth(admin).ifMatch(STALE_ETAG);
            if (!method.equals("GET") && !method.equals("DELETE")) {
                request.body("{}".getBytes(StandardCharsets.UTF_8), "application/json");
            }
            Http.Reply reply = request.send();
            sent.incrementAndGet();
            perOperation.computeIfAbsent("wrong method " + path, k -> new AtomicInteger()).incrementAndGet();
            byStatus.computeIfAbsent(Integer.toString(reply.status()), k -> new AtomicInteger()).incrementAndGet();
            if (reply.status() < 400 || reply.status() >= 500 || !reply.isProblem()) {
                findings.add(method + " " + path + " [a method the path does not offer] -> " + reply);
            }
        }
    }

    // ---------------------------------------------------------------- checking answers

    private void check(Contract.Operation op, String label, Http.Request request, int expected, boolean mustReject) {
        check(op, label, request, expected, mustReject, false);
    }

    private void check(Contract.Operation op, String label, Http.Request request, int expected, boolean mustReject,
                       boolean keyed) {
        record(op, label, request.toString(), sendRetrying(request), expected, mustReject, keyed);
    }

    /**
     * A 503 with Retry-After says "not now", whatever the input (a dependency slow on a busy
     * machine, its circuit open): retried as a client would; only a lasting one is a finding.
     */
    private Http.Reply sendRetrying(Http.Request request) {
        Http.Reply reply = request.send();
        for (int retry = 0; retry < 4 && reply.status() == 503 && reply.header("Retry-After") != null; retry++) {
            retried.incrementAndGet();
            sleep(Math.min(5, Math.max(1, parseInt(reply.header("Retry-After")))) * 1000L);
            reply = request.send();
        }
        return reply;
    }

    private static int parseInt(String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void record(Contract.Operation op, String label, String request, Http.Reply reply, int expected,
                        boolean mustReject, boolean keyed) {
        sent.incrementAndGet();
        perOperation.computeIfAbsent(op.toString(), k -> new AtomicInteger()).incrementAndGet();
        byStatus.computeIfAbsent(reply.status() == 0 ? "no answer" : Integer.toString(reply.status()),
                k -> new AtomicInteger()).incrementAndGet();
        String where = op + " [" + label + "] ";
        int status = reply.status();
        if (status == 0) {
            findings.add(where + "no answer: " + reply.failure());
            return;
        }
        if (status >= 500) {
            findings.add(where + "-> " + reply);
            return;
        }
        if (expected != 0 && status != expected) {
            findings.add(where + "expected " + expected + " -> " + reply);
        }
        if (status >= 400) {
            String problem = problemDefect(reply);
            if (problem != null) {
                findings.add(where + problem + " -> " + reply.status() + " " + reply.contentType() + " " + reply.abbreviated());
            }
        } else if (status >= 200 && status < 300) {
            if (mustReject) {
                findings.add(where + "accepted input that breaks the contract -> " + reply);
            }
            accepted.incrementAndGet();
            if (keyed) {
                keyedAccepted.incrementAndGet();
            }
            undo(op, request, reply);
        } else {
            findings.add(where + "unexpected status -> " + reply);
        }
    }

    /**
     * A request-target that is not a URI (RFC 3986: a lone %, a broken escape, bytes outside ASCII)
     * is a 400 problem like any other malformed request, with the request id in the header and the body.
     */
    private void malformedTarget(Contract.Operation op, String label, String target) {
        String id = "malformed-target-" + UUID.randomUUID();
        Http.Reply reply = gateway.raw(op.method(), target, admin, "X-Request-Id", id);
        record(op, label, op.method() + " " + target, reply, 400, true, false);
        if (reply.status() != 400 || problemDefect(reply) != null) {
            return;
        }
        if (!id.equals(reply.header("X-Request-Id")) || !id.equals(reply.json().path("requestId").asText())) {
            findings.add(op + " [" + label + "] the problem does not carry the request id " + id + " -> " + reply);
            return;
        }
        malformedTargets.incrementAndGet();
    }

    private static String problemDefect(Http.Reply reply) {
        if (!reply.isProblem()) {
            return "not application/problem+json";
        }
        JsonNode body;
        try {
            body = reply.json();
        } catch (RuntimeException e) {
            return "problem body is not JSON";
        }
        if (body.path("status").asInt() != reply.status() || body.path("title").asText().isEmpty()) {
            return "problem body without matching status and a title";
        }
        for (String leak : LEAKS) {
            if (reply.body().contains(leak)) {
                return "internals in the problem (" + leak.trim() + ")";
            }
        }
        return null;
    }

    /** A create that was valid after all is deleted again, so the row counts stay comparable; a create must answer 201. */
    private void undo(Contract.Operation op, String request, Http.Reply reply) {
        if (!op.method().equals("POST") || reply.status() != 201) {
            if (op.creates()) { // an action (a transition, a secret's rotation) answers 200 or 202 and makes nothing
                findings.add(op + " answered " + reply.status() + " to " + request + ": nothing to undo expected");
            }
            return;
        }
        JsonNode created = reply.json();
        String location = reply.header("Location");
        String path = location != null ? URI.create(location).getRawPath()
                : request.substring(request.indexOf(' ') + 1).replaceAll("\\?.*", "") + "/" + created.path("id").asText();
        String etag = reply.etag() != null ? reply.etag() : "\"" + created.path("version").asLong() + "\"";
        Http.Reply deleted = gateway.request("DELETE", path).auth(admin).ifMatch(etag).send();
        if (deleted.status() == 412) {
            Http.Reply current = gateway.get(path, admin);
            deleted = gateway.request("DELETE", path).auth(admin).ifMatch(current.etag()).send();
        }
        if (deleted.status() != 204) {
            findings.add(op + ": could not undo a create (" + request + ") with DELETE " + path + " -> " + deleted);
        }
    }

    // ---------------------------------------------------------------- helpers

    private static Map<String, List<String>> methodsByPath(List<Contract.Operation> operations) {
        Map<String, List<String>> paths = new TreeMap<>();
        for (Contract.Operation op : operations) {
            paths.computeIfAbsent(op.path(), k -> new ArrayList<>()).add(op.method());
        }
        return paths;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String shorten(String value, int max) {
        return value.length() > max ? value.substring(0, max) + "…" : value;
    }

    private static String shorten(String value) {
        String shown = value.replace("\u0000", "\\0");
        return shown.length() > 40 ? shown.substring(0, 20) + "…(" + shown.length() + " chars)" : shown;
    }

    private static String unsignedToken() {
        java.util.Base64.Encoder b64 = java.util.Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = b64.encodeToString(("{\"iss\":\"aic-local\",\"sub\":\"mallory\",\"groups\":[\"admin\"],\"exp\":"
                + (System.currentTimeMillis() / 1000 + 3600) + "}").getBytes(StandardCharsets.UTF_8));
        return header + "." + claims + ".";
    }

    /** A body built from the schema alone, for an operation {@link Fixtures} does not know. */
    static final class Generic {
        static JsonNode body(Contract contract, JsonNode schemaNode) {
            return value(contract, schemaNode, 0);
        }

        private static JsonNode value(Contract contract, JsonNode schemaNode, int depth) {
            JsonNodeFactory nodes = JsonNodeFactory.instance;
            JsonNode schema = contract.resolve(schemaNode);
            if (schema.path("examples").isArray() && !schema.path("examples").isEmpty()) {
                return schema.path("examples").get(0);
            }
            if (schema.has("enum")) {
                return schema.path("enum").get(0);
            }
            switch (schema.path("type").asText(schema.has("properties") ? "object" : "string")) {
                case "object" -> {
                    ObjectNode object = nodes.objectNode();
                    if (depth < 5) {
                        Iterator<Map.Entry<String, JsonNode>> fields = schema.path("properties").fields();
                        while (fields.hasNext()) {
                            Map.Entry<String, JsonNode> field = fields.next();
                            object.set(field.getKey(), value(contract, field.getValue(), depth + 1));
                        }
                    }
                    return object;
                }
                case "array" -> {
                    return nodes.arrayNode().add(value(contract, schema.path("items"), depth + 1));
                }
                case "integer", "number" -> {
                    return nodes.numberNode(schema.path("minimum").asLong(1));
                }
                case "boolean" -> {
                    return nodes.booleanNode(false);
                }
                default -> {
                    return switch (schema.path("format").asText("")) {
                        case "date" -> nodes.textNode("2030-01-01");
                        case "date-time" -> nodes.textNode("2030-01-01T00:00:00Z");
                        case "uuid" -> nodes.textNode(UUID.randomUUID().toString());
                        default -> nodes.textNode("text");
                    };
                }
            }
        }
    }
}

package org.aicenter.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The loader against a small fake service that checks what the real ones check: token, If-Match, Idempotency-Key. */
class DemoLoaderTest {

    private static final ServiceModule FAKE = new ServiceModule("fake-service", "AIC_FAKE_PORT", 0, "fake",
            "demo-test/fake.json", null);

    @TempDir
    Path data;

    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, ObjectNode> partners = new HashMap<>();
    private final Map<String, String> idempotentAnswers = new HashMap<>();
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private final List<JsonNode> notes = new ArrayList<>();
    private boolean failNext = true;
    private HttpServer server;
    private String url;

    @BeforeEach
    void fakeService() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            try {
                handle(exchange);
            } catch (Exception e) {
                send(exchange, 500, "{\"title\":\"" + e + "\"}", Map.of());
            }
        });
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private DemoLoader loader() {
        return new DemoLoader(json, () -> "admin-token", data.resolve("demo"), data.resolve("logs/demo.log"), () -> false);
    }

    @Test
    void loadsOnceGoingOnWhereItStoppedWithoutDoingAnythingTwice() throws Exception {
        DemoLoader.Result first = loader().load(FAKE, url);
        assertEquals(DemoLoader.Outcome.FAILED, first.outcome());
        assertTrue(first.message().contains("step 4 of 5 (POST /api/v1/partners)"), first.message());
        assertTrue(first.message().contains("answered 400: Invalid request; name is taken"), first.message());
        assertEquals("SUSPENDED", partners.values().iterator().next().get("status").asText());

        DemoLoader.Result second = loader().load(FAKE, url);
        assertEquals(DemoLoader.Outcome.LOADED, second.outcome(), second.message());
        assertEquals("demo data loaded: 2 created, 2 transitions, 1 other requests", second.message());
        assertEquals(2, partners.size(), "each partner made once");
        JsonNode note = notes.get(0);
        String a = partners.values().stream().filter(p -> p.get("name").asText().equals("甲公司")).findFirst()
                .orElseThrow().get("id").asText();
        assertEquals(a, note.get("partnerId").asText());
        assertEquals("$fail-once", note.get("about").asText());
        assertTrue(Files.exists(data.resolve("demo/fake-service.loaded")));

        int before = requests.size();
        DemoLoader.Result third = loader().load(FAKE, url);
        assertEquals(DemoLoader.Outcome.ALREADY_LOADED, third.outcome());
        assertEquals(before, requests.size(), "no request once loaded");
    }

    @Test
    void aRepeatedCreateIsAnsweredFromTheIdempotencyStore() throws Exception {
        failNext = false;
        assertEquals(DemoLoader.Outcome.LOADED, loader().load(FAKE, url).outcome());
        // As if the run had died after sending step 4 but before saving its progress.
        Files.delete(data.resolve("demo/fake-service.loaded"));
        Files.writeString(data.resolve("demo/fake-service.progress"), "3\n");
        assertEquals(DemoLoader.Outcome.LOADED, loader().load(FAKE, url).outcome());
        assertEquals(2, partners.size());
    }

    @Test
    void aServiceWithoutADemoFileIsSkipped() throws Exception {
        ServiceModule none = new ServiceModule("none", "AIC_NONE_PORT", 0, null, "demo-test/absent.json", null);
        assertEquals(DemoLoader.Outcome.NO_DEMO_DATA, loader().load(none, url).outcome());
        assertEquals(DemoLoader.Outcome.NO_DEMO_DATA, loader().load(ServiceModule.GATEWAY, url).outcome());
    }

    private synchronized void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        requests.add(method + " " + path);
        if (!"Bearer admin-token".equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            send(exchange, 401, "{\"title\":\"Unauthorized\"}", Map.of());
            return;
        }
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String[] parts = path.split("/");
        if (method.equals("POST") && path.equals("/api/v1/partners")) {
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            if (key == null) {
                send(exchange, 400, "{\"title\":\"no Idempotency-Key\"}", Map.of());
                return;
            }
            if (idempotentAnswers.containsKey(key)) {
                send(exchange, 201, idempotentAnswers.get(key), Map.of());
                return;
            }
            ObjectNode partner = (ObjectNode) json.readTree(body);
            if (partner.get("name").asText().equals("$fail-once") && failNext) {
                failNext = false;
                send(exchange, 400, "{\"title\":\"Invalid request\",\"errors\":[{\"field\":\"name\",\"message\":\"is taken\"}]}", Map.of());
                return;
            }
            String id = UUID.randomUUID().toString();
            partner.put("id", id).put("version", 0).put("status", "PROSPECT");
            partners.put(id, partner);
            idempotentAnswers.put(key, partner.toString());
            send(exchange, 201, partner.toString(), Map.of("Location", url + "/api/v1/partners/" + id));
        } else if (method.equals("GET") && parts.length == 5 && partners.containsKey(parts[4])) {
            ObjectNode partner = partners.get(parts[4]);
            send(exchange, 200, partner.toString(), Map.of("ETag", "\"" + partner.get("version").asLong() + "\""));
        } else if (method.equals("POST") && parts.length == 6 && parts[5].equals("transitions")) {
            ObjectNode partner = partners.get(parts[4]);
            String ifMatch = exchange.getRequestHeaders().getFirst("If-Match");
            if (!("\"" + partner.get("version").asLong() + "\"").equals(ifMatch)) {
                send(exchange, ifMatch == null ? 428 : 412, "{\"title\":\"stale\"}", Map.of());
                return;
            }
            partner.put("status", json.readTree(body).get("to").asText()).put("version", partner.get("version").asLong() + 1);
            send(exchange, 200, partner.toString(), Map.of());
        } else if (method.equals("POST") && path.equals("/api/v1/notes")) {
            assertFalse(exchange.getRequestHeaders().containsKey("Idempotency-Key"), "only creates with a ref carry one");
            notes.add(json.readTree(body));
            send(exchange, 202, "{}", Map.of());
        } else {
            send(exchange, 404, "{\"title\":\"Not Found\"}", Map.of());
        }
    }

    private static void send(HttpExchange exchange, int status, String body, Map<String, String> headers) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}

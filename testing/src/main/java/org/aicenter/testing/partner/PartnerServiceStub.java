package org.aicenter.testing.partner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A stand-in for partner-service, for the tests of every service that checks partners
 * ({@code @WithTestResource(PartnerServiceStub.class)} sets {@code aic.partner-directory.urls}).
 * It answers {@code GET /api/v1/partners/{id}} with the partner documents the tests put in it (each checked against partner-service's committed contract by
 * {@link PartnerStub} first). A second server on its own port controls it, because the tests and
 * this resource may live in different class loaders: put partners, make the partner server
 * fail (500), answer slowly, or stop listening altogether (a service that is down), and read the
 * headers of the calls it received.
 */
public class PartnerServiceStub implements QuarkusTestResourceLifecycleManager {

    public static final String CONTROL_URL = "aic.test.partner-stub.control-url";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, JsonNode> partners = new ConcurrentHashMap<>();
    private final List<ObjectNode> calls = new CopyOnWriteArrayList<>();
    private volatile String mode = "up";
    private volatile long delayMillis;
    private HttpServer partnerServer;
    private HttpServer controlServer;
    private int partnerPort;

    @Override
    public Map<String, String> start() {
        try {
            startPartnerServer(0);
            controlServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            controlServer.createContext("/", this::control);
            controlServer.setExecutor(Executors.newFixedThreadPool(2));
            controlServer.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the partner-service stub", e);
        }
        return Map.of(
                "aic.partner-directory.urls", "http://localhost:" + partnerPort,
                CONTROL_URL, "http://localhost:" + controlServer.getAddress().getPort());
    }

    @Override
    public void stop() {
        if (partnerServer != null) {
            partnerServer.stop(0);
        }
        if (controlServer != null) {
            controlServer.stop(0);
        }
    }

    private synchronized void startPartnerServer(int port) throws IOException {
        partnerServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        partnerServer.createContext("/api/v1/partners/", this::partner);
        partnerServer.setExecutor(Executors.newCachedThreadPool());
        partnerServer.start();
        partnerPort = partnerServer.getAddress().getPort();
    }

    private void partner(HttpExchange exchange) throws IOException {
        ObjectNode call = JSON.createObjectNode();
        call.put("method", exchange.getRequestMethod());
        call.put("path", exchange.getRequestURI().getPath());
        call.put("authorization", exchange.getRequestHeaders().getFirst("Authorization"));
        call.put("requestId", exchange.getRequestHeaders().getFirst("X-Request-Id"));
        call.put("traceparent", exchange.getRequestHeaders().getFirst("traceparent"));
        calls.add(call);
        if (delayMillis > 0) {
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if ("failing".equals(mode)) {
            send(exchange, 500, "application/problem+json",
                    "{\"type\":\"https://aicenter.org/problems/internal\",\"title\":\"Internal error\",\"status\":500}");
            return;
        }
        String id = exchange.getRequestURI().getPath().substring("/api/v1/partners/".length());
        JsonNode partner = partners.get(id);
        if (partner == null) {
            send(exchange, 404, "application/problem+json", PartnerStub.notFoundBody(id));
        } else {
            send(exchange, 200, "application/json", JSON.writeValueAsString(partner));
        }
    }

    /** PUT /partners/{id} (body), POST /mode/{up|down|failing}, POST /delay/{millis}, GET|DELETE /calls. */
    private void control(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        try {
            if (method.equals("PUT") && path.startsWith("/partners/")) {
                partners.put(path.substring("/partners/".length()), JSON.readTree(exchange.getRequestBody()));
            } else if (method.equals("POST") && path.startsWith("/mode/")) {
                setMode(path.substring("/mode/".length()));
            } else if (method.equals("POST") && path.startsWith("/delay/")) {
                delayMillis = Long.parseLong(path.substring("/delay/".length()));
            } else if (method.equals("GET") && path.equals("/calls")) {
                ArrayNode list = JSON.createArrayNode();
                calls.forEach(list::add);
                send(exchange, 200, "application/json", JSON.writeValueAsString(list));
                return;
            } else if (method.equals("DELETE") && path.equals("/calls")) {
                calls.clear();
            } else {
                send(exchange, 404, "text/plain", "unknown control " + method + " " + path);
                return;
            }
            send(exchange, 204, null, null);
        } catch (RuntimeException e) {
            send(exchange, 500, "text/plain", String.valueOf(e));
        }
    }

    private synchronized void setMode(String next) throws IOException {
        if (next.equals("down") && !mode.equals("down")) {
            partnerServer.stop(0); // nothing listens: connections are refused, as when the service is down
        } else if (!next.equals("down") && mode.equals("down")) {
            startPartnerServer(partnerPort);
        }
        mode = next;
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (type != null) {
            exchange.getResponseHeaders().set("Content-Type", type);
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        exchange.close();
    }
}

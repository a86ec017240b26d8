package org.aicenter.training;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * A stand-in for partner-service. Stateless: the partner id says what the stub answers, so tests
 * need no shared state with it. Ids starting {@code 00000000} are unknown (404), {@code e0000000}
 * ENDED, {@code 50000000} a failing service (503); any other id is an ACTIVE partner.
 */
public class PartnerServiceStub implements QuarkusTestResourceLifecycleManager {

    public static final String UNKNOWN = "00000000-0000-4000-8000-000000000001";
    public static final String ENDED = "e0000000-0000-4000-8000-000000000001";
    public static final String FAILING = "50000000-0000-4000-8000-000000000001";

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/api/v1/partners/", exchange -> {
            String id = exchange.getRequestURI().getPath().substring("/api/v1/partners/".length());
            int status;
            String body;
            if (id.startsWith("00000000")) {
                status = 404;
                body = "{\"type\":\"https://aicenter.org/problems/not-found\",\"title\":\"Not found\",\"status\":404}";
            } else if (id.startsWith("50000000")) {
                status = 503;
                body = "{\"type\":\"https://aicenter.org/problems/service-unavailable\",\"title\":\"Service unavailable\",\"status\":503}";
            } else {
                status = 200;
                body = partner(id, id.startsWith("e0000000") ? "ENDED" : "ACTIVE");
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", status == 200 ? "application/json" : "application/problem+json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        return Map.of("quarkus.rest-client.partner-service.url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    static String partner(String id, String status) {
        return """
                {"id":"%s","name":"上海某合作单位","nameEn":"A partner","type":"UNIVERSITY","sectors":["EDUCATION"],
                 "creditCode":null,"website":null,"address":{"district":"徐汇区","city":"上海","province":"上海","country":"CN"},
                 "tier":"CORE","status":"%s","contacts":[],"agreements":[],"joinedOn":"2025-01-01",
                 "createdAt":"2025-01-01T00:00:00Z","updatedAt":"2025-01-01T00:00:00Z","createdBy":"seed","updatedBy":"seed","version":1}"""
                .formatted(id, status);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}

package org.aicenter.gateway;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.aicenter.local.ServiceModule;
import org.aicenter.platform.tokens.LocalTokenIssuer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Stand-ins for partner-, project- and training-service: small Vert.x servers on random ports that
 * echo what reaches them, stream, stall, and serve statistics, lists and OpenAPI documents. A
 * fourth configured service ("archive") points at a closed port. A control server lets tests stop
 * and start a stub and drive the streaming checks; its URL is in {@code aic.test.stub-control}.
 */
public class StubServices implements QuarkusTestResourceLifecycleManager {

    public static final String PARTNER_ID = "6f1c2f3e-0000-4000-8000-000000000001";
    /** The gateway's public address in the tests: what the services are told and links are rewritten to. */
    public static final String PUBLIC_URL = "https://api.aicenter.test";
    static final Path KEY_FOLDER = Path.of("target", "local-only-test-keys").toAbsolutePath();

    private Vertx vertx;
    private final Map<String, HttpServer> servers = new ConcurrentHashMap<>();
    private final Map<String, Integer> ports = new ConcurrentHashMap<>();
    private volatile Promise<Void> release = Promise.promise();
    private final AtomicLong uploadSeen = new AtomicLong();
    /** "service path" of each view call last answered -> its query, X-Request-Id and traceparent. */
    private final Map<String, JsonObject> seen = new ConcurrentHashMap<>();
    private final AtomicLong readinessAsked = new AtomicLong();

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        for (ServiceModule service : ServiceModule.withDatabase()) {
            listen(service.key(), 0);
        }
        HttpServer control = await(vertx.createHttpServer().requestHandler(this::control).listen(0));
        Map<String, String> config = new HashMap<>();
        ports.forEach((key, port) -> config.put("aic.gateway.services." + key + ".url", "http://localhost:" + port));
        config.put("aic.gateway.services.archive.url", "http://localhost:" + closedPort());
        config.put("aic.gateway.services.archive.paths", "/api/v1/archive");
        config.put("aic.test.stub-control", "http://localhost:" + control.actualPort());
        config.put("aic.gateway.upstream.timeout", "PT2S");
        config.put("aic.gateway.upstream.health-timeout", "PT3S");
        config.put("aic.gateway.rate-limit.rate", "1");
        config.put("aic.gateway.rate-limit.burst", "40");
        // Every test's requests without a verified token come from this one address; EdgeLimitsTest tries its limit.
        config.put("aic.gateway.rate-limit.address.rate", "1000");
        config.put("aic.gateway.rate-limit.address.burst", "100000");
        // One second of grace after exp (0 means smallrye's default, 60), so a test can see a remembered token expire.
        config.put("mp.jwt.verify.clock.skew", "1");
        config.put("aic.gateway.openapi.contracts-dir", Path.of("src", "test", "resources", "contracts").toAbsolutePath().toString());
        config.put("mp.jwt.verify.publickey.location", LocalTokenIssuer.inFolder(KEY_FOLDER).publicKeyFile().toString());
        config.put("mp.jwt.verify.issuer", LocalTokenIssuer.ISSUER);
        config.put("mp.jwt.verify.audiences", LocalTokenIssuer.AUDIENCE);
        config.put("aic.gateway.public-url", PUBLIC_URL);
        return config;
    }

    @Override
    public void stop() {
        if (vertx != null) {
            await(vertx.close());
        }
    }

    private void listen(String key, int port) {
        await(bind(key, port));
    }

    private Future<HttpServer> bind(String key, int port) {
        return vertx.createHttpServer().requestHandler(request -> serve(key, request)).listen(port)
                .onSuccess(server -> {
                    servers.put(key, server);
                    ports.put(key, server.actualPort());
                });
    }

    private void control(HttpServerRequest request) {
        String[] parts = request.path().split("/");
        String action = parts.length > 1 ? parts[1] : "";
        String key = parts.length > 2 ? parts[2] : "";
        switch (action) {
            case "stop" -> {
                HttpServer server = servers.remove(key);
                (server == null ? Future.<Void>succeededFuture() : server.close())
                        .onComplete(done -> request.response().end("stopped"));
            }
            case "start" -> (servers.containsKey(key) ? Future.succeededFuture() : bind(key, ports.get(key)))
                    .onComplete(done -> request.response().setStatusCode(done.succeeded() ? 200 : 500).end("started"));
            case "release" -> {
                release.tryComplete();
                request.response().end("released");
            }
            case "upload-seen" -> request.response().end(Long.toString(uploadSeen.get()));
            case "seen" -> {
                JsonObject call = seen.get(request.getParam("call"));
                request.response().setStatusCode(call == null ? 404 : 200).end(call == null ? "{}" : call.encode());
            }
            case "readiness-asked" -> request.response().end(Long.toString(readinessAsked.get()));
            case "reset" -> {
                release = Promise.promise();
                uploadSeen.set(0);
                readinessAsked.set(0);
                request.response().end("reset");
            }
            default -> request.response().setStatusCode(404).end();
        }
    }

    private void serve(String key, HttpServerRequest request) {
        String path = request.path();
        HttpServerResponse response = request.response();
        if (path.equals("/q/openapi")) {
            response.putHeader("Content-Type", "application/json").end(resource("stub-openapi/" + key + "-service.json"));
        } else if (path.equals("/q/health/ready")) {
            readinessAsked.incrementAndGet();
            response.putHeader("Content-Type", "application/json").end("{\"status\":\"UP\",\"checks\":[]}");
        } else if (path.endsWith("/slow")) {
            vertx.setTimer(8_000, t -> {
                if (!response.closed()) {
                    response.end("late");
                }
            });
        } else if (path.endsWith("/stream")) {
            stream(request);
        } else if (path.endsWith("/upload")) {
            upload(request);
        } else if (path.endsWith("/echo") || path.contains("/echo/") || path.startsWith("/api/v1/archive")) {
            echo(key, request);
        } else if (path.endsWith("/created")) {
            request.body().onSuccess(body -> response.setStatusCode(201)
                    .putHeader("Location", "http://localhost:" + ports.get(key) + "/api/v1/partners/" + PARTNER_ID)
                    .putHeader("Link", "<http://localhost:" + ports.get(key) + "/api/v1/partners?page=1>; rel=\"next\"")
                    .putHeader("Content-Type", "application/json")
                    .end(new JsonObject().put("id", PARTNER_ID).encode()));
        } else {
            views(key, request);
        }
    }

    /** Answers with what arrived, plus headers a proxy must drop or rewrite. */
    private void echo(String key, HttpServerRequest request) {
        request.body().onSuccess(body -> {
            JsonObject headers = new JsonObject();
            request.headers().forEach(h -> headers.put(h.getKey().toLowerCase(), h.getValue()));
            JsonObject answer = new JsonObject()
                    .put("service", key)
                    .put("method", request.method().name())
                    .put("uri", request.uri())
                    .put("headers", headers)
                    .put("traceparents", new JsonArray(request.headers().getAll("traceparent")))
                    .put("bodyLength", body.length())
                    .put("bodySha256", sha256(body));
            request.response()
                    .setStatusCode(request.getParam("status") == null ? 200 : Integer.parseInt(request.getParam("status")))
                    .putHeader("Content-Type", "application/json")
                    .putHeader("X-Upstream", key)
                    .putHeader("ETag", "\"7\"")
                    .putHeader("Keep-Alive", "timeout=5")
                    .putHeader("Connection", "keep-alive, X-Hop")
                    .putHeader("X-Hop", "drop me")
                    .putHeader("Access-Control-Allow-Origin", "*")
                    .putHeader("X-Request-Id", request.getHeader("X-Request-Id") == null ? "upstream-made"
                            : request.getHeader("X-Request-Id"))
                    .end(answer.encode());
        });
    }

    /** Sends a first chunk, then the rest only once the test says it saw that chunk. */
    private void stream(HttpServerRequest request) {
        HttpServerResponse response = request.response().setChunked(true).putHeader("Content-Type", "application/octet-stream");
        int chunks = Integer.parseInt(request.getParam("chunks", "64"));
        Buffer chunk = Buffer.buffer(new byte[64 * 1024]);
        response.write(chunk);
        release.future().onComplete(done -> {
            for (int i = 1; i < chunks; i++) {
                response.write(chunk);
            }
            response.end();
        });
    }

    /** Counts an uploaded body as it arrives, so a test can see it stream before it ends. */
    private void upload(HttpServerRequest request) {
        MessageDigest digest = digest();
        long[] length = {0};
        request.handler(chunk -> {
            length[0] += chunk.length();
            uploadSeen.set(length[0]);
            digest.update(chunk.getBytes());
        });
        request.endHandler(v -> request.response().putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("bodyLength", length[0])
                        .put("bodySha256", HexFormat.of().formatHex(digest.digest())).encode()));
    }

    /** The statistics and lists the gateway's views read; they insist on the caller's token. */
    private void views(String key, HttpServerRequest request) {
        HttpServerResponse response = request.response();
        if (request.getHeader("Authorization") == null) {
            response.setStatusCode(401).putHeader("Content-Type", "application/problem+json")
                    .end(new JsonObject().put("status", 401).put("title", "Authentication required").encode());
            return;
        }
        String path = request.path();
        JsonObject body = switch (key + " " + path) {
            case "partner /api/v1/partners/statistics" -> new JsonObject().put("total", 3)
                    .put("byType", new JsonObject().put("UNIVERSITY", 2).put("STARTUP", 1))
                    .put("byStatus", new JsonObject().put("ACTIVE", 2).put("PROSPECT", 1))
                    .put("bySector", new JsonObject().put("SMART_CITY", 2).put("EDUCATION", 1))
                    .put("byTier", new JsonObject().put("STRATEGIC", 1).put("CORE", 2));
            case "project /api/v1/projects/statistics" -> new JsonObject().put("total", 4)
                    .put("byStatus", new JsonObject().put("ACTIVE", 3).put("PROPOSED", 1))
                    .put("byArea", new JsonObject().put("SMART_CITY", 4))
                    .put("budgetTotals", new JsonArray().add(new JsonObject().put("currency", "CNY").put("amount", "2500000.00")))
                    .put("milestonesDueSoon", new JsonObject().put("days", 30).put("from", "2026-03-01").put("to", "2026-03-31")
                            .put("count", 1).put("items", new JsonArray().add(new JsonObject()
                                    .put("projectId", "01a22026-0000-7000-8000-000000000001").put("projectCode", "AIC-2026-0001")
                                    .put("projectTitle", "城市大脑").put("milestoneId", "01a22026-0000-7000-8000-000000000002")
                                    .put("title", "原型验收").put("dueDate", "2026-03-10").put("status", "PLANNED"))))
                    .put("overdueMilestones", new JsonObject().put("count", 0).put("items", new JsonArray()));
            case "training /api/v1/programmes/statistics" -> new JsonObject().put("total", 2)
                    .put("byStatus", new JsonObject().put("PUBLISHED", 1).put("COMPLETED", 1))
                    .put("seats", new JsonObject().put("programmes", 1).put("capacity", 40).put("taken", 30)
                            .put("free", 10).put("waitlisted", 2))
                    .put("enrolmentsByStatus", new JsonObject().put("ENROLLED", 20).put("COMPLETED", 6).put("NO_SHOW", 4))
                    .put("completionRate", 0.6);
            case "project /api/v1/projects" -> page(request, "partnerId", record("project"));
            case "training /api/v1/programmes" -> page(request, "hostPartnerId", record("programme"));
            case "training /api/v1/enrolments" -> page(request, "partnerId", record("enrolment"));
            default -> null;
        };
        if (body == null && path.equals("/api/v1/partners/" + PARTNER_ID)) {
            body = record("partner");
        }
        if (body != null) {
            seen.put(key + " " + path, new JsonObject().put("query", request.query())
                    .put("requestId", request.getHeader("X-Request-Id")).put("traceparent", request.getHeader("traceparent")));
        }
        if (body == null) {
            response.setStatusCode(404).putHeader("Content-Type", "application/problem+json")
                    .end(new JsonObject().put("type", "https://aicenter.org/problems/not-found").put("title", "Not found")
                            .put("status", 404).put("detail", "no stub for " + path).encode());
            return;
        }
        response.putHeader("Content-Type", "application/json").end(body.encode());
    }

    /** A one-page list with one item, only when the expected filter names the stub partner. */
    private static JsonObject page(HttpServerRequest request, String filter, JsonObject item) {
        boolean match = PARTNER_ID.equals(request.getParam(filter));
        JsonArray items = match ? new JsonArray().add(item) : new JsonArray();
        return new JsonObject().put("items", items).put("page", 0).put("size", 200)
                .put("totalItems", items.size()).put("totalPages", 1);
    }

    /** A record as the owning service answers it (stub-records/NAME.json, true to that service's contract). */
    private static JsonObject record(String name) {
        return new JsonObject(resource("stub-records/" + name + ".json"));
    }

    private static Buffer resource(String name) {
        try (InputStream in = StubServices.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return Buffer.buffer(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(Buffer body) {
        MessageDigest digest = digest();
        digest.update(body.getBytes());
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("stub services: " + e.getMessage(), e);
        }
    }

    static String utf8(Buffer buffer) {
        return buffer.toString(StandardCharsets.UTF_8);
    }
}

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
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for partner-service, for the tests of every service that checks partners
 * ({@code @WithTestResource(PartnerServiceStub.class)} sets {@code aic.partner-directory.urls}).
 * It answers {@code GET /api/v1/partners/{id}} with the partner documents the tests put in it (each checked against partner-service's committed contract by
 * {@link PartnerStub} first). A second server on its own port controls it, because the tests and
 * this resource may live in different class loaders: put partners, make the partner server
 * fail (500), answer slowly, or stop listening altogether (a service that is down), and read the
 * headers of the calls it received.
 *
 * <p>It also serves partner-service's change feed, {@code GET /api/v1/partners/changes}, over the events
 * the tests publish ({@link PartnerStub#end}, {@link PartnerStub#delete}), as the real one does: a bearer
 * token is required; {@code after=now} answers the present cursor; {@code types}, {@code limit} and
 * {@code hasMore}; {@code next} moves past events of other types too; {@code wait} holds an empty answer
 * open until a matching event is published (or the wait is over, or the server stops); a cursor from
 * before {@link PartnerStub#expireCursors} is a 410 {@code cursor-expired}, a poll held open with one
 * too. The feed's requests are kept apart from the lookups' ({@link PartnerStub#feedCalls}), so counting
 * lookups is not disturbed.
 */
public class PartnerServiceStub implements QuarkusTestResourceLifecycleManager {

    public static final String CONTROL_URL = "aic.test.partner-stub.control-url";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Set<String> EVENT_TYPES = Set.of("org.aicenter.partner.created", "org.aicenter.partner.updated",
            "org.aicenter.partner.status-changed", "org.aicenter.partner.deleted");
    private static final Pattern CURSOR = Pattern.compile("e(\\d+)\\.(\\d+)");

    private final Map<String, JsonNode> partners = new ConcurrentHashMap<>();
    private final List<ObjectNode> calls = new CopyOnWriteArrayList<>();
    private final List<ObjectNode> feedCalls = new CopyOnWriteArrayList<>();
    /** The feed's events in order; guarded by itself, which is also what a held-open poll waits on. */
    private final List<JsonNode> events = new ArrayList<>();
    /** Cursors name the epoch they were made in; expiring cursors starts a new one. Guarded by {@code events}. */
    private int epoch;
    /** Polls held open, by the epoch of their cursor; guarded by {@code events}. */
    private final Map<Integer, Integer> waiting = new HashMap<>();
    private volatile String mode = "up";
    private volatile long delayMillis;
    /** Bumped whenever the partner server (re)starts, so a poll held open on a stopped one ends. */
    private volatile int serverGeneration;
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
        wakeWaitingPolls();
    }

    private void wakeWaitingPolls() {
        serverGeneration++;
        synchronized (events) {
            events.notifyAll();
        }
    }

    private void partner(HttpExchange exchange) throws IOException {
        if (exchange.getRequestURI().getPath().equals("/api/v1/partners/changes")) {
            feed(exchange);
            return;
        }
        ObjectNode call = JSON.createObjectNode();
        call.put("method", exchange.getRequestMethod());
        call.put("path", exchange.getRequestURI().getPath());
        call.put("authorization", exchange.getRequestHeaders().getFirst("Authorization"));
        call.put("requestId", exchange.getRequestHeaders().getFirst("X-Request-Id"));
        call.put("traceparent", exchange.getRequestHeaders().getFirst("traceparent"));
        calls.add(call);
        if (slowOrFailing(exchange)) {
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

    /** Waits the delay set by {@code /delay}, then answers 500 if the mode is failing; true when it answered. */
    private boolean slowOrFailing(HttpExchange exchange) throws IOException {
        if (delayMillis > 0) {
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if ("failing".equals(mode)) {
            send(exchange, 500, "application/problem+json", problem(500, "internal", "Internal error"));
            return true;
        }
        return false;
    }

    /**
     * partner-service's change feed over the published events; see the class comment. Answers as
     * {@code ChangeFeed} does, in the stub's own opaque cursors ({@code e<epoch>.<position>}).
     */
    private void feed(HttpExchange exchange) throws IOException {
        int generation = serverGeneration;
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        ObjectNode call = JSON.createObjectNode();
        query.forEach(call::put);
        call.put("authorization", exchange.getRequestHeaders().getFirst("Authorization"));
        feedCalls.add(call);
        if (slowOrFailing(exchange)) {
            return;
        }
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !authorization.startsWith("Bearer ") || authorization.length() < 20) {
            send(exchange, 401, "application/problem+json", problem(401, "unauthorized", "Not authenticated"));
            return;
        }
        List<String> types = new ArrayList<>();
        for (String type : query.getOrDefault("types", String.join(",", EVENT_TYPES)).split(",", -1)) {
            if (!EVENT_TYPES.contains(type.strip())) {
                send(exchange, 400, "application/problem+json", problem(400, "bad-query", "Invalid query parameter"));
                return;
            }
            types.add(type.strip());
        }
        int limit;
        int wait;
        try {
            limit = Integer.parseInt(query.getOrDefault("limit", "100"));
            wait = Integer.parseInt(query.getOrDefault("wait", "0"));
        } catch (NumberFormatException e) {
            limit = -1;
            wait = -1;
        }
        if (limit < 1 || limit > 1000 || wait < 0 || wait > 30) {
            send(exchange, 400, "application/problem+json", problem(400, "bad-query", "Invalid query parameter"));
            return;
        }
        String answer = page(query.get("after"), types, limit, wait, generation);
        if (answer.startsWith("{\"type\"")) {
            send(exchange, answer.contains("cursor-expired") ? 410 : 400, "application/problem+json", answer);
        } else {
            send(exchange, 200, "application/json", answer);
        }
    }

    /** The page after {@code after}, waiting up to {@code wait} seconds for a matching event; or a problem body. */
    private String page(String after, List<String> types, int limit, int wait, int generation) throws IOException {
        ObjectNode page = JSON.createObjectNode();
        ArrayNode found = page.putArray("events");
        long deadline = System.nanoTime() + wait * 1_000_000_000L;
        synchronized (events) {
            int from;
            if ("now".equals(after)) {
                page.put("next", cursor(events.size()));
                page.put("hasMore", false);
                return JSON.writeValueAsString(page);
            } else if (after == null || after.isEmpty()) {
                from = 0;
            } else {
                Matcher cursor = CURSOR.matcher(after);
                if (!cursor.matches()) {
                    return problem(400, "bad-query", "Invalid query parameter");
                }
                if (Integer.parseInt(cursor.group(1)) != epoch) {
                    return problem(410, "cursor-expired", "Cursor expired: resync from the lists");
                }
                from = Math.min(Integer.parseInt(cursor.group(2)), events.size());
            }
            int held = epoch;
            while (true) {
                if (held != epoch) {
                    return problem(410, "cursor-expired", "Cursor expired: resync from the lists");
                }
                int last = from;
                boolean more = false;
                for (int i = from; i < events.size(); i++) {
                    if (types.contains(events.get(i).path("type").asText())) {
                        if (found.size() == limit) {
                            more = true;
                            break;
                        }
                        found.add(events.get(i));
                        last = i + 1;
                    }
                }
                long left = deadline - System.nanoTime();
                if (found.size() > 0 || left <= 0 || generation != serverGeneration) {
                    // with nothing more to read, everything up to the head was seen, matching or not
                    page.put("next", cursor(more ? last : events.size()));
                    page.put("hasMore", more);
                    return JSON.writeValueAsString(page);
                }
                from = events.size();
                waiting.merge(held, 1, Integer::sum);
                try {
                    events.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    page.put("next", cursor(from));
                    page.put("hasMore", false);
                    return JSON.writeValueAsString(page);
                } finally {
                    waiting.merge(held, -1, Integer::sum);
                }
            }
        }
    }

    /** A cursor at {@code position} of the current epoch; the caller holds {@code events}. */
    private String cursor(int position) {
        return "e" + epoch + "." + position;
    }

    private static String problem(int status, String type, String title) {
        return "{\"type\":\"https://aicenter.org/problems/" + type + "\",\"title\":\"" + title + "\",\"status\":" + status + "}";
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new LinkedHashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                query.put(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return query;
    }

    /**
     * PUT|GET|DELETE /partners/{id} (body), POST /mode/{up|down|failing}, POST /delay/{millis}, GET|DELETE /calls;
     * the feed's: POST /events (one event), POST /feed/expire, GET /feed/waiting, GET|DELETE /feed/calls.
     */
    private void control(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        try {
            if (method.equals("PUT") && path.startsWith("/partners/")) {
                partners.put(path.substring("/partners/".length()), JSON.readTree(exchange.getRequestBody()));
            } else if (method.equals("GET") && path.startsWith("/partners/")) {
                JsonNode partner = partners.get(path.substring("/partners/".length()));
                if (partner == null) {
                    send(exchange, 404, "text/plain", "no partner " + path);
                } else {
                    send(exchange, 200, "application/json", JSON.writeValueAsString(partner));
                }
                return;
            } else if (method.equals("DELETE") && path.startsWith("/partners/")) {
                partners.remove(path.substring("/partners/".length()));
            } else if (method.equals("POST") && path.equals("/events")) {
                JsonNode event = JSON.readTree(exchange.getRequestBody());
                synchronized (events) {
                    events.add(event);
                    events.notifyAll();
                }
            } else if (method.equals("POST") && path.equals("/feed/expire")) {
                synchronized (events) {
                    epoch++;
                    events.notifyAll(); // the polls held open with an old cursor are answered 410 at once
                }
            } else if (method.equals("GET") && path.equals("/feed/waiting")) {
                int held;
                synchronized (events) {
                    held = waiting.getOrDefault(epoch, 0);
                }
                send(exchange, 200, "application/json", "{\"waiting\":" + held + "}");
                return;
            } else if (method.equals("GET") && path.equals("/feed/calls")) {
                ArrayNode list = JSON.createArrayNode();
                feedCalls.forEach(list::add);
                send(exchange, 200, "application/json", JSON.writeValueAsString(list));
                return;
            } else if (method.equals("DELETE") && path.equals("/feed/calls")) {
                feedCalls.clear();
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
            wakeWaitingPolls();
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

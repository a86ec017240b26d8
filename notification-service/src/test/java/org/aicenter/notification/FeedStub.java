package org.aicenter.notification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

/**
 * The three change feeds as the contract describes them (cursor, limit, long poll, 400 for a bad
 * cursor, 410 for an expired one), answering events the tests script through {@code /control/...},
 * plus training-service's {@code GET /api/v1/programmes/{id}}. Started before the application, whose
 * follower it points at; it checks every feed request carries a token for notification-service.
 */
public class FeedStub implements QuarkusTestResourceLifecycleManager {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> FEEDS = Map.of("partners", "partner", "projects", "project", "programmes", "training");

    private HttpServer server;
    private final Map<String, List<ObjectNode>> events = new ConcurrentHashMap<>();
    private final Map<String, Deque<Integer>> failures = new ConcurrentHashMap<>();
    private final Map<String, List<String>> afters = new ConcurrentHashMap<>();
    private final Map<String, String> languages = new ConcurrentHashMap<>();
    private final Set<String> poisoned = ConcurrentHashMap.newKeySet();
    private final List<String> badTokens = new ArrayList<>();

    @Override
    public Map<String, String> start() {
        for (String feed : FEEDS.values()) {
            events.put(feed, new ArrayList<>());
            failures.put(feed, new ArrayDeque<>());
            afters.put(feed, new ArrayList<>());
        }
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        Map<String, String> config = new HashMap<>();
        config.put("aic.feeds.partner-url", url);
        config.put("aic.feeds.project-url", url);
        config.put("aic.feeds.training-url", url);
        config.put("aic.feeds.enabled", "true");
        return config;
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getRawPath();
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            String[] parts = path.split("/");
            if (path.startsWith("/control/")) {
                control(exchange, parts, query);
            } else if (path.matches("/api/v1/(partners|projects|programmes)/changes")) {
                feed(exchange, FEEDS.get(parts[3]), query);
            } else if (path.matches("/api/v1/programmes/[^/]+")) {
                String language = languages.get(parts[4]);
                if (language == null) {
                    send(exchange, 404, problem(404, "not-found"));
                } else {
                    send(exchange, 200, JSON.createObjectNode().put("id", parts[4]).put("language", language));
                }
            } else {
                send(exchange, 404, problem(404, "not-found"));
            }
        } catch (RuntimeException e) {
            send(exchange, 500, problem(500, "internal"));
        }
    }

    private void control(HttpExchange exchange, String[] parts, Map<String, String> query) throws IOException {
        String what = parts[2];
        switch (what) {
            case "events" -> {
                JsonNode body = JSON.readTree(exchange.getRequestBody());
                List<ObjectNode> list = events.get(parts[3]);
                synchronized (list) {
                    body.forEach(e -> list.add((ObjectNode) e));
                }
                send(exchange, 200, JSON.createObjectNode().put("size", list.size()));
            }
            case "fail" -> {
                Deque<Integer> queue = failures.get(parts[3]);
                for (int i = 0; i < Integer.parseInt(query.getOrDefault("times", "1")); i++) {
                    queue.add(Integer.parseInt(query.get("status")));
                }
                send(exchange, 200, JSON.createObjectNode());
            }
            case "afters" -> {
                ArrayNode seen = JSON.createArrayNode();
                synchronized (afters.get(parts[3])) {
                    afters.get(parts[3]).forEach(seen::add);
                }
                send(exchange, 200, seen);
            }
            case "poison" -> {
                if ("true".equals(query.get("on"))) {
                    poisoned.add(query.get("id"));
                } else {
                    poisoned.remove(query.get("id"));
                }
                send(exchange, 200, JSON.createObjectNode());
            }
            case "programme" -> {
                languages.put(parts[3], query.get("language"));
                send(exchange, 200, JSON.createObjectNode());
            }
            case "bad-tokens" -> {
                ArrayNode seen = JSON.createArrayNode();
                synchronized (badTokens) {
                    badTokens.forEach(seen::add);
                }
                send(exchange, 200, seen);
            }
            default -> send(exchange, 404, problem(404, "not-found"));
        }
    }

    private void feed(HttpExchange exchange, String feed, Map<String, String> query) throws IOException {
        if (!tokenOk(exchange.getRequestHeaders().getFirst("Authorization"))) {
            send(exchange, 401, problem(401, "unauthorized"));
            return;
        }
        String after = query.get("after");
        synchronized (afters.get(feed)) {
            afters.get(feed).add(after == null ? "" : after);
        }
        Integer failure = failures.get(feed).poll();
        if (failure != null && (failure != 410 || !"now".equals(after))) {
            send(exchange, failure, problem(failure, failure == 410 ? "cursor-expired" : "service-unavailable"));
            return;
        }
        List<ObjectNode> list = events.get(feed);
        int from;
        if (after == null) {
            from = 0;
        } else if (after.equals("now")) {
            synchronized (list) {
                from = list.size();
            }
        } else if (after.matches("c\\d+")) {
            from = Integer.parseInt(after.substring(1));
        } else {
            send(exchange, 400, problem(400, "bad-query"));
            return;
        }
        int limit = Integer.parseInt(query.getOrDefault("limit", "100"));
        int wait = Integer.parseInt(query.getOrDefault("wait", "0"));
        long until = System.currentTimeMillis() + wait * 1000L;
        ArrayNode page = JSON.createArrayNode();
        int next;
        boolean more;
        while (true) {
            synchronized (list) {
                int to = Math.min(list.size(), from + limit);
                for (int i = from; i < to; i++) {
                    ObjectNode event = list.get(i).deepCopy();
                    if (poisoned.contains(event.path("id").asText())) {
                        event.putNull("id");
                    }
                    page.add(event);
                }
                next = Math.max(from, to);
                more = list.size() > to;
            }
            if (!page.isEmpty() || System.currentTimeMillis() >= until) {
                break;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                break;
            }
        }
        ObjectNode answer = JSON.createObjectNode();
        answer.set("events", page);
        answer.put("next", "c" + next).put("hasMore", more);
        exchange.getResponseHeaders().add("Link", "<" + exchange.getRequestURI().getPath() + "?after=c" + next + ">; rel=\"next\"");
        send(exchange, 200, answer);
    }

    /** A JWT for subject notification-service with the integrator role (the signature is the services' business). */
    private boolean tokenOk(String authorization) {
        try {
            String[] jwt = authorization.substring("Bearer ".length()).split("\\.");
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(jwt[1]));
            boolean ok = claims.path("sub").asText().equals("notification-service")
                    && claims.path("groups").toString().contains("\"integrator\"")
                    && claims.path("exp").asLong() > System.currentTimeMillis() / 1000;
            if (!ok) {
                synchronized (badTokens) {
                    badTokens.add(claims.toString());
                }
            }
            return ok;
        } catch (RuntimeException | IOException e) {
            synchronized (badTokens) {
                badTokens.add(String.valueOf(authorization));
            }
            return false;
        }
    }

    private static ObjectNode problem(int status, String type) {
        return JSON.createObjectNode().put("type", "https://aicenter.org/problems/" + type).put("title", type)
                .put("status", status);
    }

    private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", status >= 400 ? "application/problem+json" : "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                query.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return query;
    }
}

package org.aicenter.systemtests.reliability;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A subscriber's endpoint as an integrator writes one: it verifies each delivery's Standard
 * Webhooks signature with the subscription's secret (its own HMAC code, not the service's), refuses
 * what fails with 400, acknowledges the rest with 204 and keeps them in arrival order. It can be
 * taken {@link #down()} (the port closed: connections refused) and brought {@link #up()} again on
 * the same port.
 */
final class WebhookReceiver implements AutoCloseable {

    /** One verified delivery as it arrived. */
    record Delivery(String id, long timestamp, String signatures, String body, Instant at) {
    }

    private static final int MAX_BODY = 1 << 20;
    private static final long TOLERANCE_SECONDS = 300;

    private final int port;
    private volatile String secret;
    private HttpServer server;
    private final List<Delivery> accepted = new ArrayList<>();
    private final List<String> refused = new ArrayList<>();
    private final AtomicInteger attempts = new AtomicInteger();

    WebhookReceiver(int port) {
        this.port = port;
    }

    String url() {
        return "http://localhost:" + port + "/hooks/aic";
    }

    void trust(String secret) {
        this.secret = secret;
    }

    String secret() {
        return secret;
    }

    synchronized void up() throws IOException {
        if (server != null) {
            return;
        }
        // The closed port may linger for a moment after down(): try again for a few seconds.
        for (int attempt = 1; ; attempt++) {
            try {
                server = HttpServer.create(new InetSocketAddress("localhost", port), 64);
                break;
            } catch (BindException taken) {
                if (attempt == 50) {
                    throw taken;
                }
                Processes.sleep(100);
            }
        }
        server.createContext("/hooks/aic", this::handle);
        server.start();
    }

    synchronized void down() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    @Override
    public void close() {
        down();
    }

    synchronized List<Delivery> accepted() {
        return List.copyOf(accepted);
    }

    synchronized List<String> refused() {
        return List.copyOf(refused);
    }

    int attempts() {
        return attempts.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        attempts.incrementAndGet();
        try (exchange) {
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
            String signatures = exchange.getRequestHeaders().getFirst("webhook-signature");
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                byte[] bytes = in.readNBytes(MAX_BODY + 1);
                body = bytes.length > MAX_BODY ? null : new String(bytes, StandardCharsets.UTF_8);
            }
            String why = problem(id, timestamp, signatures, body);
            synchronized (this) {
                if (why == null) {
                    accepted.add(new Delivery(id, Long.parseLong(timestamp), signatures, body, Instant.now()));
                } else {
                    refused.add(id + ": " + why);
                }
            }
            exchange.sendResponseHeaders(why == null ? 204 : 400, -1);
        }
    }

    /** Why a delivery is not to be trusted, or null when it is. */
    private String problem(String id, String timestamp, String signatures, String body) {
        if (id == null || timestamp == null || signatures == null || body == null) {
            return "a webhook-* header or the body is missing (or the body is too long)";
        }
        long at;
        try {
            at = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            return "webhook-timestamp is not a number: " + timestamp;
        }
        if (Math.abs(Instant.now().getEpochSecond() - at) > TOLERANCE_SECONDS) {
            return "webhook-timestamp is more than " + TOLERANCE_SECONDS + " s away from now: " + timestamp;
        }
        return verifies(secret, id, at, body, signatures) ? null : "no signature verifies";
    }

    /**
     * Standard Webhooks verification: one of the space-separated {@code v1,<base64>} signatures is
     * the HMAC-SHA256 of {@code id.timestamp.body} keyed with the secret's bytes (after {@code whsec_}),
     * compared in constant time.
     */
    static boolean verifies(String secret, String id, long timestamp, String body, String signatures) {
        byte[] expected;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            expected = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
        for (String signature : signatures.trim().split(" +")) {
            if (!signature.startsWith("v1,")) {
                continue;
            }
            byte[] given;
            try {
                given = Base64.getDecoder().decode(signature.substring(3));
            } catch (IllegalArgumentException notBase64) {
                continue;
            }
            if (MessageDigest.isEqual(expected, given)) {
                return true;
            }
        }
        return false;
    }
}

package org.aicenter.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.eclipse.microprofile.config.ConfigProvider;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A stand-in for an OpenTelemetry collector: {@code @WithTestResource(OtlpReceiver.class)} turns
 * the application's tracing on (an OTLP endpoint is given, as an operator would) and points its
 * exporter at this server, which keeps every export it receives ({@code POST /v1/traces},
 * OTLP over HTTP with protobuf). A test asks whether a trace id reached it with
 * {@link #received(String)}; the server answers from its own port, since the test and this
 * resource may live in different class loaders.
 */
public class OtlpReceiver implements QuarkusTestResourceLifecycleManager {

    public static final String URL = "aic.test.otlp.url";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final List<byte[]> exports = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the OTLP receiver", e);
        }
        server.createContext("/v1/traces", this::export);
        server.createContext("/received", this::received);
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.start();
        String url = "http://localhost:" + server.getAddress().getPort();
        return Map.of(
                "quarkus.otel.exporter.otlp.endpoint", url,
                "quarkus.otel.exporter.otlp.protocol", "http/protobuf",
                // the endpoint is given through configuration here, not the environment the switch reads
                "quarkus.otel.sdk.disabled", "false",
                // export at once rather than every 5 s, so a test need not wait
                "quarkus.otel.bsp.schedule.delay", "PT0.1S",
                URL, url);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private void export(HttpExchange exchange) throws IOException {
        exports.add(exchange.getRequestBody().readAllBytes());
        exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
        exchange.sendResponseHeaders(200, -1);
        exchange.close();
    }

    /** GET /received?trace=<32 hex>: "yes" once an export holds that trace id (protobuf keeps it as 16 raw bytes). */
    private void received(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getQuery();
        byte[] traceId = HexFormat.of().parseHex(query.substring(query.indexOf('=') + 1));
        boolean found = exports.stream().anyMatch(export -> contains(export, traceId));
        byte[] body = (found ? "yes" : "no").getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** Whether the application exported a span of {@code traceId} (32 hex digits) within {@code seconds}. */
    public static boolean received(String traceId, int seconds) {
        String base = ConfigProvider.getConfig().getValue(URL, String.class);
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        try {
            do {
                HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/received?trace=" + traceId))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (answer.body().equals("yes")) {
                    return true;
                }
                Thread.sleep(100);
            } while (System.nanoTime() < deadline);
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}

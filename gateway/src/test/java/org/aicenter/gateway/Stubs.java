package org.aicenter.gateway;

import org.eclipse.microprofile.config.ConfigProvider;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Drives the stub services from a test through their control server. */
final class Stubs {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Stubs() {
    }

    static void stop(String key) {
        call("/stop/" + key);
    }

    static void start(String key) {
        call("/start/" + key);
    }

    static void release() {
        call("/release");
    }

    static void reset() {
        call("/reset");
    }

    /** How often the stubs' /q/health/ready was asked since the last reset. */
    static long readinessAsked() {
        return Long.parseLong(call("/readiness-asked"));
    }

    static long uploadSeen() {
        return Long.parseLong(call("/upload-seen"));
    }

    /**
     * What the stub last saw of a view call, e.g. {@code seen("partner", "/api/v1/partners/<id>")}:
     * its {@code query}, {@code requestId} (X-Request-Id) and {@code traceparent}; empty if none came.
     */
    static io.vertx.core.json.JsonObject seen(String service, String path) {
        return new io.vertx.core.json.JsonObject(call("/seen?call="
                + java.net.URLEncoder.encode(service + " " + path, java.nio.charset.StandardCharsets.UTF_8)));
    }

    private static String call(String path) {
        String base = ConfigProvider.getConfig().getValue("aic.test.stub-control", String.class);
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException("stub control " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

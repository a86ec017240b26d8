package org.aicenter.notification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eclipse.microprofile.config.ConfigProvider;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/** Scripts the {@link FeedStub}'s feeds and builds CloudEvents as the services publish them. */
final class Feeds {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Feeds() {
    }

    static String base() {
        return ConfigProvider.getConfig().getValue("aic.feeds.training-url", String.class);
    }

    static ObjectNode event(String thing, String change, String subject, ObjectNode data) {
        ObjectNode e = JSON.createObjectNode();
        e.put("specversion", "1.0").put("id", UUID.randomUUID().toString())
                .put("source", "/api/v1/" + thing + "s").put("type", "org.aicenter." + thing + "." + change)
                .put("subject", subject).put("time", Instant.now().toString())
                .put("datacontenttype", "application/json").put("actor", "admin-user").put("version", 0);
        e.set("data", data);
        return e;
    }

    static ObjectNode partnerCreated(String name) {
        String id = UUID.randomUUID().toString();
        return event("partner", "created", id, JSON.createObjectNode().put("id", id).put("name", name).put("version", 0));
    }

    static void publish(String feed, ObjectNode... events) {
        call("POST", "/control/events/" + feed, JSON.valueToTree(List.of(events)).toString());
    }

    static void fail(String feed, int status, int times) {
        call("POST", "/control/fail/" + feed + "?status=" + status + "&times=" + times, "");
    }

    static void poison(String id, boolean on) {
        call("POST", "/control/poison/x?id=" + id + "&on=" + on, "");
    }

    static void programmeLanguage(String programmeId, String language) {
        call("POST", "/control/programme/" + programmeId + "?language=" + language, "");
    }

    static JsonNode afters(String feed) {
        return call("GET", "/control/afters/" + feed, null);
    }

    static JsonNode badTokens() {
        return call("GET", "/control/bad-tokens/x", null);
    }

    private static JsonNode call(String method, String path, String body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path));
            request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            HttpResponse<String> answer = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException(path + " answered " + answer.statusCode());
            }
            return JSON.readTree(answer.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits up to {@code within} for {@code condition}, failing with {@code what} if it never holds. */
    static void eventually(Duration within, String what, BooleanSupplier condition) {
        Instant until = Instant.now().plus(within);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(until)) {
                throw new AssertionError("not within " + within + ": " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}

package org.aicenter.testing.partner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eclipse.microprofile.config.ConfigProvider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The tests' handle on {@link PartnerServiceStub}. Every document it serves is first checked
 * against partner-service's committed contract (GET /api/v1/partners/{id}, and for the change feed's
 * events GET /api/v1/partners/changes): if partner-service renames, retypes or drops a field, the
 * stub's answers no longer pass and the tests fail here.
 */
public final class PartnerStub {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private PartnerStub() {
    }

    /** A new partner in this status, known to the stub; its id is fresh, so no cached answer exists. */
    public static UUID partner(String status) {
        UUID id = UUID.randomUUID();
        put(document(id, status));
        return id;
    }

    /** A partner document as partner-service answers it. */
    public static ObjectNode document(UUID id, String status) {
        ObjectNode partner = JSON.createObjectNode();
        partner.put("id", id.toString());
        partner.put("name", "徐汇测试伙伴 " + id.toString().substring(0, 8));
        partner.put("nameEn", "Xuhui test partner " + id.toString().substring(0, 8));
        partner.put("type", "RESEARCH_INSTITUTE");
        partner.putArray("sectors").add("SMART_CITY").add("PUBLIC_SERVICES");
        partner.putNull("creditCode");
        partner.put("website", "https://example.org");
        ObjectNode address = partner.putObject("address");
        address.put("district", "徐汇区");
        address.put("city", "上海市");
        address.put("province", "上海市");
        address.put("country", "CN");
        partner.put("tier", "CORE");
        partner.put("status", status);
        ObjectNode contact = partner.putArray("contacts").addObject();
        contact.put("name", "王伟");
        contact.put("title", "Director");
        contact.put("email", "wang.wei@example.org");
        contact.put("phone", "+86 21 5555 0100");
        contact.put("primary", true);
        partner.putArray("agreements");
        if (status.equals("PROSPECT")) {
            partner.putNull("joinedOn");
        } else {
            partner.put("joinedOn", LocalDate.now().minusYears(1).toString());
        }
        String now = Instant.now().truncatedTo(ChronoUnit.MICROS).toString();
        partner.put("createdAt", now);
        partner.put("updatedAt", now);
        partner.put("createdBy", "partner-manager-user");
        partner.put("updatedBy", "partner-manager-user");
        partner.put("version", 1);
        return partner;
    }

    /** Serves {@code partner}, after checking it against the contract. */
    public static void put(ObjectNode partner) {
        requireValid(200, partner);
        control("PUT", "/partners/" + partner.get("id").asText(), partner.toString());
    }

    /** The 404 problem body the stub answers for an unknown partner. */
    static String notFoundBody(String id) {
        return "{\"type\":\"https://aicenter.org/problems/not-found\",\"title\":\"Not found\",\"status\":404,"
                + "\"detail\":\"Partner " + id + " does not exist\",\"instance\":\"/api/v1/partners/" + id + "\"}";
    }

    public static JsonNode notFoundDocument(String id) {
        try {
            return JSON.readTree(notFoundBody(id));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void requireValid(int status, JsonNode body) {
        PartnerContract contract = PartnerContract.load();
        List<String> errors = contract.validate(status, body);
        if (!errors.isEmpty()) {
            throw new AssertionError("the partner-service stub would answer " + status + " with a body that breaks "
                    + contract.source() + ": " + errors);
        }
    }

    /** partner-service stops listening: connections are refused. */
    public static void down() {
        control("POST", "/mode/down", null);
    }

    /** partner-service answers 500 to every lookup. */
    public static void failing() {
        control("POST", "/mode/failing", null);
    }

    /** partner-service answers normally again, without delay. */
    public static void up() {
        control("POST", "/mode/up", null);
        control("POST", "/delay/0", null);
    }

    public static void slow(long millis) {
        control("POST", "/delay/" + millis, null);
    }

    /** The calls partner-service received: method, path, authorization, requestId, traceparent. */
    public static ArrayNode calls() {
        try {
            return (ArrayNode) JSON.readTree(control("GET", "/calls", null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lookups of one partner that partner-service received. */
    public static List<JsonNode> callsFor(UUID partnerId) {
        List<JsonNode> found = new ArrayList<>();
        calls().forEach(call -> {
            if (call.get("path").asText().equals("/api/v1/partners/" + partnerId)) {
                found.add(call);
            }
        });
        return found;
    }

    public static void forgetCalls() {
        control("DELETE", "/calls", null);
    }

    /** The partner as the stub serves it now. */
    public static ObjectNode current(UUID id) {
        try {
            return (ObjectNode) JSON.readTree(control("GET", "/partners/" + id, null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * partner-service ends the partner: the stub serves it ENDED (its next version) and its change feed
     * has the status-changed event, as a transition to ENDED commits both.
     */
    public static void end(UUID id) {
        transition(id, "ENDED");
    }

    /** The partner moves to {@code status}, with the status-changed event in the feed. */
    public static void transition(UUID id, String status) {
        ObjectNode partner = current(id);
        partner.put("status", status);
        partner.put("version", partner.path("version").asLong() + 1);
        partner.put("updatedAt", Instant.now().truncatedTo(ChronoUnit.MICROS).toString());
        put(partner);
        publish(event("status-changed", id, partner.path("version").asLong(), partner));
    }

    /** partner-service deletes the partner (a PROSPECT): the stub answers 404 and the feed has the deleted event. */
    public static void delete(UUID id) {
        long version = current(id).path("version").asLong();
        control("DELETE", "/partners/" + id, null);
        ObjectNode data = JSON.createObjectNode().put("id", id.toString()).put("version", version);
        publish(event("deleted", id, version, data));
    }

    /** A change event as partner-service's feed answers it ({@code action}: created, updated, status-changed, deleted). */
    public static ObjectNode event(String action, UUID id, long version, ObjectNode data) {
        ObjectNode event = JSON.createObjectNode();
        event.put("specversion", "1.0");
        event.put("id", UUID.randomUUID().toString());
        event.put("source", "/api/v1/partners");
        event.put("type", "org.aicenter.partner." + action);
        event.put("subject", id.toString());
        event.put("time", Instant.now().truncatedTo(ChronoUnit.MICROS).toString());
        event.put("datacontenttype", "application/json");
        event.put("actor", "partner-manager-user");
        event.put("version", version);
        event.set("data", data);
        return event;
    }

    /**
     * Appends the event to the stub's feed (waking the polls held open), after checking it against the
     * contract: the event as a ChangeEvent of a page, its data (an object the contract leaves open) as
     * the partner GET answers, or for a deletion just its id and version.
     */
    public static void publish(ObjectNode event) {
        JsonNode data = event.path("data");
        if (event.path("type").asText().endsWith(".deleted")) {
            if (data.size() != 2 || !data.has("id") || !data.path("version").isIntegralNumber()) {
                throw new AssertionError("a deletion's data is just {id, version}, not " + data);
            }
        } else {
            requireValid(200, data);
        }
        ObjectNode envelope = event.deepCopy();
        envelope.putObject("data");
        ObjectNode page = JSON.createObjectNode();
        page.putArray("events").add(envelope);
        page.put("next", "e0.1");
        page.put("hasMore", false);
        List<String> errors = PartnerContract.load().validateChangePage(page);
        if (!errors.isEmpty()) {
            throw new AssertionError("the partner-service stub's feed would answer an event that breaks "
                    + PartnerContract.load().source() + ": " + errors);
        }
        control("POST", "/events", event.toString());
    }

    /** Every cursor the feed has answered so far expires: reading on from one is a 410 cursor-expired. */
    public static void expireCursors() {
        control("POST", "/feed/expire", null);
    }

    /** The feed's requests: their query parameters (after, limit, types, wait) and authorization. */
    public static ArrayNode feedCalls() {
        try {
            return (ArrayNode) JSON.readTree(control("GET", "/feed/calls", null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void forgetFeedCalls() {
        control("DELETE", "/feed/calls", null);
    }

    /** How many of the feed's requests are held open now, waiting for an event, with a cursor that has not expired. */
    public static int feedPollsWaiting() {
        try {
            return JSON.readTree(control("GET", "/feed/waiting", null)).path("waiting").asInt();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Until a reader of the feed holds a poll open (it follows from a cursor it has), or fails after {@code within}. */
    public static void awaitFeedFollowed(Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (feedPollsWaiting() == 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("nobody followed the partner-service stub's change feed within " + within
                        + "; its requests: " + feedCalls());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** The feed itself, as a reader with {@code authorization} gets it (for the tests of the stub). */
    public static HttpResponse<String> readFeed(String query, String authorization) {
        String[] urls = ConfigProvider.getConfig().getValue("aic.partner-directory.urls", String.class).split(",");
        String base = urls[urls.length - 1].strip(); // the stub's own (a dead replica goes first)
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/api/v1/partners/changes?" + query)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String control(String method, String path, String body) {
        String base = ConfigProvider.getConfig().getValue(PartnerServiceStub.CONTROL_URL, String.class);
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException("stub control " + method + " " + path + " answered "
                        + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

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
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The tests' handle on {@link PartnerServiceStub}. Every document it serves is first checked
 * against partner-service's committed contract (GET /api/v1/partners/{id}): if partner-service
 * renames, retypes or drops a field, the stub's answers no longer pass and the tests fail here.
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

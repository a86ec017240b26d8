package org.aicenter.testing.partner;

import com.fasterxml.jackson.databind.JsonNode;
import org.aicenter.testing.Contracts;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * partner-service's contract as its clients' tests see it: the committed
 * {@code contracts/partner-service.json} (partner-service's ContractTest keeps it equal to the
 * live document). Missing, it fails the tests: a client never guesses partner-service's API.
 */
public final class PartnerContract {

    public static final String SERVICE = "partner-service";
    public static final String PARTNER_PATH = "/api/v1/partners/{id}";
    public static final String CHANGES_PATH = "/api/v1/partners/changes";
    private static volatile PartnerContract instance;

    private final JsonNode document;
    private final SchemaCheck check;
    private final Path file;

    private PartnerContract(Path file, JsonNode document) {
        this.file = file;
        this.document = document;
        this.check = new SchemaCheck(document);
    }

    public static PartnerContract load() {
        if (instance == null) {
            Path file = Contracts.file(SERVICE);
            if (!Files.exists(file)) {
                throw new AssertionError(file.toAbsolutePath().normalize() + " is missing: the tests of partner-service's "
                        + "clients check their partner-service stub against it");
            }
            instance = new PartnerContract(file, Contracts.committed(SERVICE));
        }
        return instance;
    }

    public String source() {
        return file.toAbsolutePath().normalize().toString();
    }

    /** GET /api/v1/partners/{id}'s documented answers, by status code. */
    public JsonNode responses() {
        return document.path("paths").path(PARTNER_PATH).path("get").path("responses");
    }

    /** The schema of GET /api/v1/partners/{id}'s answer with this status, resolved. */
    public JsonNode responseSchema(int status) {
        JsonNode response = check.resolve(responses().path(Integer.toString(status)));
        JsonNode content = response.path("content");
        JsonNode media = content.has("application/json") ? content.get("application/json")
                : content.has("application/problem+json") ? content.get("application/problem+json")
                : content.elements().hasNext() ? content.elements().next() : null;
        if (media == null || !media.has("schema")) {
            throw new AssertionError("the partner contract (" + source() + ") has no schema for GET "
                    + PARTNER_PATH + " " + status);
        }
        return check.resolve(media.get("schema"));
    }

    public List<String> validate(int status, JsonNode body) {
        return check.validate(responseSchema(status), body);
    }

    /** Checks a page of the change feed against GET /api/v1/partners/changes' documented 200 answer. */
    public List<String> validateChangePage(JsonNode page) {
        JsonNode media = document.path("paths").path(CHANGES_PATH).path("get").path("responses").path("200")
                .path("content").path("application/json");
        if (!media.has("schema")) {
            throw new AssertionError("the partner contract (" + source() + ") has no schema for GET " + CHANGES_PATH + " 200");
        }
        return check.validate(check.resolve(media.get("schema")), page);
    }

    public SchemaCheck schemaCheck() {
        return check;
    }
}

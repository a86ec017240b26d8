package org.aicenter.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.restassured.RestAssured;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The committed OpenAPI contracts in {@code contracts/<service>.json} at the repository root.
 * A service's test compares its live document with the committed one, so a change to the API is
 * a deliberate, reviewed change of the contract; {@code -Daic.contract.update=true} rewrites it.
 */
public final class Contracts {

    public static final String UPDATE_PROPERTY = "aic.contract.update";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private Contracts() {
    }

    /** {@code contracts/<service>.json}, found from the module folder the tests run in. */
    public static Path file(String service) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("contracts"))) {
            if (Files.exists(dir.resolve("mvnw"))) {
                return dir.resolve("contracts").resolve(service + ".json");
            }
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no contracts folder above " + Path.of("").toAbsolutePath());
        }
        return dir.resolve("contracts").resolve(service + ".json");
    }

    public static JsonNode committed(String service) {
        try {
            return JSON.readTree(file(service).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the committed contract of " + service, e);
        }
    }

    /** The running service's document, fetched through RestAssured's configured port. */
    public static JsonNode live() {
        String body = RestAssured.given().accept("application/json").get("/q/openapi?format=json")
                .then().statusCode(200).extract().asString();
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rewrites the committed contract when asked to; answers whether it did. */
    public static boolean updateIfAsked(String service, JsonNode live) {
        if (!Boolean.getBoolean(UPDATE_PROPERTY)) {
            return false;
        }
        try {
            Path file = file(service);
            Files.createDirectories(file.getParent());
            Object canonical = JSON.treeToValue(live, Object.class);
            Files.writeString(file, JSON.writeValueAsString(canonical) + "\n");
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

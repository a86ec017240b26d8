package org.aicenter.partner;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import org.aicenter.testing.TestTokens;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Request bodies and calls shared by the partner tests. */
final class PartnerFixtures {

    static final String BASE = "/api/v1/partners";

    private PartnerFixtures() {
    }

    static RequestSpecification as(String role) {
        return given().header("Authorization", TestTokens.bearer(role)).contentType(ContentType.JSON);
    }

    static RequestSpecification manager() {
        return as("partner-manager");
    }

    /** A valid body with a unique name. */
    static Map<String, Object> body(String name) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("nameEn", "English " + name);
        body.put("type", "UNIVERSITY");
        body.put("sectors", List.of("EDUCATION", "SMART_CITY"));
        body.put("tier", "CORE");
        body.put("address", new HashMap<>(Map.of("district", "徐汇区", "city", "上海", "province", "上海")));
        body.put("contacts", new ArrayList<>(List.of(Map.of("name", "李雷", "title", "主任",
                "email", "li.lei@example.cn", "phone", "+86 21 5555 0101", "primary", true))));
        body.put("agreements", new ArrayList<>());
        return body;
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static ValidatableResponse create(Map<String, Object> body) {
        return manager().body(body).post(BASE).then();
    }

    /** Creates a partner and answers {@code [id, etag]}. */
    static String[] created(Map<String, Object> body) {
        var response = create(body).statusCode(201).extract();
        return new String[]{response.path("id"), response.header("ETag")};
    }

    static String[] created(String name) {
        return created(body(name));
    }

    /** Moves a partner and answers its new ETag. */
    static String move(String id, String etag, String to) {
        return manager().header("If-Match", etag).body(Map.of("to", to, "reason", "test move to " + to))
                .post(BASE + "/" + id + "/transitions").then().statusCode(200).extract().header("ETag");
    }

    static String etagOf(String id) {
        return RestAssured.given().header("Authorization", TestTokens.bearer("viewer")).get(BASE + "/" + id)
                .then().statusCode(200).extract().header("ETag");
    }
}

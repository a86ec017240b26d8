package org.aicenter.notification;

import io.restassured.response.ValidatableResponse;
import org.aicenter.testing.TestTokens;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;

/** Subscriptions made and read through the API, as an integrator would. */
final class Webhooks {

    static final String INTEGRATOR = TestTokens.bearer("integrator");
    static final String ADMIN = TestTokens.bearer("admin");

    record Made(String id, String secret) {
    }

    private Webhooks() {
    }

    static Made subscribe(String url, String... types) {
        ValidatableResponse created = given().header("Authorization", INTEGRATOR).contentType("application/json")
                .body(Map.of("url", url, "types", List.of(types), "description", "test"))
                .post("/api/v1/webhooks").then().statusCode(201);
        return new Made(created.extract().path("id"), created.extract().path("secret"));
    }

    static ValidatableResponse get(String id) {
        return given().header("Authorization", INTEGRATOR).get("/api/v1/webhooks/" + id).then().statusCode(200);
    }

    static ValidatableResponse deliveries(String id) {
        return given().header("Authorization", INTEGRATOR).queryParam("size", 200)
                .get("/api/v1/webhooks/" + id + "/deliveries").then().statusCode(200);
    }
}

package org.aicenter.gateway;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.aicenter.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(value = StubServices.class, scope = TestResourceScope.GLOBAL)
class EdgeTest {

    @Test
    void aForgedTokenIsRefusedAtTheGateway() {
        given().header("Authorization", TestTokens.forged("admin"))
                .when().get("/api/v1/partners/echo")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("type", equalTo("https://aicenter.org/problems/unauthorized"))
                .body("status", equalTo(401))
                .body("requestId", notNullValue());
    }

    @Test
    void anExpiredTokenIsRefusedAtTheGateway() {
        given().header("Authorization", TestTokens.expired("viewer"))
                .when().get("/api/v1/projects/echo")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void aMalformedTokenOrAnotherSchemeIsRefused() {
        given().header("Authorization", "Bearer not-a-jwt").when().get("/api/v1/projects/echo").then().statusCode(401);
        given().header("Authorization", "Basic dXNlcjpwYXNz").when().get("/api/v1/projects/echo").then().statusCode(401);
    }

    @Test
    void aValidTokenIsVerifiedOnceAndStillAcceptedFromMemory() {
        String token = TestTokens.bearer("cached-user", "viewer");
        for (int i = 0; i < 3; i++) {
            given().header("Authorization", token).when().get("/api/v1/partners/echo")
                    .then().statusCode(200).body("headers.authorization", equalTo(token));
        }
    }

    @Test
    void aRequestWithoutATokenPassesForTheServiceToDecide() {
        given().when().get("/api/v1/certificates/echo").then().statusCode(200).body("service", equalTo("training"));
    }

    @Test
    void aClientOverItsRateGets429WithRetryAfter() {
        String token = TestTokens.bearer("busy-integrator", "integrator");
        List<Integer> statuses = new ArrayList<>();
        Response refused = null;
        for (int i = 0; i < 60; i++) {
            Response response = given().header("Authorization", token).when().get("/api/v1/partners/echo");
            statuses.add(response.statusCode());
            if (response.statusCode() == 429 && refused == null) {
                refused = response;
            }
        }
        assertTrue(statuses.subList(0, 40).stream().allMatch(s -> s == 200), "the burst of 40 passes: " + statuses);
        assertTrue(refused != null, "past the burst the client is refused: " + statuses);
        assertEquals("application/problem+json", refused.contentType());
        assertTrue(Long.parseLong(refused.header("Retry-After")) >= 1);
        assertEquals("https://aicenter.org/problems/too-many-requests", refused.jsonPath().getString("type"));
        // Another client is not affected, and health and docs are never limited.
        given().header("Authorization", TestTokens.bearer("calm-user", "viewer")).when().get("/api/v1/partners/echo")
                .then().statusCode(200);
        for (int i = 0; i < 50; i++) {
            assertFalse(given().header("Authorization", token).when().get("/q/health/live").statusCode() == 429);
        }
    }

    @Test
    void corsPreflightFromAConfiguredOriginIsAnswered() {
        given().header("Origin", "http://localhost:5173")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "Authorization,Content-Type,Idempotency-Key")
                .when().options("/api/v1/partners")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", "http://localhost:5173")
                .header("Access-Control-Allow-Methods", containsString("POST"))
                .header("Access-Control-Allow-Headers", containsString("Idempotency-Key"));
        given().header("Origin", "http://localhost:5173").when().get("/api/v1/partners/echo")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", "http://localhost:5173")
                .header("Access-Control-Expose-Headers", containsString("X-Request-Id"));
    }

    @Test
    void corsFromAnUnknownOriginIsNotAllowed() {
        Response response = given().header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "DELETE")
                .when().options("/api/v1/partners");
        assertFalse("https://evil.example".equals(response.header("Access-Control-Allow-Origin")));
    }
}

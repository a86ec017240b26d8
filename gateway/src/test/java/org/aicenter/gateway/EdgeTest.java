package org.aicenter.gateway;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.aicenter.platform.security.VerifiedTokens;
import org.aicenter.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.net.http.HttpResponse;
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

    @TestHTTPResource("/")
    URL gateway;

    @Inject
    VerifiedTokens tokens;

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
    void aTokenForAnotherAudienceIsRefusedAtTheGateway() {
        given().header("Authorization", TestTokens.forAudience("another-application", "admin"))
                .when().get("/api/v1/partners/echo")
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
    void aBearerValueOverTheLengthBoundIsRefusedBeforeAnythingParsesIt() {
        String huge = "Bearer " + "x".repeat(15 * 1024);
        given().header("Authorization", huge).when().get("/api/v1/partners/echo")
                .then().statusCode(401).contentType("application/problem+json")
                .body("detail", containsString("longer than 8192"))
                .body("requestId", notNullValue());
    }

    @Test
    void aTokenDifferingInAnyByteFromAVerifiedOneIsVerifiedOnItsOwn() {
        String token = TestTokens.bearer("digest-user", "viewer");
        given().header("Authorization", token).when().get("/api/v1/partners/echo").then().statusCode(200);
        String[] parts = token.substring(7).split("\\.");
        // Same header and claims, another signature (as a key that is not, or no longer, trusted would make).
        String otherSignature = TestTokens.resigned(token).substring(7);
        // The claims changed (a role added), the signature kept.
        String otherClaims = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(java.util.Base64.getUrlDecoder().decode(parts[1]), java.nio.charset.StandardCharsets.UTF_8)
                        .replace("\"viewer\"", "\"admin\"").getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "." + parts[2];
        for (String tampered : List.of(otherSignature, otherClaims)) {
            given().header("Authorization", "Bearer " + tampered).when().get("/api/v1/partners/echo").then().statusCode(401);
        }
        given().header("Authorization", token).when().get("/api/v1/partners/echo").then().statusCode(200);
    }

    @Test
    void aRememberedTokenStopsWorkingWhenItExpires() throws InterruptedException {
        String token = TestTokens.lasting(java.time.Duration.ofSeconds(3), "short-lived", "viewer");
        given().header("Authorization", token).when().get("/api/v1/partners/echo").then().statusCode(200);
        given().header("Authorization", token).when().get("/api/v1/partners/echo").then().statusCode(200);
        Thread.sleep(5_500); // past exp and its one second of clock skew
        given().header("Authorization", token).when().get("/api/v1/partners/echo").then().statusCode(401);
    }

    @Test
    void refusedTokensAreNotRemembered() {
        int before = tokens.cache().size();
        for (int i = 0; i < 20; i++) {
            given().header("Authorization", TestTokens.forged("viewer")).when().get("/api/v1/partners/echo").then().statusCode(401);
            given().header("Authorization", "Bearer junk." + i + ".junk").when().get("/api/v1/partners/echo").then().statusCode(401);
        }
        assertTrue(tokens.cache().size() <= before, "no refusal was added: " + before + " -> " + tokens.cache().size());
    }

    @Test
    void aRequestWithoutATokenPassesForTheServiceToDecide() {
        given().when().get("/api/v1/certificates/echo").then().statusCode(200).body("service", equalTo("training"));
    }

    @Test
    void aClientOverItsRateGets429WithRetryAfter() throws Exception {
        String token = TestTokens.bearer("busy-integrator", "integrator");
        long started = System.nanoTime();
        List<HttpResponse<String>> answers = Burst.send(gateway.toURI().resolve("/api/v1/partners/echo"), token, 80);
        double seconds = (System.nanoTime() - started) / 1e9;
        long passed = answers.stream().filter(r -> r.statusCode() == 200).count();
        List<HttpResponse<String>> refused = answers.stream().filter(r -> r.statusCode() == 429).toList();
        assertEquals(80, passed + refused.size(), "every answer is 200 or 429");
        // burst 40, then 1 per second (test configuration)
        assertTrue(passed >= 40, "the burst passes: " + passed);
        assertTrue(passed <= 40 + Math.ceil(seconds) + 1, passed + " passed in " + seconds + " s");
        assertFalse(refused.isEmpty(), "past the burst the client is refused");
        HttpResponse<String> first = refused.get(0);
        assertTrue(first.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        assertTrue(Long.parseLong(first.headers().firstValue("Retry-After").orElseThrow()) >= 1);
        assertTrue(first.body().contains("https://aicenter.org/problems/too-many-requests"), first.body());
        // Another client is not affected; health and docs count against the address, not the token's subject.
        given().header("Authorization", TestTokens.bearer("calm-user", "viewer")).when().get("/api/v1/partners/echo")
                .then().statusCode(200);
        assertTrue(Burst.send(gateway.toURI().resolve("/q/health/live"), token, 50).stream()
                .allMatch(r -> r.statusCode() == 200));
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

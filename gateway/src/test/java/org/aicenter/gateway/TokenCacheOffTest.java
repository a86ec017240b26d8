package org.aicenter.gateway;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.aicenter.platform.security.VerifiedTokens;
import org.aicenter.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code aic.security.token-cache.enabled=false}, the switch a benchmark compares with: every
 * token is verified on every request, nothing is remembered, and every check is the same.
 */
@QuarkusTest
@TestProfile(TokenCacheOffTest.CacheOff.class)
@WithTestResource(value = StubServices.class, scope = TestResourceScope.GLOBAL)
class TokenCacheOffTest {

    public static class CacheOff implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("aic.security.token-cache.enabled", "false");
        }
    }

    @Inject
    VerifiedTokens tokens;

    @Test
    void everyTokenIsVerifiedEveryTimeAndTheChecksAreTheSame() {
        String valid = TestTokens.bearer("uncached-user", "viewer");
        for (int i = 0; i < 3; i++) {
            given().header("Authorization", valid).when().get("/api/v1/partners/echo").then().statusCode(200);
        }
        given().header("Authorization", TestTokens.forged("admin")).when().get("/api/v1/partners/echo").then().statusCode(401);
        given().header("Authorization", TestTokens.expired("admin")).when().get("/api/v1/partners/echo").then().statusCode(401);
        given().header("Authorization", TestTokens.resigned(valid)).when().get("/api/v1/partners/echo")
                .then().statusCode(401);
        given().header("Authorization", "Bearer " + "y".repeat(9_000)).when().get("/api/v1/partners/echo").then().statusCode(401);
        assertEquals(0, tokens.cache().size(), "nothing is remembered");
    }
}

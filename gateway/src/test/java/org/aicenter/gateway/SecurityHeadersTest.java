package org.aicenter.gateway;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.aicenter.gateway.edge.SecurityHeaders;
import org.aicenter.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every answer carries: no sniffing, no referrer, no framing, and a Content-Security-Policy
 * that lets only the gateway's own scripts and styles run, on the Swagger UI's page too (which has
 * no inline script or style). No HSTS over plain HTTP (EdgeLimitsTest sees it over HTTPS).
 */
@QuarkusTest
@WithTestResource(value = StubServices.class, scope = TestResourceScope.GLOBAL)
class SecurityHeadersTest {

    @Test
    void apiAnswersProblemsAndTheContractCarryTheHeaders() {
        for (Response response : List.of(
                given().header("Authorization", TestTokens.bearer("viewer")).when().get("/api/v1/partners/echo"),
                given().header("Authorization", "Bearer junk").when().get("/api/v1/partners/echo"),
                given().when().get("/openapi"),
                given().when().get("/q/health/live"))) {
            assertEquals("nosniff", response.header("X-Content-Type-Options"), response.asString());
            assertEquals("no-referrer", response.header("Referrer-Policy"));
            assertEquals("DENY", response.header("X-Frame-Options"));
            String policy = response.header("Content-Security-Policy");
            assertTrue(policy.contains("script-src 'self';") && policy.contains("style-src 'self';"), policy);
            assertTrue(policy.contains("frame-ancestors 'none'"), policy);
            assertFalse(policy.contains("unsafe"), policy);
            assertNull(response.header("Strict-Transport-Security"), "no HSTS over plain HTTP");
        }
    }

    @Test
    void theSwaggerUiRunsUnderTheSamePolicyWithNoInlineScriptOrStyle() {
        Response page = given().when().get("/swagger-ui/");
        assertEquals(200, page.statusCode());
        assertEquals(SecurityHeaders.POLICY, page.header("Content-Security-Policy"));
        String html = page.asString();
        assertFalse(java.util.regex.Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>").matcher(html).find(),
                "no inline script: " + html);
        assertFalse(html.contains("<style") || html.contains(" style="), "no inline style: " + html);
        // Its configuration and assets come from the gateway itself.
        String init = given().when().get("/swagger-ui/aic-swagger-ui.js").then().statusCode(200).extract().asString();
        assertTrue(init.contains("url: '/openapi'") && init.contains("persistAuthorization: false"), init);
        for (String asset : List.of("swagger-ui-bundle.js", "swagger-ui-standalone-preset.js", "swagger-ui.css")) {
            given().when().get("/swagger-ui/" + asset).then().statusCode(200);
        }
    }
}

package org.aicenter.gateway;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.aicenter.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(value = StubServices.class, scope = TestResourceScope.GLOBAL)
class OperationsTest {

    @TestHTTPResource("/")
    URL gateway;

    @Test
    void readinessIsDownAndNamesTheServiceThatIsNotReady() {
        JsonPath health = given().when().get("/q/health/ready").then().statusCode(503).extract().jsonPath();
        assertEquals("DOWN", health.getString("status"));
        List<Map<String, Object>> checks = health.getList("checks");
        Map<String, Object> archive = checks.stream().filter(c -> "archive-service".equals(c.get("name"))).findFirst().orElseThrow();
        assertEquals("DOWN", archive.get("status"));
        assertTrue(String.valueOf(archive.get("data")).contains("archive-service refused the connection"), archive.toString());
        for (String up : List.of("partner-service", "project-service", "training-service")) {
            assertTrue(checks.stream().anyMatch(c -> up.equals(c.get("name")) && "UP".equals(c.get("status"))),
                    up + " is UP: " + checks);
        }
        given().when().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void metricsPerRouteCountRequestsLatencyUpstreamErrorsAndRefusals() throws Exception {
        String token = TestTokens.bearer("metrics-user", "viewer");
        given().header("Authorization", token).when().get("/api/v1/partners/echo").then().statusCode(200);
        given().when().get("/api/v1/archive/records").then().statusCode(503);
        assertTrue(Burst.send(gateway.toURI().resolve("/api/v1/projects/echo"), TestTokens.bearer("metrics-burst", "viewer"), 60)
                .stream().anyMatch(r -> r.statusCode() == 429));
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("aic_gateway_requests_seconds_count{")
                && l.contains("route=\"partner-service\"") && l.contains("status=\"200\"")), "request count per route");
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("aic_gateway_requests_seconds_bucket{")
                && l.contains("route=\"partner-service\"")), "latency histogram per route");
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("aic_gateway_upstream_errors_total{")
                && l.contains("service=\"archive-service\"") && l.contains("kind=\"refused\"")), "upstream errors");
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("aic_gateway_rate_limited_total{")
                && l.contains("route=\"project-service\"")), "rate-limited requests");
    }
}

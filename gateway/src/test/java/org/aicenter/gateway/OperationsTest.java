package org.aicenter.gateway;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.aicenter.testing.Dashboards;
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

    @TestHTTPResource(value = "/", management = true)
    URL management;

    @Test
    void readinessIsDownAndNamesTheServiceThatIsNotReadyOnTheManagementInterfaceOnly() {
        // The API port tells anyone only UP or DOWN: no check names, no service URLs.
        String status = given().when().get("/q/health/ready").then().statusCode(503).extract().asString();
        assertEquals("{\"status\":\"DOWN\"}", status);
        given().when().get("/q/health/live").then().statusCode(200).body("status", org.hamcrest.Matchers.equalTo("UP"));
        given().when().get("/q/metrics").then().statusCode(404);

        JsonPath health = given().baseUri(base(management)).when().get("/q/health/ready").then().statusCode(503)
                .extract().jsonPath();
        assertEquals("DOWN", health.getString("status"));
        List<Map<String, Object>> checks = health.getList("checks");
        Map<String, Object> archive = checks.stream().filter(c -> "archive-service".equals(c.get("name"))).findFirst().orElseThrow();
        assertEquals("DOWN", archive.get("status"));
        assertTrue(String.valueOf(archive.get("data")).contains("archive-service refused the connection"), archive.toString());
        for (String up : List.of("partner-service", "project-service", "training-service")) {
            assertTrue(checks.stream().anyMatch(c -> up.equals(c.get("name")) && "UP".equals(c.get("status"))),
                    up + " is UP: " + checks);
        }
    }

    @Test
    void theServicesAreAskedAtMostEveryOneAndAHalfSecondsHoweverOftenReadinessIsAsked() throws Exception {
        Stubs.reset();
        List<java.net.http.HttpResponse<String>> answers = Burst.send(gateway.toURI().resolve("/q/health/ready"), null, 40);
        assertTrue(answers.stream().allMatch(r -> r.statusCode() == 503), "the archive stub is down, so DOWN every time");
        long asked = Stubs.readinessAsked();
        // 40 readiness requests within a second or two: each of the three stubs asked once, or twice across a boundary.
        assertTrue(asked <= 6, "the stubs were asked " + asked + " times for 40 readiness requests");
    }

    private static String base(URL url) {
        return url.getProtocol() + "://" + url.getHost() + ":" + url.getPort();
    }

    @Test
    void metricsPerRouteCountRequestsLatencyUpstreamErrorsAndRefusals() throws Exception {
        String token = TestTokens.bearer("metrics-user", "viewer");
        given().header("Authorization", token).when().get("/api/v1/partners/echo").then().statusCode(200);
        given().when().get("/api/v1/archive/records").then().statusCode(503);
        assertTrue(Burst.send(gateway.toURI().resolve("/api/v1/projects/echo"), TestTokens.bearer("metrics-burst", "viewer"), 60)
                .stream().anyMatch(r -> r.statusCode() == 429));
        String metrics = given().baseUri(base(management)).when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("aic_gateway_requests_seconds_count{")
                && l.contains("route=\"partner-service\"") && l.contains("status=\"200\"")), "request count per route");
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("aic_gateway_requests_seconds_bucket{")
                && l.contains("route=\"partner-service\"")), "latency histogram per route");
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("aic_gateway_upstream_errors_total{")
                && l.contains("service=\"archive-service\"") && l.contains("kind=\"refused\"")), "upstream errors");
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("aic_gateway_rate_limited_total{")
                && l.contains("route=\"project-service\"")), "rate-limited requests");
        // what the Grafana dashboard reads of the gateway, all published (the services' part: project-service)
        Dashboards.assertPublished(name -> name.startsWith("aic_gateway_") || name.startsWith("jvm_")
                || name.startsWith("process_"), metrics, "gateway");
    }
}

package org.aicenter.gateway;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.aicenter.platform.tokens.LocalTokenIssuer;
import org.aicenter.testing.RawHttp;
import org.aicenter.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gateway's limits at small values (one start of the gateway for all of them):
 * <ul>
 * <li>the per-address limit comes before any token verification: a client without credentials
 * sending forged tokens gets as many verified as its address's budget allows, then 429s that cost
 * a bucket lookup; the public endpoints (health, OpenAPI) count against it too, while a user
 * whose token was verified before counts against its own subject, and another address is not
 * affected;</li>
 * <li>the wait for a service's connections is bounded: with every connection busy and the queue
 * full, a request is answered 503 with Retry-After at once rather than piling up in memory;</li>
 * <li>behind a load balancer it trusts (the tests' loopback address), the gateway tells the
 * services the client's address alone, not the chain, and an answer over HTTPS carries HSTS.</li>
 * </ul>
 */
@QuarkusTest
@TestProfile(EdgeLimitsTest.SmallLimits.class)
@WithTestResource(value = StubServices.class, scope = TestResourceScope.GLOBAL)
class EdgeLimitsTest {

    static final int BURST = 20;
    /** One request every 20 s: the test's own pace on a slow machine refills next to nothing. */
    static final double RATE = 0.05;

    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("aic.gateway.rate-limit.address.rate", Double.toString(RATE),
                    "aic.gateway.rate-limit.address.burst", Integer.toString(BURST),
                    "aic.gateway.rate-limit.rate", "1000", "aic.gateway.rate-limit.burst", "1000",
                    "aic.gateway.upstream.pool-size", "1", "aic.gateway.upstream.max-waiting", "1",
                    "quarkus.http.proxy.proxy-address-forwarding", "true",
                    "quarkus.http.proxy.allow-x-forwarded", "true",
                    "quarkus.http.proxy.trusted-proxies", "127.0.0.1");
        }
    }

    @TestHTTPResource("/")
    URL gateway;

    @Test
    void forgedTokensAreVerifiedOnlyWithinTheAddressBudget() throws Exception {
        String flooder = "127.0.0.2";
        String user = TestTokens.bearer("steady-user", "viewer");
        assertEquals(200, RawHttp.sendFrom(flooder, gateway, "GET", "/api/v1/partners/echo", "Authorization", user).status());

        // Made before the clock starts: a key pair of its own, nobody trusts it; every token different.
        LocalTokenIssuer forger = LocalTokenIssuer.untrusted();
        List<String> forged = new ArrayList<>();
        for (int i = 0; i < 3 * BURST; i++) {
            forged.add("Bearer " + forger.token("forger-" + i, List.of("admin"), Duration.ofHours(1)));
        }
        long started = System.nanoTime();
        int refused = 0;
        int limited = 0;
        for (String token : forged) {
            int status = RawHttp.sendFrom(flooder, gateway, "GET", "/api/v1/partners/echo",
                    "Authorization", token).status();
            if (status == 401) {
                refused++;
            } else if (status == 429) {
                limited++;
            } else {
                throw new AssertionError("a forged token got " + status);
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        double refilled = Math.ceil(seconds * RATE);
        assertTrue(refused <= BURST + refilled, refused + " forged tokens verified in " + seconds + " s");
        assertTrue(limited >= 2 * BURST - refilled, "the rest were refused before verification: " + limited);

        RawHttp.Answer tooMany = RawHttp.sendFrom(flooder, gateway, "GET", "/api/v1/certificates/echo");
        assertEquals(429, tooMany.status(), "anonymous requests from the address wait too: " + tooMany);
        assertTrue(tooMany.header("Content-Type").startsWith("application/problem+json"));
        assertTrue(Long.parseLong(tooMany.header("Retry-After")) >= 1);
        assertEquals(429, RawHttp.sendFrom(flooder, gateway, "GET", "/q/health/live").status(), "health counts against it");
        assertEquals(429, RawHttp.sendFrom(flooder, gateway, "GET", "/openapi").status(), "the contract counts against it");

        // The user verified before the flood goes on, from the same address, on its own budget.
        assertEquals(200, RawHttp.sendFrom(flooder, gateway, "GET", "/api/v1/partners/echo", "Authorization", user).status());
        // Another address is not affected.
        assertEquals(200, RawHttp.sendFrom("127.0.0.3", gateway, "GET", "/api/v1/certificates/echo").status());
        assertEquals(200, RawHttp.sendFrom("127.0.0.3", gateway, "GET", "/q/health/live").status());
    }

    @Test
    void requestsBeyondTheQueueAre503AtOnce() throws Exception {
        // /slow stalls 8 s and the upstream timeout is 2 s: each connection is held about 2 s.
        List<HttpResponse<String>> answers = Burst.send(gateway.toURI().resolve("/api/v1/partners/slow"), null, 12);
        List<HttpResponse<String>> busy = answers.stream().filter(r -> r.statusCode() == 503).toList();
        assertFalse(busy.isEmpty(), "some of 12 requests for 1 connection and 1 place in the queue are refused: "
                + answers.stream().map(HttpResponse::statusCode).toList());
        assertTrue(busy.stream().allMatch(r -> r.body().contains("more requests waiting")
                && r.headers().firstValue("Retry-After").isPresent()), busy.get(0).body());
        assertTrue(answers.stream().allMatch(r -> r.statusCode() == 503 || r.statusCode() == 504),
                "the others waited and timed out: " + answers.stream().map(HttpResponse::statusCode).toList());
    }

    @Test
    void theClientBehindTheBalancerIsWhatTheServicesAreToldAndHttpsBringsHsts() {
        given().header("X-Forwarded-For", "203.0.113.7").header("X-Forwarded-Proto", "https")
                .when().get("/api/v1/partners/echo")
                .then().statusCode(200)
                .header("Strict-Transport-Security", startsWith("max-age="))
                .body("headers.x-forwarded-for", equalTo("203.0.113.7"))
                .body("headers.x-forwarded-host", equalTo("api.aicenter.test"));
    }
}

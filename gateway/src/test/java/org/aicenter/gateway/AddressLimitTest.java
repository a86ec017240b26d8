package org.aicenter.gateway;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.aicenter.testing.RawHttp;
import org.aicenter.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The per-address limit comes before any token verification: a client without credentials
 * sending forged tokens gets as many verified as its address's budget allows, then 429s that
 * cost a bucket lookup; the public endpoints (health, OpenAPI, docs) count against it too. A user
 * whose token was verified before counts against its own subject and is not slowed down, and
 * another address is not affected.
 */
@QuarkusTest
@TestProfile(AddressLimitTest.SmallAddressBudget.class)
@WithTestResource(value = StubServices.class, scope = TestResourceScope.GLOBAL)
class AddressLimitTest {

    static final int BURST = 20;

    public static class SmallAddressBudget implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("aic.gateway.rate-limit.address.rate", "1", "aic.gateway.rate-limit.address.burst",
                    Integer.toString(BURST), "aic.gateway.rate-limit.rate", "1000", "aic.gateway.rate-limit.burst", "1000");
        }
    }

    @TestHTTPResource("/")
    URL gateway;

    @Test
    void forgedTokensAreVerifiedOnlyWithinTheAddressBudget() throws Exception {
        String flooder = "127.0.0.2";
        String user = TestTokens.bearer("steady-user", "viewer");
        assertEquals(200, RawHttp.sendFrom(flooder, gateway, "GET", "/api/v1/partners/echo", "Authorization", user).status());

        long started = System.nanoTime();
        int refused = 0;
        int limited = 0;
        for (int i = 0; i < 3 * BURST; i++) {
            int status = RawHttp.sendFrom(flooder, gateway, "GET", "/api/v1/partners/echo",
                    "Authorization", TestTokens.forged("admin")).status();
            if (status == 401) {
                refused++;
            } else if (status == 429) {
                limited++;
            } else {
                throw new AssertionError("a forged token got " + status);
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        assertTrue(refused <= BURST + Math.ceil(seconds) + 1, refused + " forged tokens verified in " + seconds + " s");
        assertTrue(limited >= BURST - Math.ceil(seconds) - 1, "the rest were refused before verification: " + limited);

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
}

package org.aicenter.gateway;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.aicenter.testing.RawHttp;
import org.aicenter.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A request-target that is not a URI gets the gateway's 400 problem, whether it would have been
 * proxied, served by the gateway or answered as an operational endpoint; nothing of it reaches a
 * service. A percent-encoded target passes through unchanged. Sent over a plain socket, since no
 * HTTP client builds such a request.
 */
@QuarkusTest
@WithTestResource(value = StubServices.class, scope = TestResourceScope.GLOBAL)
class RequestTargetTest {

    @TestHTTPResource("/")
    URL gateway;

    private final String token = TestTokens.bearer("request-target-tester", "viewer");

    @Test
    void aTargetThatIsNoUriIsA400ProblemFromTheGateway() throws Exception {
        List<String> targets = List.of("/api/v1/partners/%zz", "/api/v1/partners/echo/%", "/api/v1/projects/echo?q=%zz",
                "/api/v1/programmes/echo?q=a%2", "/api/v1/partners/echo/\u00ff\u00fe", "/api/v1/partners/echo?q=\u00ff",
                "/api/v1/partners/" + StubServices.PARTNER_ID + "/overview%", "/api/v1/dashboard/%zz",
                "/q/health/ready?%zz", "/openapi%", "/api/v1/partners/echo?q={}", "%zz");
        int n = 0;
        for (String target : targets) {
            String id = "gateway-target-" + n++;
            RawHttp.Answer answer = RawHttp.send(gateway, "GET", target, "Authorization", token, "X-Request-Id", id);
            String what = target + ": " + answer;
            assertEquals(400, answer.status(), what);
            assertTrue(answer.header("Content-Type").startsWith("application/problem+json"), what);
            assertEquals(id, answer.header("X-Request-Id"), what);
            assertEquals("https://aicenter.org/problems/malformed-request", answer.json().getString("type"), what);
            assertEquals(400, answer.json().getInt("status"), what);
            assertTrue(answer.json().getString("detail").contains("not a valid URI (RFC 3986)"), what);
            assertEquals(id, answer.json().getString("requestId"), what);
            assertEquals(null, answer.header("X-Upstream"), what);
        }
    }

    @Test
    void aPercentEncodedTargetIsForwardedUnchanged() throws Exception {
        for (String target : List.of("/api/v1/partners/echo?q=%E4%B8%8A%E6%B5%B7&x=%25&y=%2F",
                "/api/v1/partners/echo/%E4%B8%8A%20%2F")) {
            RawHttp.Answer answer = RawHttp.send(gateway, "GET", target, "Authorization", token);
            assertEquals(200, answer.status(), answer::toString);
            assertEquals(target, answer.json().getString("uri"), answer::toString);
        }
    }
}

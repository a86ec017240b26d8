package org.aicenter.partner;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.aicenter.testing.PostgresResource;
import org.aicenter.testing.RawHttp;
import org.aicenter.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.aicenter.partner.PartnerFixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A request-target that is not a URI gets a 400 problem with the request id, wherever it breaks:
 * in the path, in the query, or with no leading slash at all. Sent over a plain socket, since no
 * HTTP client builds such a request.
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class RequestTargetTest {

    @TestHTTPResource("/")
    URL service;

    @Test
    void aTargetThatIsNoUriIsA400ProblemWithTheRequestId() throws Exception {
        Map<String, String> targets = new LinkedHashMap<>();
        targets.put("%zz in the path", BASE + "/%zz");
        targets.put("a lone % in the path", BASE + "/%");
        targets.put("a cut-off escape in the path", BASE + "/a%2");
        targets.put("a raw byte that is not UTF-8 in the path", BASE + "/\u00ff\u00fe");
        targets.put("raw UTF-8 in the path", BASE + "/\u00e4\u00b8\u008a");
        targets.put("%zz in the query", BASE + "?q=%zz");
        targets.put("a lone % in the query", BASE + "?q=%");
        targets.put("a raw byte that is not UTF-8 in the query", BASE + "?q=\u00ff");
        targets.put("a character no URI holds", BASE + "?q=a|b");
        targets.put("no leading slash", "%zz");
        int n = 0;
        for (Map.Entry<String, String> target : targets.entrySet()) {
            String id = "target-test-" + n++;
            for (String method : List.of("GET", "DELETE")) {
                RawHttp.Answer answer = RawHttp.send(service, method, target.getValue(),
                        "Authorization", TestTokens.bearer("admin"), "X-Request-Id", id);
                String what = method + " " + target.getKey() + ": " + answer;
                assertEquals(400, answer.status(), what);
                assertTrue(answer.header("Content-Type").startsWith("application/problem+json"), what);
                assertEquals(id, answer.header("X-Request-Id"), what);
                assertEquals("https://aicenter.org/problems/malformed-request", answer.json().getString("type"), what);
                assertEquals("Malformed request", answer.json().getString("title"), what);
                assertEquals(400, answer.json().getInt("status"), what);
                assertTrue(answer.json().getString("detail").contains("not a valid URI (RFC 3986)"), what);
                assertEquals(id, answer.json().getString("requestId"), what);
            }
        }
    }

    @Test
    void withoutARequestIdOneIsMade() throws Exception {
        for (String target : List.of(BASE + "/%zz", "%zz")) {
            RawHttp.Answer answer = RawHttp.send(service, "GET", target);
            assertEquals(400, answer.status(), answer::toString);
            String id = answer.header("X-Request-Id");
            assertTrue(id != null && id.length() >= 16, answer::toString);
            assertEquals(id, answer.json().getString("requestId"), answer::toString);
        }
    }

    @Test
    void percentEncodedUtf8StillFindsItsPartner() throws Exception {
        String name = unique("上海人工智能");
        String id = created(name)[0];
        String q = URLEncoder.encode(name, StandardCharsets.UTF_8);
        RawHttp.Answer answer = RawHttp.send(service, "GET", BASE + "?q=" + q, "Authorization", TestTokens.bearer("viewer"));
        assertEquals(200, answer.status(), answer::toString);
        assertEquals(List.of(id), answer.json().getList("items.id"), answer::toString);
        assertEquals(name, answer.json().getString("items[0].name"), answer::toString);

        RawHttp.Answer one = RawHttp.send(service, "GET", BASE + "/" + id, "Authorization", TestTokens.bearer("viewer"));
        assertEquals(200, one.status(), one::toString);
        assertEquals(name, one.json().getString("name"), one::toString);
        // A valid target with a parameter the operation does not take: decoded, and named in a 400.
        RawHttp.Answer unknown = RawHttp.send(service, "GET", BASE + "/" + id + "?%E4%B8%8A=%20%25",
                "Authorization", TestTokens.bearer("viewer"));
        assertEquals(400, unknown.status(), unknown::toString);
        assertEquals("上", unknown.json().getString("errors[0].field"), unknown::toString);
    }
}

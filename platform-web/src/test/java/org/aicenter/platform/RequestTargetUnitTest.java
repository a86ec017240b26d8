package org.aicenter.platform;

import org.aicenter.platform.web.RequestTarget;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The request-target check: RFC 3986 syntax, nothing more, and every target it lets through is a java.net.URI. */
class RequestTargetUnitTest {

    private static final List<String> URIS = List.of(
            "/", "*", "/api/v1/partners", "/api/v1/partners/6f1c2f3e-0000-4000-8000-000000000001",
            "/api/v1/partners?q=%E4%B8%8A%E6%B5%B7&page=0&size=20&sort=name,-updatedAt",
            "/api/v1/partners?q=%25", "/a/%2F/%2e%2e/b", "/a?x=%00&y=%FF%FE", "/a%ed%a0%80",
            "/a;b=c/d:e@f!$&'()*+,=~._-", "/a?b/c?d", "/q/health/ready", "/?", "/a?",
            "http://localhost:8080/api/v1/partners?q=x", "http://[::1]:8080/api/v1/partners", "https://user@host/p");

    private static final List<String> NOT_URIS = List.of(
            "", "%", "%%", "a%2", "%zz", "/api/v1/partners/%zz", "/api/v1/partners/%", "/api/v1/partners/a%2",
            "/api/v1/partners/%g0", "/api/v1/partners?q=%", "/api/v1/partners?q=%zz", "/api/v1/partners?%zz=1",
            "/api/v1/partners?q=a%2", "/a/\u00ff\u00fe", "/a?q=\u00ff", "/a?q=\u00e4\u00b8\u008a", "/a b", "/a\tb",
            "/a\u0000", "/a\u007f", "/a\"b", "/a<b>", "/a\\b", "/a^b", "/a`b", "/a{b}", "/a|b", "/a#b", "/a[b]",
            "/a?q=[1]", "http://[::1]:8080/a[b]", "/\u4e0a\u6d77");

    @Test
    void uris() {
        for (String target : URIS) {
            assertTrue(RequestTarget.isUri(target), target);
            // Whatever it lets through, java.net.URI (and so Quarkus REST's UriInfo) takes as well.
            assertDoesNotThrow(() -> new URI(target), target);
        }
    }

    @Test
    void notUris() {
        for (String target : NOT_URIS) {
            assertFalse(RequestTarget.isUri(target), target);
        }
        assertFalse(RequestTarget.isUri(null));
    }

    @Test
    void everyCharacterOutsideAsciiIsRefused() {
        for (char c = 128; c < 1024; c++) {
            assertFalse(RequestTarget.isUri("/a" + c), "U+" + Integer.toHexString(c));
        }
    }
}

package org.aicenter.platform.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.aicenter.platform.tokens.LocalTokenIssuer;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The feeds' token: from a client-credentials grant, renewed before it expires; or from the local-only
 * signer for the subject configured (each service its own name). The secret is never in a message.
 */
class FeedCredentialsUnitTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aGrantedTokenIsKeptAndRenewedBeforeItExpires() throws Exception {
        AtomicInteger issued = new AtomicInteger();
        List<String> authorizations = new ArrayList<>();
        List<String> forms = new ArrayList<>();
        HttpServer idp = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        idp.createContext("/token", exchange -> {
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            forms.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] body = ("{\"access_token\":\"t" + issued.incrementAndGet() + "\",\"expires_in\":10}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        idp.start();
        try {
            FeedCredentials credentials = new FeedCredentials(
                    Optional.of("http://127.0.0.1:" + idp.getAddress().getPort() + "/token"), "notification-service",
                    Optional.of("s3cret"), Optional.empty(), "notification-service");
            assertEquals("Bearer t1", credentials.bearer());
            assertEquals("Bearer t1", credentials.bearer(), "kept while fresh");
            assertEquals(1, issued.get());
            assertEquals("Basic " + Base64.getEncoder().encodeToString("notification-service:s3cret".getBytes(StandardCharsets.UTF_8)),
                    authorizations.get(0));
            assertTrue(forms.get(0).contains("grant_type=client_credentials"), forms.get(0));
            Thread.sleep(8_100); // past four fifths of its 10 s
            assertEquals("Bearer t2", credentials.bearer(), "renewed before it expires");
        } finally {
            idp.stop(0);
        }
    }

    @Test
    void locallyTheLocalOnlySignerMakesAnIntegratorTokenForNotificationService() throws Exception {
        Path keys = Path.of("target", "feed-credentials-keys");
        LocalTokenIssuer.inFolder(keys);
        FeedCredentials credentials = new FeedCredentials(Optional.empty(), "notification-service", Optional.empty(),
                Optional.of(keys.toString()), "notification-service");
        String bearer = credentials.bearer();
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(bearer.substring(7).split("\\.")[1]));
        assertEquals("notification-service", claims.path("sub").asText());
        assertEquals("[\"integrator\"]", claims.path("groups").toString());
        assertTrue(claims.path("exp").asLong() > System.currentTimeMillis() / 1000 + 60);
        assertEquals(bearer, credentials.bearer(), "kept while fresh");
        assertNotEquals("", bearer);
    }

    @Test
    void withoutEitherItSaysWhatToSet() {
        FeedCredentials none = new FeedCredentials(Optional.empty(), "notification-service", Optional.empty(), Optional.empty(),
                "notification-service");
        assertFalse(none.configured());
        IllegalStateException refused = assertThrows(IllegalStateException.class, none::bearer);
        assertTrue(refused.getMessage().contains("AIC_FEEDS_TOKEN_URL"), refused.getMessage());
    }

    @Test
    void eachServiceSignsForItsOwnSubject() throws Exception {
        Path keys = Path.of("target", "feed-credentials-keys");
        LocalTokenIssuer.inFolder(keys);
        FeedCredentials credentials = new FeedCredentials(Optional.empty(), "project-service", Optional.empty(),
                Optional.of(keys.toString()), "project-service");
        assertTrue(credentials.configured());
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(credentials.bearer().substring(7).split("\\.")[1]));
        assertEquals("project-service", claims.path("sub").asText());
        assertEquals("[\"integrator\"]", claims.path("groups").toString());
    }

    @Test
    void aRefusedOrGarbledGrantSaysSoWithoutTheSecretOrTheBody() throws Exception {
        List<String> answers = new ArrayList<>(List.of("401:{\"error\":\"invalid_client\"}", "200:tok3n-not-json",
                "200:{\"token_type\":\"bearer\"}"));
        HttpServer idp = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        idp.createContext("/token", exchange -> {
            String[] answer = answers.remove(0).split(":", 2);
            byte[] body = answer[1].getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(Integer.parseInt(answer[0]), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        idp.start();
        try {
            FeedCredentials credentials = new FeedCredentials(
                    Optional.of("http://127.0.0.1:" + idp.getAddress().getPort() + "/token"), "project-service",
                    Optional.of("s3cret-never-shown"), Optional.empty(), "project-service");
            for (String expected : List.of("answered 401", "not JSON", "no access_token")) {
                IllegalStateException refused = assertThrows(IllegalStateException.class, credentials::bearer);
                assertTrue(refused.getMessage().contains(expected), refused.getMessage());
                assertFalse(refused.getMessage().contains("s3cret"), refused.getMessage());
                assertFalse(refused.getMessage().contains("tok3n"), refused.getMessage());
            }
        } finally {
            idp.stop(0);
        }
    }
}

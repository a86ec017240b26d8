package org.aicenter.gateway;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.aicenter.testing.TestTokens;
import org.aicenter.testing.TraceContext;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(value = StubServices.class, scope = TestResourceScope.GLOBAL)
class ProxyTest {

    @TestHTTPResource("/")
    URL gateway;

    @Test
    void passesTheRequestThroughUnchangedAndAddsForwardingHeaders() {
        String token = TestTokens.bearer("passthrough-user", "viewer");
        Response response = given().header("Authorization", token).header("X-Request-Id", "req-passthrough-1")
                .header("X-Custom", "kept").header("Accept-Language", "zh-CN")
                .queryParam("q", "复旦").queryParam("page", "2")
                .when().get("/api/v1/partners/echo")
                .then().statusCode(200)
                .header("X-Upstream", "partner")
                .header("ETag", "\"7\"")
                .header("X-Request-Id", "req-passthrough-1")
                .header("Keep-Alive", nullValue())
                .header("X-Hop", nullValue())
                .header("Access-Control-Allow-Origin", nullValue())
                .body("service", equalTo("partner"))
                .body("method", equalTo("GET"))
                .body("uri", startsWith("/api/v1/partners/echo?"))
                .body("uri", containsString("page=2"))
                .body("headers.authorization", equalTo(token))
                .body("headers.x-custom", equalTo("kept"))
                .body("headers.accept-language", equalTo("zh-CN"))
                .body("headers.x-request-id", equalTo("req-passthrough-1"))
                .body("headers.x-forwarded-for", equalTo("127.0.0.1"))
                .body("headers.x-forwarded-proto", equalTo("https"))
                .body("headers.x-forwarded-host", equalTo("api.aicenter.test"))
                .extract().response();
        assertEquals(1, response.getHeaders().getValues("X-Request-Id").size(), "one request id, not the service's copy too");
    }

    /** Tracing is off here (no collector): the caller's trace context still reaches the service, as it was. */
    @Test
    void aCallersTraceparentReachesTheServiceUnchangedWhenTheGatewayDoesNotTrace() {
        String traceparent = TraceContext.start().traceparent();
        given().header("traceparent", traceparent).when().get("/api/v1/partners/echo")
                .then().statusCode(200)
                .body("traceparents", contains(traceparent));
    }

    @Test
    void aClientsOwnForwardingHeadersNeverReachAService() {
        // The services trust X-Forwarded-* from the gateway alone, so the gateway says only what it
        // knows: the socket's address, and its public address from configuration (never the Host a
        // client sent); a client's own Forwarded, X-Forwarded-Port, -Ssl and -Prefix are dropped.
        given().header("X-Forwarded-For", "203.0.113.7").header("Forwarded", "for=198.51.100.9;proto=https;host=evil.example")
                .header("X-Forwarded-Proto", "http").header("X-Forwarded-Host", "evil.example")
                .header("X-Forwarded-Port", "8443").header("X-Forwarded-Ssl", "on").header("X-Forwarded-Prefix", "/evil")
                .header("Host", "evil.example")
                .when().get("/api/v1/partners/echo")
                .then().statusCode(200)
                .body("headers.x-forwarded-for", equalTo("127.0.0.1"))
                .body("headers.x-forwarded-proto", equalTo("https"))
                .body("headers.x-forwarded-host", equalTo("api.aicenter.test"))
                .body("headers", not(hasKey("forwarded")))
                .body("headers", not(hasKey("x-forwarded-port")))
                .body("headers", not(hasKey("x-forwarded-ssl")))
                .body("headers", not(hasKey("x-forwarded-prefix")));
    }

    @Test
    void makesARequestIdWhenTheCallerSendsNoneAndPassesItOn() {
        Response response = given().when().get("/api/v1/projects/echo")
                .then().statusCode(200).body("service", equalTo("project"))
                .header("X-Request-Id", notNullValue())
                .extract().response();
        assertEquals(response.header("X-Request-Id"), response.jsonPath().getString("headers.x-request-id"));
    }

    @Test
    void passesStatusAndBodyOfEveryMethod() {
        byte[] body = new byte[200 * 1024];
        new Random(7).nextBytes(body);
        given().header("Authorization", TestTokens.bearer("writer-user", "admin"))
                .contentType("application/octet-stream").body(body)
                .queryParam("status", "418")
                .when().put("/api/v1/programmes/123/echo")
                .then().statusCode(418)
                .body("service", equalTo("training"))
                .body("method", equalTo("PUT"))
                .body("bodyLength", is(body.length))
                .body("bodySha256", equalTo(sha256(body)));
        given().when().delete("/api/v1/certificates/echo").then().statusCode(200).body("service", equalTo("training"))
                .body("method", equalTo("DELETE"));
        given().when().get("/api/v1/enrolments/echo").then().statusCode(200).body("service", equalTo("training"));
    }

    @Test
    void rewritesLinksTheServiceMadeFromItsOwnAddressToThePublicOneWhateverTheHost() {
        String external = StubServices.PUBLIC_URL;
        given().header("Authorization", TestTokens.bearer("creator-user", "admin")).header("Host", "evil.example")
                .contentType("application/json").body("{\"name\":\"上海交通大学\"}")
                .when().post("/api/v1/partners/created")
                .then().statusCode(201)
                .header("Location", equalTo(external + "/api/v1/partners/" + StubServices.PARTNER_ID))
                .header("Link", startsWith("<" + external + "/api/v1/partners?page=1>"));
    }

    @Test
    void aServiceThatRefusesTheConnectionIs503NamingIt() {
        given().when().get("/api/v1/archive/records/1")
                .then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", "5")
                .body("type", equalTo("https://aicenter.org/problems/service-unavailable"))
                .body("status", is(503))
                .body("detail", containsString("archive-service"))
                .body("instance", equalTo("/api/v1/archive/records/1"))
                .body("requestId", notNullValue());
    }

    @Test
    void aServiceThatDoesNotAnswerInTimeIs504NamingIt() {
        // The service would answer after 8 s; the gateway's test timeout is 2 s.
        given().when().get("/api/v1/partners/slow")
                .then().statusCode(504)
                .contentType("application/problem+json")
                .body("type", equalTo("https://aicenter.org/problems/gateway-timeout"))
                .body("detail", containsString("partner-service"))
                .body("requestId", notNullValue());
    }

    @Test
    void aBodyOverTheLimitIs413BeforeItReachesTheService() {
        given().contentType("application/json").body(new byte[1024 * 1024 + 1])
                .when().post("/api/v1/projects/upload")
                .then().statusCode(413)
                .contentType("application/problem+json")
                .body("type", equalTo("https://aicenter.org/problems/payload-too-large"))
                .body("requestId", notNullValue());
        assertEquals(0, Stubs.uploadSeen(), "nothing of the refused body reached the service");
    }

    @Test
    void aChunkedBodyOverTheLimitIs413() throws Exception {
        Stubs.reset();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        byte[] chunk = new byte[64 * 1024];
        // A publisher of unknown length makes the client send Transfer-Encoding: chunked.
        HttpRequest request = HttpRequest.newBuilder(gateway.toURI().resolve("/api/v1/projects/upload"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new InputStream() {
                    long sent;

                    @Override
                    public int read() {
                        return sent++ < 2L * 1024 * 1024 ? 0 : -1;
                    }

                    @Override
                    public int read(byte[] b, int off, int len) {
                        if (sent >= 2L * 1024 * 1024) {
                            return -1;
                        }
                        int n = Math.min(len, chunk.length);
                        sent += n;
                        return n;
                    }
                })).build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(413, response.statusCode(), response.body());
        assertTrue(response.body().contains("payload-too-large"), response.body());
    }

    @Test
    void aLargeResponseStreamsThroughWithoutBeingBufferedWhole() throws Exception {
        Stubs.reset();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(gateway.toURI().resolve("/api/v1/projects/stream?chunks=160"))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        try (InputStream in = response.body()) {
            // The service holds the rest back until we have read its first chunk through the gateway.
            byte[] first = CompletableFuture.supplyAsync(() -> readFully(in, 64 * 1024)).get(10, TimeUnit.SECONDS);
            assertEquals(64 * 1024, first.length);
            Stubs.release();
            long rest = in.transferTo(OutputStream.nullOutputStream());
            assertEquals(159L * 64 * 1024, rest);
        }
    }

    @Test
    void aRequestBodyStreamsToTheServiceAsItArrives() throws Exception {
        Stubs.reset();
        PipedOutputStream upload = new PipedOutputStream();
        PipedInputStream source = new PipedInputStream(upload, 256 * 1024);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        CompletableFuture<HttpResponse<String>> answer = client.sendAsync(
                HttpRequest.newBuilder(gateway.toURI().resolve("/api/v1/projects/upload"))
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> source)).build(),
                HttpResponse.BodyHandlers.ofString());
        byte[] part = new byte[100 * 1024];
        new Random(3).nextBytes(part);
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        upload.write(part);
        upload.flush();
        digest.update(part);
        // The first part must reach the service while the client still holds the rest.
        long deadline = System.currentTimeMillis() + 10_000;
        while (Stubs.uploadSeen() == 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(Stubs.uploadSeen() > 0, "the service saw the first part before the body ended");
        upload.write(part);
        digest.update(part);
        upload.close();
        HttpResponse<String> response = answer.get(15, TimeUnit.SECONDS);
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().contains("\"bodyLength\":" + 2 * part.length), response.body());
        assertTrue(response.body().contains(HexFormat.of().formatHex(digest.digest())), response.body());
    }

    @Test
    void unknownPathsAreNotProxied() {
        given().when().get("/api/v1/partnership-requests").then().statusCode(404);
    }

    static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] readFully(InputStream in, int length) {
        try {
            return in.readNBytes(length);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

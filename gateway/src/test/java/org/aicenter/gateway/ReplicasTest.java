package org.aicenter.gateway;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A service with two replicas (two URLs in aic.gateway.services.partner.url): the gateway sends
 * requests to them in turn; when one stops, every request is answered by the other (a refused
 * connection is tried on the next instance, so the client sees no error), and once the stopped
 * one is ready again it takes its turn again.
 */
@QuarkusTest
@WithTestResource(ReplicasTest.TwoPartnerReplicas.class)
class ReplicasTest {

    private final List<HttpServer> replicas = new ArrayList<>(List.of());

    /** Two free ports for the replicas, given to the gateway as partner-service's URLs; the others are closed. */
    public static class TwoPartnerReplicas implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            int first = freePort();
            int second = freePort();
            Map<String, String> config = new HashMap<>();
            config.put("aic.gateway.services.partner.url", "http://localhost:" + first + ",http://localhost:" + second);
            config.put("aic.gateway.services.project.url", "http://localhost:" + freePort());
            config.put("aic.gateway.services.training.url", "http://localhost:" + freePort());
            config.put("aic.test.replica-ports", first + "," + second);
            return config;
        }

        @Override
        public void stop() {
        }

        private static int freePort() {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static int port(int replica) {
        String[] ports = ConfigProvider.getConfig().getValue("aic.test.replica-ports", String.class).split(",");
        return Integer.parseInt(ports[replica]);
    }

    @BeforeEach
    void startBoth() {
        replicas.add(replica("a", port(0)));
        replicas.add(replica("b", port(1)));
    }

    @AfterEach
    void stopAll() {
        replicas.forEach(server -> server.stop(0));
        replicas.clear();
    }

    /** A replica that names itself in every answer and is always ready. */
    private static HttpServer replica(String name, int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
            server.createContext("/", exchange -> {
                byte[] body = (exchange.getRequestURI().getPath().equals("/q/health/ready") ? "{\"status\":\"UP\"}"
                        : "{\"replica\":\"" + name + "\"}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start replica " + name + " on port " + port, e);
        }
    }

    private static List<String> answers(int requests) {
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            seen.add(given().when().get("/api/v1/partners/replica").then().statusCode(200).extract().path("replica"));
        }
        return seen;
    }

    @Test
    void requestsTakeTheReplicasInTurn() {
        List<String> seen = answers(10);
        assertEquals(5, seen.stream().filter("a"::equals).count(), "in turn: " + seen);
        assertEquals(5, seen.stream().filter("b"::equals).count(), "in turn: " + seen);
    }

    @Test
    void aStoppedReplicaIsLeftOutAndTakesItsTurnAgainOnceReady() throws InterruptedException {
        replicas.get(0).stop(0);
        List<String> whileDown = answers(10);
        assertEquals(List.of("b", "b", "b", "b", "b", "b", "b", "b", "b", "b"), whileDown,
                "every request answered by the replica that runs, none refused");
        replicas.set(0, replica("a", port(0)));
        long deadline = System.nanoTime() + 20_000_000_000L;
        List<String> after;
        do {
            Thread.sleep(500);
            after = answers(4);
        } while (!after.contains("a") && System.nanoTime() < deadline);
        assertTrue(after.contains("a"), "back in the turn once its readiness answers: " + after);
    }
}

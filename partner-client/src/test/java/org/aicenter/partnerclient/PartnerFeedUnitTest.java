package org.aicenter.partnerclient;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.aicenter.platform.web.Instances;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The feed reader against a scripted partner-service (a JDK HttpServer answering the script in
 * order, then holding each poll for its {@code wait} and answering it empty): what it forgets, when it
 * forgets everything, how it backs off, that it takes the instances in turn, and that a stop cuts a
 * long poll short. No application is started, so each rule is seen alone.
 */
class PartnerFeedUnitTest {

    private static final Duration SOON = Duration.ofSeconds(10);
    private static final String EMPTY_AT_C1 = "200 {\"events\":[],\"next\":\"c1\",\"hasMore\":false}";

    private final ConcurrentLinkedQueue<String> script = new ConcurrentLinkedQueue<>();
    private final List<Map<String, String>> requests = new CopyOnWriteArrayList<>();
    private final List<Long> requestedAt = new CopyOnWriteArrayList<>();
    private final List<UUID> forgotten = new CopyOnWriteArrayList<>();
    private final AtomicInteger forgetAlls = new AtomicInteger();
    private final PartnerFeed.Memory memory = new PartnerFeed.Memory() {
        @Override
        public void forget(UUID partner) {
            forgotten.add(partner);
        }

        @Override
        public int forgetAll() {
            forgetAlls.incrementAndGet();
            return 0;
        }
    };
    private HttpServer server;
    private PartnerFeed feed;
    private Thread thread;

    @BeforeEach
    void startPartnerService() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.createContext(PartnerFeed.PATH, this::answer);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    @AfterEach
    void stopAll() throws InterruptedException {
        if (thread != null) {
            feed.stop();
            thread.interrupt();
            thread.join(5_000);
        }
        server.stop(0);
    }

    @Test
    void statusChangesAndDeletionsForgetTheirPartnersAndNothingElseDoes() {
        UUID ended = UUID.randomUUID();
        UUID deleted = UUID.randomUUID();
        UUID renamed = UUID.randomUUID();
        UUID suspended = UUID.randomUUID();
        script.add(EMPTY_AT_C1);
        script.add("200 {\"events\":[" + event("status-changed", ended) + "," + event("deleted", deleted) + ","
                + event("updated", renamed) + "],\"next\":\"c2\",\"hasMore\":true}");
        script.add("200 {\"events\":[" + event("status-changed", suspended) + "],\"next\":\"c3\",\"hasMore\":false}");
        follow(url(), () -> "Bearer t0ken", 1, Duration.ofMillis(400), 4096);

        eventually("the three pages read", () -> afters().size() >= 4);
        assertEquals(List.of(ended, deleted, suspended), forgotten, "an update is no concern of what is remembered");
        assertEquals(1, forgetAlls.get(), "once, when it took the cursor");
        assertEquals(List.of("now", "c1", "c2", "c3"), afters().subList(0, 4));
        assertEquals("0", requests.get(0).get("wait"), "now is answered at once");
        Map<String, String> poll = requests.get(1);
        assertEquals("org.aicenter.partner.status-changed,org.aicenter.partner.deleted", poll.get("types"));
        assertEquals("1", poll.get("wait"));
        assertEquals("100", poll.get("limit"));
        assertTrue(requests.stream().allMatch(r -> "Bearer t0ken".equals(r.get("authorization"))));
    }

    /** What it cannot account for: an expired cursor, a refused one, a page it cannot read, or one over the bound. */
    @ParameterizedTest
    @ValueSource(strings = {"410 {\"type\":\"https://aicenter.org/problems/cursor-expired\",\"title\":\"Cursor expired\",\"status\":410}",
            "400 {\"type\":\"https://aicenter.org/problems/bad-query\",\"title\":\"Invalid\",\"status\":400}",
            "200 not json", "200 {\"events\":[]}", "200 {\"events\":[{\"type\":\"org.aicenter.partner.deleted\",\"subject\":\"x\"}],\"next\":\"c9\"}",
            "200 LARGE"})
    void aGapForgetsEverythingAndFollowsFromNowAgain(String gap) {
        script.add(EMPTY_AT_C1);
        script.add(gap);
        script.add("200 {\"events\":[],\"next\":\"c5\",\"hasMore\":false}");
        follow(url(), () -> "Bearer t0ken", 1, Duration.ofMillis(400), 4096);

        eventually("followed again from now", () -> afters().size() >= 4);
        assertEquals(List.of("now", "c1", "now", "c5"), afters().subList(0, 4));
        assertEquals(3, forgetAlls.get(), "at the start, at the gap, and with the new cursor");
        assertEquals(List.of(), forgotten);
    }

    @Test
    void whileTheFeedFailsItBacksOffAndForgetsEverythingOnceItAnswers() {
        script.add(EMPTY_AT_C1);
        script.add("503 {}");
        script.add("500 {}");
        script.add("401 {}");
        script.add("200 {\"events\":[],\"next\":\"c2\",\"hasMore\":false}");
        follow(url(), () -> "Bearer t0ken", 1, Duration.ofMillis(400), 4096);

        eventually("it answers again and polls", () -> afters().size() >= 6);
        assertEquals(List.of("now", "c1", "now", "now", "now"), afters().subList(0, 5), "each attempt from now");
        assertEquals(2, forgetAlls.get(), "at the start and when it answered again, not while it failed");
        // pauses of at least half of 100, 200 and 400 ms (the bound) between the attempts
        assertTrue(requestedAt.get(2) - requestedAt.get(1) >= 50, "a pause after the first failure");
        assertTrue(requestedAt.get(3) - requestedAt.get(2) >= 100, "a longer one after the second");
        assertTrue(requestedAt.get(4) - requestedAt.get(3) >= 200, "up to the bound after the third");
    }

    @Test
    void withoutATokenNothingIsAskedAndItIsTriedAgainLater() {
        AtomicInteger asked = new AtomicInteger();
        script.add(EMPTY_AT_C1);
        follow(url(), () -> {
            if (asked.incrementAndGet() <= 2) {
                throw new IllegalStateException("the token endpoint answered 503");
            }
            return "Bearer t0ken";
        }, 1, Duration.ofMillis(200), 4096);

        eventually("followed once a token is had", () -> afters().size() >= 2);
        assertEquals("now", afters().get(0), "no request went without a token");
        assertEquals(1, forgetAlls.get());
    }

    @Test
    void thePausesDoubleUpToTheBoundHalfOfEachAtRandom() {
        PartnerFeed reader = new PartnerFeed(Instances.of("partner-service", "urls", url()), () -> "Bearer t",
                memory, 25, Duration.ofSeconds(30), 4096);
        for (int failures = 1; failures <= 40; failures++) {
            long ceiling = Math.min(30_000, 100L << Math.min(failures - 1, 20));
            for (int sample = 0; sample < 50; sample++) {
                long pause = reader.pauseAfter(failures);
                assertTrue(pause >= ceiling / 2 && pause <= ceiling, failures + " failures: " + pause + " ms");
            }
        }
    }

    @Test
    void anInstanceThatCannotBeReachedIsLeftOutOfTheTurn() throws IOException {
        String closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = "http://127.0.0.1:" + socket.getLocalPort();
        }
        script.add(EMPTY_AT_C1);
        Instances instances = Instances.of("partner-service", "urls", closed + "," + url());
        feed = new PartnerFeed(instances, () -> "Bearer t0ken", memory, 1, Duration.ofMillis(200), 4096);
        start();

        eventually("followed on the instance that runs", () -> afters().size() >= 3);
        assertEquals(List.of(URI.create(closed)), List.copyOf(instances.out()));
        assertEquals(List.of("now", "c1", "c1"), afters().subList(0, 3));
    }

    @Test
    void aStopCutsALongPollShort() throws InterruptedException {
        script.add(EMPTY_AT_C1);
        follow(url(), () -> "Bearer t0ken", 30, Duration.ofMillis(200), 4096);
        eventually("a poll is held open", () -> afters().size() >= 2);
        long started = System.nanoTime();
        feed.stop();
        thread.interrupt();
        thread.join(5_000);
        assertFalse(thread.isAlive(), "ended");
        assertTrue(System.nanoTime() - started < Duration.ofSeconds(2).toNanos(), "without waiting out the 30 s poll");
    }

    private void follow(String urls, Supplier<String> bearer, int wait, Duration backoffMax, long maxBytes) {
        feed = new PartnerFeed(Instances.of("partner-service", "urls", urls), bearer, memory, wait, backoffMax, maxBytes);
        start();
    }

    private void start() {
        thread = new Thread(feed, "partner-feed-under-test");
        thread.setDaemon(true);
        thread.start();
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private List<String> afters() {
        List<String> afters = new ArrayList<>();
        requests.forEach(r -> afters.add(r.get("after")));
        return afters;
    }

    private static String event(String action, UUID partner) {
        return "{\"specversion\":\"1.0\",\"id\":\"" + UUID.randomUUID() + "\",\"source\":\"/api/v1/partners\","
                + "\"type\":\"org.aicenter.partner." + action + "\",\"subject\":\"" + partner + "\","
                + "\"time\":\"2026-01-01T00:00:00Z\",\"datacontenttype\":\"application/json\",\"actor\":\"system\","
                + "\"version\":2,\"data\":{\"id\":\"" + partner + "\",\"status\":\"ENDED\"}}";
    }

    /** The next line of the script ("status body"), or once it is used up, an empty page held for the poll's wait. */
    private void answer(HttpExchange exchange) throws IOException {
        Map<String, String> query = new LinkedHashMap<>();
        for (String pair : exchange.getRequestURI().getRawQuery().split("&")) {
            String[] parts = pair.split("=", 2);
            query.put(parts[0], URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
        }
        query.put("authorization", exchange.getRequestHeaders().getFirst("Authorization"));
        requests.add(query);
        requestedAt.add(System.nanoTime() / 1_000_000);
        String line = script.poll();
        if (line == null) {
            try {
                Thread.sleep(Long.parseLong(query.get("wait")) * 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            line = "200 {\"events\":[],\"next\":\"" + query.get("after") + "\",\"hasMore\":false}";
        }
        int status = Integer.parseInt(line.substring(0, 3));
        String body = line.substring(4);
        if (body.equals("LARGE")) {
            body = "{\"events\":[" + (event("updated", UUID.randomUUID()) + ",").repeat(40) + event("updated", UUID.randomUUID())
                    + "],\"next\":\"c9\",\"hasMore\":false}";
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", status == 200 ? "application/json" : "application/problem+json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        } catch (IOException e) {
            // the reader gave up on it (too large, or stopped)
        }
        exchange.close();
    }

    private static void eventually(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + SOON.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within " + SOON);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}

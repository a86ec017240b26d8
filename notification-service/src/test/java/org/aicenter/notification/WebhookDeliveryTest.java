package org.aicenter.notification;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.persistence.EntityManager;
import org.aicenter.notification.delivery.DeliveryWorker;
import org.aicenter.testing.PostgresResource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Deliveries end to end: events scripted on the stub feed, read by the follower, POSTed to a receiver
 * on localhost that verifies every signature. The retry window is shortened to 3 s in the test profile.
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FeedStub.class, scope = TestResourceScope.GLOBAL)
class WebhookDeliveryTest {

    private static final Duration SOON = Duration.ofSeconds(20);

    @jakarta.inject.Inject
    DeliveryWorker worker;
    @jakarta.inject.Inject
    EntityManager em;

    @Test
    void eachDeliveryIsSignedAndATamperedBodyFailsVerification() throws Exception {
        try (Receiver receiver = new Receiver()) {
            Webhooks.Made hook = Webhooks.subscribe(receiver.url(), "org.aicenter.partner.created");
            assertTrue(hook.secret().matches("whsec_[A-Za-z0-9+/=]{40,}"), hook.secret());
            ObjectNode event = Feeds.partnerCreated("上海仪电 <b>&</b>");
            Feeds.publish("partner", event);
            Feeds.eventually(SOON, "the event arrives", () -> !receiver.accepted().isEmpty());

            Receiver.Received r = receiver.accepted().get(0);
            assertEquals(event.path("id").asText(), r.id());
            assertEquals("application/json", r.contentType());
            assertTrue(Math.abs(Long.parseLong(r.timestamp()) - System.currentTimeMillis() / 1000) < 60);
            assertEquals(event, Feeds.JSON.readTree(r.body()), "the CloudEvent as the feed published it");
            assertTrue(Receiver.verifies(hook.secret(), r), "the signature verifies");
            assertFalse(Receiver.verifies(hook.secret(), r.id(), r.timestamp(), r.body().replace("仪电", "仪表"), r.signature()),
                    "a tampered body fails");
            assertFalse(Receiver.verifies(hook.secret(), r.id(), String.valueOf(Long.parseLong(r.timestamp()) + 1), r.body(),
                    r.signature()), "a changed timestamp fails");
            Webhooks.deliveries(hook.id()).body("items[0].status", org.hamcrest.Matchers.is("DELIVERED"))
                    .body("items[0].attempts[0].responseCode", org.hamcrest.Matchers.is(204))
                    .body("items[0].eventType", org.hamcrest.Matchers.is("org.aicenter.partner.created"));
        }
    }

    @Test
    void aRotatedSecretSignsBesideTheOldOneForADay() throws Exception {
        try (Receiver receiver = new Receiver()) {
            Webhooks.Made hook = Webhooks.subscribe(receiver.url(), "org.aicenter.partner.created");
            String rotated = given().header("Authorization", Webhooks.INTEGRATOR).post("/api/v1/webhooks/" + hook.id() + "/secret")
                    .then().statusCode(200).extract().path("secret");
            assertFalse(rotated.equals(hook.secret()));
            Feeds.publish("partner", Feeds.partnerCreated("rotation"));
            Feeds.eventually(SOON, "the event arrives", () -> !receiver.accepted().isEmpty());
            Receiver.Received r = receiver.accepted().get(0);
            String[] signatures = r.signature().split(" ");
            assertEquals(2, signatures.length, r.signature());
            assertTrue(Receiver.verifies(rotated, r.id(), r.timestamp(), r.body(), signatures[0]), "the new secret signs first");
            assertTrue(Receiver.verifies(hook.secret(), r.id(), r.timestamp(), r.body(), signatures[1]), "the old one still signs");
            Webhooks.get(hook.id()).body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("secret")));
        }
    }

    @Test
    void aReceiverThatWasDownGetsEveryEventAfterwardsInOrderOncePerId() throws Exception {
        try (Receiver receiver = new Receiver()) {
            receiver.answer(503);
            Webhooks.Made hook = Webhooks.subscribe(receiver.url(), "org.aicenter.partner.created", "org.aicenter.partner.updated");
            List<ObjectNode> events = new java.util.ArrayList<>();
            for (int i = 0; i < 6; i++) {
                events.add(i % 2 == 0 ? Feeds.partnerCreated("p" + i)
                        : Feeds.event("partner", "updated", "s" + i, Feeds.JSON.createObjectNode().put("id", "s" + i)));
            }
            Feeds.publish("partner", events.toArray(ObjectNode[]::new));
            Feeds.eventually(SOON, "tried while down", () -> receiver.received().size() >= 2);
            assertTrue(receiver.received().stream().allMatch(r -> r.id().equals(events.get(0).path("id").asText())),
                    "nothing after the first is sent while the first fails");
            receiver.answer(200);
            Feeds.eventually(SOON, "all six arrive", () -> receiver.accepted().size() >= 6);
            Thread.sleep(500);
            List<String> ids = receiver.accepted().stream().map(Receiver.Received::id).toList();
            assertEquals(events.stream().map(e -> e.path("id").asText()).toList(), ids, "in feed order, once each");
            receiver.accepted().forEach(r -> assertTrue(Receiver.verifies(hook.secret(), r)));
        }
    }

    @Test
    void failuresBackOffThenDisableTheSubscriptionAfterTheWindow() throws Exception {
        try (Receiver receiver = new Receiver()) {
            receiver.answer(500);
            Webhooks.Made hook = Webhooks.subscribe(receiver.url(), "org.aicenter.partner.created");
            Feeds.publish("partner", Feeds.partnerCreated("failing"));
            Feeds.eventually(SOON, "disabled after the 3 s window",
                    () -> "DISABLED".equals(Webhooks.get(hook.id()).extract().path("status")));
            String reason = Webhooks.get(hook.id()).extract().path("disabledReason");
            assertTrue(reason.contains("failed for longer than") && reason.contains("500"), reason);
            List<Map<String, Object>> attempts = Webhooks.deliveries(hook.id()).extract().path("items[0].attempts");
            assertTrue(attempts.size() >= 3, "retried: " + attempts);
            attempts.forEach(a -> {
                assertEquals("FAILED", a.get("outcome"));
                assertEquals(500, a.get("responseCode"));
            });
            java.time.Instant first = java.time.Instant.parse((String) attempts.get(0).get("at"));
            java.time.Instant next = java.time.Instant.parse((String) attempts.get(0).get("nextAttemptAt"));
            assertTrue(!next.isBefore(first) && Duration.between(first, next).toMillis() <= 150, "full jitter under the first step");
            int tries = receiver.received().size();
            Thread.sleep(1000);
            assertEquals(tries, receiver.received().size(), "a disabled subscription is not tried");
        }
    }

    @Test
    void a410DisablesAtOnceAndReEnablingSendsWhatWaited() throws Exception {
        try (Receiver receiver = new Receiver()) {
            receiver.answer(410);
            Webhooks.Made hook = Webhooks.subscribe(receiver.url(), "org.aicenter.partner.created");
            ObjectNode event = Feeds.partnerCreated("gone");
            Feeds.publish("partner", event);
            Feeds.eventually(SOON, "disabled", () -> "DISABLED".equals(Webhooks.get(hook.id()).extract().path("status")));
            assertEquals(1, receiver.received().size(), "one attempt, no retry");
            assertTrue(Webhooks.get(hook.id()).extract().<String>path("disabledReason").contains("410"));

            receiver.answer(200);
            String etag = Webhooks.get(hook.id()).extract().header("ETag");
            given().header("Authorization", Webhooks.INTEGRATOR).header("If-Match", etag)
                    .contentType("application/merge-patch+json").body("{\"status\":\"ACTIVE\"}")
                    .patch("/api/v1/webhooks/" + hook.id()).then().statusCode(200)
                    .body("status", org.hamcrest.Matchers.is("ACTIVE")).body("disabledReason", org.hamcrest.Matchers.nullValue());
            Feeds.eventually(SOON, "delivered after re-enabling", () -> receiver.accepted().size() == 1);
            assertEquals(event.path("id").asText(), receiver.accepted().get(0).id());
        }
    }

    @Test
    void aDeliveryCanBeSentAgainByHand() throws Exception {
        try (Receiver receiver = new Receiver()) {
            Webhooks.Made hook = Webhooks.subscribe(receiver.url(), "org.aicenter.partner.created");
            ObjectNode event = Feeds.partnerCreated("again");
            Feeds.publish("partner", event);
            Feeds.eventually(SOON, "delivered", () -> receiver.accepted().size() == 1);
            String delivery = Webhooks.deliveries(hook.id()).extract().path("items[0].id");
            given().header("Authorization", Webhooks.INTEGRATOR)
                    .post("/api/v1/webhooks/" + hook.id() + "/deliveries/" + delivery + "/redeliver")
                    .then().statusCode(202).body("status", org.hamcrest.Matchers.is("PENDING"));
            Feeds.eventually(SOON, "delivered again", () -> receiver.accepted().size() == 2);
            assertEquals(event.path("id").asText(), receiver.accepted().get(1).id(), "the same webhook-id");
            Webhooks.deliveries(hook.id()).body("items[0].attempts.size()", org.hamcrest.Matchers.is(2));
            given().header("Authorization", Webhooks.INTEGRATOR)
                    .post("/api/v1/webhooks/" + hook.id() + "/deliveries/" + java.util.UUID.randomUUID() + "/redeliver")
                    .then().statusCode(404);
        }
    }

    /** Workers racing as two replicas' would: each delivery is claimed once, one per subscription at a time, in order. */
    @Test
    void racingWorkersNeverSendOneTwiceNorOutOfOrder() throws Exception {
        try (Receiver receiver = new Receiver()) {
            receiver.answer(503);
            Webhooks.subscribe(receiver.url(), "org.aicenter.outcome.created");
            List<ObjectNode> events = new java.util.ArrayList<>();
            for (int i = 0; i < 12; i++) {
                events.add(Feeds.event("outcome", "created", "o" + i, Feeds.JSON.createObjectNode().put("id", "o" + i)));
            }
            Feeds.publish("project", events.toArray(ObjectNode[]::new));
            Feeds.eventually(SOON, "queued and failing", () -> !receiver.received().isEmpty());
            receiver.answer(200);
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(6);
            try {
                for (int round = 0; round < 20 && receiver.accepted().size() < 12; round++) {
                    List<java.util.concurrent.Future<?>> racing = new java.util.ArrayList<>();
                    for (int t = 0; t < 6; t++) {
                        racing.add(pool.submit(() -> worker.deliverOne()));
                    }
                    for (java.util.concurrent.Future<?> f : racing) {
                        f.get();
                    }
                }
            } finally {
                pool.shutdown();
            }
            Feeds.eventually(SOON, "all twelve", () -> receiver.accepted().size() >= 12);
            Thread.sleep(500);
            assertEquals(events.stream().map(e -> e.path("id").asText()).toList(),
                    receiver.accepted().stream().map(Receiver.Received::id).toList(), "once each, in feed order");
        }
    }

    /**
     * After an outage a subscription may have a long backlog. Claiming the next delivery reads each active
     * subscription's head, not the backlog: the statement the worker runs reads a few rows of deliveries with
     * 5,000 pending (the first version read them all for every claim, so a backlog drained in quadratic time).
     */
    @Test
    void claimingTheNextDeliveryReadsTheHeadOfEachBacklogNotTheBacklog() throws Exception {
        try (Receiver receiver = new Receiver()) {
            Webhooks.Made hook = Webhooks.subscribe(receiver.url(), "org.aicenter.outcome.updated");
            receiver.answer(503); // the backlog stays: the worker tries its head and backs off
            UUID subscription = UUID.fromString(hook.id());
            String prefix = "backlog-" + subscription + "-";
            QuarkusTransaction.requiringNew().run(() -> {
                em.createNativeQuery("insert into events (id, type, body, read_at) select :prefix || g, 'org.aicenter.outcome.updated', "
                        + "'{}', now() from generate_series(1, 5000) g").setParameter("prefix", prefix).executeUpdate();
                em.createNativeQuery("insert into deliveries (id, subscription_id, event_id, seq, status, attempts, next_attempt_at, "
                        + "created_at) select gen_random_uuid(), :subscription, :prefix || g, g, 'PENDING', 1, "
                        + "now() - interval '1 hour' + g * interval '1 ms', now() from generate_series(1, 5000) g")
                        .setParameter("subscription", subscription).setParameter("prefix", prefix).executeUpdate();
            });
            try {
                long[] read = QuarkusTransaction.requiringNew().call(() -> {
                    long active = ((Number) em.createNativeQuery("select count(*) from subscriptions where status = 'ACTIVE'")
                            .getSingleResult()).longValue();
                    String plan = (String) em.createNativeQuery("explain (analyze, format json) " + DeliveryWorker.CLAIM)
                            .getSingleResult().toString();
                    return new long[] {rowsOf(Feeds.JSON.readTree(plan).get(0).path("Plan"), "deliveries"), active};
                });
                assertTrue(read[0] <= 2 * read[1] + 10, "the claim read " + read[0] + " rows of deliveries with "
                        + read[1] + " active subscriptions and 5,000 pending for one");
            } finally {
                QuarkusTransaction.requiringNew().run(() -> {
                    em.createNativeQuery("delete from subscriptions where id = :id").setParameter("id", subscription).executeUpdate();
                    em.createNativeQuery("delete from events where id like :prefix").setParameter("prefix", prefix + "%").executeUpdate();
                });
            }
        }
    }

    /** Rows a plan node and its children read from {@code table}: those returned and those filtered out, over all loops. */
    private static long rowsOf(com.fasterxml.jackson.databind.JsonNode node, String table) {
        long rows = 0;
        if (table.equals(node.path("Relation Name").asText())) {
            rows += (node.path("Actual Rows").asLong() + node.path("Rows Removed by Filter").asLong()
                    + node.path("Rows Removed by Index Recheck").asLong()) * Math.max(1, node.path("Actual Loops").asLong());
        }
        for (com.fasterxml.jackson.databind.JsonNode child : node.path("Plans")) {
            rows += rowsOf(child, table);
        }
        return rows;
    }
}

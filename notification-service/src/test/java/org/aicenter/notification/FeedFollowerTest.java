package org.aicenter.notification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.aicenter.notification.feed.FeedFollower;
import org.aicenter.testing.PostgresResource;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The follower against the stub feeds: its cursor moves only in the transaction that writes the
 * deliveries, so a failed poll or a restart neither loses nor repeats; it rides out a 503, and after
 * a 410 resumes from now and marks the subscriptions that may have missed events.
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FeedStub.class, scope = TestResourceScope.GLOBAL)
class FeedFollowerTest {

    private static final Duration SOON = Duration.ofSeconds(20);

    @Inject
    DataSource database;
    @Inject
    FeedFollower follower;

    @Test
    void theCursorMovesOnlyWithTheDeliveriesWrittenAndARestartRepeatsNothing() throws Exception {
        try (Receiver receiver = new Receiver()) {
            Webhooks.Made hook = Webhooks.subscribe(receiver.url(), "org.aicenter.project.created");
            ObjectNode first = Feeds.event("project", "created", "p1", Feeds.JSON.createObjectNode().put("id", "p1"));
            ObjectNode broken = Feeds.event("project", "created", "p2", Feeds.JSON.createObjectNode().put("id", "p2"));
            ObjectNode third = Feeds.event("project", "created", "p3", Feeds.JSON.createObjectNode().put("id", "p3"));
            Feeds.eventually(SOON, "the follower holds a cursor", () -> cursorOrNull("project") != null);
            String before = cursor("project");
            Feeds.poison(broken.path("id").asText(), true); // served without an id: queuing it fails, the poll rolls back
            Feeds.publish("project", first, broken, third);
            Feeds.eventually(SOON, "the broken page is read again and again", () -> count(Feeds.afters("project"), before) >= 3);
            assertEquals(before, cursor("project"), "the cursor did not move");
            assertEquals(0, deliveries(hook.id()), "nothing of the page was queued");

            Feeds.poison(broken.path("id").asText(), false);
            Feeds.eventually(SOON, "all three delivered", () -> receiver.accepted().size() == 3);
            String after = cursor("project");
            assertTrue(!after.equals(before), "the cursor moved");

            follower.stop();
            follower.start(); // as a restart: the cursor comes from the database
            Feeds.publish("project", Feeds.event("project", "created", "p4", Feeds.JSON.createObjectNode().put("id", "p4")));
            Feeds.eventually(SOON, "the fourth delivered", () -> receiver.accepted().size() == 4);
            Thread.sleep(500);
            assertEquals(4, receiver.accepted().stream().map(Receiver.Received::id).distinct().count(), "none twice");
            assertEquals(4, receiver.received().size());
            assertEquals(4, deliveries(hook.id()));
            assertTrue(count(Feeds.afters("project"), after) >= 1, "the restarted follower asked from the stored cursor");
            assertEquals(0, Feeds.badTokens().size(), "every feed request carried notification-service's integrator token");
        }
    }

    @Test
    void aFeedThatIsDownIsTriedAgainUntilItAnswers() throws Exception {
        try (Receiver receiver = new Receiver()) {
            Webhooks.subscribe(receiver.url(), "org.aicenter.milestone.updated");
            Feeds.fail("project", 503, 4);
            Feeds.publish("project", Feeds.event("milestone", "updated", "m1", Feeds.JSON.createObjectNode().put("id", "m1")));
            Feeds.eventually(SOON, "delivered once the feed answers", () -> receiver.accepted().size() == 1);
        }
    }

    @Test
    void anExpiredCursorResumesFromNowAndMarksTheSubscriptions() throws Exception {
        try (Receiver receiver = new Receiver()) {
            Webhooks.Made hook = Webhooks.subscribe(receiver.url(), "org.aicenter.programme.updated");
            Webhooks.Made unrelated = Webhooks.subscribe(receiver.url(), "org.aicenter.partner.deleted");
            Feeds.fail("training", 410, 1);
            Feeds.eventually(SOON, "marked", () -> Webhooks.get(hook.id()).extract().path("eventsLostAt") != null);
            Webhooks.get(unrelated.id()).body("eventsLostAt", org.hamcrest.Matchers.nullValue());
            JsonNode afters = Feeds.afters("training");
            assertTrue(afters.toString().contains("\"now\""), "asked for the current cursor: " + afters);
            Feeds.publish("training", Feeds.event("programme", "updated", "g1", Feeds.JSON.createObjectNode().put("id",
                    java.util.UUID.randomUUID().toString()).put("language", "en")));
            Feeds.eventually(SOON, "later events flow again", () -> receiver.accepted().size() == 1);
            try (Connection c = database.getConnection();
                 PreparedStatement s = c.prepareStatement("select lost_at from feed_cursors where feed = 'training'");
                 ResultSet rows = s.executeQuery()) {
                rows.next();
                assertNotNull(rows.getTimestamp(1), "the feed records when it lost events");
            }
        }
    }

    /**
     * The feeds show an event only once every older transaction on the database server has ended, so a
     * follower that kept a writing transaction open across its long poll would hold every feed back by
     * the poll's length (and three of them, staggered, for ever). While the followers long-poll, no
     * transaction of this database with a transaction id is older than a moment.
     */
    @Test
    void whileTheFollowersLongPollNoWritingTransactionStaysOpen() throws Exception {
        Feeds.eventually(SOON, "the followers hold their cursors",
                () -> cursorOrNull("partner") != null && cursorOrNull("project") != null && cursorOrNull("training") != null);
        int polls = Feeds.afters("partner").size();
        java.util.List<String> held = new java.util.ArrayList<>();
        long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        try (Connection c = database.getConnection();
             PreparedStatement s = c.prepareStatement("select state || ' for ' || (now() - xact_start) || ': ' || left(query, 80) "
                     + "from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() "
                     + "and backend_xid is not null and now() - xact_start > interval '300 milliseconds'")) {
            while (System.nanoTime() < until) {
                try (ResultSet rows = s.executeQuery()) {
                    while (rows.next()) {
                        held.add(rows.getString(1));
                    }
                }
                Thread.sleep(50);
            }
        }
        assertTrue(Feeds.afters("partner").size() > polls, "the partner feed was long-polled meanwhile");
        assertEquals(java.util.List.of(), held, "writing transactions open across a poll");
    }

    private static int count(JsonNode afters, String cursor) {
        int n = 0;
        for (JsonNode after : afters) {
            n += after.asText().equals(cursor == null ? "now" : cursor) ? 1 : 0;
        }
        return n;
    }

    private String cursorOrNull(String feed) {
        try {
            return cursor(feed);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String cursor(String feed) throws Exception {
        try (Connection c = database.getConnection();
             PreparedStatement s = c.prepareStatement("select cursor from feed_cursors where feed = ?")) {
            s.setString(1, feed);
            try (ResultSet rows = s.executeQuery()) {
                rows.next();
                return rows.getString(1);
            }
        }
    }

    private int deliveries(String webhook) throws Exception {
        try (Connection c = database.getConnection();
             PreparedStatement s = c.prepareStatement("select count(*) from deliveries where subscription_id = ?::uuid")) {
            s.setString(1, webhook);
            try (ResultSet rows = s.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }
}

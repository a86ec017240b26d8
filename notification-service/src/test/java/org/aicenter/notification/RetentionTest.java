package org.aicenter.notification;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.aicenter.notification.retention.Retention;
import org.aicenter.testing.PostgresResource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The 30 days' retention: what is delivered, sent or read longer ago goes (a delivery with its
 * attempts, a mail with the participant's address), what still waits stays whatever its age.
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FeedStub.class, scope = TestResourceScope.GLOBAL)
class RetentionTest {

    @Inject
    Retention retention;
    @Inject
    EntityManager em;

    @Test
    void whatWasDeliveredSentOrReadLongerAgoThanTheRetentionIsPurgedAndWhatWaitsIsKept() {
        UUID subscription = UUID.fromString(Webhooks.subscribe("http://localhost:9/retention", "org.aicenter.outcome.updated").id());
        String run = UUID.randomUUID().toString();
        QuarkusTransaction.requiringNew().run(() -> {
            event(run + "-delivered", 40);
            event(run + "-waiting", 40);
            event(run + "-unsent", 40);
            event(run + "-redelivered", 40);
            event(run + "-recent", 1);
            delivery(run + "-delivered", subscription, 1, "DELIVERED", 35);
            delivery(run + "-waiting", subscription, 2, "PENDING", null);
            delivery(run + "-redelivered", subscription, 3, "DELIVERED", 1);
            em.createNativeQuery("insert into delivery_attempts (id, delivery_id, at, outcome, response_code, duration_ms) "
                    + "select gen_random_uuid(), id, now() - interval '35 days', 'DELIVERED', 204, 3 from deliveries "
                    + "where event_id = :event").setParameter("event", run + "-delivered").executeUpdate();
            mail(run + "-sent", "SENT", 40);
            mail(run + "-failed", "FAILED", 40);
            mail(run + "-pending", "PENDING", 40);
            mail(run + "-recent", "SENT", 1);
        });

        try {
            purgesWhatIsOlderAndKeepsWhatWaits(run);
        } finally {
            QuarkusTransaction.requiringNew().run(() -> {
                em.createNativeQuery("delete from subscriptions where id = :id").setParameter("id", subscription).executeUpdate();
                em.createNativeQuery("delete from mails where event_id like :run").setParameter("run", run + "%").executeUpdate();
                em.createNativeQuery("delete from events where id like :run").setParameter("run", run + "%").executeUpdate();
            });
        }
    }

    private void purgesWhatIsOlderAndKeepsWhatWaits(String run) {
        Retention.Purged purged = retention.purge();

        assertTrue(purged.deliveries() >= 1 && purged.mails() >= 2 && purged.events() >= 2, purged.toString());
        assertEquals(List.of(run + "-recent", run + "-redelivered", run + "-waiting"), ids("events", run),
                "events: the unsent one and the one whose delivery went are purged");
        assertEquals(List.of(run + "-redelivered", run + "-waiting"), ids("deliveries", run),
                "deliveries: the one delivered 35 days ago is purged, the pending one of 40 days and the one delivered again yesterday stay");
        assertEquals(0L, count("select count(*) from delivery_attempts a join deliveries d on d.id = a.delivery_id "
                + "where d.event_id = '" + run + "-delivered'") + count("select count(*) from delivery_attempts a "
                + "where not exists (select 1 from deliveries d where d.id = a.delivery_id)"), "its attempts went with it");
        assertEquals(List.of(run + "-pending", run + "-recent"), ids("mails", run),
                "mails: the sent and the failed one of 40 days are purged, the pending one and yesterday's stay");
        assertEquals(new Retention.Purged(0, 0, 0), retention.purge(), "a second run finds nothing more of this test's");
    }

    private void event(String id, int daysAgo) {
        em.createNativeQuery("insert into events (id, type, body, read_at) values (:id, 'org.aicenter.outcome.updated', '{}', "
                + "now() - make_interval(days => :days))").setParameter("id", id).setParameter("days", daysAgo).executeUpdate();
    }

    private void delivery(String event, UUID subscription, int seq, String status, Integer deliveredDaysAgo) {
        em.createNativeQuery("insert into deliveries (id, subscription_id, event_id, seq, status, attempts, next_attempt_at, "
                + "delivered_at, created_at) values (gen_random_uuid(), :subscription, :event, :seq, :status, 1, "
                + "now() + interval '1 day', now() - make_interval(days => :delivered), now() - interval '40 days')")
                .setParameter("subscription", subscription).setParameter("event", event).setParameter("seq", seq)
                .setParameter("status", status).setParameter("delivered", deliveredDaysAgo == null ? 0 : deliveredDaysAgo)
                .executeUpdate();
        if (deliveredDaysAgo == null) {
            em.createNativeQuery("update deliveries set delivered_at = null where event_id = :event").setParameter("event", event)
                    .executeUpdate();
        }
    }

    private void mail(String event, String status, int daysAgo) {
        em.createNativeQuery("insert into mails (id, event_id, kind, recipient, recipient_name, programme_id, programme_title, "
                + "language, status, attempts, next_attempt_at, created_at) values (gen_random_uuid(), :event, 'ENROLLED', "
                + "'participant@example.org', '李雷', gen_random_uuid(), '课程', case when :status = 'PENDING' then null else 'zh' end, "
                + ":status, 1, now() + interval '1 day', now() - make_interval(days => :days))").setParameter("event", event)
                .setParameter("status", status).setParameter("days", daysAgo).executeUpdate();
    }

    @SuppressWarnings("unchecked")
    private List<String> ids(String table, String run) {
        String column = table.equals("events") ? "id" : "event_id";
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("select " + column + " from " + table
                + " where " + column + " like :run order by 1").setParameter("run", run + "%").getResultList());
    }

    private long count(String sql) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(sql).getSingleResult()).longValue());
    }
}

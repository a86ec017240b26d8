package org.aicenter.notification.delivery;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.aicenter.notification.feed.StoredEvent;
import org.aicenter.notification.webhook.Signatures;
import org.aicenter.notification.webhook.Subscription;
import org.aicenter.notification.webhook.WebhookTargets;
import org.aicenter.platform.idempotency.SealedBodies;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Sends due deliveries. Each one is claimed by locking its subscription's row
 * ({@code for update ... skip locked}) and then sending the subscription's earliest pending delivery, so
 * one delivery per subscription is in flight across every replica and a later event waits for the
 * earlier one: a receiver that was down gets everything afterwards, in feed order. The attempt, its
 * outcome and the next try are written in the same transaction as the claim.
 */
@ApplicationScoped
public class DeliveryWorker {

    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);
    private static final int MAX_RESPONSE_BYTES = 4096;
    private static final int MAX_PER_RUN = 500;

    @Inject
    EntityManager em;
    @Inject
    SealedBodies sealed;
    @Inject
    WebhookTargets targets;
    @ConfigProperty(name = "aic.webhooks.retry.schedule")
    List<Duration> schedule;
    @ConfigProperty(name = "aic.webhooks.retry.window")
    Duration window;
    @ConfigProperty(name = "aic.webhooks.timeout")
    Duration timeout;

    private HttpClient http;

    @Scheduled(every = "${aic.webhooks.worker-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        for (int i = 0; i < MAX_PER_RUN && deliverOne(); i++) {
            // until nothing is due
        }
    }

    /**
     * Picks the subscription whose earliest pending delivery has waited longest and is due, locking the
     * subscription's row. One index probe per active subscription (its pending deliveries' head), so a
     * claim costs the same with ten pending or a hundred thousand after an outage.
     */
    public static final String CLAIM = "select s.id from subscriptions s cross join lateral (select e.next_attempt_at from deliveries e "
            + "where e.subscription_id = s.id and e.status = 'PENDING' order by e.seq limit 1) head "
            + "where s.status = 'ACTIVE' and head.next_attempt_at <= now() "
            + "order by head.next_attempt_at limit 1 for update of s skip locked";

    /** Claims and sends one due delivery; false when none is due. */
    public boolean deliverOne() {
        return QuarkusTransaction.requiringNew().timeout((int) timeout.toSeconds() + 30).call(() -> {
            @SuppressWarnings("unchecked")
            List<Object> claimed = em.createNativeQuery(CLAIM).getResultList();
            if (claimed.isEmpty()) {
                return false;
            }
            // Under the subscription's lock no other worker sends for it. Its head is read again by a statement
            // of its own, which sees every delivery committed before it: the claim's snapshot may predate one
            // that another worker sent and committed just then, and that one must not be sent twice.
            // The status stays a literal, so the partial index deliveries_pending serves it under any plan.
            UUID subscriptionId = (UUID) claimed.get(0);
            List<Delivery> head = em.createNativeQuery("select * from deliveries where subscription_id = :subscription "
                    + "and status = 'PENDING' order by seq limit 1", Delivery.class)
                    .setParameter("subscription", subscriptionId).getResultList();
            if (head.isEmpty()) {
                return true;
            }
            Delivery delivery = head.get(0);
            if (delivery.nextAttemptAt.isAfter(Instant.now())) {
                return true; // the head is backing off; nothing behind it may overtake it
            }
            Subscription subscription = em.find(Subscription.class, subscriptionId);
            send(delivery, subscription, em.find(StoredEvent.class, delivery.eventId));
            return true;
        });
    }

    private void send(Delivery delivery, Subscription subscription, StoredEvent event) {
        DeliveryAttempt attempt = new DeliveryAttempt();
        attempt.id = UUID.randomUUID();
        attempt.delivery = delivery;
        attempt.at = Instant.now();
        long started = System.nanoTime();
        String refusal = targets.refusal(subscription.url).orElse(null);
        if (refusal != null) {
            attempt.outcome = "REFUSED";
            attempt.error = "the target " + refusal;
        } else {
            try {
                HttpResponse<InputStream> answer = client().send(request(subscription, event), HttpResponse.BodyHandlers.ofInputStream());
                try (InputStream body = answer.body()) {
                    body.readNBytes(MAX_RESPONSE_BYTES); // read a little, never all a receiver sends
                }
                attempt.responseCode = answer.statusCode();
                attempt.outcome = answer.statusCode() / 100 == 2 ? "DELIVERED" : answer.statusCode() == 410 ? "GONE" : "FAILED";
                if (attempt.outcome.equals("FAILED")) {
                    attempt.error = "the receiver answered " + answer.statusCode();
                }
            } catch (IOException e) {
                attempt.outcome = "FAILED";
                attempt.error = e instanceof java.net.http.HttpTimeoutException ? "timed out after " + timeout.toSeconds() + " s"
                        : "cannot connect (" + e.getClass().getSimpleName() + ")";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        attempt.durationMs = (System.nanoTime() - started) / 1_000_000;
        delivery.attempts++;
        Instant now = Instant.now();
        switch (attempt.outcome) {
            case "DELIVERED" -> {
                delivery.status = DeliveryStatus.DELIVERED;
                delivery.deliveredAt = now;
                delivery.firstFailedAt = null;
            }
            case "GONE" -> {
                subscription.disable("the receiver answered 410 Gone at " + now);
                LOG.warnf("webhook %s disabled: its receiver answered 410", subscription.id);
            }
            default -> {
                if (delivery.firstFailedAt == null) {
                    delivery.firstFailedAt = now;
                }
                delivery.nextAttemptAt = now.plus(new Backoff(schedule).after(delivery.attempts));
                attempt.nextAttemptAt = delivery.nextAttemptAt;
                if (Duration.between(delivery.firstFailedAt, now).compareTo(window) > 0) {
                    subscription.disable("deliveries failed for longer than " + window + "; the last: " + attempt.error);
                    LOG.warnf("webhook %s disabled: deliveries failing since %s", subscription.id, delivery.firstFailedAt);
                }
            }
        }
        em.persist(attempt);
        LOG.debugf("delivery %s of event %s to webhook %s: %s %s", delivery.id, delivery.eventId, subscription.id,
                attempt.outcome, attempt.responseCode);
    }

    private HttpRequest request(Subscription subscription, StoredEvent event) {
        long timestamp = Instant.now().getEpochSecond();
        StringBuilder signatures = new StringBuilder(Signatures.sign(open(subscription.secretSealed), event.id, timestamp, event.body));
        if (subscription.previousSecretSealed != null && subscription.previousSecretUntil != null
                && subscription.previousSecretUntil.isAfter(Instant.now())) {
            signatures.append(' ').append(Signatures.sign(open(subscription.previousSecretSealed), event.id, timestamp, event.body));
        }
        return HttpRequest.newBuilder(URI.create(subscription.url)).timeout(timeout)
                .header("content-type", "application/json")
                .header("webhook-id", event.id)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", signatures.toString())
                .POST(HttpRequest.BodyPublishers.ofString(event.body)).build();
    }

    private String open(String sealedSecret) {
        return sealed.open(sealedSecret).orElseThrow(() -> new IllegalStateException("a webhook secret sealed with a retired key"));
    }

    private synchronized HttpClient client() {
        if (http == null) {
            http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        }
        return http;
    }
}

package org.aicenter.notification.delivery;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.aicenter.notification.feed.StoredEvent;
import org.aicenter.notification.webhook.SubscriptionService;
import org.aicenter.platform.paging.Page;
import org.aicenter.platform.paging.PageRequest;
import org.aicenter.platform.persistence.Criteria;
import org.aicenter.platform.persistence.Listing;
import org.aicenter.platform.problem.ProblemException;
import org.aicenter.platform.security.Actor;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** A subscription's deliveries, newest first, and a delivery sent again by hand. */
@ApplicationScoped
public class DeliveryService {

    private static final Logger LOG = Logger.getLogger(DeliveryService.class);

    @Inject
    SubscriptionService subscriptions;
    @Inject
    Actor actor;

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<DeliveryView> list(UUID webhookId, PageRequest page) {
        subscriptions.find(webhookId);
        return Listing.page(Delivery.class, "d", new Criteria().and("d.subscriptionId = :webhook", "webhook", webhookId),
                "d.seq desc", page, DeliveryService::views);
    }

    /** Due again now; it goes out in its place in the subscription's order, after nothing that came before it. */
    @Transactional
    public DeliveryView redeliver(UUID webhookId, UUID deliveryId) {
        subscriptions.find(webhookId);
        Delivery d = Delivery.findById(deliveryId);
        if (d == null || !d.subscriptionId.equals(webhookId)) {
            throw ProblemException.notFound("Delivery", deliveryId);
        }
        d.status = DeliveryStatus.PENDING;
        d.nextAttemptAt = Instant.now();
        d.firstFailedAt = null;
        d.deliveredAt = null;
        LOG.infof("delivery %s of webhook %s queued again by %s", d.id, webhookId, actor.subject());
        return views(List.of(d)).get(0);
    }

    private static List<DeliveryView> views(List<Delivery> deliveries) {
        Map<String, String> types = deliveries.isEmpty() ? Map.of()
                : StoredEvent.<StoredEvent>list("id in ?1", deliveries.stream().map(d -> d.eventId).toList()).stream()
                .collect(Collectors.toMap(e -> e.id, e -> e.type));
        return deliveries.stream().map(d -> DeliveryView.of(d, types.get(d.eventId))).toList();
    }
}

package org.aicenter.platform.changes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.Arc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.aicenter.platform.concurrency.Versioned;
import org.aicenter.platform.persistence.Uuids;
import org.aicenter.platform.security.Actor;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Writes a change's event into the service's outbox ({@code change_events}) in the change's own
 * transaction, so the event exists exactly when the change does. Call it after the change is
 * flushed, with the view {@code GET} would answer: {@code changes.updated(PARTNERS, null, view)}.
 * Every write path of every kind calls it; the feed ({@link ChangeFeed}) reads the events back in
 * commit order.
 */
@ApplicationScoped
public class Changes {

    public static final String SYSTEM = "system";
    private static final Logger LOG = Logger.getLogger(Changes.class);
    private static final Object NUDGE = new Object();

    @Inject
    EntityManager em;
    @Inject
    ObjectMapper mapper;
    @Inject
    Actor actor;
    @Inject
    TransactionSynchronizationRegistry transactions;
    @Inject
    ChangeFeed feed;
    /**
     * Off only to measure what the outbox costs (the bench's feed section): a service without it
     * writes no events, so its feed and every follower (webhooks, mails, caches) miss its changes.
     */
    @ConfigProperty(name = "aic.changes.enabled", defaultValue = "true")
    boolean enabled;
    private final AtomicBoolean warned = new AtomicBoolean();

    public void created(ChangeKind kind, UUID parent, Versioned view) {
        record(kind, ChangeAction.CREATED, parent, view.id(), view.version(), view);
    }

    public void updated(ChangeKind kind, UUID parent, Versioned view) {
        record(kind, ChangeAction.UPDATED, parent, view.id(), view.version(), view);
    }

    public void statusChanged(ChangeKind kind, UUID parent, Versioned view) {
        record(kind, ChangeAction.STATUS_CHANGED, parent, view.id(), view.version(), view);
    }

    /** A deletion's data is the id and the version the resource had when it was deleted. */
    public void deleted(ChangeKind kind, UUID parent, UUID id, long version) {
        record(kind, ChangeAction.DELETED, parent, id, version, Map.of("id", id, "version", version));
    }

    private void record(ChangeKind kind, ChangeAction action, UUID parent, UUID subject, long version, Object data) {
        if (!enabled) {
            if (warned.compareAndSet(false, true)) {
                LOG.warn("aic.changes.enabled=false: no change events are written, the change feed misses every change");
            }
            return;
        }
        em.createNativeQuery("insert into change_events (id, type, source, subject, occurred_at, actor, version, data) "
                        + "values (?1, ?2, ?3, ?4, ?5, ?6, ?7, cast(?8 as jsonb))")
                .setParameter(1, Uuids.timeOrdered())
                .setParameter(2, kind.type(action))
                .setParameter(3, kind.source(parent))
                .setParameter(4, subject)
                .setParameter(5, Instant.now())
                .setParameter(6, actor())
                .setParameter(7, version)
                .setParameter(8, json(data))
                .executeUpdate();
        if (transactions.getResource(NUDGE) == null) {
            transactions.putResource(NUDGE, Boolean.TRUE);
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        feed.nudge();
                    }
                }
            });
        }
    }

    private String actor() {
        return Arc.container().requestContext().isActive() ? actor.subject() : SYSTEM;
    }

    private String json(Object data) {
        try {
            return mapper.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the event's data", e);
        }
    }
}

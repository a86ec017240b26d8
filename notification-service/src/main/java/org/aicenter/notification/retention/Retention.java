package org.aicenter.notification.retention;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;

/**
 * Keeps the delivery log, the mails and the events read for {@code aic.notifications.retention}
 * (30 days, as long as the feeds keep theirs) and purges them after: a delivered delivery (with its
 * attempts) once it was delivered that long ago, a sent or failed mail (its recipient's address and
 * name with it) once made that long ago, and an event read that long ago that no delivery refers to.
 * What still waits (a pending delivery of a disabled subscription, a pending mail) is kept whatever
 * its age. A minute after the start and hourly, in batches of {@value #BATCH} rows, each its own transaction, so a first purge of
 * a large log neither holds locks long nor bloats one transaction; replicas purging at once only
 * wait on each other's rows.
 */
@ApplicationScoped
public class Retention {

    private static final Logger LOG = Logger.getLogger(Retention.class);
    static final int BATCH = 5000;

    @Inject
    EntityManager em;
    @ConfigProperty(name = "aic.notifications.retention")
    Duration retention;

    /** Rows purged by one run. */
    public record Purged(long deliveries, long mails, long events) {
        boolean any() {
            return deliveries + mails + events > 0;
        }
    }

    @Scheduled(every = "${aic.notifications.purge-interval}", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        Purged purged = purge();
        if (purged.any()) {
            LOG.infof("purged what is older than %s: %d deliveries, %d mails, %d events", retention,
                    purged.deliveries(), purged.mails(), purged.events());
        }
    }

    public Purged purge() {
        Instant cutoff = Instant.now().minus(retention);
        // The conditions stand outside the batch's subquery too: a row changed while the delete waited for
        // its lock (a delivery just redelivered by hand, PENDING again) is checked again as it is now.
        long deliveries = inBatches("delete from deliveries where id in (select id from deliveries "
                + "where status = 'DELIVERED' and delivered_at < :cutoff limit " + BATCH + ") "
                + "and status = 'DELIVERED' and delivered_at < :cutoff", cutoff);
        long mails = inBatches("delete from mails where id in (select id from mails "
                + "where created_at < :cutoff and status <> 'PENDING' limit " + BATCH + ") and status <> 'PENDING'", cutoff);
        long events = inBatches("delete from events where id in (select e.id from events e where e.read_at < :cutoff "
                + "and not exists (select 1 from deliveries d where d.event_id = e.id) order by e.seq limit " + BATCH + ")", cutoff);
        return new Purged(deliveries, mails, events);
    }

    private long inBatches(String delete, Instant cutoff) {
        long total = 0;
        int deleted;
        do {
            deleted = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(delete)
                    .setParameter("cutoff", cutoff).executeUpdate());
            total += deleted;
        } while (deleted == BATCH);
        return total;
    }
}

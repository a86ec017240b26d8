package org.aicenter.partner;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.NoResultException;
import org.aicenter.platform.changes.Changes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Whether an agreement is in force is derived from the day, so a partner's view changes at the center's
 * midnight with no write: an agreement signed for a later day comes into force, one whose last day was
 * yesterday goes out of it. A copy kept from the change feed would never hear of it, so for each day
 * that began since the last check this writes an {@code updated} event of every such partner, with the
 * view as of that day and the partner's version unchanged (nothing of the record changed; the event says
 * so by its data). {@code agreement_days} says up to which day it is done; its row is locked for the
 * check, so of several replicas one does it and the others find the day done. Checked at the start and
 * every {@code aic.agreements.check-interval} (10 minutes), so an event comes at most that long after
 * midnight; a service that was down catches up every day it missed in one go.
 */
@ApplicationScoped
public class AgreementsInForce {

    private static final Logger LOG = Logger.getLogger(AgreementsInForce.class);

    @Inject
    EntityManager em;
    @Inject
    Changes changes;
    @Inject
    Vertx vertx;
    @ConfigProperty(name = "aic.zone")
    ZoneId zone;
    @ConfigProperty(name = "aic.agreements.check-interval", defaultValue = "PT10M")
    Duration interval;

    private long timer = -1;

    void start(@Observes StartupEvent event) {
        vertx.executeBlocking(this::checkSafely, false);
        timer = vertx.setPeriodic(interval.toMillis(), id -> vertx.executeBlocking(this::checkSafely, false));
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    private int checkSafely() {
        try {
            return catchUp(LocalDate.now(zone));
        } catch (RuntimeException e) {
            LOG.warnf("the check of agreements coming into or going out of force failed (%s); it runs again in %s",
                    e.toString(), interval);
            return 0;
        }
    }

    /**
     * Writes the events of the days after the one last done through {@code today}, and marks {@code today}
     * done; answers how many partners had an event. With no day done yet, it marks {@code today} and writes
     * nothing: the events written until now showed the partners as of their own day of writing. The partners
     * are found first, read-only; the short transaction that writes their events then locks the row and goes
     * on only if no other replica has moved it meanwhile (a transaction with an id open for the length of a
     * scan would hold back every change feed on the server).
     */
    public int catchUp(LocalDate today) {
        LocalDate done = QuarkusTransaction.requiringNew().call(() -> doneThrough(""));
        if (done != null && !done.isBefore(today)) {
            return 0;
        }
        List<UUID> ids = done == null ? List.of() : QuarkusTransaction.requiringNew().call(() -> changed(done, today));
        int written = QuarkusTransaction.requiringNew().call(() -> {
            LocalDate now;
            try {
                now = doneThrough(" for update skip locked");
            } catch (NoResultException lockedByAnother) {
                return -1;
            }
            if (!Objects.equals(now, done)) {
                return -1;  // another replica did these days meanwhile
            }
            for (UUID id : ids) {
                Partner partner = em.find(Partner.class, id);
                if (partner != null) {
                    changes.updated(PartnerService.PARTNERS, null, PartnerView.of(partner, today));
                }
            }
            em.createNativeQuery("update agreement_days set done_through = ?1").setParameter(1, today).executeUpdate();
            return ids.size();
        });
        if (written > 0) {
            LOG.infof("agreements came into or went out of force after %s through %s: an updated event for each of %d partners",
                    done, today, written);
        }
        return Math.max(written, 0);
    }

    private LocalDate doneThrough(String lock) {
        Object day = em.createNativeQuery("select done_through from agreement_days" + lock).getSingleResult();
        return day == null ? null : day instanceof java.sql.Date date ? date.toLocalDate() : (LocalDate) day;
    }

    /** The partners with an agreement signed on a day in (done, today], or whose last day was in [done, today). */
    private List<UUID> changed(LocalDate done, LocalDate today) {
        return em.createNativeQuery("select p.id from partners p where exists (select 1 "
                        + "from jsonb_array_elements(p.agreements) a where "
                        + "((a->>'signedOn')::date > ?1 and (a->>'signedOn')::date <= ?2) "
                        + "or ((a->>'expiresOn')::date >= ?1 and (a->>'expiresOn')::date < ?2)) order by p.id", UUID.class)
                .setParameter(1, done)
                .setParameter(2, today)
                .getResultList();
    }
}

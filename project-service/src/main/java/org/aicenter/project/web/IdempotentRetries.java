package org.aicenter.project.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.aicenter.platform.security.Actor;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;

/**
 * Tells whether an {@code Idempotency-Key} already has a stored answer for this caller. A create
 * checks its partners before it opens a transaction; a retry of an answered request skips that
 * check, so it gets its first answer again even while partner-service is down (the platform's
 * {@code Idempotency} then replays it, or refuses a different body).
 */
@ApplicationScoped
public class IdempotentRetries {

    @Inject
    EntityManager em;
    @Inject
    Actor actor;

    @ConfigProperty(name = "aic.idempotency.retention", defaultValue = "PT24H")
    Duration retention;

    @Transactional(Transactional.TxType.SUPPORTS)
    public boolean answered(String key) {
        if (key == null) {
            return false;
        }
        return !em.createNativeQuery("select 1 from idempotency_keys where caller = ?1 and idem_key = ?2 "
                        + "and status is not null and created_at >= now() - make_interval(secs => ?3)")
                .setParameter(1, actor.subject()).setParameter(2, key)
                .setParameter(3, (double) retention.toSeconds())
                .getResultList().isEmpty();
    }
}

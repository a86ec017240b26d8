package org.aicenter.notification.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.aicenter.notification.feed.EventTypes;
import org.aicenter.platform.concurrency.ETags;
import org.aicenter.platform.idempotency.SealedBodies;
import org.aicenter.platform.paging.Page;
import org.aicenter.platform.paging.PageRequest;
import org.aicenter.platform.paging.Sorting;
import org.aicenter.platform.patch.MergePatcher;
import org.aicenter.platform.persistence.Criteria;
import org.aicenter.platform.persistence.Listing;
import org.aicenter.platform.problem.FieldError;
import org.aicenter.platform.problem.ProblemException;
import org.aicenter.platform.problem.ProblemType;
import org.aicenter.platform.security.Actor;
import org.aicenter.platform.tokens.Roles;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Subscriptions: made, changed, re-enabled, rotated, deleted. An integrator sees and changes only the
 * subscriptions it made; an admin all of them. Secrets are sealed before they reach the database and
 * appear only in the answer that makes them.
 */
@ApplicationScoped
public class SubscriptionService {

    public static final String SORT = "-createdAt,updatedAt,url,status";
    static final Sorting SORTING = Sorting.of(SORT, Map.of("createdAt", "createdAt", "updatedAt", "updatedAt",
            "url", "url", "status", "status"));
    private static final Logger LOG = Logger.getLogger(SubscriptionService.class);

    @Inject
    Actor actor;
    @Inject
    SealedBodies sealed;
    @Inject
    WebhookTargets targets;
    @Inject
    MergePatcher patcher;
    @ConfigProperty(name = "aic.webhooks.rotation-overlap")
    Duration overlap;

    @Transactional
    public SubscriptionView create(SubscriptionRequest request) {
        check(request.url(), request.types());
        Subscription s = new Subscription();
        s.markCreated(actor.subject());
        s.url = request.url().strip();
        s.types = new LinkedHashSet<>(request.types()).toArray(String[]::new);
        s.description = request.description();
        String secret = Signatures.newSecret();
        s.secretSealed = sealed.seal(secret);
        s.persist();
        s.flush();
        LOG.infof("webhook %s created by %s for %s", s.id, actor.subject(), s.typeList());
        return SubscriptionView.of(s, secret);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<SubscriptionView> list(PageRequest page, String sort) {
        Criteria criteria = new Criteria();
        if (!actor.hasRole(Roles.ADMIN)) {
            criteria.and("s.createdBy = :owner", "owner", actor.subject());
        }
        return Listing.page(Subscription.class, "s", criteria, SORTING.orderBy(sort, "s"), page,
                found -> found.stream().map(s -> SubscriptionView.of(s, null)).toList());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public SubscriptionView get(UUID id) {
        return SubscriptionView.of(find(id), null);
    }

    @Transactional
    public SubscriptionView patch(UUID id, String ifMatch, JsonNode patch) {
        Subscription s = find(id);
        ETags.require(ifMatch, s.version);
        SubscriptionPatch changed = patcher.apply(SubscriptionPatch.of(s), patch, SubscriptionPatch.class);
        check(changed.url(), changed.types());
        s.url = changed.url().strip();
        s.types = new LinkedHashSet<>(changed.types()).toArray(String[]::new);
        s.description = changed.description();
        if (changed.status() == SubscriptionStatus.ACTIVE && s.status == SubscriptionStatus.DISABLED) {
            s.status = SubscriptionStatus.ACTIVE;
            s.disabledReason = null;
            // what waited while it was disabled is tried again now, with a fresh retry window
            Subscription.getEntityManager().createNativeQuery("update deliveries set next_attempt_at = now(), "
                    + "first_failed_at = null where subscription_id = :id and status = 'PENDING'")
                    .setParameter("id", s.id).executeUpdate();
            LOG.infof("webhook %s re-enabled by %s", s.id, actor.subject());
        } else if (changed.status() == SubscriptionStatus.DISABLED && s.status == SubscriptionStatus.ACTIVE) {
            s.disable("disabled by " + actor.subject());
        }
        s.markUpdated(actor.subject());
        s.flush();
        return SubscriptionView.of(s, null);
    }

    @Transactional
    public void delete(UUID id, String ifMatch) {
        Subscription s = find(id);
        ETags.require(ifMatch, s.version);
        s.delete();
        LOG.infof("webhook %s deleted by %s", id, actor.subject());
    }

    /** A new secret; the old one keeps signing beside it for the overlap (24 h), so receivers can switch. */
    @Transactional
    public SubscriptionView rotate(UUID id) {
        Subscription s = find(id);
        String secret = Signatures.newSecret();
        s.previousSecretSealed = s.secretSealed;
        s.previousSecretUntil = Instant.now().plus(overlap);
        s.secretSealed = sealed.seal(secret);
        s.markUpdated(actor.subject());
        s.flush();
        LOG.infof("webhook %s secret rotated by %s", s.id, actor.subject());
        return SubscriptionView.of(s, secret);
    }

    /** The subscription, if the caller may see it (else 404, as if it did not exist). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Subscription find(UUID id) {
        Subscription s = Subscription.findById(id);
        if (s == null || !(actor.hasRole(Roles.ADMIN) || s.createdBy.equals(actor.subject()))) {
            throw ProblemException.notFound("Webhook", id);
        }
        return s;
    }

    private void check(String url, List<String> types) {
        List<FieldError> errors = new ArrayList<>();
        targets.refusal(url.strip()).ifPresent(why -> errors.add(new FieldError("url", why)));
        for (int i = 0; i < types.size(); i++) {
            if (!EventTypes.known(types.get(i))) {
                errors.add(new FieldError("types[" + i + "]", "unknown event type; one of " + EventTypes.ALL));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION, "The webhook is not valid", errors);
        }
    }
}

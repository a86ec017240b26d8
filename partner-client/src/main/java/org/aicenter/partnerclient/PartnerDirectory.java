package org.aicenter.partnerclient;

import jakarta.enterprise.context.ApplicationScoped;
import org.aicenter.platform.problem.FieldError;
import org.aicenter.platform.problem.ProblemException;
import org.aicenter.platform.problem.ProblemType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * What other services know of partners, asked of partner-service. Every write that names a
 * partner calls {@link #requireUsable} before it writes anything: an unknown or ENDED partner is
 * a 422 naming the field, the id and why; an unreachable, slow or failing partner-service is a
 * 503 at once (see {@link PartnerLookup} for the timeout, retry and circuit breaker), so the
 * caller writes nothing and may retry.
 *
 * <p>Found partners are remembered for a short while (default 30 s, bounded), so a project that
 * names the same partner twice, or a burst of writes, asks once. Unknown ids are never remembered,
 * so a partner created a moment ago is found at once. A remembered partner that partner-service ends
 * (or deletes) is forgotten as soon as its change feed says so ({@link PartnerFeedFollower}, within
 * about a second), so an ENDED partner does not pass for the rest of the 30 s. The price that is
 * left: while the follower cannot read the feed (partner-service's feed down, no credentials,
 * {@code aic.partner-directory.follow-feed=false}) a partner ended in the last 30 s may still pass;
 * the follower forgets everything when it reads the feed again, as it may have missed changes.
 *
 * <p>A lookup under way while the directory forgets is not remembered (its answer may be older than
 * the change that made it forget); the partner is simply asked for again next time.
 */
@ApplicationScoped
public class PartnerDirectory {

    public static final String UNAVAILABLE_DETAIL =
            "The partner directory is unavailable; nothing was written. Retry later";
    private static final Logger LOG = Logger.getLogger(PartnerDirectory.class);

    private final PartnerLookup lookup;
    private final long ttlNanos;
    private final int maxEntries;
    private final String retryAfter;
    private final Map<UUID, Remembered> recent;
    /** Bumped by every forget (guarded by {@code recent}): a lookup begun before one is not remembered. */
    private long forgets;

    PartnerDirectory(PartnerLookup lookup,
                     @ConfigProperty(name = "aic.partner-directory.cache-ttl", defaultValue = "PT30S") Duration ttl,
                     @ConfigProperty(name = "aic.partner-directory.cache-size", defaultValue = "1000") int maxEntries,
                     @ConfigProperty(name = "aic.partner-directory.retry-after", defaultValue = "5") int retryAfter) {
        this.lookup = lookup;
        this.ttlNanos = ttl.toNanos();
        this.maxEntries = Math.max(maxEntries, 1);
        this.retryAfter = Integer.toString(retryAfter);
        // access-ordered, so the least recently used entry goes first when full
        this.recent = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<UUID, Remembered> eldest) {
                return size() > PartnerDirectory.this.maxEntries;
            }
        };
    }

    /**
     * The partner, or empty when partner-service says there is none.
     *
     * @throws ProblemException 503 when partner-service cannot answer
     */
    public Optional<PartnerSummary> find(UUID id) {
        long asked;
        synchronized (recent) {
            PartnerSummary known = remembered(id);
            if (known != null) {
                return Optional.of(known);
            }
            asked = forgets;
        }
        Optional<PartnerSummary> found;
        try {
            found = lookup.fetch(id);
        } catch (RuntimeException e) {
            LOG.warnf("partner directory unavailable while looking up partner %s: %s", id, describe(e));
            throw unavailable();
        }
        found.ifPresent(partner -> remember(id, partner, asked));
        return found;
    }

    /**
     * Refuses a write that names a partner which does not exist or has ENDED.
     *
     * @param field the request field that holds the id, named in the problem (e.g. {@code leadPartnerId})
     * @throws ProblemException 422 (unusable partner) or 503 (partner-service unavailable)
     */
    public void requireUsable(String field, UUID partnerId) {
        requireUsable(Map.of(field, partnerId));
    }

    /**
     * Checks every named partner (field -> id) and answers one 422 listing all unusable ones.
     * An id named by several fields is asked for once.
     */
    public void requireUsable(Map<String, UUID> partnerIdsByField) {
        Map<UUID, Optional<PartnerSummary>> answers = new LinkedHashMap<>();
        List<FieldError> errors = new ArrayList<>();
        for (Map.Entry<String, UUID> named : partnerIdsByField.entrySet()) {
            UUID id = named.getValue();
            if (id == null) {
                continue; // a missing id is the caller's validation, not a directory question
            }
            Optional<PartnerSummary> partner = answers.computeIfAbsent(id, this::find);
            if (partner.isEmpty()) {
                errors.add(new FieldError(named.getKey(), "partner " + id + " does not exist"));
            } else if (partner.get().ended()) {
                errors.add(new FieldError(named.getKey(), "partner " + id + " has ENDED"));
            }
        }
        if (!errors.isEmpty()) {
            String detail = errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; "));
            throw new ProblemException(ProblemType.UNPROCESSABLE, detail, errors);
        }
    }

    /** Forgets what is remembered of a partner, e.g. after learning it changed. */
    public void forget(UUID id) {
        synchronized (recent) {
            recent.remove(id);
            forgets++;
        }
    }

    /**
     * Forgets every remembered partner: when changes may have been missed (the feed's cursor expired,
     * it could not be read for a while). Answers how many were remembered.
     */
    public int forgetAll() {
        synchronized (recent) {
            int remembered = recent.size();
            recent.clear();
            forgets++;
            return remembered;
        }
    }

    private ProblemException unavailable() {
        return new ProblemException(ProblemType.SERVICE_UNAVAILABLE, UNAVAILABLE_DETAIL)
                .with("dependency", "partner-service")
                .header("Retry-After", retryAfter);
    }

    /** The remembered answer while it is fresh; the caller holds {@code recent}'s lock. */
    private PartnerSummary remembered(UUID id) {
        Remembered entry = recent.get(id);
        if (entry == null) {
            return null;
        }
        if (System.nanoTime() - entry.at >= ttlNanos) {
            recent.remove(id);
            return null;
        }
        return entry.partner;
    }

    /** Remembers the answer of a lookup begun at {@code asked}, unless something was forgotten since. */
    private void remember(UUID id, PartnerSummary partner, long asked) {
        if (ttlNanos <= 0) {
            return;
        }
        synchronized (recent) {
            if (forgets == asked) {
                recent.put(id, new Remembered(partner, System.nanoTime()));
            }
        }
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : " (" + message + ")");
    }

    private record Remembered(PartnerSummary partner, long at) {
    }
}

package org.aicenter.platform.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.aicenter.platform.concurrency.ETags;
import org.aicenter.platform.concurrency.Versioned;
import org.aicenter.platform.problem.ProblemException;
import org.aicenter.platform.problem.ProblemType;
import org.aicenter.platform.security.Actor;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The one way a create is answered, with {@code Idempotency-Key} for safe retries: the first
 * answer is stored with the record it created, in the same transaction, so a retry gets that
 * answer again (even after a crash or restart) and a concurrent retry waits on the key's row
 * instead of creating a twin. Keys are per caller and kept 24 hours; the same key with another
 * body is a 422. The scope is the request itself (method and path), so one key cannot replay an
 * answer of another collection. Stored answers are sealed ({@link SealedBodies}).
 *
 * <p>A create's checks with other services (a partner that must exist) run before its transaction
 * opens, and a retry of an answered key skips them: it is answered from the store even while the
 * other service is down. A key whose answer expires between that look and the claim is a new
 * request, and its checks then run after all.
 */
@ApplicationScoped
public class Idempotency {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    private static final Logger LOG = Logger.getLogger(Idempotency.class);
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,200}");

    @Inject
    EntityManager em;
    @Inject
    ObjectMapper mapper;
    @Inject
    Actor actor;
    @Inject
    UriInfo uri;
    @Inject
    SealedBodies sealed;

    @ConfigProperty(name = "aic.idempotency.retention", defaultValue = "PT24H")
    Duration retention;

    /** A create that needs no other service: {@code create(key, request, () -> {}, action)}. */
    public Response create(String key, Object request, Supplier<? extends Versioned> action) {
        return create(key, request, () -> { }, action);
    }

    /**
     * Answers a create with 201, {@code Location} (the new id below the request's path), {@code ETag}
     * and the view; once per (caller, key) when a key is given. {@code checks} (calls to other
     * services) run outside the transaction, and not at all for a key already answered.
     */
    public Response create(String key, Object request, Runnable checks, Supplier<? extends Versioned> action) {
        if (key == null) {
            checks.run();
            return created(QuarkusTransaction.requiringNew().call(action::get));
        }
        if (!KEY.matcher(key).matches()) {
            throw ProblemException.invalid(HEADER, "must be 1-200 visible ASCII characters");
        }
        String caller = actor.subject();
        String hash = hash("POST " + uri.getPath(), request);
        boolean checked = false;
        if (!answered(caller, key)) {
            checks.run();
            checked = true;
        }
        try {
            return QuarkusTransaction.requiringNew().call(claimAndCreate(caller, key, hash, checked, action));
        } catch (Unchecked expired) {
            // The answer expired after the look above: a new request, whose checks had been skipped.
            checks.run();
            return QuarkusTransaction.requiringNew().call(claimAndCreate(caller, key, hash, true, action));
        }
    }

    private Callable<Response> claimAndCreate(String caller, String key, String hash, boolean checked,
                                              Supplier<? extends Versioned> action) {
        return () -> {
            if (!claim(caller, key, hash)) {
                return replay(caller, key, hash);
            }
            if (!checked) {
                throw new Unchecked(); // rolls the claim back
            }
            Response response = created(action.get());
            em.createNativeQuery("update idempotency_keys set status = ?1, location = ?2, etag = ?3, body = ?4 "
                            + "where caller = ?5 and idem_key = ?6")
                    .setParameter(1, response.getStatus())
                    .setParameter(2, response.getLocation().toString())
                    .setParameter(3, response.getEntityTag().toString())
                    .setParameter(4, sealed.seal(json(response.getEntity())))
                    .setParameter(5, caller).setParameter(6, key)
                    .executeUpdate();
            return response;
        };
    }

    /** The key's row, new or past its retention, is this request's now; false when another request holds it. */
    private boolean claim(String caller, String key, String hash) {
        return em.createNativeQuery("""
                        insert into idempotency_keys (caller, idem_key, request_hash, created_at)
                        values (?1, ?2, ?3, now())
                        on conflict (caller, idem_key) do update
                          set request_hash = excluded.request_hash, created_at = excluded.created_at,
                              status = null, location = null, etag = null, body = null
                          where idempotency_keys.created_at < now() - make_interval(secs => ?4)""")
                .setParameter(1, caller).setParameter(2, key).setParameter(3, hash)
                .setParameter(4, (double) retention.toSeconds())
                .executeUpdate() == 1;
    }

    /** Whether the key has a stored answer for this caller that is still kept. */
    boolean answered(String caller, String key) {
        return !em.createNativeQuery("select 1 from idempotency_keys where caller = ?1 and idem_key = ?2 "
                        + "and status is not null and created_at >= now() - make_interval(secs => ?3)")
                .setParameter(1, caller).setParameter(2, key)
                .setParameter(3, (double) retention.toSeconds())
                .getResultList().isEmpty();
    }

    private Response created(Versioned view) {
        URI location = uri.getAbsolutePathBuilder().path(view.id().toString()).build();
        return Response.created(location).tag(ETags.of(view.version())).entity(view).build();
    }

    private Response replay(String caller, String key, String hash) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "select request_hash, status, location, etag, body from idempotency_keys "
                                + "where caller = ?1 and idem_key = ?2")
                .setParameter(1, caller).setParameter(2, key).getResultList();
        if (rows.isEmpty() || rows.get(0)[1] == null) {
            throw ProblemException.conflict("A request with this Idempotency-Key is still being processed; retry shortly");
        }
        Object[] row = rows.get(0);
        if (!hash.equals(row[0])) {
            throw new ProblemException(ProblemType.IDEMPOTENCY_KEY_REUSED,
                    "This Idempotency-Key was used with a different request; use a new key for a new request");
        }
        String body = sealed.open((String) row[4]).orElseThrow(() -> ProblemException.conflict(
                "The answer kept for this Idempotency-Key can no longer be read (its key was retired); "
                        + "read the collection, or use a new key"));
        LOG.debugf("replaying the answer stored for an idempotency key of %s", caller);
        return Response.status(((Number) row[1]).intValue()).header(REPLAYED_HEADER, "true")
                .location(URI.create((String) row[2])).header("ETag", row[3])
                .entity(body).type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** Forgets keys past their retention; called periodically. */
    @Transactional
    public int purgeExpired() {
        return em.createNativeQuery("delete from idempotency_keys where created_at < now() - make_interval(secs => ?1)")
                .setParameter(1, (double) retention.toSeconds()).executeUpdate();
    }

    private String hash(String scope, Object request) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(scope.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(mapper.writeValueAsBytes(request));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException("cannot hash the request", e);
        }
    }

    private String json(Object entity) {
        try {
            return mapper.writeValueAsString(entity);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot store the answer", e);
        }
    }

    /** A claim made for a request whose checks were skipped: it is rolled back and the request checked. */
    private static final class Unchecked extends RuntimeException {
        Unchecked() {
            super(null, null, false, false);
        }
    }

    /** Purges expired keys once an hour, off the event loop. */
    @Startup
    @ApplicationScoped
    static class Purger {
        Purger(Vertx vertx, Idempotency idempotency) {
            vertx.setPeriodic(Duration.ofHours(1).toMillis(), id -> vertx.executeBlocking(() -> {
                int purged = idempotency.purgeExpired();
                if (purged > 0) {
                    LOG.infof("purged %d expired idempotency keys", purged);
                }
                return purged;
            }, false));
        }
    }
}

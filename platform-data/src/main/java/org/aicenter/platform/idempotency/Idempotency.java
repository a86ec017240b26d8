package org.aicenter.platform.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.Startup;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.aicenter.platform.problem.ProblemException;
import org.aicenter.platform.problem.ProblemType;
import org.aicenter.platform.security.Actor;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * {@code Idempotency-Key} for POST: the first answer is stored with the record it created, in the
 * same transaction, so a retry gets that answer again (even after a crash or restart) and a
 * concurrent retry waits on the key's row instead of creating a twin. Keys are per caller and
 * kept 24 hours; the same key with another body is a 422.
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

    @ConfigProperty(name = "aic.idempotency.retention", defaultValue = "PT24H")
    Duration retention;

    /** Runs {@code action} once per (caller, key); {@code scope} and {@code request} identify the request. */
    @Transactional
    public Response execute(String key, String scope, Object request, Supplier<Response> action) {
        if (key == null) {
            return action.get();
        }
        if (!KEY.matcher(key).matches()) {
            throw ProblemException.invalid(HEADER, "must be 1-200 visible ASCII characters");
        }
        String caller = actor.subject();
        String hash = hash(scope, request);
        int claimed = em.createNativeQuery("""
                        insert into idempotency_keys (caller, idem_key, request_hash, created_at)
                        values (?1, ?2, ?3, now())
                        on conflict (caller, idem_key) do update
                          set request_hash = excluded.request_hash, created_at = excluded.created_at,
                              status = null, location = null, etag = null, body = null
                          where idempotency_keys.created_at < now() - make_interval(secs => ?4)""")
                .setParameter(1, caller).setParameter(2, key).setParameter(3, hash)
                .setParameter(4, (double) retention.toSeconds())
                .executeUpdate();
        if (claimed == 0) {
            return replay(caller, key, hash);
        }
        Response response = action.get();
        em.createNativeQuery("update idempotency_keys set status = ?1, location = ?2, etag = ?3, body = ?4 "
                        + "where caller = ?5 and idem_key = ?6")
                .setParameter(1, response.getStatus())
                .setParameter(2, header(response, HttpHeaders.LOCATION))
                .setParameter(3, header(response, HttpHeaders.ETAG))
                .setParameter(4, json(response.getEntity()))
                .setParameter(5, caller).setParameter(6, key)
                .executeUpdate();
        return response;
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
        LOG.debugf("replaying the answer stored for idempotency key %s", key);
        Response.ResponseBuilder builder = Response.status(((Number) row[1]).intValue())
                .header(REPLAYED_HEADER, "true");
        if (row[2] != null) {
            builder.header(HttpHeaders.LOCATION, row[2]);
        }
        if (row[3] != null) {
            builder.header(HttpHeaders.ETAG, row[3]);
        }
        if (row[4] != null) {
            builder.entity(row[4]).type(MediaType.APPLICATION_JSON_TYPE);
        }
        return builder.build();
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
        if (entity == null) {
            return null;
        }
        try {
            return mapper.writeValueAsString(entity);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot store the answer", e);
        }
    }

    private static String header(Response response, String name) {
        Object value = response.getHeaders().getFirst(name);
        if (value == null) {
            return null;
        }
        return value instanceof jakarta.ws.rs.core.EntityTag tag ? tag.toString() : value.toString();
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

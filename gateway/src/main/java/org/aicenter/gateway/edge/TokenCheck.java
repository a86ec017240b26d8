package org.aicenter.gateway.edge;

import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import jakarta.inject.Singleton;
import org.aicenter.gateway.GatewayConfig;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verifies bearer tokens at the edge with the same key and issuer as the services. An RSA check
 * costs tens of microseconds, too much for the event loop on every request, so it runs on a
 * worker once per token; the outcome is then remembered (never past the token's expiry).
 */
@Singleton
public class TokenCheck {

    private static final Logger LOG = Logger.getLogger(TokenCheck.class);
    /** A refused token stays refused this long without another signature check. */
    private static final long REFUSAL_MEMORY_MILLIS = 30_000;

    private final JWTParser parser;
    private final Vertx vertx;
    private final long ttlMillis;
    private final int maxEntries;
    private final Map<String, Verdict> verdicts = new ConcurrentHashMap<>();

    TokenCheck(JWTParser parser, Vertx vertx, GatewayConfig config) {
        this.parser = parser;
        this.vertx = vertx;
        this.ttlMillis = config.tokens().cacheTtl().toMillis();
        this.maxEntries = config.tokens().cacheSize();
    }

    /** The token's subject, or a failed future with the reason it is refused. */
    public Future<String> subjectOf(String token) {
        long now = System.currentTimeMillis();
        Verdict known = verdicts.get(token);
        if (known != null && known.until > now) {
            return known.subject != null ? Future.succeededFuture(known.subject)
                    : Future.failedFuture(new InvalidToken(known.refusal));
        }
        Context context = vertx.getOrCreateContext();
        return context.executeBlocking(() -> verify(token), false);
    }

    private String verify(String token) {
        long now = System.currentTimeMillis();
        try {
            JsonWebToken jwt = parser.parse(token);
            String subject = jwt.getSubject() != null ? jwt.getSubject() : jwt.getName();
            long expires = jwt.getExpirationTime() > 0 ? jwt.getExpirationTime() * 1000 : now + ttlMillis;
            remember(token, new Verdict(subject, null, Math.min(expires, now + ttlMillis)));
            return subject;
        } catch (ParseException | RuntimeException e) {
            LOG.debugf("token refused: %s", e.getMessage());
            remember(token, new Verdict(null, "invalid", now + REFUSAL_MEMORY_MILLIS));
            throw new InvalidToken("invalid");
        }
    }

    private void remember(String token, Verdict verdict) {
        if (verdicts.size() >= maxEntries) {
            long now = System.currentTimeMillis();
            verdicts.values().removeIf(v -> v.until <= now);
            if (verdicts.size() >= maxEntries) {
                Iterator<String> keys = verdicts.keySet().iterator();
                for (int i = 0; i < maxEntries / 4 && keys.hasNext(); i++) {
                    keys.next();
                    keys.remove();
                }
            }
        }
        verdicts.put(token, verdict);
    }

    private record Verdict(String subject, String refusal, long until) {
    }

    /** The token is forged, malformed, expired or from another issuer. */
    public static final class InvalidToken extends RuntimeException {
        InvalidToken(String reason) {
            super(reason, null, false, false);
        }
    }
}

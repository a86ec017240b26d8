package org.aicenter.gateway.edge;

import io.smallrye.jwt.auth.principal.ParseException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import jakarta.inject.Singleton;
import org.aicenter.platform.security.VerifiedTokens;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

/**
 * Verifies bearer tokens at the edge with the services' own parser, key, issuer and audience
 * ({@link VerifiedTokens}). A token verified before is found on the event loop by its digest; an
 * unknown one is verified on a worker (an RSA check costs tens of microseconds). A refused token
 * is not remembered: it costs one parse, and the edge's per-address limit bounds how many a
 * client gets verified.
 */
@Singleton
public class TokenCheck {

    private static final Logger LOG = Logger.getLogger(TokenCheck.class);

    private final VerifiedTokens tokens;
    private final Vertx vertx;

    TokenCheck(VerifiedTokens tokens, Vertx vertx) {
        this.tokens = tokens;
        this.vertx = vertx;
    }

    public boolean tooLong(String token) {
        return tokens.tooLong(token);
    }

    public int maxLength() {
        return tokens.maxTokenLength();
    }

    /** The subject of a token verified before and still valid, or null: a digest and a lookup, no parsing. */
    public String knownSubject(String token) {
        JsonWebToken known = tokens.known(token);
        return known == null ? null : subjectOf(known);
    }

    /** Verifies {@code token} off the event loop: its subject, or a failed future when it is refused. */
    public Future<String> verify(String token) {
        return vertx.getOrCreateContext().executeBlocking(() -> {
            try {
                return subjectOf(tokens.parse(token));
            } catch (ParseException | RuntimeException e) {
                LOG.debugf("token refused: %s", e.getMessage());
                throw new InvalidToken();
            }
        }, false);
    }

    private static String subjectOf(JsonWebToken jwt) {
        return jwt.getSubject() != null ? jwt.getSubject() : jwt.getName();
    }

    /** The token is forged, malformed, expired, for another audience or from another issuer. */
    public static final class InvalidToken extends RuntimeException {
        InvalidToken() {
            super("invalid token", null, false, false);
        }
    }
}

package org.aicenter.platform.security;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers tokens whose signature and claims were verified, until they expire, so a client that
 * sends the same token on every call pays for one RSA check instead of one per request. The key
 * is the whole token, signature included: only the exact bytes that were verified are trusted.
 */
@Alternative
@Priority(10)
@ApplicationScoped
public class VerifiedTokens extends DefaultJWTParser {

    private static final int MAX_ENTRIES = 10_000;
    private final ConcurrentHashMap<String, JsonWebToken> verified = new ConcurrentHashMap<>();

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        JsonWebToken known = fresh(token);
        return known != null ? known : remember(token, super.parse(token));
    }

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        JsonWebToken known = fresh(token);
        return known != null ? known : remember(token, super.parse(token, context));
    }

    private JsonWebToken fresh(String token) {
        JsonWebToken known = verified.get(token);
        if (known == null) {
            return null;
        }
        if (known.getExpirationTime() <= System.currentTimeMillis() / 1000) {
            verified.remove(token);
            return null;
        }
        return known;
    }

    private JsonWebToken remember(String token, JsonWebToken jwt) {
        if (verified.size() >= MAX_ENTRIES) {
            verified.clear(); // rare: more live tokens than entries; start over rather than grow
        }
        verified.put(token, jwt);
        return jwt;
    }
}

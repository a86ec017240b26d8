package org.aicenter.platform.security;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.Duration;

/**
 * The bearer-token parser of every application (services and gateway): a token longer than
 * {@code aic.security.max-token-length} is refused before any parsing, and a verified token is
 * remembered in a {@link TokenCache} (keyed by its SHA-256, bounded by entries and bytes) until it
 * expires or the cache's time to live passes, so a client sending the same token on every call
 * pays for one RSA check. A hit trusts nothing the verification did not: the same exact bytes,
 * and {@code exp} checked again against the clock. {@code aic.security.token-cache.enabled=false}
 * verifies every token every time (for comparing the two in a benchmark); every check is the same.
 */
@Alternative
@Priority(10)
@ApplicationScoped
public class VerifiedTokens extends DefaultJWTParser {

    /** What smallrye-jwt keeps per token beyond the token itself: claims map, raw JSON, principal. */
    private static final long ENTRY_OVERHEAD_BYTES = 1024;

    @ConfigProperty(name = "aic.security.max-token-length", defaultValue = "8192")
    int maxTokenLength;

    @ConfigProperty(name = "aic.security.token-cache.enabled", defaultValue = "true")
    boolean cacheEnabled;

    @ConfigProperty(name = "aic.security.token-cache.max-entries", defaultValue = "10000")
    int maxEntries;

    @ConfigProperty(name = "aic.security.token-cache.max-bytes", defaultValue = "4M")
    MemorySize maxBytes;

    @ConfigProperty(name = "aic.security.token-cache.ttl", defaultValue = "PT5M")
    Duration ttl;

    private TokenCache<JsonWebToken> cache;

    @PostConstruct
    void init() {
        cache = new TokenCache<>(maxEntries, maxBytes.asLongValue(), ttl.toMillis(), System::currentTimeMillis);
    }

    /** Too long to be one of ours: refused before anything reads it. */
    public boolean tooLong(String token) {
        return token.length() > maxTokenLength;
    }

    public int maxTokenLength() {
        return maxTokenLength;
    }

    /** The remembered verification of {@code token}, or null (unknown, expired, or the cache is off): cheap, no parsing. */
    public JsonWebToken known(String token) {
        return cacheEnabled && !tooLong(token) ? cache.get(token) : null;
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        refuseTooLong(token);
        JsonWebToken known = known(token);
        if (known != null) {
            return known;
        }
        JsonWebToken verified = super.parse(token);
        if (cacheEnabled) {
            cache.put(token, verified, verified.getExpirationTime() * 1000, 2L * token.length() + ENTRY_OVERHEAD_BYTES);
        }
        return verified;
    }

    /** Another context than the application's (another key or issuer): verified every time, never remembered. */
    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        refuseTooLong(token);
        return super.parse(token, context);
    }

    /** For tests: how many tokens are remembered and their estimated bytes. */
    public TokenCache<JsonWebToken> cache() {
        return cache;
    }

    private void refuseTooLong(String token) throws ParseException {
        if (tooLong(token)) {
            throw new ParseException("the token is longer than " + maxTokenLength + " characters");
        }
    }
}

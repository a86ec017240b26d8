package org.aicenter.platform.web;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.smallrye.common.vertx.ContextLocals;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.MDC;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Every request carries an {@code X-Request-Id}: taken from the caller when it is sane, made
 * otherwise, echoed in the response, put in the log MDC and passed on by REST clients.
 * Runs as the first HTTP filter, so even a 404, 413 or health call has one.
 */
@ApplicationScoped
public class RequestIds {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    static final String AUTHORIZATION_LOCAL = "aic.authorization";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    /** The filter's priority: the highest of ours, so everything after it can name the request. */
    static final int PRIORITY = 1_000;

    void register(@Observes Filters filters) {
        filters.register(ctx -> {
            assign(ctx);
            ctx.next();
        }, PRIORITY);
    }

    /**
     * Gives the exchange its id, unless it has one. The filter does it for every routed request;
     * a failure handler calls it for a request that failed before any filter ran.
     */
    static String assign(RoutingContext ctx) {
        String id = ctx.get(MDC_KEY);
        if (id != null) {
            return id;
        }
        id = ctx.request().getHeader(HEADER);
        if (id == null || !SANE.matcher(id).matches()) {
            id = newId();
        }
        ctx.put(MDC_KEY, id);
        MDC.put(MDC_KEY, id);
        ContextLocals.put(MDC_KEY, id);
        String authorization = ctx.request().getHeader("Authorization");
        if (authorization != null) {
            ContextLocals.put(AUTHORIZATION_LOCAL, authorization);
        }
        ctx.response().putHeader(HEADER, id);
        return id;
    }

    /**
     * A random (version 4) UUID. A request id only has to be unique, not unguessable, so it comes
     * from the thread's own generator instead of {@link UUID#randomUUID()}'s shared SecureRandom.
     */
    public static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    /** The id of the request being served, or null outside a request. */
    public static String current() {
        try {
            String id = ContextLocals.<String>get(MDC_KEY).orElse(null);
            if (id != null) {
                return id;
            }
        } catch (UnsupportedOperationException | IllegalStateException notOnRequestContext) {
            // fall through to the MDC
        }
        Object mdc = MDC.get(MDC_KEY);
        return mdc == null ? null : mdc.toString();
    }

    /** The caller's Authorization header, so a call to another service acts for the same caller. */
    public static String currentAuthorization() {
        try {
            return ContextLocals.<String>get(AUTHORIZATION_LOCAL).orElse(null);
        } catch (UnsupportedOperationException | IllegalStateException notOnRequestContext) {
            return null;
        }
    }
}

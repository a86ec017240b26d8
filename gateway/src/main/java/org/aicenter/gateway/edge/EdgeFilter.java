package org.aicenter.gateway.edge;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.aicenter.gateway.GatewayMetrics;
import org.aicenter.gateway.GatewayProblems;
import org.aicenter.gateway.LocalEndpoints;
import org.aicenter.gateway.routing.ServiceProxies;
import org.aicenter.gateway.routing.UpstreamService;
import org.aicenter.gateway.routing.UpstreamServices;
import org.aicenter.platform.problem.ProblemType;

/**
 * The checks every API request passes before it reaches a service or a view, cheapest first: a
 * bearer value over the length bound is a 401 before anything parses it; a token verified before
 * is found by its digest and the request counts against its subject's rate; anything else counts
 * against its address's rate before any verification (429), so a client without credentials can
 * make the gateway verify at most that many tokens; then 401 for a refused token, and per-route
 * metrics. Health, OpenAPI and the docs are limited per address and never token-checked here.
 * Runs after the request id, the platform's body limit (413 from Content-Length) and the CORS
 * filter, so refusals carry the request id and CORS headers, and before authentication. A request
 * for a service's path that passes goes straight to that service's proxy from here; only the
 * gateway's own endpoints continue down the router.
 */
@Singleton
public class EdgeFilter {

    /** Below CORS (300), above authentication (200); see SecurityHandlerPriorities. */
    static final int PRIORITY = 250;

    private final TokenCheck tokens;
    private final RateLimiter limiter;
    private final GatewayMetrics metrics;
    private final UpstreamServices services;
    private final ServiceProxies proxies;

    EdgeFilter(TokenCheck tokens, RateLimiter limiter, GatewayMetrics metrics, UpstreamServices services,
               ServiceProxies proxies) {
        this.tokens = tokens;
        this.limiter = limiter;
        this.metrics = metrics;
        this.services = services;
        this.proxies = proxies;
    }

    void register(@Observes Filters filters) {
        filters.register(this::handle, PRIORITY);
    }

    void handle(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        if (LocalEndpoints.operational(path)) {
            // Public and never token-checked here, but no lever either: limited per address.
            if (!overRate(ctx, "other", addressOf(ctx))) {
                ctx.next();
            }
            return;
        }
        String local = LocalEndpoints.routeOf(path);
        UpstreamService service = local == null ? services.owner(path) : null;
        String route = local != null ? local : service != null ? service.name() : "other";
        long started = System.nanoTime();
        ctx.addEndHandler(done -> metrics.request(route, ctx.request().method(), ctx.response().getStatusCode(),
                System.nanoTime() - started));

        String authorization = ctx.request().getHeader("Authorization");
        if (authorization == null) {
            admit(ctx, service, route, addressOf(ctx));
            return;
        }
        boolean bearer = authorization.regionMatches(true, 0, "Bearer ", 0, 7) && authorization.length() > 7;
        String token = bearer ? authorization.substring(7).trim() : null;
        if (token == null || token.isEmpty() || tokens.tooLong(token)) {
            // Refused before anything parses it; still counted against the address, like any unverified request.
            if (!overRate(ctx, route, addressOf(ctx))) {
                unauthorized(ctx, token == null || token.isEmpty() ? "Send a bearer token: Authorization: Bearer <token>"
                        : "The bearer token is longer than " + tokens.maxLength() + " characters");
            }
            return;
        }
        String known = tokens.knownSubject(token);
        if (known != null) {
            admit(ctx, service, route, "subject:" + known);
            return;
        }
        // Verification is the expensive part: only a client within its address's rate gets one.
        if (overRate(ctx, route, addressOf(ctx))) {
            return;
        }
        tokens.verify(token).onComplete(result -> {
            if (result.succeeded()) {
                admit(ctx, service, route, "subject:" + result.result());
            } else {
                unauthorized(ctx, "The bearer token is invalid, expired, for another audience or not from a trusted issuer");
            }
        });
    }

    private void admit(RoutingContext ctx, UpstreamService service, String route, String client) {
        if (overRate(ctx, route, client)) {
            return;
        }
        if (service != null) {
            proxies.forward(ctx, service);
        } else {
            ctx.next();
        }
    }

    /** Takes one request from {@code client}'s bucket; when it is empty, answers 429 and says true. */
    private boolean overRate(RoutingContext ctx, String route, String client) {
        long wait = limiter.acquire(client);
        if (wait <= 0) {
            return false;
        }
        metrics.rateLimited(route);
        GatewayProblems.send(ctx, ProblemType.TOO_MANY_REQUESTS,
                "Too many requests from this client; retry in " + wait + " s", "Retry-After", Long.toString(wait));
        return true;
    }

    private static void unauthorized(RoutingContext ctx, String detail) {
        GatewayProblems.send(ctx, ProblemType.UNAUTHORIZED, detail, "WWW-Authenticate", "Bearer error=\"invalid_token\"");
    }

    private static String addressOf(RoutingContext ctx) {
        return "address:" + clientAddress(ctx.request().remoteAddress());
    }

    /**
     * The client's address: the socket's, or the one a trusted proxy in front named (which Quarkus
     * puts in place of the socket's, as text: it has a host but no resolved address).
     */
    public static String clientAddress(SocketAddress remote) {
        if (remote == null) {
            return "unknown";
        }
        String address = remote.hostAddress();
        return address != null ? address : remote.host();
    }
}

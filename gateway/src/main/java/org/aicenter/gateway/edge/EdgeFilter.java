package org.aicenter.gateway.edge;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpServerRequest;
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
 * The checks every API request passes before it reaches a service or a view: bearer token (401),
 * the per-client rate limit (429), and per-route metrics. Health, metrics, OpenAPI and the docs
 * are exempt. Runs after the request id, the platform's body limit (413 from Content-Length) and
 * the CORS filter, so refusals carry the request id and CORS headers, and before authentication. A request for a service's path
 * that passes goes straight to that service's proxy from here; only the gateway's own endpoints
 * continue down the router.
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
            ctx.next();
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
            admit(ctx, service, route, "address:" + address(ctx.request()));
            return;
        }
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7) || authorization.length() <= 7) {
            unauthorized(ctx, "Send a bearer token: Authorization: Bearer <token>");
            return;
        }
        tokens.subjectOf(authorization.substring(7).trim()).onComplete(result -> {
            if (result.succeeded()) {
                admit(ctx, service, route, "subject:" + result.result());
            } else {
                unauthorized(ctx, "The bearer token is invalid, expired or not from a trusted issuer");
            }
        });
    }

    private void admit(RoutingContext ctx, UpstreamService service, String route, String client) {
        long wait = limiter.acquire(client);
        if (wait > 0) {
            metrics.rateLimited(route);
            GatewayProblems.send(ctx, ProblemType.TOO_MANY_REQUESTS,
                    "Too many requests from this client; retry in " + wait + " s", "Retry-After", Long.toString(wait));
            return;
        }
        if (service != null) {
            proxies.forward(ctx, service);
        } else {
            ctx.next();
        }
    }

    private static void unauthorized(RoutingContext ctx, String detail) {
        GatewayProblems.send(ctx, ProblemType.UNAUTHORIZED, detail, "WWW-Authenticate", "Bearer error=\"invalid_token\"");
    }

    private static String address(HttpServerRequest request) {
        SocketAddress remote = request.remoteAddress();
        return remote == null ? "unknown" : remote.hostAddress();
    }
}

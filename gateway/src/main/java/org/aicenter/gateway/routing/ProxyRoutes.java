package org.aicenter.gateway.routing;

import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.impl.HttpServerRequestInternal;
import io.vertx.core.http.impl.HttpServerRequestWrapper;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.httpproxy.HttpProxy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.aicenter.gateway.GatewayConfig;
import org.aicenter.gateway.GatewayMetrics;
import org.aicenter.gateway.LocalEndpoints;
import org.jboss.logging.Logger;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Mounts one reverse proxy per service on the Vert.x router: requests stream through on the
 * event loop, paths unchanged. Runs after the platform's filters (request id, CORS, the edge
 * checks) and before the gateway's own JAX-RS resources, which get the paths it passes over.
 */
@ApplicationScoped
public class ProxyRoutes {

    /** After every filter (negative orders), before Quarkus REST (ROUTE_ORDER_DEFAULT and later). */
    static final int ORDER = RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT;
    private static final Logger LOG = Logger.getLogger(ProxyRoutes.class);

    private final UpstreamServices services;
    private final UpstreamClient client;
    private final GatewayConfig config;
    private final GatewayMetrics metrics;
    /**
     * One set of proxies, with its own upstream client, per event loop: a request, its upstream
     * connection and its answer then stay on one thread instead of hopping between event loops.
     */
    private final Map<Thread, Map<String, HttpProxy>> proxiesByEventLoop = new ConcurrentHashMap<>();

    ProxyRoutes(UpstreamServices services, UpstreamClient client, GatewayConfig config, GatewayMetrics metrics) {
        this.services = services;
        this.client = client;
        this.config = config;
        this.metrics = metrics;
    }

    void init(@Observes Router router) {
        for (UpstreamService service : services.all()) {
            LOG.infof("%s at %s serves %s", service.name(), service.base(), String.join(", ", service.prefixes()));
        }
        router.route().order(ORDER).handler(this::route);
    }

    private Map<String, HttpProxy> proxies() {
        return proxiesByEventLoop.computeIfAbsent(Thread.currentThread(), loop -> {
            HttpClient http = client.newProxyClient();
            Map<String, HttpProxy> proxies = new HashMap<>();
            for (UpstreamService service : services.all()) {
                proxies.put(service.key(), proxy(http, service));
            }
            return proxies;
        });
    }

    private HttpProxy proxy(HttpClient http, UpstreamService service) {
        HttpProxy proxy = HttpProxy.reverseProxy(http);
        proxy.origin(context -> context.client().request(
                            client.requestTo(service, context.request().getMethod(), "/", config.upstream().timeout()))
                    .map(request -> {
                        // Failures reach the proxy through the response; a reset (body over the limit) is expected.
                        request.exceptionHandler(failure -> LOG.debugf("%s exchange ended: %s", service.name(), failure));
                        return request;
                    }));
        proxy.addInterceptor(new Forwarding(service, config.maxBodySize().asLongValue(), metrics));
        return proxy;
    }

    private void route(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        if (LocalEndpoints.served(path)) {
            ctx.next();
            return;
        }
        Optional<UpstreamService> service = services.forPath(path);
        if (service.isEmpty()) {
            ctx.next();
            return;
        }
        proxies().get(service.get().key()).handle(new RoutedRequest(ctx));
    }

    /** The server request, carrying its routing context so the proxy's interceptor can reach it. */
    static final class RoutedRequest extends HttpServerRequestWrapper {
        final RoutingContext ctx;

        RoutedRequest(RoutingContext ctx) {
            super((HttpServerRequestInternal) ctx.request());
            this.ctx = ctx;
        }
    }
}

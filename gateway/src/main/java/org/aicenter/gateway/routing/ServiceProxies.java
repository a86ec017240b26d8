package org.aicenter.gateway.routing;

import io.quarkus.runtime.StartupEvent;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.impl.HttpServerRequestInternal;
import io.vertx.core.http.impl.HttpServerRequestWrapper;
import io.vertx.ext.web.RoutingContext;
import io.vertx.httpproxy.HttpProxy;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.aicenter.gateway.GatewayConfig;
import org.aicenter.gateway.GatewayMetrics;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One reverse proxy per service: requests stream through on the event loop, paths unchanged.
 * The edge filter hands a request here once it has passed the edge checks, so a proxied request
 * skips what only the gateway's own resources need (the rest of the router, Quarkus's
 * authentication and Quarkus REST's handlers).
 */
@Singleton
public class ServiceProxies {

    private static final Logger LOG = Logger.getLogger(ServiceProxies.class);

    private final UpstreamServices services;
    private final UpstreamClient client;
    private final GatewayConfig config;
    private final GatewayMetrics metrics;
    private final boolean tracing;
    /**
     * One set of proxies, with its own upstream client, per event loop: a request, its upstream
     * connection and its answer then stay on one thread instead of hopping between event loops.
     */
    private final Map<Thread, Map<String, HttpProxy>> proxiesByEventLoop = new ConcurrentHashMap<>();

    ServiceProxies(UpstreamServices services, UpstreamClient client, GatewayConfig config, GatewayMetrics metrics,
                   @ConfigProperty(name = "quarkus.otel.sdk.disabled") boolean tracingOff) {
        this.tracing = !tracingOff;
        this.services = services;
        this.client = client;
        this.config = config;
        this.metrics = metrics;
    }

    void announce(@Observes StartupEvent started) {
        for (UpstreamService service : services.all()) {
            LOG.infof("%s at %s serves %s", service.name(), service.instances(), String.join(", ", service.prefixes()));
        }
    }

    /** Sends the request to {@code service} and its answer back to the client. */
    public void forward(RoutingContext ctx, UpstreamService service) {
        proxies().get(service.key()).handle(new RoutedRequest(ctx));
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
        proxy.origin(context -> client.connect(context.client(), service,
                            client.requestTo(service, service.base(), context.request().getMethod(), "/", config.upstream().timeout()),
                            instance -> context.set(Forwarding.INSTANCE, instance))
                    .map(request -> {
                        // Failures reach the proxy through the response; a reset (body over the limit) is expected.
                        request.exceptionHandler(failure -> LOG.debugf("%s exchange ended: %s", service.name(), failure));
                        return request;
                    }));
        proxy.addInterceptor(new Forwarding(service, client, config.maxBodySize().asLongValue(), metrics,
                URI.create(config.publicUrl()), tracing));
        return proxy;
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

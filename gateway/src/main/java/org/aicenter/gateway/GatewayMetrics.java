package org.aicenter.gateway;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.http.HttpMethod;
import jakarta.inject.Singleton;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * Per-route figures: requests with a latency histogram, upstream failures by kind, and requests
 * refused by the rate limit. Routes are service names or the gateway's own views, so the number
 * of series stays small.
 */
@Singleton
public class GatewayMetrics {

    private final MeterRegistry registry;
    private final ConcurrentMap<RequestKey, Timer> timers = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Counter> counters = new ConcurrentHashMap<>();

    GatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void request(String route, HttpMethod method, int status, long nanos) {
        RequestKey key = new RequestKey(route, method, status);
        Timer timer = timers.get(key);
        if (timer == null) {
            timer = timers.computeIfAbsent(key, k -> Timer.builder("aic.gateway.requests")
                    .description("Requests through the gateway, by route, method and status")
                    .tag("route", route).tag("method", method.name()).tag("status", Integer.toString(status))
                    .publishPercentileHistogram()
                    .register(registry));
        }
        timer.record(nanos, TimeUnit.NANOSECONDS);
    }

    private record RequestKey(String route, HttpMethod method, int status) {
    }

    /** {@code kind}: refused, timeout, broken. */
    public void upstreamError(String service, String kind) {
        counters.computeIfAbsent("u|" + service + '|' + kind, k -> Counter.builder("aic.gateway.upstream.errors")
                        .description("Requests a service could not answer: refused connection, timeout, broken exchange")
                        .tag("service", service).tag("kind", kind)
                        .register(registry))
                .increment();
    }

    public void rateLimited(String route) {
        counters.computeIfAbsent("r|" + route, k -> Counter.builder("aic.gateway.rate.limited")
                        .description("Requests refused with 429 by the per-client rate limit")
                        .tag("route", route)
                        .register(registry))
                .increment();
    }
}

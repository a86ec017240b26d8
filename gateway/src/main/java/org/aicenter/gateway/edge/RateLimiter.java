package org.aicenter.gateway.edge;

import io.quarkus.runtime.Startup;
import io.vertx.core.Vertx;
import jakarta.inject.Singleton;
import org.aicenter.gateway.GatewayConfig;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A token bucket per client: {@code burst} requests at once, refilled at {@code rate} per second.
 * Buckets that have filled up again are forgotten periodically, so memory follows active clients.
 */
@Startup
@Singleton
public class RateLimiter {

    private final boolean enabled;
    private final double rate;
    private final double burst;
    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    RateLimiter(GatewayConfig config, Vertx vertx) {
        this.enabled = config.rateLimit().enabled();
        this.rate = Math.max(config.rateLimit().rate(), 0.001);
        this.burst = Math.max(config.rateLimit().burst(), 1);
        vertx.setPeriodic(60_000, id -> forgetIdle());
    }

    /** 0 when the request may go ahead, else the whole seconds to wait before the next one is allowed. */
    public long acquire(String client) {
        if (!enabled) {
            return 0;
        }
        return buckets.computeIfAbsent(client, c -> new Bucket(burst)).take(System.nanoTime(), rate, burst);
    }

    void forgetIdle() {
        long now = System.nanoTime();
        buckets.values().removeIf(bucket -> bucket.fullAt(now, rate, burst));
    }

    private static final class Bucket {
        private double tokens;
        private long refilledAt = System.nanoTime();

        Bucket(double tokens) {
            this.tokens = tokens;
        }

        synchronized long take(long now, double rate, double burst) {
            refill(now, rate, burst);
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) / rate));
        }

        synchronized boolean fullAt(long now, double rate, double burst) {
            refill(now, rate, burst);
            return tokens >= burst;
        }

        private void refill(long now, double rate, double burst) {
            tokens = Math.min(burst, tokens + (now - refilledAt) / 1e9 * rate);
            refilledAt = now;
        }
    }
}

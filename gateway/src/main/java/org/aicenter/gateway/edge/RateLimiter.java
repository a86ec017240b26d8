package org.aicenter.gateway.edge;

import io.quarkus.runtime.Startup;
import io.vertx.core.Vertx;
import jakarta.inject.Singleton;
import org.aicenter.gateway.GatewayConfig;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A token bucket per client: {@code burst} requests at once, refilled at {@code rate} per second.
 * A client is a verified token's subject, or else an address (with limits of its own: an address
 * may be many users behind one NAT, and its budget bounds what the gateway verifies for it).
 * Buckets that have filled up again are forgotten periodically, so memory follows active clients.
 */
@Startup
@Singleton
public class RateLimiter {

    private final boolean enabled;
    private final Limit subject;
    private final Limit address;
    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    RateLimiter(GatewayConfig config, Vertx vertx) {
        GatewayConfig.RateLimit limits = config.rateLimit();
        this.enabled = limits.enabled();
        this.subject = new Limit(limits.rate(), limits.burst());
        this.address = new Limit(limits.address().rate(), limits.address().burst());
        vertx.setPeriodic(60_000, id -> forgetIdle());
    }

    /**
     * 0 when the request may go ahead, else the whole seconds to wait before the next one is
     * allowed. {@code client} is {@code subject:<sub>} or {@code address:<ip>}.
     */
    public long acquire(String client) {
        if (!enabled) {
            return 0;
        }
        Limit limit = client.startsWith("address:") ? address : subject;
        return buckets.computeIfAbsent(client, c -> new Bucket(limit)).take(System.nanoTime());
    }

    void forgetIdle() {
        long now = System.nanoTime();
        buckets.values().removeIf(bucket -> bucket.fullAt(now));
    }

    private record Limit(double rate, double burst) {
        Limit {
            rate = Math.max(rate, 0.001);
            burst = Math.max(burst, 1);
        }
    }

    private static final class Bucket {
        private final double rate;
        private final double burst;
        private double tokens;
        private long refilledAt = System.nanoTime();

        Bucket(Limit limit) {
            this.rate = limit.rate();
            this.burst = limit.burst();
            this.tokens = burst;
        }

        synchronized long take(long now) {
            refill(now);
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) / rate));
        }

        synchronized boolean fullAt(long now) {
            refill(now);
            return tokens >= burst;
        }

        private void refill(long now) {
            tokens = Math.min(burst, tokens + (now - refilledAt) / 1e9 * rate);
            refilledAt = now;
        }
    }
}

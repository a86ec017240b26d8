package org.aicenter.gateway;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Everything the gateway reads from configuration; each value has an environment-variable override. */
@ConfigMapping(prefix = "aic.gateway")
public interface GatewayConfig {

    /** The services behind the gateway, keyed by a short name (partner, project, training, ...). */
    Map<String, Service> services();

    /**
     * The gateway's address as clients reach it ({@code https://api.example.org}): what the services
     * are told in {@code X-Forwarded-Host}/{@code -Proto}, what links a service made from its own
     * address are rewritten to, and the merged contract's server. Never taken from a client's Host.
     */
    @WithDefault("http://localhost:8080")
    String publicUrl();

    /** Largest request body passed to a service; larger ones get 413 here. */
    @WithDefault("1M")
    MemorySize maxBodySize();

    Upstream upstream();

    RateLimit rateLimit();

    OpenApi openapi();

    interface Service {
        /**
         * Base URL, e.g. http://localhost:8081; several, separated by commas, for the replicas of the
         * service, which then take requests in turn (a failed one is left out until it is ready again).
         */
        String url();

        /** Name used in problems, metrics, health and the OpenAPI document; defaults to {@code <key>-service}. */
        Optional<String> name();

        /** Path prefixes this service owns, e.g. /api/v1/partners; each matches itself and everything below it. */
        List<String> paths();
    }

    interface Upstream {
        /** A service that sends nothing back for this long gets a 504. */
        @WithDefault("PT30S")
        Duration timeout();

        @WithDefault("PT2S")
        Duration connectTimeout();

        /** Keep-alive connections kept per service. */
        @WithDefault("64")
        int poolSize();

        /**
         * Requests that may wait for one of a service's connections (per event loop) while all are
         * busy; beyond that a request is answered 503 at once instead of queueing without bound.
         */
        @WithDefault("256")
        int maxWaiting();

        /** How long the gateway waits for a service's readiness answer. */
        @WithDefault("PT2S")
        Duration healthTimeout();

        /** Time budget of each service call made by the dashboard views. */
        @WithDefault("PT5S")
        Duration viewTimeout();
    }

    interface RateLimit {
        @WithDefault("true")
        boolean enabled();

        /** Requests per second a client may sustain. */
        @WithDefault("50")
        double rate();

        /** Requests a client may send at once before the rate applies. */
        @WithDefault("100")
        int burst();

        /** The limits of an address: requests without a verified token, and every token verification. */
        Address address();

        interface Address {
            @WithDefault("50")
            double rate();

            @WithDefault("100")
            int burst();
        }
    }

    interface OpenApi {
        /** How often the services' documents are fetched again. */
        @WithDefault("PT60S")
        Duration refresh();

        /** A request for the merged document older than this triggers a refetch. */
        @WithDefault("PT15S")
        Duration staleAfter();

        /** How long a service may take to hand over its document before its committed contract is used. */
        @WithDefault("PT3S")
        Duration fetchTimeout();

        /** The document's {@code servers[0].url}; {@code aic.gateway.public-url} when unset. */
        Optional<String> serverUrl();

        /** Folder with committed contracts ({@code <service>.json}); the copy on the classpath is used when unset. */
        Optional<String> contractsDir();
    }
}

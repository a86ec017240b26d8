package org.aicenter.gateway.health;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.health.api.HealthRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.MultiMap;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.aicenter.gateway.GatewayConfig;
import org.aicenter.gateway.routing.UpstreamClient;
import org.aicenter.gateway.routing.UpstreamService;
import org.aicenter.gateway.routing.UpstreamServices;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * One readiness check per service, named after it: the gateway is ready only when every service
 * answers UP on its own /q/health/ready, and the check that is DOWN names the service and why.
 * Each answer is kept for {@link #KEPT}: however often the gateway's readiness is asked, each
 * service is asked at most that often (the details, its URL included, are on the management
 * interface only; the API port tells only UP or DOWN).
 */
@ApplicationScoped
public class ServiceReadiness {

    static final Duration KEPT = Duration.ofMillis(1500);

    private final UpstreamServices services;
    private final UpstreamClient client;
    private final Duration timeout;
    private final HealthRegistry readiness;

    ServiceReadiness(UpstreamServices services, UpstreamClient client, GatewayConfig config,
                     @Readiness HealthRegistry readiness) {
        this.services = services;
        this.client = client;
        this.timeout = config.upstream().healthTimeout();
        this.readiness = readiness;
    }

    void register(@Observes StartupEvent event) {
        for (UpstreamService service : services.all()) {
            Uni<HealthCheckResponse> kept = check(service).memoize().forFixedDuration(KEPT);
            readiness.register(service.name(), () -> kept);
        }
    }

    private Uni<HealthCheckResponse> check(UpstreamService service) {
        return Uni.createFrom().completionStage(() -> client.get(service, "/q/health/ready",
                        MultiMap.caseInsensitiveMultiMap().add("Accept", "application/json"), timeout)
                .map(reply -> reply.status() == 200
                        ? named(service).up().build()
                        : named(service).down().withData("reason", service.name() + " is not ready (its readiness answered "
                        + reply.status() + ")").build())
                .otherwise(failure -> named(service).down().withData("reason", service.name() + " "
                        + (failure instanceof ConnectException ? "refused the connection"
                        : failure instanceof TimeoutException ? "did not answer within " + timeout.toMillis() + " ms"
                        : "could not be reached")).build())
                .toCompletionStage());
    }

    private static HealthCheckResponseBuilder named(UpstreamService service) {
        return HealthCheckResponse.named(service.name()).withData("url", service.instances().toString());
    }
}

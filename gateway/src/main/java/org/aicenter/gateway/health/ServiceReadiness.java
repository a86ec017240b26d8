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
 */
@ApplicationScoped
public class ServiceReadiness {

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
            readiness.register(service.name(), () -> check(service));
        }
    }

    private Uni<HealthCheckResponse> check(UpstreamService service) {
        HealthCheckResponseBuilder builder = HealthCheckResponse.named(service.name())
                .withData("url", service.base().toString());
        return Uni.createFrom().completionStage(client.get(service, "/q/health/ready",
                        MultiMap.caseInsensitiveMultiMap().add("Accept", "application/json"), timeout)
                .map(reply -> reply.status() == 200
                        ? builder.up().build()
                        : builder.down().withData("reason", service.name() + " is not ready (its readiness answered "
                        + reply.status() + ")").build())
                .otherwise(failure -> builder.down().withData("reason", service.name() + " "
                        + (failure instanceof ConnectException ? "refused the connection"
                        : failure instanceof TimeoutException ? "did not answer within " + timeout.toMillis() + " ms"
                        : "could not be reached")).build())
                .toCompletionStage());
    }
}

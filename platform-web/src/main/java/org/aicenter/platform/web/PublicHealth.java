package org.aicenter.platform.web;

import io.smallrye.health.SmallRyeHealth;
import io.smallrye.health.SmallRyeHealthReporter;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.function.Function;

/**
 * Health on the API port tells only UP (200) or DOWN (503): enough for a load balancer, a start
 * script or a curious caller, and nothing about what is inside. The checks themselves, their
 * names and data (a service's URL, a database's state), and the metrics are on the management
 * interface ({@code quarkus.management.port}), which is never published.
 */
@ApplicationScoped
public class PublicHealth {

    private static final String UP = "{\"status\":\"UP\"}";
    private static final String DOWN = "{\"status\":\"DOWN\"}";

    @Inject
    SmallRyeHealthReporter reporter;

    void routes(@Observes Router router) {
        route(router, "/q/health", SmallRyeHealthReporter::getHealth);
        route(router, "/q/health/live", SmallRyeHealthReporter::getLiveness);
        route(router, "/q/health/ready", SmallRyeHealthReporter::getReadiness);
        route(router, "/q/health/started", SmallRyeHealthReporter::getStartup);
    }

    private void route(Router router, String path, Function<SmallRyeHealthReporter, SmallRyeHealth> health) {
        // Checks may block (a database ping): answered on a worker thread.
        router.get(path).blockingHandler(ctx -> answer(ctx, health), false);
    }

    private void answer(RoutingContext ctx, Function<SmallRyeHealthReporter, SmallRyeHealth> health) {
        boolean down;
        try {
            down = health.apply(reporter).isDown();
        } catch (RuntimeException e) {
            down = true;
        }
        ctx.response().setStatusCode(down ? 503 : 200)
                .putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-store")
                .end(down ? DOWN : UP);
    }
}

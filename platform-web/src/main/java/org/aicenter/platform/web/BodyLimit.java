package org.aicenter.platform.web;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.aicenter.platform.problem.Problem;
import org.aicenter.platform.problem.ProblemType;
import org.aicenter.platform.problem.Problems;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;
import java.util.Map;

/**
 * A body over {@code quarkus.http.limits.max-body-size} is a 413 problem: refused from its
 * Content-Length before it is read (the rest of it is drained for a while, so the client gets to
 * read the answer, then the connection closes), and rendered as problem+json when a chunked body
 * runs over. A Content-Length that is no number is a 400. The gateway's limit is this one too.
 */
@ApplicationScoped
public class BodyLimit {

    @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10M")
    MemorySize limit;

    void register(@Observes Filters filters) {
        filters.register(this::checkDeclaredLength, 900);
    }

    void renderFailures(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(ctx -> {
            if (ctx.statusCode() == 413 && !ctx.response().headWritten()) {
                tooLarge(ctx);
            } else {
                ctx.next();
            }
        });
    }

    private void checkDeclaredLength(RoutingContext ctx) {
        String length = ctx.request().getHeader("Content-Length");
        if (length != null) {
            long declared;
            try {
                declared = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                Problem problem = Problems.problem(ProblemType.MALFORMED_REQUEST, 400, "Content-Length must be a number",
                        ctx.request().path(), List.of(), Map.of());
                ctx.response().setStatusCode(400).putHeader("Content-Type", Problem.MEDIA_TYPE)
                        .end(Json.encode(problem));
                return;
            }
            if (declared > limit.asLongValue()) {
                Refusal.drainThenClose(ctx);
                tooLarge(ctx);
                return;
            }
        }
        ctx.next();
    }

    private void tooLarge(RoutingContext ctx) {
        Problem problem = Problems.problem(ProblemType.PAYLOAD_TOO_LARGE, 413,
                "The request body exceeds the limit of " + limit.asLongValue() + " bytes", ctx.request().path(),
                List.of(), Map.of());
        ctx.response().setStatusCode(413).putHeader("Content-Type", Problem.MEDIA_TYPE)
                .putHeader("Connection", "close")
                .end(Json.encode(problem));
    }
}

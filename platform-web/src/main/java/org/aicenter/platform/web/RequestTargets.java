package org.aicenter.platform.web;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.aicenter.platform.problem.Problem;
import org.aicenter.platform.problem.ProblemType;
import org.aicenter.platform.problem.Problems;

import java.util.List;
import java.util.Map;

/**
 * A request whose target is not a URI ({@code %zz}, a lone {@code %}, a byte outside ASCII, a
 * character no URI holds) gets a 400 problem before anything decodes its path or query. Left to
 * the framework, Vert.x Web's router fails on such a path with a bare 400 and an ERROR log, and
 * Quarkus REST turns such a query into a 500. Quarkus's own check, which refused these requests
 * with a bare 400 before any of our code ran, is turned off by {@link QuarkusUriCheckOff}.
 */
@ApplicationScoped
public class RequestTargets {

    /** Right after {@link RequestIds}, so the problem names the request; before any other filter. */
    static final int PRIORITY = RequestIds.PRIORITY - 10;
    static final String DETAIL = "The request target is not a valid URI (RFC 3986): percent-encode any other"
            + " character as UTF-8 bytes (%XX), and a % itself as %25";

    void register(@Observes Filters filters) {
        filters.register(RequestTargets::check, PRIORITY);
    }

    /**
     * Vert.x Web fails a target that does not start with '/' ({@code %zz}) before any filter runs;
     * its failure handlers would then fail again on the path, so this one comes first.
     */
    void renderFailures(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(ctx -> {
            if (!ctx.response().headWritten() && !RequestTarget.isUri(ctx.request().uri())) {
                RequestIds.assign(ctx);
                refuse(ctx);
            } else {
                ctx.next();
            }
        });
    }

    private static void check(RoutingContext ctx) {
        if (RequestTarget.isUri(ctx.request().uri())) {
            ctx.next();
        } else {
            refuse(ctx);
        }
    }

    /** No {@code instance}: the target is not a URI, so it cannot name the occurrence. */
    private static void refuse(RoutingContext ctx) {
        Problem problem = Problems.problem(ProblemType.MALFORMED_REQUEST, 400, DETAIL, null, List.of(), Map.of());
        ctx.response().setStatusCode(400).putHeader("Content-Type", Problem.MEDIA_TYPE).end(Json.encode(problem));
    }
}

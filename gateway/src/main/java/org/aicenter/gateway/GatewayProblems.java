package org.aicenter.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import org.aicenter.platform.problem.Problem;
import org.aicenter.platform.problem.ProblemType;
import org.aicenter.platform.web.RequestIds;

import java.util.Map;

/**
 * Problem+json answers written straight to Vert.x responses, for the parts of the gateway that
 * run as route handlers rather than JAX-RS resources. Same body shape as the services'.
 */
public final class GatewayProblems {

    private static final ObjectMapper JSON = new ObjectMapper();

    private GatewayProblems() {
    }

    public static Buffer body(ProblemType type, String detail, String instance, String requestId,
                              Map<String, Object> extensions) {
        Problem problem = new Problem(type.uri(), type.title(), type.status(), detail, instance, requestId, null,
                extensions == null || extensions.isEmpty() ? null : extensions);
        try {
            return Buffer.buffer(JSON.writeValueAsBytes(problem));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a problem body", e);
        }
    }

    /** Ends the exchange with a problem; {@code headers} come in name/value pairs. */
    public static void send(RoutingContext ctx, ProblemType type, String detail, String... headers) {
        HttpServerResponse response = ctx.response();
        if (response.ended() || response.headWritten()) {
            return;
        }
        Buffer body = body(type, detail, ctx.request().path(), requestId(ctx), null);
        response.setStatusCode(type.status()).putHeader("Content-Type", Problem.MEDIA_TYPE);
        for (int i = 0; i + 1 < headers.length; i += 2) {
            response.putHeader(headers[i], headers[i + 1]);
        }
        response.end(body);
    }

    /** The request id the platform's filter assigned to this exchange. */
    public static String requestId(RoutingContext ctx) {
        String id = ctx.get(RequestIds.MDC_KEY);
        return id != null ? id : RequestIds.current();
    }
}

package org.aicenter.platform.problem;

import jakarta.ws.rs.core.Response;
import org.aicenter.platform.web.RequestIds;

import java.util.List;
import java.util.Map;

/** Builds problem+json responses; the one place that knows the body's shape. */
public final class Problems {

    private Problems() {
    }

    public static Response response(ProblemType type, String detail, String instance) {
        return response(type, detail, instance, List.of(), Map.of(), Map.of());
    }

    public static Response response(ProblemException e, String instance) {
        return response(e.type(), e.getMessage(), instance, e.errors(), e.extensions(), e.headers());
    }

    public static Response response(ProblemType type, String detail, String instance, List<FieldError> errors,
                                    Map<String, Object> extensions, Map<String, String> headers) {
        Problem body = problem(type, type.status(), detail, instance, errors, extensions);
        Response.ResponseBuilder builder = Response.status(type.status()).type(Problem.MEDIA_TYPE).entity(body);
        headers.forEach(builder::header);
        return builder.build();
    }

    public static Problem problem(ProblemType type, int status, String detail, String instance,
                                  List<FieldError> errors, Map<String, Object> extensions) {
        return new Problem(type.uri(), type.title(), status, detail, instance, RequestIds.current(),
                errors == null || errors.isEmpty() ? null : errors,
                extensions == null || extensions.isEmpty() ? null : extensions);
    }
}

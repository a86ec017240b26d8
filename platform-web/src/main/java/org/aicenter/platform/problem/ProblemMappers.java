package org.aicenter.platform.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns every exception into problem+json. Client mistakes get a 4xx that names the field;
 * anything else is a 500 whose body says nothing of the internals, logged with the request id.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    /** What other layers (the database, in platform-data) know a failure to mean for the client. */
    @Inject
    Instance<FailureProblems> layers;

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return Problems.response(e, path(uri));
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e, UriInfo uri) {
        List<FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new FieldError(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(FieldError::field).thenComparing(FieldError::message))
                .toList();
        String detail = errors.stream().map(f -> f.field() + ": " + f.message()).collect(Collectors.joining("; "));
        return Problems.response(ProblemType.VALIDATION, detail, path(uri), errors, Map.of(), Map.of());
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e, UriInfo uri) {
        return jsonProblem(e, path(uri));
    }

    // Quarkus has its own mappers for these subtypes; the closest type wins, so we name them too.
    @ServerExceptionMapper
    public Response jsonMismatch(MismatchedInputException e, UriInfo uri) {
        return jsonProblem(e, path(uri));
    }

    @ServerExceptionMapper
    public Response jsonMapping(JsonMappingException e, UriInfo uri) {
        return jsonProblem(e, path(uri));
    }

    @ServerExceptionMapper
    public Response jsonParse(StreamReadException e, UriInfo uri) {
        return jsonProblem(e, path(uri));
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return unauthorized(path(uri));
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        return unauthorized(path(uri));
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return Problems.response(ProblemType.FORBIDDEN, "Your role does not allow this operation", path(uri));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        Throwable jsonCause = causeOf(e, JsonProcessingException.class);
        if (jsonCause != null) {
            return jsonProblem((JsonProcessingException) jsonCause, path(uri));
        }
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        if (status >= 500) {
            return internal(e, path(uri));
        }
        ProblemType type = ProblemType.forStatus(status);
        String detail = switch (status) {
            case 404 -> "No resource at this path";
            case 405 -> "This path does not support the method";
            case 406 -> "This resource answers with application/json only";
            case 413 -> "The request body exceeds the limit";
            case 415 -> "Send the body as application/json (PATCH: application/merge-patch+json)";
            default -> type.title();
        };
        Response.ResponseBuilder builder = Response.status(status).type(Problem.MEDIA_TYPE)
                .entity(Problems.problem(type, status, detail, path(uri), List.of(), Map.of()));
        if (status == 405 && e.getResponse().getHeaderString("Allow") != null) {
            builder.header("Allow", e.getResponse().getHeaderString("Allow"));
        }
        return builder.build();
    }

    @ServerExceptionMapper
    public Response any(Throwable e, UriInfo uri) {
        for (FailureProblems layer : layers) {
            Response known = layer.problemFor(e, path(uri));
            if (known != null) {
                return known;
            }
        }
        Throwable problem = causeOf(e, ProblemException.class);
        if (problem != null) {
            return Problems.response((ProblemException) problem, path(uri));
        }
        Throwable web = causeOf(e, WebApplicationException.class);
        if (web != null && web != e) {
            return web((WebApplicationException) web, uri);
        }
        return internal(e, path(uri));
    }

    private static Response internal(Throwable e, String path) {
        LOG.errorf(e, "unexpected failure on %s", path);
        return Problems.response(ProblemType.INTERNAL,
                "Something went wrong on our side; quote the requestId when you report it", path);
    }

    private static Response unauthorized(String path) {
        return Problems.response(ProblemType.UNAUTHORIZED, "Send a valid bearer token", path,
                List.of(), Map.of(), Map.of("WWW-Authenticate", "Bearer"));
    }

    static Response jsonProblem(JsonProcessingException e, String path) {
        StreamReadException syntax = (StreamReadException) causeOf(e, StreamReadException.class);
        if (syntax != null && !(syntax instanceof com.fasterxml.jackson.core.exc.InputCoercionException)) {
            e = syntax;
        }
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = fieldPath(mapping.getPath());
            String message = mappingMessage(mapping);
            return Problems.response(ProblemType.VALIDATION, field + ": " + message, path,
                    List.of(new FieldError(field, message)), Map.of(), Map.of());
        }
        if (e instanceof com.fasterxml.jackson.core.exc.InputCoercionException coercion) {
            return Problems.response(ProblemType.VALIDATION, "A number is out of range", path);
        }
        String location = e.getLocation() == null ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        return Problems.response(ProblemType.MALFORMED_REQUEST, "The body is not valid JSON" + location, path);
    }

    private static String mappingMessage(JsonMappingException e) {
        if (e instanceof InvalidFormatException format && format.getTargetType() != null
                && format.getTargetType().isEnum()) {
            return "must be one of " + Arrays.toString(format.getTargetType().getEnumConstants());
        }
        if (e instanceof InvalidFormatException format && format.getTargetType() == String.class
                && format.getValue() instanceof String) {
            return "must be text without NUL characters or unpaired surrogates";
        }
        if (e instanceof InvalidFormatException format && format.getOriginalMessage() != null
                && format.getOriginalMessage().endsWith(org.aicenter.platform.web.StrictJson.RANGE)) {
            return org.aicenter.platform.web.StrictJson.RANGE;
        }
        if (e instanceof InvalidFormatException format && format.getTargetType() != null) {
            // Also a value of the wrong JSON type, which StrictJson refuses instead of converting it.
            return "must be " + describe(format.getTargetType());
        }
        if (e instanceof ValueInstantiationException) {
            return "has an invalid value";
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return "must be " + describe(mismatch.getTargetType());
        }
        return "has an invalid value";
    }

    private static String describe(Class<?> type) {
        if (type.isEnum()) {
            return "one of " + Arrays.toString(type.getEnumConstants());
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == java.util.UUID.class) {
            return "a UUID";
        }
        if (type == java.time.LocalDate.class) {
            return "a date (YYYY-MM-DD)";
        }
        if (type == java.time.Instant.class) {
            return "an instant (ISO-8601, e.g. 2026-03-01T08:00:00Z)";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object";
    }

    static String fieldPath(List<JsonMappingException.Reference> path) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference ref : path) {
            if (ref.getFieldName() != null) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                field.append('[').append(ref.getIndex()).append(']');
            }
        }
        return field.isEmpty() ? "body" : field.toString();
    }

    /** {@code create.request.budget.amount} becomes {@code budget.amount}; a query parameter keeps its name. */
    static String fieldOf(ConstraintViolation<?> violation) {
        List<String> parts = new ArrayList<>();
        boolean afterParameter = false;
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.CONSTRUCTOR) {
                continue;
            }
            if (node.getKind() == ElementKind.PARAMETER) {
                afterParameter = true;
                parts.add(node.getName());
                continue;
            }
            if (afterParameter && parts.size() == 1 && isBodyParameter(parts.get(0))) {
                parts.clear();
            }
            String name = node.getName();
            if (node.getIndex() != null) {
                appendIndex(parts, node.getIndex());
            }
            if (name != null && !name.startsWith("<")) {
                parts.add(name);
            }
        }
        return parts.isEmpty() ? "body" : String.join(".", parts).replace(".[", "[");
    }

    private static void appendIndex(List<String> parts, int index) {
        if (parts.isEmpty()) {
            parts.add("[" + index + "]");
        } else {
            parts.set(parts.size() - 1, parts.get(parts.size() - 1) + "[" + index + "]");
        }
    }

    /** Body parameters are named request/body/patch in our resources; query parameters keep their names. */
    private static boolean isBodyParameter(String name) {
        return name.equals("request") || name.equals("body") || name.startsWith("arg");
    }

    static Throwable causeOf(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return t;
            }
        }
        return null;
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : uri.getRequestUri().getRawPath();
    }
}

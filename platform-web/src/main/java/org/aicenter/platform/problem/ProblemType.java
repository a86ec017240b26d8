package org.aicenter.platform.problem;

import jakarta.ws.rs.core.Response;

/** The kinds of problem every service reports; the type URI and title are stable for clients. */
public enum ProblemType {
    VALIDATION(400, "validation", "Validation failed"),
    MALFORMED_REQUEST(400, "malformed-request", "Malformed request"),
    BAD_QUERY(400, "bad-query", "Invalid query parameter"),
    UNAUTHORIZED(401, "unauthorized", "Authentication required"),
    FORBIDDEN(403, "forbidden", "Not allowed for your role"),
    NOT_FOUND(404, "not-found", "Not found"),
    METHOD_NOT_ALLOWED(405, "method-not-allowed", "Method not allowed"),
    NOT_ACCEPTABLE(406, "not-acceptable", "Not acceptable"),
    CONFLICT(409, "conflict", "Conflict"),
    INVALID_TRANSITION(409, "invalid-transition", "Status change not allowed"),
    CURSOR_EXPIRED(410, "cursor-expired", "Cursor expired: resync from the lists"),
    PRECONDITION_FAILED(412, "precondition-failed", "The resource has changed"),
    PAYLOAD_TOO_LARGE(413, "payload-too-large", "Request body too large"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "Unsupported media type"),
    UNPROCESSABLE(422, "unprocessable", "Request cannot be processed"),
    IDEMPOTENCY_KEY_REUSED(422, "idempotency-key-reused", "Idempotency key used with another request"),
    PRECONDITION_REQUIRED(428, "precondition-required", "If-Match header required"),
    TOO_MANY_REQUESTS(429, "too-many-requests", "Too many requests"),
    INTERNAL(500, "internal", "Internal error"),
    SERVICE_UNAVAILABLE(503, "service-unavailable", "Service unavailable"),
    GATEWAY_TIMEOUT(504, "gateway-timeout", "Upstream timed out");

    public static final String BASE = "https://aicenter.org/problems/";

    private final int status;
    private final String slug;
    private final String title;

    ProblemType(int status, String slug, String title) {
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String uri() {
        return BASE + slug;
    }

    public String title() {
        return title;
    }

    /** The type used for a bare HTTP status, e.g. a framework's 404 or 405. */
    public static ProblemType forStatus(int status) {
        for (ProblemType type : values()) {
            if (type.status == status) {
                return type;
            }
        }
        return status >= 500 ? INTERNAL : MALFORMED_REQUEST;
    }

    public Response.Status httpStatus() {
        return Response.Status.fromStatusCode(status);
    }
}

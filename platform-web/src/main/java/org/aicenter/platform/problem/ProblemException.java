package org.aicenter.platform.problem;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Thrown by services for any failure a client caused or must know about; becomes problem+json. */
public class ProblemException extends RuntimeException {

    private static final java.util.Set<String> RESERVED = java.util.Set.of("type", "title", "status", "detail", "instance",
            "requestId", "errors");

    private final ProblemType type;
    private final List<FieldError> errors;
    private final Map<String, Object> extensions = new LinkedHashMap<>();
    private final Map<String, String> headers = new LinkedHashMap<>();

    public ProblemException(ProblemType type, String detail) {
        this(type, detail, List.of());
    }

    public ProblemException(ProblemType type, String detail, List<FieldError> errors) {
        super(detail, null, false, false);
        this.type = type;
        this.errors = errors;
    }

    public static ProblemException notFound(String what, Object id) {
        return new ProblemException(ProblemType.NOT_FOUND, what + " " + id + " does not exist");
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(ProblemType.CONFLICT, detail);
    }

    public static ProblemException invalid(String field, String message) {
        return new ProblemException(ProblemType.VALIDATION, field + ": " + message,
                List.of(new FieldError(field, message)));
    }

    public static ProblemException unprocessable(String field, String message) {
        return new ProblemException(ProblemType.UNPROCESSABLE, field + ": " + message,
                List.of(new FieldError(field, message)));
    }

    /** An extension member; it may not reuse a member RFC 9457 or the platform defines (a status must stay the HTTP status). */
    public ProblemException with(String member, Object value) {
        if (RESERVED.contains(member)) {
            throw new IllegalArgumentException("'" + member + "' is a standard problem member, not an extension");
        }
        extensions.put(member, value);
        return this;
    }

    public ProblemException header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public ProblemType type() {
        return type;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }

    public Map<String, String> headers() {
        return headers;
    }
}

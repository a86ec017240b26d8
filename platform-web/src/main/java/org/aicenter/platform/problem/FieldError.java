package org.aicenter.platform.problem;

/** One field that failed validation: {@code {"field":"budget.amount","message":"must be >= 0"}}. */
public record FieldError(String field, String message) {
}

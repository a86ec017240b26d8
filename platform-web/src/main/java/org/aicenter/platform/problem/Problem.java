package org.aicenter.platform.problem;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.Map;

/**
 * An RFC 9457 problem details body. Extension members (such as {@code allowed}) travel in
 * {@link #extensions()} and are written at the top level.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "title", "status", "detail", "instance", "requestId", "errors"})
@Schema(name = "Problem", description = "RFC 9457 problem details; some problems add members, such as `allowed` on a refused status change",
        additionalProperties = Schema.True.class, requiredProperties = {"type", "title", "status"})
public record Problem(
        @Schema(examples = "https://aicenter.org/problems/validation") String type,
        @Schema(examples = "Validation failed") String title,
        @Schema(examples = "400") int status,
        @Schema(examples = "budget.amount: must be greater than or equal to 0") String detail,
        @Schema(examples = "/api/v1/projects") String instance,
        @Schema(examples = "7f0c2d7e-54b4-4c55-9a2f-0e4f6b1c7d21") String requestId,
        List<FieldError> errors,
        @Schema(hidden = true) Map<String, Object> extensions) {

    public static final String MEDIA_TYPE = "application/problem+json";

    @JsonAnyGetter
    public Map<String, Object> extensions() {
        return extensions;
    }
}

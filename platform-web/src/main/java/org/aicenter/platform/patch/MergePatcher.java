package org.aicenter.platform.patch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import jakarta.ws.rs.BadRequestException;

import java.util.Set;

/**
 * PATCH the way every service does it: the merge patch is applied to the resource as its request
 * document, and the result is read and validated exactly like a PUT body.
 */
@ApplicationScoped
public class MergePatcher {

    @Inject
    ObjectMapper mapper;
    @Inject
    Validator validator;

    /** The request that {@code patch} makes of {@code current}; 400 naming the field when it does not fit. */
    public <T> T apply(T current, JsonNode patch, Class<T> type) {
        JsonNode merged = MergePatch.apply(mapper.valueToTree(current), patch);
        T request;
        try {
            request = mapper.treeToValue(merged, type);
        } catch (JsonProcessingException e) {
            throw new BadRequestException(e); // the problem mappers name the field, as for any body
        }
        Set<ConstraintViolation<T>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return request;
    }
}

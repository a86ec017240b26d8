package org.aicenter.platform.paging;

import org.aicenter.platform.problem.FieldError;
import org.aicenter.platform.problem.ProblemException;
import org.aicenter.platform.problem.ProblemType;

import java.util.List;

/** A validated {@code page}/{@code size} pair: size 1-200, default 20. */
public record PageRequest(int page, int size) {

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 200;

    /** From the raw query parameters: a value that is not a number is a 400 like one out of range. */
    public static PageRequest parse(String page, String size) {
        return of(org.aicenter.platform.web.Params.integer("page", page, 0, Integer.MAX_VALUE),
                org.aicenter.platform.web.Params.integer("size", size, 1, MAX_SIZE));
    }

    public static PageRequest of(Integer page, Integer size) {
        int p = page == null ? 0 : page;
        int s = size == null ? DEFAULT_SIZE : size;
        if (p < 0) {
            throw bad("page", "must be 0 or more");
        }
        if (s < 1 || s > MAX_SIZE) {
            throw bad("size", "must be between 1 and " + MAX_SIZE);
        }
        if ((long) p * s > Integer.MAX_VALUE) {
            throw bad("page", "is too large");
        }
        return new PageRequest(p, s);
    }

    public int offset() {
        return page * size;
    }

    static ProblemException bad(String field, String message) {
        return org.aicenter.platform.web.Params.bad(field, message);
    }
}

package org.aicenter.project.web;

import org.aicenter.platform.problem.ProblemException;
import org.aicenter.platform.web.Params;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * What the platform's {@link Params} does not cover: multi-valued enum filters, a number with a
 * default, and date ranges. A bad value is a 400 naming the parameter, never a bare 404.
 */
public final class QueryParams {

    private QueryParams() {
    }

    /** Repeated ({@code status=A&status=B}) or comma-separated ({@code status=A,B}) enum values. */
    public static <E extends Enum<E>> List<E> enums(Class<E> type, String name, List<String> values) {
        List<E> parsed = new ArrayList<>();
        if (values == null) {
            return parsed;
        }
        for (String value : values) {
            for (String part : value.split(",")) {
                E constant = Params.enumValue(name, part, type);
                if (constant != null && !parsed.contains(constant)) {
                    parsed.add(constant);
                }
            }
        }
        return parsed;
    }

    public static int integer(String name, String value, int defaultValue, int min, int max) {
        Integer parsed = Params.integer(name, value, min, max);
        return parsed == null ? defaultValue : parsed;
    }

    /** Refuses a range whose lower bound is after its upper bound. */
    public static void range(String fromName, LocalDate from, String toName, LocalDate to) {
        if (from != null && to != null && from.isAfter(to)) {
            throw bad(toName, "must be on or after " + fromName);
        }
    }

    public static ProblemException bad(String name, String message) {
        return Params.bad(name, message);
    }
}

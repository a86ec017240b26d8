package org.aicenter.platform.web;

import org.aicenter.platform.problem.FieldError;
import org.aicenter.platform.problem.ProblemException;
import org.aicenter.platform.problem.ProblemType;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Parses path and query parameters taken as strings, so a bad value is a 400 that names the
 * parameter (JAX-RS would answer a failed conversion with a bare 404).
 */
public final class Params {

    private Params() {
    }

    public static <E extends Enum<E>> E enumValue(String name, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw bad(name, "must be one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    public static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Instant instant;
        try {
            instant = OffsetDateTime.parse(value.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw bad(name, "must be an ISO-8601 instant such as 2026-03-01T08:00:00Z");
        }
        if (!StrictJson.inRange(instant)) {
            // The database cannot compare with it; no record lies outside these years anyway.
            throw bad(name, StrictJson.RANGE);
        }
        return instant;
    }

    public static LocalDate date(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        LocalDate date;
        try {
            date = LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw bad(name, "must be a date such as 2026-03-01");
        }
        if (!StrictJson.inRange(date)) {
            throw bad(name, StrictJson.RANGE);
        }
        return date;
    }

    public static UUID uuid(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            if (value.length() != 36) {
                throw new IllegalArgumentException();
            }
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw bad(name, "must be a UUID");
        }
    }

    /** A path id: a malformed one names nothing that exists, so it is a 404 like any unknown id. */
    public static UUID pathId(String what, String value) {
        try {
            if (value == null || value.length() != 36) {
                throw new IllegalArgumentException();
            }
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound(what, "'" + (value != null && value.length() > 40 ? value.substring(0, 40) + "…" : value) + "'");
        }
    }

    public static Integer integer(String name, String value, int min, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed < min || parsed > max) {
                throw bad(name, "must be between " + min + " and " + max);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw bad(name, "must be a whole number between " + min + " and " + max);
        }
    }

    /** Free text: trimmed, at most 200 characters, NUL refused (PostgreSQL cannot store it). */
    public static String text(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > 200) {
            throw bad(name, "must be at most 200 characters");
        }
        if (value.indexOf('\0') >= 0) {
            throw bad(name, "must not contain NUL characters");
        }
        return value.trim();
    }

    public static ProblemException bad(String name, String message) {
        return new ProblemException(ProblemType.BAD_QUERY, name + ": " + message, List.of(new FieldError(name, message)));
    }
}

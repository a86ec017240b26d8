package org.aicenter.testing;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A W3C trace context (the {@code traceparent} header) as a caller sends it, and the parts of one
 * that a service passed on: the trace id must be the caller's, the parent the service's own span.
 */
public record TraceContext(String traceId, String spanId) {

    private static final Pattern TRACEPARENT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-0[01]");

    /** A new sampled trace, as an upstream caller (a browser's tracer, another system) would start one. */
    public static TraceContext start() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        byte[] trace = new byte[16];
        byte[] span = new byte[8];
        random.nextBytes(trace);
        random.nextBytes(span);
        return new TraceContext(HexFormat.of().formatHex(trace), HexFormat.of().formatHex(span));
    }

    public String traceparent() {
        return "00-" + traceId + "-" + spanId + "-01";
    }

    /** A received {@code traceparent} header read back; null when there was none. */
    public static TraceContext parse(String traceparent) {
        if (traceparent == null) {
            return null;
        }
        Matcher matcher = TRACEPARENT.matcher(traceparent);
        if (!matcher.matches()) {
            throw new AssertionError("not a W3C traceparent: " + traceparent);
        }
        return new TraceContext(matcher.group(1), matcher.group(2));
    }
}

package org.aicenter.platform.web;

/**
 * Whether a request-target is a URI as RFC 3986 spells it: ASCII only, no space, control or other
 * character that a URI may not hold (such as {@code " < > \ ^ ` { | } #}), and every {@code %}
 * followed by two hex digits. Which bytes a percent-escape stands for is left to the resource: the
 * check is about the syntax only. One pass over the raw target, with no allocation, since it runs
 * on every request.
 */
public final class RequestTarget {

    /** Unreserved characters, sub-delims, ':', '@', '/' and '?': what a path and a query hold unescaped. */
    private static final String LITERAL =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@/?";
    private static final long LOW = bits(0);
    private static final long HIGH = bits(64);

    private RequestTarget() {
    }

    /** The raw request-target, as in the request line: origin-form, absolute-form or {@code *}. */
    public static boolean isUri(String target) {
        if (target == null || target.isEmpty()) {
            return false;
        }
        int length = target.length();
        int pathStart = target.charAt(0) == '/' ? 0 : authorityEnd(target);
        for (int i = 0; i < length; i++) {
            char c = target.charAt(i);
            if (c == '%') {
                if (i + 2 >= length || !isHex(target.charAt(i + 1)) || !isHex(target.charAt(i + 2))) {
                    return false;
                }
                i += 2;
            } else if (!isLiteral(c) && !(i < pathStart && (c == '[' || c == ']'))) {
                return false;
            }
        }
        return true;
    }

    /**
     * In an absolute-form target ({@code http://[::1]:8080/path}) the authority may hold an IP
     * literal in brackets; nothing after it may.
     */
    private static int authorityEnd(String target) {
        int scheme = target.indexOf("://");
        if (scheme <= 0) {
            return 0;
        }
        for (int i = scheme + 3; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c == '/' || c == '?') {
                return i;
            }
        }
        return target.length();
    }

    private static boolean isLiteral(char c) {
        if (c < 64) {
            return (LOW & (1L << c)) != 0;
        }
        return c < 128 && (HIGH & (1L << (c - 64))) != 0;
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static long bits(int from) {
        long bits = 0;
        for (int i = 0; i < LITERAL.length(); i++) {
            int c = LITERAL.charAt(i) - from;
            if (c >= 0 && c < 64) {
                bits |= 1L << c;
            }
        }
        return bits;
    }
}

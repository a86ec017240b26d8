package org.aicenter.platform.web;

import io.quarkus.logging.LoggingFilter;
import org.jboss.logmanager.ExtLogRecord;

import java.util.logging.Filter;
import java.util.logging.LogRecord;

/**
 * One log record, one line: CR, LF and the other control characters in a message (a name, a path,
 * a header a client sent) are written as escapes ({@code \n}, {@code \r}, {@code \u0085}), so no
 * client text can end the line and forge the next one. The console handler uses it
 * ({@code quarkus.log.console.filter=one-line}); stack traces keep their own lines.
 */
@LoggingFilter(name = LogLines.NAME)
public final class LogLines implements Filter {

    public static final String NAME = "one-line";

    @Override
    public boolean isLoggable(LogRecord record) {
        if (record instanceof ExtLogRecord ext) {
            String message = ext.getFormattedMessage();
            if (message != null) {
                // Formatted once here, then written as is.
                ext.setMessage(needsEscaping(message) ? escape(message) : message, ExtLogRecord.FormatStyle.NO_FORMAT);
                ext.setParameters(null);
            }
        } else if (record.getMessage() != null && needsEscaping(record.getMessage()) && record.getParameters() == null) {
            record.setMessage(escape(record.getMessage()));
        }
        return true;
    }

    static boolean needsEscaping(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (control(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** {@code text} with every line-ending or control character (tab aside) written as an escape. */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> {
                    if (control(c)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    private static boolean control(char c) {
        return (c < 0x20 && c != '\t') || c == 0x7f || (c >= 0x80 && c <= 0x9f) || c == '\u2028' || c == '\u2029';
    }
}

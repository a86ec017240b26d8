package org.aicenter.platform.lifecycle;

import java.time.Instant;

/** One status change as history shows it. */
public record TransitionView(String from, String to, String reason, String by, Instant at) {
}

package org.aicenter.notification.delivery;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential back-off with full jitter: the n-th wait is random in (0, schedule[n]], the last step repeating. */
record Backoff(List<Duration> schedule) {

    Duration after(int attempts) {
        Duration cap = schedule.get(Math.min(Math.max(attempts - 1, 0), schedule.size() - 1));
        return Duration.ofMillis(1 + ThreadLocalRandom.current().nextLong(Math.max(cap.toMillis(), 1)));
    }
}

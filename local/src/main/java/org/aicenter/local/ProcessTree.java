package org.aicenter.local;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Stopping processes politely first (SIGTERM), then for sure (SIGKILL). */
final class ProcessTree {

    private ProcessTree() {
    }

    /** Asks the process and its descendants to stop, waits up to {@code patience}, then kills what is left. */
    static void stop(ProcessHandle process, Duration patience) {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        descendants.forEach(ProcessHandle::destroy);
        awaitExit(process, patience);
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    /** Waits for the process to end; kills it when it has not ended within {@code patience}. */
    static void awaitExit(ProcessHandle process, Duration patience) {
        CompletableFuture<ProcessHandle> exit = process.onExit();
        try {
            exit.get(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            process.destroyForcibly();
            try {
                exit.get(5, TimeUnit.SECONDS);
            } catch (InterruptedException | ExecutionException | TimeoutException ignored) {
                // Nothing more can be done from here; the caller reports what is still alive.
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException ignored) {
            // onExit never completes exceptionally.
        }
    }

    /** Sends a named signal (INT, TERM, ...) with kill(1); falls back to SIGTERM when kill cannot run. */
    static void signal(ProcessHandle process, String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (kill.waitFor(5, TimeUnit.SECONDS) && kill.exitValue() == 0) {
                return;
            }
        } catch (IOException e) {
            // No kill(1) here: the JDK's SIGTERM below still stops the process.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroy();
    }
}

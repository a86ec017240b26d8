package org.aicenter.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the command-line tools that checks hand a file to (a linter, docker-compose, kubectl): the
 * command's output and standard error together, and a time limit, so a hung tool fails the check
 * instead of the build hanging.
 */
public final class Commands {

    private Commands() {
    }

    /** What a command printed (standard output and error, interleaved) and how it ended. */
    public record Result(int exitCode, String output) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    public static Result run(List<String> command, Path directory, Duration timeout) {
        return run(command, directory, timeout, Map.of());
    }

    /**
     * Runs {@code command} in {@code directory} (null: the current one) with {@code environment}
     * added to this process's.
     *
     * @throws UncheckedIOException when the command cannot be started (not installed)
     * @throws IllegalStateException when it does not finish within {@code timeout}
     */
    public static Result run(List<String> command, Path directory, Duration timeout, Map<String, String> environment) {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true);
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            // Read on another thread, so a tool that prints more than a pipe holds cannot outlive the limit.
            StringBuilder output = new StringBuilder();
            Thread reader = new Thread(() -> {
                try {
                    output.append(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException ignored) {
                    // the process was killed: what it printed so far is lost with it
                }
            }, "output of " + command.get(0));
            reader.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                reader.join(TimeUnit.SECONDS.toMillis(5));
                throw new IllegalStateException(String.join(" ", command) + " did not finish in " + timeout.toSeconds()
                        + " s:\n" + output);
            }
            reader.join(TimeUnit.SECONDS.toMillis(10));
            return new Result(process.exitValue(), output.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
        }
    }

    /** Whether {@code command --version} (or the given arguments) runs and ends well. */
    public static boolean available(String command, String... arguments) {
        List<String> line = new ArrayList<>();
        line.add(command);
        line.addAll(arguments.length == 0 ? List.of("--version") : List.of(arguments));
        try {
            return run(line, null, Duration.ofSeconds(60)).ok();
        } catch (UncheckedIOException | IllegalStateException e) {
            return false;
        }
    }
}

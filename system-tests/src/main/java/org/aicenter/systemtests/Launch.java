package org.aicenter.systemtests;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * How a process was started (command line, environment, working folder), read from /proc: to start
 * it again after a kill, or to start one more like it beside it with a few settings changed.
 */
public record Launch(List<String> command, Map<String, String> environment, Path directory) {

    /** The launch of the running process {@code pid}. */
    public static Launch of(long pid) {
        try {
            Path proc = Path.of("/proc", Long.toString(pid));
            List<String> command = split(Files.readAllBytes(proc.resolve("cmdline")));
            Map<String, String> environment = new LinkedHashMap<>();
            for (String entry : split(Files.readAllBytes(proc.resolve("environ")))) {
                int equals = entry.indexOf('=');
                if (equals > 0) {
                    environment.put(entry.substring(0, equals), entry.substring(equals + 1));
                }
            }
            return new Launch(command, environment, Files.readSymbolicLink(proc.resolve("cwd")));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read how process " + pid + " was started", e);
        }
    }

    /** The same launch with {@code set} added to the environment and the variables in {@code removed} taken out. */
    public Launch withEnvironment(Map<String, String> set, Collection<String> removed) {
        Map<String, String> environment = new LinkedHashMap<>(this.environment);
        removed.forEach(environment::remove);
        environment.putAll(set);
        return new Launch(command, environment, directory);
    }

    /** The same launch without the command-line arguments that {@code unwanted} matches. */
    public Launch without(Predicate<String> unwanted) {
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < command.size(); i++) {
            if (i == 0 || !unwanted.test(command.get(i))) {
                kept.add(command.get(i));
            }
        }
        return new Launch(kept, environment, directory);
    }

    /** Starts it with exactly this environment, appending its output to {@code log} after a {@code header} line. */
    public Process start(Path log, String header) throws IOException {
        Files.createDirectories(log.getParent());
        Files.writeString(log, "==== " + header + " ====\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().clear();
        builder.environment().putAll(environment);
        return builder.start();
    }

    private static List<String> split(byte[] nulSeparated) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < nulSeparated.length; i++) {
            if (nulSeparated[i] == 0) {
                parts.add(new String(nulSeparated, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        if (start < nulSeparated.length) {
            parts.add(new String(nulSeparated, start, nulSeparated.length - start, StandardCharsets.UTF_8));
        }
        return parts;
    }
}

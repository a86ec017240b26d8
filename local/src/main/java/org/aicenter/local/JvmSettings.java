package org.aicenter.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How every service's JVM runs, read from the files that say it once for the launcher, the
 * images, the bench and the tests: {@code runtime/jvm.options}, which java reads itself as an
 * argument file, and {@code runtime/jvm.env}, the native environment ({@code KEY=VALUE} lines).
 */
public record JvmSettings(Path optionsFile, Map<String, String> environment) {

    public static final String OPTIONS_FILE = "runtime/jvm.options";
    public static final String ENVIRONMENT_FILE = "runtime/jvm.env";

    /** The settings of the repository at {@code root}; fails when a file is missing or a line is not KEY=VALUE. */
    public static JvmSettings of(Path root) {
        Path options = root.resolve(OPTIONS_FILE);
        if (!Files.isRegularFile(options)) {
            throw new IllegalStateException("no " + OPTIONS_FILE + " under " + root);
        }
        return new JvmSettings(options, readEnvironment(root.resolve(ENVIRONMENT_FILE)));
    }

    /** The java argument that makes it read the options file. */
    public String optionsArgument() {
        return "@" + optionsFile.toAbsolutePath();
    }

    static Map<String, String> readEnvironment(Path file) {
        Map<String, String> environment = new LinkedHashMap<>();
        try {
            int number = 0;
            for (String raw : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                number++;
                String line = raw.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                int eq = line.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalStateException(file + " line " + number + " is not KEY=VALUE: " + line);
                }
                environment.put(line.substring(0, eq), line.substring(eq + 1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return Map.copyOf(environment);
    }
}

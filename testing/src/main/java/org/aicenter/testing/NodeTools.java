package org.aicenter.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The npm tools the tests run (the OpenAPI linter, the console's type check and unit tests, the
 * browser tests), installed by the build itself: pinned versions from a package.json, with npm,
 * into a folder under {@code target/}, the first time or whenever the pins change. Node.js and npm
 * come from the machine; where they are missing and the build runs as root, Debian's packages are
 * installed, else the test fails saying what to install. Nothing is skipped for a missing tool.
 */
public final class NodeTools {

    private static final String STAMP = ".installed-package.json";

    private NodeTools() {
    }

    /** The result of a command: its exit code and what it printed (stdout and stderr together). */
    public record Result(int exitCode, String output) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    /**
     * Installs {@code packageJson}'s dependencies into {@code folder} (its node_modules) unless the
     * same file was installed there already; answers {@code folder}.
     */
    public static Path install(Path packageJson, Path folder) {
        try {
            ensureNode();
            Files.createDirectories(folder);
            String wanted = Files.readString(packageJson);
            Path stamp = folder.resolve(STAMP);
            if (Files.isDirectory(folder.resolve("node_modules")) && Files.exists(stamp)
                    && Files.readString(stamp).equals(wanted)) {
                return folder;
            }
            Files.writeString(folder.resolve("package.json"), wanted);
            Result install = run(List.of("npm", "install", "--no-audit", "--no-fund", "--no-package-lock",
                    "--loglevel=error"), folder, Duration.ofMinutes(10), Map.of());
            if (!install.ok()) {
                throw new IllegalStateException("npm could not install " + packageJson + ":\n" + install.output());
            }
            Files.writeString(stamp, wanted);
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An installed package's executable, {@code node_modules/.bin/<name>}. */
    public static Path bin(Path folder, String name) {
        Path bin = folder.resolve("node_modules/.bin").resolve(name);
        if (!Files.isExecutable(bin)) {
            throw new IllegalStateException(name + " is not installed in " + folder);
        }
        return bin;
    }

    /** Runs {@code command} in {@code dir}, no input, output captured, killed after {@code timeout}. */
    public static Result run(List<String> command, Path dir, Duration timeout, Map<String, String> env) {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().put("NO_UPDATE_NOTIFIER", "1");
        builder.environment().put("NPM_CONFIG_UPDATE_NOTIFIER", "false");
        builder.environment().putAll(env);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            StringBuilder output = new StringBuilder();
            Thread reader = new Thread(() -> {
                try {
                    output.append(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException ignored) {
                    // the process ended; what was read is kept
                }
            }, "output-of-" + command.get(0));
            reader.start();
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                reader.join(5000);
                throw new IllegalStateException(String.join(" ", command) + " did not finish in " + timeout.toSeconds()
                        + " s:\n" + output);
            }
            reader.join();
            return new Result(process.exitValue(), output.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
        }
    }

    /** Node.js and npm are on the machine, or are installed from Debian's packages when the build runs as root. */
    public static synchronized void ensureNode() {
        if (works("node") && works("npm")) {
            return;
        }
        SystemPackages.install("nodejs", "npm");
        if (!works("node") || !works("npm")) {
            throw new IllegalStateException("Node.js and npm are needed by these tests: install Node.js 20 or later "
                    + "(Debian: apt-get install nodejs npm)");
        }
    }

    static boolean works(String command) {
        try {
            Process process = new ProcessBuilder(command, "--version").redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}

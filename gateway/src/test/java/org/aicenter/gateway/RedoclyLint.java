package org.aicenter.gateway;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs Redocly's OpenAPI linter (recommended rules) from the npm registry on a document. The
 * linter is installed into target/lint with npm the first time; without Node.js on the machine
 * the check is skipped with a message saying so.
 */
final class RedoclyLint {

    static final String VERSION = "2.77.0";
    private static final Path TOOL = Path.of("target", "lint").toAbsolutePath();

    private RedoclyLint() {
    }

    /** The linter's report; the test fails on any error (warnings are printed, not fatal). */
    static Result lint(Path document) throws IOException, InterruptedException {
        Assumptions.assumeTrue(available("npm"), "npm is not installed: the OpenAPI lint was skipped. "
                + "Install Node.js 20.19+ (Debian: apt-get install nodejs npm) to run it.");
        Path redocly = TOOL.resolve("node_modules/.bin/redocly");
        if (!Files.isExecutable(redocly)) {
            Files.createDirectories(TOOL);
            Result install = run(List.of("npm", "install", "--prefix", TOOL.toString(), "--no-audit", "--no-fund",
                    "--loglevel=error", "@redocly/cli@" + VERSION), 600);
            if (install.exitCode() != 0 || !Files.isExecutable(redocly)) {
                throw new IllegalStateException("npm could not install @redocly/cli@" + VERSION + ":\n" + install.output());
            }
        }
        return run(List.of(redocly.toString(), "lint", "--format=stylish", document.toAbsolutePath().toString()), 300);
    }

    private static boolean available(String command) {
        try {
            return run(List.of(command, "--version"), 60).exitCode() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static Result run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true);
        builder.environment().put("REDOCLY_TELEMETRY", "off");
        builder.environment().put("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true");
        builder.environment().put("NO_UPDATE_NOTIFIER", "1");
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s");
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    record Result(int exitCode, String output) {
    }
}

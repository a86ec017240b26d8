package org.aicenter.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

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
            Commands.Result install = run(List.of("npm", "install", "--no-audit", "--no-fund", "--no-package-lock",
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

    /** Runs {@code command} in {@code dir} ({@link Commands#run}) with npm's update notices off. */
    public static Commands.Result run(List<String> command, Path dir, Duration timeout, Map<String, String> env) {
        Map<String, String> all = new java.util.HashMap<>(Map.of("NO_UPDATE_NOTIFIER", "1", "NPM_CONFIG_UPDATE_NOTIFIER", "false"));
        all.putAll(env);
        return Commands.run(command, dir, timeout, all);
    }

    /** Node.js and npm are on the machine, or are installed from Debian's packages when the build runs as root. */
    public static synchronized void ensureNode() {
        if (Commands.available("node") && Commands.available("npm")) {
            return;
        }
        SystemPackages.install("nodejs", "npm");
        if (!Commands.available("node") || !Commands.available("npm")) {
            throw new IllegalStateException("Node.js and npm are needed by these tests: install Node.js 20 or later "
                    + "(Debian: apt-get install nodejs npm)");
        }
    }
}

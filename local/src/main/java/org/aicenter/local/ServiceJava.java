package org.aicenter.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The JDK the services run on, and how their start is sped up on it. {@code AIC_JAVA_HOME} names
 * one; otherwise the newest JDK of at least {@value #AOT_CACHE_FEATURE} installed beside the
 * launcher's own (in {@code /usr/lib/jvm}, where Debian and Temurin's packages put them), else the
 * launcher's own JDK. The bench runs the services on the same one ({@code ./aic java}).
 *
 * <p>On JDK {@value #AOT_CACHE_FEATURE} and later a service's first start of a build is a training
 * run that leaves an AOT cache when it stops ({@code -XX:AOTCacheOutput}: the classes it loaded,
 * already parsed and linked, and the profiles of the methods it ran, JEP 483/514/515), which later
 * starts map ({@code -XX:AOTCache}). Before that release the same place holds an AppCDS archive
 * ({@code -XX:ArchiveClassesAtExit}, then {@code -XX:SharedArchiveFile}). Either is named after
 * the build and the JDK, so a rebuilt service or another JDK makes a new one.
 */
record ServiceJava(Path home, int feature, String version) {

    static final String HOME_VARIABLE = "AIC_JAVA_HOME";
    static final int AOT_CACHE_FEATURE = 25;
    static final Path INSTALLED = Path.of("/usr/lib/jvm");
    private static final Pattern JAVA_VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"?(([0-9]+)[^\"\\s]*)\"?");

    /** From the environment of {@code ./aic}: {@code AIC_JAVA_HOME}, or the newest JDK 25+ installed, or this one. */
    static ServiceJava choose(Map<String, String> environment) {
        return choose(Optional.ofNullable(environment.get(HOME_VARIABLE)).filter(s -> !s.isBlank()).map(Path::of),
                INSTALLED, Path.of(System.getProperty("java.home")));
    }

    static ServiceJava choose(Optional<Path> named, Path installed, Path own) {
        if (named.isPresent()) {
            return of(named.get()).orElseThrow(() -> new IllegalArgumentException(HOME_VARIABLE + "=" + named.get()
                    + " is not a JDK (no bin/java and release file there)"));
        }
        ServiceJava launcher = of(own).orElseGet(() -> new ServiceJava(own, Runtime.version().feature(),
                Runtime.version().toString()));
        if (launcher.feature() >= AOT_CACHE_FEATURE || !Files.isDirectory(installed)) {
            return launcher;
        }
        try (Stream<Path> homes = Files.list(installed)) {
            return homes.filter(home -> !Files.isSymbolicLink(home))
                    .map(ServiceJava::of).flatMap(Optional::stream)
                    .filter(java -> java.feature() >= AOT_CACHE_FEATURE)
                    .max(Comparator.comparingInt(ServiceJava::feature).thenComparing(ServiceJava::runtimeVersion))
                    .orElse(launcher);
        } catch (IOException e) {
            return launcher;
        }
    }

    /** Its version as the JDK orders them (25.0.10 after 25.0.9); one that does not parse comes first. */
    Runtime.Version runtimeVersion() {
        try {
            return Runtime.Version.parse(version);
        } catch (IllegalArgumentException e) {
            return Runtime.Version.parse(Integer.toString(Math.max(feature, 1)));
        }
    }

    /** The JDK at {@code home}, read from its {@code release} file, if it is one with a {@code bin/java}. */
    static Optional<ServiceJava> of(Path home) {
        Path release = home.resolve("release");
        if (!Files.isExecutable(home.resolve("bin").resolve("java")) || !Files.isRegularFile(release)) {
            return Optional.empty();
        }
        try {
            Matcher version = JAVA_VERSION.matcher(Files.readString(release));
            return version.find()
                    ? Optional.of(new ServiceJava(home.toAbsolutePath(), Integer.parseInt(version.group(2)), version.group(1)))
                    : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    Path executable() {
        return home.resolve("bin").resolve("java");
    }

    boolean aotCache() {
        return feature >= AOT_CACHE_FEATURE;
    }

    /** How the start of the launcher's output names it, e.g. "JDK 25.0.3 with an AOT cache". */
    String describe() {
        return "JDK " + version + (aotCache() ? " with an AOT cache" : " with an AppCDS archive") + " (" + home + ")";
    }

    /**
     * The option that makes this start use the module's archive of this build, or, for the first
     * instance when there is none yet, write it when the service stops. Archives of other builds
     * are removed by the instance that writes.
     *
     * @param build a name of the build, e.g. from the jars' modification times
     */
    String classDataOption(String module, String build, Path dir, boolean writes) throws IOException {
        Files.createDirectories(dir);
        String name = module + "-" + build + "-jdk" + feature + (aotCache() ? ".aot" : ".jsa");
        Path archive = dir.resolve(name);
        boolean present = Files.isRegularFile(archive) && Files.size(archive) > 0;
        if (present) {
            return (aotCache() ? "-XX:AOTCache=" : "-XX:SharedArchiveFile=") + archive;
        }
        if (!writes) {
            return "-Xshare:auto";
        }
        try (Stream<Path> old = Files.list(dir)) {
            for (Path file : (Iterable<Path>) old::iterator) {
                String other = file.getFileName().toString();
                if (other.startsWith(module + "-") && !other.startsWith(module + "-" + build + "-")
                        && List.of(".jsa", ".aot").stream().anyMatch(other::endsWith)) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return (aotCache() ? "-XX:AOTCacheOutput=" : "-XX:ArchiveClassesAtExit=") + archive;
    }
}

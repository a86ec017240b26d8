package org.aicenter.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The Grafana dashboard in deploy/grafana/aic-platform.json reads metrics by name; a renamed or
 * dropped metric would leave a panel silently empty. The application tests hold every name the
 * dashboard uses against what the running application publishes on /q/metrics.
 */
public final class Dashboards {

    /** A series name where a selector or range follows: {@code name{...}} or {@code name[5m]}. */
    private static final Pattern SERIES = Pattern.compile("\\b([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*[{\\[]");
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]", Pattern.MULTILINE);

    private Dashboards() {
    }

    public static Path file() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no repository root above " + Path.of("").toAbsolutePath());
        }
        return dir.resolve("deploy/grafana/aic-platform.json");
    }

    /** Every series name the dashboard's queries read. */
    public static Set<String> metrics() {
        JsonNode dashboard;
        try {
            dashboard = new ObjectMapper().readTree(file().toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file(), e);
        }
        Set<String> names = new TreeSet<>();
        dashboard.findValues("expr").forEach(expr -> {
            Matcher matcher = SERIES.matcher(expr.asText());
            while (matcher.find()) {
                names.add(matcher.group(1));
            }
        });
        return names;
    }

    /**
     * Every name the dashboard reads that {@code which} selects appears in {@code metrics} (the
     * Prometheus text of /q/metrics), tagged with the application's name.
     */
    public static void assertPublished(Predicate<String> which, String metrics, String application) {
        Set<String> wanted = new TreeSet<>(metrics().stream().filter(which).toList());
        assertFalse(wanted.isEmpty(), "the dashboard reads some of " + application + "'s metrics");
        Set<String> published = new TreeSet<>();
        Matcher sample = SAMPLE.matcher(metrics);
        while (sample.find()) {
            published.add(sample.group(1));
        }
        Set<String> missing = new TreeSet<>(wanted);
        missing.removeAll(published);
        assertEquals(Set.of(), missing, "deploy/grafana/aic-platform.json reads metrics " + application + " does not publish");
        for (String name : wanted) {
            assertFalse(metrics.lines().filter(l -> l.startsWith(name + "{")).noneMatch(l -> l.contains("application=\"" + application + "\"")),
                    name + " carries application=\"" + application + "\"");
        }
    }
}

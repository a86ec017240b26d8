package org.aicenter.testing.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.aicenter.testing.Contracts;
import org.openapitools.openapidiff.core.OpenApiCompare;
import org.openapitools.openapidiff.core.compare.OpenApiDiffOptions;
import org.openapitools.openapidiff.core.model.BackwardIncompatibleProp;
import org.openapitools.openapidiff.core.model.ChangedOpenApi;
import org.openapitools.openapidiff.core.output.MarkdownRender;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a contract can replace the one last released without breaking a client built on it,
 * as openapi-diff classifies the changes: a path, operation, response property or enum value
 * removed, a request property or parameter made required, a type narrowed, a response status
 * dropped are breaking; an added path, operation, optional property or parameter is not. One
 * relaxation: a new value of an enum a response carries counts as additive (the conventions ask
 * clients to tolerate unknown values, and a new partner type must not need a new major version).
 * A breaking change is allowed only with a new major {@code info.version}.
 * <p>
 * The released contracts live in {@code contracts/released/<service>.json}: copied there when a
 * version is released, and compared against on every build.
 */
public final class Compatibility {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SEMVER = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)(?:[-+].*)?");

    private Compatibility() {
    }

    /** What changed from {@code released} to {@code current}, and whether that may be released. */
    public record Verdict(boolean breaking, boolean allowed, String releasedVersion, String currentVersion, String changes) {
    }

    public static Path releasedFile(Path contract) {
        return contract.getParent().resolve("released").resolve(contract.getFileName());
    }

    public static Verdict compare(String released, String current) {
        OpenApiDiffOptions options = OpenApiDiffOptions.builder()
                .configProperty(BackwardIncompatibleProp.RESPONSE_ENUM_INCREASED.getPropertyName(), "false")
                .build();
        ChangedOpenApi diff = OpenApiCompare.fromContents(released, current, null, options);
        String releasedVersion = version(released);
        String currentVersion = version(current);
        boolean breaking = diff.isIncompatible();
        boolean newMajor = major(currentVersion) > major(releasedVersion);
        return new Verdict(breaking, !breaking || newMajor, releasedVersion, currentVersion,
                diff.isDifferent() ? render(diff) : "no changes");
    }

    /** Fails unless {@code contract} is compatible with its released copy, or carries a new major version. */
    public static Verdict assertReleasable(Path contract) {
        Path released = releasedFile(contract);
        if (!Files.exists(released)) {
            throw new AssertionError(released + " is missing: the contract as last released is what clients build on");
        }
        Verdict verdict;
        try {
            verdict = compare(JSON.writeValueAsString(Contracts.selfContained(released)),
                    JSON.writeValueAsString(Contracts.selfContained(contract)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (major(verdict.currentVersion()) < major(verdict.releasedVersion())) {
            throw new AssertionError(contract + " has info.version " + verdict.currentVersion() + ", older than the released "
                    + verdict.releasedVersion());
        }
        if (!verdict.allowed()) {
            throw new AssertionError(contract.getFileName() + " breaks clients of the released " + verdict.releasedVersion()
                    + " (" + released + ") but keeps major version " + verdict.currentVersion() + ". Undo the breaking "
                    + "change, or release a new major version. What changed:\n" + verdict.changes());
        }
        return verdict;
    }

    private static String version(String document) {
        try {
            JsonNode version = JSON.readTree(document).path("info").path("version");
            if (!version.isTextual() || !SEMVER.matcher(version.asText()).matches()) {
                throw new AssertionError("info.version must be a semantic version such as 1.0.0, not " + version);
            }
            return version.asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int major(String version) {
        Matcher matcher = SEMVER.matcher(version);
        if (!matcher.matches()) {
            throw new AssertionError("not a semantic version: " + version);
        }
        return Integer.parseInt(matcher.group(1));
    }

    private static String render(ChangedOpenApi diff) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStreamWriter writer = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
            new MarkdownRender().render(diff, writer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}

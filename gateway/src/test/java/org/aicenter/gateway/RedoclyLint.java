package org.aicenter.gateway;

import org.aicenter.testing.Commands;
import org.aicenter.testing.NodeTools;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Runs Redocly's OpenAPI linter (recommended rules) on a document. The linter, pinned in
 * src/test/lint/package.json, is installed into target/lint by npm the first time.
 */
final class RedoclyLint {

    private static final Path PACKAGE = Path.of("src", "test", "lint", "package.json").toAbsolutePath();
    private static final Path TOOL = Path.of("target", "lint").toAbsolutePath();

    private RedoclyLint() {
    }

    /** The linter's report; the test fails on any error (warnings are printed, not fatal). */
    static Commands.Result lint(Path document) {
        Path redocly = NodeTools.bin(NodeTools.install(PACKAGE, TOOL), "redocly");
        return NodeTools.run(List.of(redocly.toString(), "lint", "--format=stylish", document.toAbsolutePath().toString()),
                TOOL, Duration.ofMinutes(5), Map.of("REDOCLY_TELEMETRY", "off", "REDOCLY_SUPPRESS_UPDATE_NOTICE", "true"));
    }
}

package org.aicenter.systemtests.browser;

import org.aicenter.testing.Commands;
import org.aicenter.testing.NodeTools;
import org.aicenter.testing.SystemPackages;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a browser test script of src/test/browser (Node, playwright-core, Debian's Chromium,
 * axe-core; see harness.cjs there). Installs what is missing first: Chromium and the CJK fonts
 * with apt-get (as root, as on CI), the pinned npm packages into target/browser-tools. Screenshots
 * and the script's result.json go to target/browser/&lt;script&gt;/.
 */
public final class BrowserTests {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path SCRIPTS = Path.of("src", "test", "browser").toAbsolutePath();
    private static final Path TOOLS = Path.of("target", "browser-tools").toAbsolutePath();

    private BrowserTests() {
    }

    /** What the script printed, its exit code, and the folder its screenshots are in. */
    public record Run(Commands.Result result, Path out) {
    }

    public static synchronized void ensureChromium() {
        if (!Files.isExecutable(CHROMIUM) || !Files.isDirectory(Path.of("/usr/share/fonts/opentype/noto"))) {
            SystemPackages.install("chromium", "fonts-noto-cjk");
        }
        if (!Files.isExecutable(CHROMIUM)) {
            throw new IllegalStateException("the browser tests need Debian's Chromium: apt-get install chromium fonts-noto-cjk");
        }
    }

    /** Runs {@code script} (a file of src/test/browser) with {@code env}; never skipped for a missing tool. */
    public static Run run(String script, Map<String, String> env, Duration timeout) {
        ensureChromium();
        Path tools = NodeTools.install(SCRIPTS.resolve("package.json"), TOOLS);
        Path out = Path.of("target", "browser", script.replaceAll("\\..*$", "")).toAbsolutePath();
        Map<String, String> all = new HashMap<>(env);
        all.put("NODE_PATH", tools.resolve("node_modules").toString());
        all.put("AIC_BROWSER_OUT", out.toString());
        all.put("AIC_CHROMIUM", CHROMIUM.toString());
        return new Run(NodeTools.run(List.of("node", SCRIPTS.resolve(script).toString()), SCRIPTS, timeout, all), out);
    }
}

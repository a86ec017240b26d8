// The browser harness any browser test here uses: Debian's Chromium with the flags this kind of
// machine needs, a fresh profile per run, screenshots under the run's output folder, an axe-core
// scan, and checks that fail with a message. Run through BrowserTests.java, which installs
// Chromium, the CJK fonts and these npm packages first and sets AIC_BROWSER_OUT.
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { chromium } = require("playwright-core");

const EXECUTABLE = process.env.AIC_CHROMIUM || "/usr/bin/chromium";
const OUT = process.env.AIC_BROWSER_OUT || path.resolve("target/browser");
const ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"];

/** A headless Chromium with a new, empty profile; close() removes the profile. */
async function launch({ locale = "zh-CN", viewport = { width: 1366, height: 900 } } = {}) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "aic-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: EXECUTABLE, headless: true, args: ARGS, locale, viewport, timezoneId: "America/Los_Angeles",
  });
  const close = async () => {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  };
  return { context, close };
}

/** A full-page screenshot as OUT/<name>.png, or of the part {@code clip} names (page coordinates); answers the path. */
async function screenshot(page, name, clip) {
  fs.mkdirSync(OUT, { recursive: true });
  const file = path.join(OUT, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true, ...(clip ? { clip } : {}) });
  return file;
}

/** axe-core over the page; answers the serious and critical violations (id, impact, first targets). */
async function axe(page) {
  // Evaluated through the debugging protocol rather than added as a script tag: the gateway's
  // Content-Security-Policy (script-src 'self') rightly refuses inline scripts, and stays on for the test.
  await page.evaluate(fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8"));
  const results = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ["violations"] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 3).map((n) => n.target.join(" ")) }));
  });
  return results.filter((v) => v.impact === "serious" || v.impact === "critical");
}

function check(condition, message) {
  if (!condition) {
    throw new Error(`check failed: ${message}`);
  }
}

/** Writes what the run found for the Java side to read and print. */
function report(result) {
  fs.mkdirSync(OUT, { recursive: true });
  fs.writeFileSync(path.join(OUT, "result.json"), JSON.stringify(result, null, 2));
}

module.exports = { launch, screenshot, axe, check, report, OUT };

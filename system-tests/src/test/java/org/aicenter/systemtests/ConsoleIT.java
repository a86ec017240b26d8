package org.aicenter.systemtests;

import org.aicenter.systemtests.browser.BrowserTests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The console in a real browser against the real system (demo data loaded as ./aic up loads it):
 * src/test/browser/console.e2e.cjs signs in with a role, checks every overview chart against the
 * API, searches a partner by its Chinese name, edits it through a 412, enrols into a full
 * programme onto the waitlist and verifies a certificate, with an axe-core scan and a screenshot
 * of each page under target/browser/console/. The overview's draw time is printed, not asserted.
 */
@ExtendWith(SystemUnderTest.class)
class ConsoleIT {

    @Test
    void theConsoleWorksInABrowser() {
        BrowserTests.Run run = BrowserTests.run("console.e2e.cjs",
                Map.of("AIC_GATEWAY_URL", SystemUnderTest.system().gatewayUrl()), Duration.ofMinutes(10));
        System.out.println("console end-to-end (" + run.out() + "):\n" + run.result().output());
        assertEquals(0, run.result().exitCode(), "the console's browser test failed:\n" + run.result().output());
        assertTrue(run.result().output().contains("all checks passed"), run.result().output());
    }
}

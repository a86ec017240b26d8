package org.aicenter.systemtests;

import org.aicenter.systemtests.browser.BrowserTests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gateway's Swagger UI in a real browser against the real system: src/test/browser/
 * swagger-ui.e2e.cjs loads /swagger-ui/ over the merged document, opens every operation and checks
 * that every enum query parameter (sort included) is a drop-down of exactly the contract's values,
 * authorises with an admin's token, runs a filtered partner list and a partner create with
 * try-it-out, and saves screenshots of both under target/browser/swagger-ui/.
 */
@ExtendWith(SystemUnderTest.class)
class SwaggerUiIT {

    @Test
    void everyOperationWorksInTheSwaggerUi() {
        RunningSystem system = SystemUnderTest.system();
        String token = system.token("swagger-ui", "admin");
        BrowserTests.Run run = BrowserTests.run("swagger-ui.e2e.cjs",
                Map.of("AIC_GATEWAY_URL", system.gatewayUrl(), "AIC_TOKEN", token), Duration.ofMinutes(10));
        System.out.println("Swagger UI (" + run.out() + "):\n" + run.result().output());
        assertEquals(0, run.result().exitCode(), "the Swagger UI browser test failed:\n" + run.result().output());
        assertTrue(run.result().output().contains("all checks passed"), run.result().output());
        for (String shot : new String[] {"partners-list.png", "partners-create.png"}) {
            assertTrue(Files.isRegularFile(run.out().resolve(shot)), "screenshot " + run.out().resolve(shot));
        }
    }
}

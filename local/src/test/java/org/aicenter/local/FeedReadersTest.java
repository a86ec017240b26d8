package org.aicenter.local;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The services the launcher gives the local-only key folder to sign their feed tokens with are the ones
 * that read a feed: notification-service, and every service that takes partner-client (which follows
 * partner-service's feed). A service that starts to depend on partner-client without the folder would
 * follow nothing locally; this test says so.
 */
class FeedReadersTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void theFeedReadersAreNotificationServiceAndThePartnerClientsUsers() throws IOException {
        Set<String> readers = new TreeSet<>();
        for (ServiceModule module : ServiceModule.ALL) {
            Path pom = module.dir(ROOT).resolve("pom.xml");
            if (module.name().equals("notification-service")
                    || Files.readString(pom).contains("<artifactId>partner-client</artifactId>")) {
                readers.add(module.name());
            }
        }
        assertEquals(readers, new TreeSet<>(LocalStack.FEED_READERS));
    }
}

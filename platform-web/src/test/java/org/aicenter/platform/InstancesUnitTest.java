package org.aicenter.platform;

import org.aicenter.platform.web.Instances;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Requests take the instances in turn; one taken out is skipped until it is put back. */
class InstancesUnitTest {

    private static final URI A = URI.create("http://a:8081");
    private static final URI B = URI.create("http://b:8081");
    private static final URI C = URI.create("http://c:8081");

    private static List<URI> take(Instances instances, int n) {
        List<URI> taken = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            taken.add(instances.next());
        }
        return taken;
    }

    @Test
    void inTurn() {
        Instances instances = Instances.of("s", "url", "http://a:8081, http://b:8081,http://c:8081");
        assertEquals(List.of(A, B, C), instances.all());
        assertEquals(List.of(A, B, C, A, B, C), take(instances, 6));
    }

    @Test
    void oneOutIsSkippedUntilItIsBack() {
        Instances instances = Instances.of("s", "url", "http://a:8081,http://b:8081,http://c:8081");
        assertTrue(instances.markOut(B));
        assertTrue(take(instances, 6).stream().noneMatch(B::equals));
        assertTrue(instances.markIn(B));
        assertTrue(take(instances, 3).contains(B));
    }

    @Test
    void allOutStillTriesThemInTurn() {
        Instances instances = Instances.of("s", "url", "http://a:8081,http://b:8081");
        instances.markOut(A);
        instances.markOut(B);
        assertEquals(List.of(A, B, A, B), take(instances, 4));
    }

    @Test
    void notAUrlIsRefusedNamingTheSetting() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> Instances.of("s", "PARTNER_SERVICE_URL", "localhost:8081"));
        assertTrue(refused.getMessage().contains("PARTNER_SERVICE_URL"));
        assertThrows(IllegalArgumentException.class, () -> Instances.of("s", "url", " , "));
    }
}

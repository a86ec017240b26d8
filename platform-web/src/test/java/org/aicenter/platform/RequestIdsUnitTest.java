package org.aicenter.platform;

import org.aicenter.platform.web.RequestIds;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequestIdsUnitTest {

    @Test
    void madeIdsAreRandomVersion4UuidsThatNeverRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            String id = RequestIds.newId();
            UUID uuid = UUID.fromString(id);
            assertEquals(4, uuid.version(), id);
            assertEquals(2, uuid.variant(), id);
            assertEquals(uuid.toString(), id);
            assertTrue(seen.add(id), "repeated " + id);
        }
    }
}

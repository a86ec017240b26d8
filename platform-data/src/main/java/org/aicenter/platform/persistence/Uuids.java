package org.aicenter.platform.persistence;

import java.security.SecureRandom;
import java.util.UUID;

/** UUIDv7 (RFC 9562): time-ordered, so new rows land at the end of the primary-key index. */
public final class Uuids {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Uuids() {
    }

    public static UUID timeOrdered() {
        long millis = System.currentTimeMillis();
        long randA = RANDOM.nextInt(1 << 12);
        long msb = (millis << 16) | 0x7000L | randA;
        long lsb = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }
}

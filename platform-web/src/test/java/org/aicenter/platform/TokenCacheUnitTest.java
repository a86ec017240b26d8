package org.aicenter.platform;

import org.aicenter.platform.security.TokenCache;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The verified-token cache: found by the exact bytes only, never past exp or its time to live, bounded by entries and bytes. */
class TokenCacheUnitTest {

    private final AtomicLong now = new AtomicLong(1_000_000);

    @Test
    void anEntryIsFoundByTheExactTokenOnly() {
        TokenCache<String> cache = new TokenCache<>(100, 1 << 20, 60_000, now::get);
        cache.put("header.claims.signature", "alice", now.get() + 30_000, 100);
        assertEquals("alice", cache.get("header.claims.signature"));
        assertNull(cache.get("header.claims.signaturf"), "another signature");
        assertNull(cache.get("header.claimz.signature"), "other claims");
        assertNull(cache.get("header.claims.signature "), "one more byte");
    }

    @Test
    void anEntryHoldsUntilExpOrItsTimeToLiveWhicheverComesFirst() {
        TokenCache<String> cache = new TokenCache<>(100, 1 << 20, 60_000, now::get);
        cache.put("expires-soon", "a", now.get() + 10_000, 100);
        cache.put("expires-late", "b", now.get() + 3_600_000, 100);
        cache.put("expired-already", "c", now.get() - 1, 100);
        assertNull(cache.get("expired-already"), "an expired token is never put in");
        now.addAndGet(9_999);
        assertEquals("a", cache.get("expires-soon"));
        now.addAndGet(1);
        assertNull(cache.get("expires-soon"), "exp is checked again on every hit");
        assertEquals("b", cache.get("expires-late"));
        now.addAndGet(50_000);
        assertNull(cache.get("expires-late"), "the time to live bounds even a long-lived token");
        assertEquals(0, cache.size());
        assertEquals(0, cache.bytes());
    }

    @Test
    void entriesAndBytesStayWithinTheirBoundsWhateverIsPutIn() {
        TokenCache<String> byCount = new TokenCache<>(50, 1 << 30, 60_000, now::get);
        TokenCache<String> byBytes = new TokenCache<>(1_000_000, 64 * 1024, 60_000, now::get);
        for (int i = 0; i < 20_000; i++) {
            String token = "token-" + i;
            byCount.put(token, "v", now.get() + 30_000, 1_000);
            byBytes.put(token, "v", now.get() + 30_000, 1_000 + i % 7_000);
            assertTrue(byCount.size() <= 50, "entries: " + byCount.size());
            assertTrue(byBytes.bytes() <= 64 * 1024, "bytes: " + byBytes.bytes());
        }
        // The oldest went first: the newest are still there.
        assertEquals("v", byCount.get("token-19999"));
        assertNull(byCount.get("token-0"));
        assertEquals("v", byBytes.get("token-19999"));
        // One entry larger than the whole budget is not kept at all.
        byBytes.put("enormous", "v", now.get() + 30_000, 65 * 1024);
        assertNull(byBytes.get("enormous"));
    }

    @Test
    void theSameTokenPutTwiceIsCountedOnce() {
        TokenCache<String> cache = new TokenCache<>(10, 1 << 20, 60_000, now::get);
        for (int i = 0; i < 100; i++) {
            cache.put("same", "v" + i, now.get() + 30_000, 500);
        }
        assertEquals(1, cache.size());
        assertEquals(500, cache.bytes());
        assertEquals("v99", cache.get("same"));
    }
}

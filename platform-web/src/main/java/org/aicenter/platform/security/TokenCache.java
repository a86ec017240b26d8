package org.aicenter.platform.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Tokens whose signature and claims were verified, remembered so that a client sending the same
 * token on every call pays for one verification. Bounded by memory: at most {@code maxEntries}
 * entries and {@code maxBytes} of what they hold (the oldest go first), so no amount of traffic
 * can grow it past that. An entry is found by the SHA-256 of the token's exact bytes, signature
 * included, never by the token itself: a token that differs in any byte (another signature, a
 * changed claim) is a different entry and is verified on its own. Only verified tokens are put
 * in; a refusal is never remembered.
 *
 * @param <V> what verification produced (the parsed token)
 */
public final class TokenCache<V> {

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    });

    private final int maxEntries;
    private final long maxBytes;
    private final long ttlMillis;
    private final LongSupplier clock;
    private final ConcurrentHashMap<Digest, Entry<V>> entries = new ConcurrentHashMap<>();
    /** Insertion order, for eviction; holds at most {@code maxEntries} items (stale ones included). */
    private final ConcurrentLinkedQueue<Entry<V>> order = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicLong bytes = new AtomicLong();

    /**
     * @param ttlMillis how long an entry is trusted at most, whatever its expiry: the bound on how
     *                  long a token stays accepted after its key is withdrawn and the keys refreshed
     * @param clock     milliseconds since the epoch
     */
    public TokenCache(int maxEntries, long maxBytes, long ttlMillis, LongSupplier clock) {
        this.maxEntries = Math.max(1, maxEntries);
        this.maxBytes = Math.max(1, maxBytes);
        this.ttlMillis = ttlMillis;
        this.clock = clock;
    }

    /** The remembered verification of {@code token}, or null when there is none or it no longer holds. */
    public V get(String token) {
        Digest digest = Digest.of(token);
        Entry<V> entry = entries.get(digest);
        if (entry == null) {
            return null;
        }
        if (clock.getAsLong() >= entry.until) {
            if (entries.remove(digest, entry)) {
                bytes.addAndGet(-entry.bytes);
            }
            return null;
        }
        return entry.value;
    }

    /**
     * Remembers a verified token until {@code expiresAtMillis} (its {@code exp}) or the time to
     * live, whichever comes first; {@code weight} is an estimate of the bytes the value holds.
     */
    public void put(String token, V value, long expiresAtMillis, long weight) {
        long now = clock.getAsLong();
        long until = Math.min(expiresAtMillis, now + ttlMillis);
        if (until <= now || weight > maxBytes) {
            return;
        }
        Entry<V> entry = new Entry<>(Digest.of(token), value, until, weight);
        Entry<V> previous = entries.put(entry.digest, entry);
        bytes.addAndGet(weight - (previous == null ? 0 : previous.bytes));
        order.add(entry);
        queued.incrementAndGet();
        while (queued.get() > maxEntries || bytes.get() > maxBytes) {
            Entry<V> oldest = order.poll();
            if (oldest == null) {
                break;
            }
            queued.decrementAndGet();
            if (entries.remove(oldest.digest, oldest)) {
                bytes.addAndGet(-oldest.bytes);
            }
        }
    }

    public int size() {
        return entries.size();
    }

    /** The estimated bytes the entries hold. */
    public long bytes() {
        return bytes.get();
    }

    public void clear() {
        entries.clear();
        order.clear();
        queued.set(0);
        bytes.set(0);
    }

    /** Compared by identity: a replaced entry still queued for eviction must not remove its successor. */
    private static final class Entry<V> {
        final Digest digest;
        final V value;
        final long until;
        final long bytes;

        Entry(Digest digest, V value, long until, long bytes) {
            this.digest = digest;
            this.value = value;
            this.until = until;
            this.bytes = bytes;
        }
    }

    /** A SHA-256, as four longs: equal only for equal token bytes (as far as SHA-256 goes). */
    private record Digest(long a, long b, long c, long d) {
        static Digest of(String token) {
            MessageDigest sha = SHA256.get();
            ByteBuffer hash = ByteBuffer.wrap(sha.digest(token.getBytes(StandardCharsets.UTF_8)));
            return new Digest(hash.getLong(), hash.getLong(), hash.getLong(), hash.getLong());
        }
    }
}

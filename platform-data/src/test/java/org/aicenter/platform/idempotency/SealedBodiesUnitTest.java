package org.aicenter.platform.idempotency;

import org.junit.jupiter.api.Test;

import javax.crypto.SecretKey;
import java.util.Base64;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The idempotency store's answers are kept sealed: unreadable without the key, tamper-evident, rotatable. */
class SealedBodiesUnitTest {

    private static final String BODY = "{\"id\":\"0192\",\"cancelToken\":\"secret-token-value\",\"name\":\"张伟\"}";

    @Test
    void aSealedBodyHidesItsTextAndOpensWithTheKey() {
        SealedBodies bodies = new SealedBodies(key(1), Optional.empty());
        String sealed = bodies.seal(BODY);
        assertTrue(sealed.startsWith(SealedBodies.PREFIX), sealed);
        assertFalse(sealed.contains("secret-token-value"), sealed);
        assertFalse(new String(Base64.getDecoder().decode(sealed.substring(3))).contains("secret-token-value"));
        assertNotEquals(sealed, bodies.seal(BODY), "a fresh IV each time");
        assertEquals(Optional.of(BODY), bodies.open(sealed));
    }

    @Test
    void anotherKeyOrATamperedBodyOpensNothing() {
        String sealed = new SealedBodies(key(1), Optional.empty()).seal(BODY);
        assertEquals(Optional.empty(), new SealedBodies(key(2), Optional.empty()).open(sealed));
        byte[] bytes = Base64.getDecoder().decode(sealed.substring(3));
        bytes[bytes.length - 1] ^= 1;
        String tampered = SealedBodies.PREFIX + Base64.getEncoder().encodeToString(bytes);
        assertEquals(Optional.empty(), new SealedBodies(key(1), Optional.empty()).open(tampered));
        assertEquals(Optional.empty(), new SealedBodies(key(1), Optional.empty()).open(BODY), "clear text is not an answer");
    }

    @Test
    void duringARotationThePreviousKeyStillOpensWhatItSealed() {
        String old = new SealedBodies(key(1), Optional.empty()).seal(BODY);
        SealedBodies rotated = new SealedBodies(key(2), Optional.of(key(1)));
        assertEquals(Optional.of(BODY), rotated.open(old));
        assertEquals(Optional.of(BODY), rotated.open(rotated.seal(BODY)));
        assertEquals(Optional.empty(), new SealedBodies(key(1), Optional.empty()).open(rotated.seal(BODY)));
    }

    @Test
    void aKeyMustBe32BytesOfBase64() {
        assertThrows(IllegalStateException.class, () -> SealedBodies.decode("k", "not base64!"));
        assertThrows(IllegalStateException.class, () -> SealedBodies.decode("k", Base64.getEncoder().encodeToString(new byte[16])));
        assertEquals(32, SealedBodies.decode("k", Base64.getEncoder().encodeToString(new byte[32])).getEncoded().length);
    }

    private static SecretKey key(int seed) {
        byte[] bytes = new byte[32];
        java.util.Arrays.fill(bytes, (byte) seed);
        return SealedBodies.decode("k", Base64.getEncoder().encodeToString(bytes));
    }
}

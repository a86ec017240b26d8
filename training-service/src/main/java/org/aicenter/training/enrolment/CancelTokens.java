package org.aicenter.training.enrolment;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The participant's cancellation secret: 256 random bits, shown once, stored only as its SHA-256
 * (a fast hash is enough for a random secret of this length; there is nothing to brute-force).
 */
final class CancelTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private CancelTokens() {
    }

    static String make() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Constant-time, so the answer time says nothing about how much of a guess was right. */
    static boolean matches(String token, String storedHash) {
        if (token == null || token.isEmpty() || token.length() > 200 || storedHash == null) {
            return false;
        }
        return MessageDigest.isEqual(hash(token).getBytes(StandardCharsets.US_ASCII),
                storedHash.getBytes(StandardCharsets.US_ASCII));
    }
}

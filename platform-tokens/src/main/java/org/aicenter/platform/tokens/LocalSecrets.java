package org.aicenter.platform.tokens;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The local-only secrets the services of a local run share, kept in the same folder as the token
 * key pair and made on first use: for local runs, the system tests and the bench only. Production
 * sets its own from its secret store.
 */
public final class LocalSecrets {

    /** The key that seals the idempotency store's answers ({@code AIC_IDEMPOTENCY_BODY_KEY}): 32 random bytes, base64. */
    public static final String IDEMPOTENCY_BODY_KEY_FILE = "local-only-idempotency-body.key";

    private LocalSecrets() {
    }

    /** The idempotency store's key in {@code folder}, made there when it is missing. */
    public static synchronized String idempotencyBodyKey(Path folder) {
        try {
            Files.createDirectories(folder);
            Path file = folder.resolve(IDEMPOTENCY_BODY_KEY_FILE);
            if (!Files.exists(file)) {
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                LocalTokenIssuer.writeAtomically(file, Base64.getEncoder().encodeToString(key) + "\n");
                try {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException e) {
                    // not a POSIX file system: the folder's own permissions guard it
                }
            }
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

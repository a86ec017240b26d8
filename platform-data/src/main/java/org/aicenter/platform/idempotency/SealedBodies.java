package org.aicenter.platform.idempotency;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Startup;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The stored answers of the idempotency store, sealed with AES-256-GCM: an answer can hold what
 * the API shows once and the database must not keep in clear (an enrolment's cancel token, people's
 * details). The key comes from {@code aic.idempotency.body-key} (32 bytes, base64); an answer sealed
 * with {@code aic.idempotency.previous-body-key} still opens while a key is being rotated (answers
 * live 24 hours). Outside tests and dev mode a service without a key does not start; in those two
 * a key is made for the run. Read at start, so a missing or malformed key stops the service there.
 */
@Startup
@Singleton
public class SealedBodies {

    static final String PREFIX = "v1:";
    private static final Logger LOG = Logger.getLogger(SealedBodies.class);
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKey current;
    private final List<SecretKey> readable = new ArrayList<>();

    @Inject
    SealedBodies(@ConfigProperty(name = "aic.idempotency.body-key") Optional<String> key,
                 @ConfigProperty(name = "aic.idempotency.previous-body-key") Optional<String> previous) {
        this(key.map(k -> decode("aic.idempotency.body-key", k)).orElseGet(SealedBodies::runKey),
                previous.map(k -> decode("aic.idempotency.previous-body-key", k)));
    }

    SealedBodies(SecretKey current, Optional<SecretKey> previous) {
        this.current = current;
        readable.add(current);
        previous.ifPresent(readable::add);
    }

    /** {@code v1:} and base64 of the random IV followed by the ciphertext and its tag. */
    public String seal(String body) {
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, current, new GCMParameterSpec(TAG_BITS, iv));
            byte[] sealed = cipher.doFinal(body.getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length)
                    .put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal an idempotent answer", e);
        }
    }

    /** The body, or empty when no key of this service opens it (sealed with a key since retired). */
    public Optional<String> open(String stored) {
        if (!stored.startsWith(PREFIX)) {
            return Optional.empty();
        }
        byte[] all = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
        for (SecretKey key : readable) {
            try {
                Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
                cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, IV_BYTES));
                return Optional.of(new String(cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES), StandardCharsets.UTF_8));
            } catch (AEADBadTagException e) {
                // another key sealed it; try the next one
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot open an idempotent answer", e);
            }
        }
        return Optional.empty();
    }

    static SecretKey decode(String property, String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(property + " is not base64", e);
        }
        if (bytes.length != 32) {
            throw new IllegalStateException(property + " must be 32 bytes (base64 of 32 random bytes, e.g. "
                    + "`openssl rand -base64 32`), not " + bytes.length);
        }
        return new SecretKeySpec(bytes, "AES");
    }

    private static SecretKey runKey() {
        LaunchMode mode = LaunchMode.current();
        if (mode != LaunchMode.TEST && mode != LaunchMode.DEVELOPMENT) {
            throw new IllegalStateException("aic.idempotency.body-key (AIC_IDEMPOTENCY_BODY_KEY) is not set: the key that "
                    + "seals the idempotency store's answers, 32 random bytes in base64 (`openssl rand -base64 32`), "
                    + "the same for every instance of the service");
        }
        LOG.warn("aic.idempotency.body-key is not set: sealing idempotent answers with a key made for this run");
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256, RANDOM);
            return generator.generateKey();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}

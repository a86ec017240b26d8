package org.aicenter.platform.tokens;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Signs RS256 tokens with a key pair kept in a local folder, made on first use. For local runs
 * and tests only: production verifies tokens of the real identity provider and never sees this key.
 */
public final class LocalTokenIssuer {

    public static final String ISSUER = "aic-local";
    /** The audience the platform's services and gateway expect ({@code JWT_AUDIENCE}); every token here names it. */
    public static final String AUDIENCE = "aic-platform";
    public static final String PRIVATE_KEY_FILE = "local-only-private-key.pem";
    public static final String PUBLIC_KEY_FILE = "local-only-public-key.pem";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrivateKey privateKey;
    private final Path publicKeyFile;

    private LocalTokenIssuer(PrivateKey privateKey, Path publicKeyFile) {
        this.privateKey = privateKey;
        this.publicKeyFile = publicKeyFile;
    }

    /** Loads the key pair in {@code folder}, making it first when it is not there. */
    public static synchronized LocalTokenIssuer inFolder(Path folder) {
        try {
            Files.createDirectories(folder);
            Path privateFile = folder.resolve(PRIVATE_KEY_FILE);
            Path publicFile = folder.resolve(PUBLIC_KEY_FILE);
            if (!Files.exists(privateFile) || !Files.exists(publicFile)) {
                KeyPair pair = generate();
                // The public key is for anyone (a container's user included); the private one for this user alone.
                writeAtomically(publicFile, pem("PUBLIC KEY", pair.getPublic().getEncoded()), "rw-r--r--");
                writeAtomically(privateFile, pem("PRIVATE KEY", pair.getPrivate().getEncoded()), "rw-------");
            }
            readableByAll(publicFile); // also a key made before public keys were written readable
            byte[] der = fromPem(Files.readString(privateFile));
            PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
            return new LocalTokenIssuer(key, publicFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The key pair already in {@code folder}, never made here: for a process that signs with the
     * launcher's key (the gateway's local sign-in) and must not invent one nobody trusts.
     */
    public static LocalTokenIssuer existingIn(Path folder) {
        Path privateFile = folder.resolve(PRIVATE_KEY_FILE);
        if (!Files.isRegularFile(privateFile)) {
            throw new IllegalStateException("no local-only key pair in " + folder + " (./aic up makes it)");
        }
        return inFolder(folder);
    }

    /** A throwaway issuer whose key no service trusts: for forged-token tests. */
    public static LocalTokenIssuer untrusted() {
        return new LocalTokenIssuer(generate().getPrivate(), null);
    }

    public Path publicKeyFile() {
        return publicKeyFile;
    }

    public String token(String subject, List<String> roles, Duration lifetime) {
        return token(subject, roles, Instant.now(), lifetime);
    }

    public String token(String subject, List<String> roles, Instant issuedAt, Duration lifetime) {
        return token(subject, roles, issuedAt, lifetime, AUDIENCE);
    }

    /** A token for {@code audience} (another application's, in a test of the audience check). */
    public String token(String subject, List<String> roles, Instant issuedAt, Duration lifetime, String audience) {
        Map<String, Object> header = Map.of("alg", "RS256", "typ", "JWT");
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", ISSUER);
        claims.put("aud", audience);
        claims.put("sub", subject);
        claims.put("upn", subject);
        claims.put("groups", roles);
        claims.put("iat", issuedAt.getEpochSecond());
        claims.put("exp", issuedAt.plus(lifetime).getEpochSecond());
        claims.put("jti", UUID.randomUUID().toString());
        try {
            String signingInput = base64Url(JSON.writeValueAsBytes(header)) + "." + base64Url(JSON.writeValueAsBytes(claims));
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(privateKey);
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + base64Url(rsa.sign());
        } catch (JsonProcessingException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
    }

    public static PublicKey readPublicKey(Path file) throws IOException, GeneralSecurityException {
        return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(fromPem(Files.readString(file))));
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void readableByAll(Path publicFile) throws IOException {
        if (Files.getFileStore(publicFile).supportsFileAttributeView(PosixFileAttributeView.class)) {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(publicFile);
            if (permissions.add(PosixFilePermission.GROUP_READ)
                    | permissions.add(PosixFilePermission.OTHERS_READ)) {
                Files.setPosixFilePermissions(publicFile, permissions);
            }
        }
    }

    /** A secret: readable and writable by its owner alone. */
    static void writeAtomically(Path file, String content) throws IOException {
        writeAtomically(file, content, "rw-------");
    }

    static void writeAtomically(Path file, String content, String permissions) throws IOException {
        Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        Files.writeString(temp, content);
        if (Files.getFileStore(temp).supportsFileAttributeView(PosixFileAttributeView.class)) {
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString(permissions));
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    private static byte[] fromPem(String pem) {
        return Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}

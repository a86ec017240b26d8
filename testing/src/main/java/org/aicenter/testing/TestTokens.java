package org.aicenter.testing;

import org.aicenter.platform.tokens.LocalTokenIssuer;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Bearer tokens for tests, signed with the local-only test key that {@link PostgresResource} makes services trust. */
public final class TestTokens {

    static final Path KEY_FOLDER = Path.of("target", "local-only-test-keys").toAbsolutePath();

    private TestTokens() {
    }

    static LocalTokenIssuer issuer() {
        return LocalTokenIssuer.inFolder(KEY_FOLDER);
    }

    /** {@code Bearer <token>} for a user named {@code <role>-user} holding {@code role}. */
    public static String bearer(String role) {
        return bearer(role + "-user", role);
    }

    public static String bearer(String subject, String... roles) {
        return "Bearer " + issuer().token(subject, List.of(roles), Duration.ofHours(1));
    }

    /** A token of {@code subject} with {@code roles} that expires {@code lifetime} from now. */
    public static String lasting(Duration lifetime, String subject, String... roles) {
        return "Bearer " + issuer().token(subject, List.of(roles), lifetime);
    }

    /** {@code bearer} with one character of its signature changed: the same claims, a signature no key made. */
    public static String resigned(String bearer) {
        int at = bearer.length() - 2; // not the last character, whose low bits base64url may not use
        char changed = bearer.charAt(at) == 'A' ? 'B' : 'A';
        return bearer.substring(0, at) + changed + bearer.substring(at + 1);
    }

    /** A token like {@link #bearer(String)} but for another application's audience. */
    public static String forAudience(String audience, String role) {
        return "Bearer " + issuer().token(role + "-user", List.of(role), Instant.now(), Duration.ofHours(1), audience);
    }

    public static String expired(String role) {
        return "Bearer " + issuer().token(role + "-user", List.of(role), Instant.now().minus(Duration.ofHours(2)),
                Duration.ofHours(1));
    }

    /** Signed by a key no service trusts. */
    public static String forged(String role) {
        return "Bearer " + LocalTokenIssuer.untrusted().token(role + "-user", List.of(role), Duration.ofHours(1));
    }
}

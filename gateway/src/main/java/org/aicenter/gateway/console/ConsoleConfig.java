package org.aicenter.gateway.console;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.util.Optional;

/**
 * How the console signs people in. Production names an OpenID Connect provider
 * ({@code AIC_CONSOLE_OIDC_ISSUER}, {@code AIC_CONSOLE_OIDC_CLIENT_ID}); the local stack's launcher
 * turns on the local-only token issuer instead, which is off unless configured so.
 */
@ConfigMapping(prefix = "aic.console")
public interface ConsoleConfig {

    LocalTokens localTokens();

    Oidc oidc();

    interface LocalTokens {
        /** Sign tokens for a chosen role with the local-only key: for ./aic up only, never in production. */
        @WithDefault("false")
        boolean enabled();

        /** The folder of the local-only key pair (the launcher's data folder); the key is read there, never copied. */
        Optional<Path> keysDir();
    }

    interface Oidc {
        /** The identity provider's issuer URL, whose /.well-known/openid-configuration the console reads. */
        Optional<String> issuer();

        /** The console's public client id at that provider (authorization code with PKCE, no secret). */
        Optional<String> clientId();

        @WithDefault("openid profile")
        String scope();
    }
}

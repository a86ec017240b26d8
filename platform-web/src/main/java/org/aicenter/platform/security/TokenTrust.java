package org.aicenter.platform.security;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whose tokens an application trusts has no default: the issuer, the audience (the platform's
 * name in the identity provider) and the key are named by the deployment, or the application
 * refuses to start and says which is missing. A default would mean trusting whatever a
 * forgotten setting happens to point at.
 */
@ApplicationScoped
public class TokenTrust {

    /** Each required property, in the order they are reported, and what it is. */
    static final Map<String, String> REQUIRED = new LinkedHashMap<>();

    static {
        REQUIRED.put("mp.jwt.verify.issuer", "the issuer (iss) of the identity provider's tokens");
        REQUIRED.put("mp.jwt.verify.audiences", "the audience (aud) tokens must name: this platform");
        REQUIRED.put("mp.jwt.verify.publickey.location", "where the identity provider's public keys are (a PEM file or a JWKS URL)");
    }

    void check(@Observes StartupEvent started) {
        List<String> missing = missing(ConfigProvider.getConfig());
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Refusing to start: the token trust is not configured. Missing: "
                    + String.join("; ", missing));
        }
    }

    public static List<String> missing(Config config) {
        List<String> missing = new ArrayList<>();
        REQUIRED.forEach((property, about) -> {
            if (config.getOptionalValue(property, String.class).filter(v -> !v.isBlank()).isEmpty()) {
                missing.add(TokenTrustVariables.VARIABLES.get(property) + " (" + property + "), " + about);
            }
        });
        return missing;
    }
}

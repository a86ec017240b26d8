package org.aicenter.platform.security;

import org.eclipse.microprofile.config.spi.ConfigSource;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code JWT_ISSUER}, {@code JWT_AUDIENCE} and {@code JWT_PUBLIC_KEY_LOCATION} as the MicroProfile
 * JWT properties they set, and only when they are set: an unset one leaves its property unset
 * (not empty), so that {@link TokenTrust} can name every missing one at start instead of the
 * first injection point failing on an empty value. Above application.properties, below the
 * environment's own {@code MP_JWT_*} and system properties.
 */
public class TokenTrustVariables implements ConfigSource {

    /** Property, and the environment variable that sets it. */
    static final Map<String, String> VARIABLES = Map.of(
            "mp.jwt.verify.issuer", "JWT_ISSUER",
            "mp.jwt.verify.audiences", "JWT_AUDIENCE",
            "mp.jwt.verify.publickey.location", "JWT_PUBLIC_KEY_LOCATION");

    private final Map<String, String> properties = read();

    private static Map<String, String> read() {
        Map<String, String> properties = new LinkedHashMap<>();
        VARIABLES.forEach((property, variable) -> {
            String value = System.getenv(variable);
            if (value != null && !value.isBlank()) {
                properties.put(property, value.trim());
            }
        });
        return Map.copyOf(properties);
    }

    @Override
    public Map<String, String> getProperties() {
        return properties;
    }

    @Override
    public Set<String> getPropertyNames() {
        return properties.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return properties.get(propertyName);
    }

    @Override
    public String getName() {
        return "JWT_ISSUER, JWT_AUDIENCE, JWT_PUBLIC_KEY_LOCATION";
    }

    @Override
    public int getOrdinal() {
        return 275;
    }
}

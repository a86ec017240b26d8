package org.aicenter.platform.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Who is making the request: the token's subject, never a name from the body. */
@RequestScoped
public class Actor {

    public static final String ANONYMOUS = "anonymous";

    @Inject
    SecurityIdentity identity;

    public String subject() {
        if (identity == null || identity.isAnonymous()) {
            return ANONYMOUS;
        }
        if (identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getSubject() != null) {
            return jwt.getSubject();
        }
        return identity.getPrincipal().getName();
    }

    public boolean hasRole(String role) {
        return identity != null && identity.hasRole(role);
    }
}

package org.aicenter.platform.security;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.aicenter.platform.tokens.Roles;

import java.util.Set;

/**
 * Grants {@link Roles#ANY} to every identity that holds one of the platform's roles, so a read
 * open to all of them is {@code @RolesAllowed(Roles.ANY)}. A token that names {@code ANY} itself
 * gets nothing from it: the name is taken out, and only the platform grants it.
 */
@ApplicationScoped
public class PlatformRoles implements SecurityIdentityAugmentor {

    private static final Set<String> PLATFORM = Set.of(Roles.ALL);

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous()) {
            return Uni.createFrom().item(identity);
        }
        boolean platform = identity.getRoles().stream().anyMatch(PLATFORM::contains);
        boolean claimed = identity.getRoles().contains(Roles.ANY);
        if (!claimed) {
            return Uni.createFrom().item(platform ? QuarkusSecurityIdentity.builder(identity).addRole(Roles.ANY).build()
                    : identity);
        }
        QuarkusSecurityIdentity.Builder rebuilt = QuarkusSecurityIdentity.builder()
                .setPrincipal(identity.getPrincipal())
                .addCredentials(identity.getCredentials())
                .addAttributes(identity.getAttributes());
        identity.getRoles().stream().filter(role -> !role.equals(Roles.ANY)).forEach(rebuilt::addRole);
        if (platform) {
            rebuilt.addRole(Roles.ANY);
        }
        return Uni.createFrom().item(rebuilt.build());
    }
}

package org.aicenter.platform.openapi;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.aicenter.platform.tokens.Roles;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The contract names the roles a token may carry: an operation open to {@link Roles#ANY} lists
 * the platform's six roles instead, as clients and identity providers know them.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class RoleScopes implements OASFilter {

    @Override
    public Operation filterOperation(Operation operation) {
        if (operation.getSecurity() == null) {
            return operation;
        }
        for (SecurityRequirement requirement : operation.getSecurity()) {
            if (requirement.getSchemes() == null) {
                continue;
            }
            for (Map.Entry<String, List<String>> scheme : Map.copyOf(requirement.getSchemes()).entrySet()) {
                List<String> roles = scheme.getValue();
                if (roles != null && roles.contains(Roles.ANY)) {
                    List<String> named = new ArrayList<>(roles);
                    named.remove(Roles.ANY);
                    for (String role : Roles.ALL) {
                        if (!named.contains(role)) {
                            named.add(role);
                        }
                    }
                    requirement.addScheme(scheme.getKey(), named);
                }
            }
        }
        return operation;
    }
}

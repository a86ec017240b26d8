package org.aicenter.platform.tokens;

/**
 * The role names tokens carry in their {@code groups} claim, and {@link #ANY}, which no token
 * carries: it is granted to every identity holding one of them, so a read open to every role is
 * {@code @RolesAllowed(Roles.ANY)} rather than the six names again.
 */
public final class Roles {

    public static final String ADMIN = "admin";
    public static final String PARTNER_MANAGER = "partner-manager";
    public static final String PROJECT_MANAGER = "project-manager";
    public static final String TRAINING_COORDINATOR = "training-coordinator";
    public static final String VIEWER = "viewer";
    public static final String INTEGRATOR = "integrator";

    public static final String[] ALL = {ADMIN, PARTNER_MANAGER, PROJECT_MANAGER, TRAINING_COORDINATOR, VIEWER, INTEGRATOR};

    /**
     * Any one of {@link #ALL}: what every read asks for. Granted by the platform (platform-web's
     * {@code PlatformRoles}) from the roles above, never taken from a token; the contract lists
     * the six roles in its place.
     */
    public static final String ANY = "aic:any-platform-role";

    private Roles() {
    }
}

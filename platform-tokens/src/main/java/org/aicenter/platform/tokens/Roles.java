package org.aicenter.platform.tokens;

/** The role names tokens carry in their {@code groups} claim. */
public final class Roles {

    public static final String ADMIN = "admin";
    public static final String PARTNER_MANAGER = "partner-manager";
    public static final String PROJECT_MANAGER = "project-manager";
    public static final String TRAINING_COORDINATOR = "training-coordinator";
    public static final String VIEWER = "viewer";
    public static final String INTEGRATOR = "integrator";

    public static final String[] ALL = {ADMIN, PARTNER_MANAGER, PROJECT_MANAGER, TRAINING_COORDINATOR, VIEWER, INTEGRATOR};

    private Roles() {
    }
}

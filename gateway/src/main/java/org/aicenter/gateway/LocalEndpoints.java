package org.aicenter.gateway;

/**
 * Paths the gateway answers itself. Some sit below a service's prefix (a partner's overview is
 * under /api/v1/partners), so the proxy must let them through to the gateway's own resources.
 * Checked on every request, hence plain string tests rather than patterns.
 */
public final class LocalEndpoints {

    public static final String DASHBOARD = "/api/v1/dashboard";
    private static final String PARTNERS = "/api/v1/partners/";
    private static final String OVERVIEW = "/overview";

    private LocalEndpoints() {
    }

    public static boolean served(String path) {
        return partnerOverview(path) || dashboard(path);
    }

    /** Route name for metrics, or null when the path is not one of the gateway's views. */
    public static String routeOf(String path) {
        if (partnerOverview(path)) {
            return "partner-overview";
        }
        if (dashboard(path)) {
            return "dashboard-summary";
        }
        return null;
    }

    /** Health, metrics, OpenAPI and the docs: public, never rate limited nor token-checked at the edge. */
    public static boolean operational(String path) {
        return path.startsWith("/q/") || path.equals("/q") || path.equals("/") || path.equals("/openapi")
                || path.equals("/swagger-ui") || path.startsWith("/swagger-ui/") || path.equals("/favicon.ico");
    }

    /** {@code /api/v1/partners/{id}/overview}, with or without a trailing slash: one id segment, no copies made. */
    private static boolean partnerOverview(String path) {
        if (!path.startsWith(PARTNERS)) {
            return false;
        }
        int end = path.endsWith("/") ? path.length() - 1 : path.length();
        int overview = end - OVERVIEW.length();
        return overview > PARTNERS.length() && path.startsWith(OVERVIEW, overview)
                && path.indexOf('/', PARTNERS.length()) == overview;
    }

    private static boolean dashboard(String path) {
        return path.equals(DASHBOARD) || path.startsWith(DASHBOARD + "/");
    }
}

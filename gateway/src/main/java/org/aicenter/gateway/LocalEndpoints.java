package org.aicenter.gateway;

import java.util.regex.Pattern;

/**
 * Paths the gateway answers itself. Some sit below a service's prefix (a partner's overview is
 * under /api/v1/partners), so the proxy must let them through to the gateway's own resources.
 */
public final class LocalEndpoints {

    public static final String DASHBOARD_SUMMARY = "/api/v1/dashboard/summary";
    private static final Pattern PARTNER_OVERVIEW = Pattern.compile("/api/v1/partners/[^/]+/overview/?");
    private static final Pattern DASHBOARD = Pattern.compile("/api/v1/dashboard(/.*)?");

    private LocalEndpoints() {
    }

    public static boolean served(String path) {
        return PARTNER_OVERVIEW.matcher(path).matches() || DASHBOARD.matcher(path).matches();
    }

    /** Route name for metrics, or null when the path is not one of the gateway's views. */
    public static String routeOf(String path) {
        if (PARTNER_OVERVIEW.matcher(path).matches()) {
            return "partner-overview";
        }
        if (DASHBOARD.matcher(path).matches()) {
            return "dashboard-summary";
        }
        return null;
    }

    /** Health, metrics, OpenAPI and the docs: public, never rate limited nor token-checked at the edge. */
    public static boolean operational(String path) {
        return path.startsWith("/q/") || path.equals("/q") || path.equals("/") || path.equals("/openapi")
                || path.equals("/swagger-ui") || path.startsWith("/swagger-ui/") || path.equals("/favicon.ico");
    }
}

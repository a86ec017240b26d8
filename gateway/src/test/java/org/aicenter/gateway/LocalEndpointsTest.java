package org.aicenter.gateway;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalEndpointsTest {

    @Test
    void onlyTheViewsAreKeptFromTheServices() {
        assertTrue(LocalEndpoints.served("/api/v1/partners/6f1c2f3e-0000-4000-8000-000000000001/overview"));
        assertTrue(LocalEndpoints.served("/api/v1/partners/x/overview/"));
        assertTrue(LocalEndpoints.served("/api/v1/dashboard/summary"));
        assertFalse(LocalEndpoints.served("/api/v1/partners/overview"), "a partner whose id is 'overview' belongs to partner-service");
        assertFalse(LocalEndpoints.served("/api/v1/partners/x/overview/more"));
        assertFalse(LocalEndpoints.served("/api/v1/partners/x/history"));
        assertFalse(LocalEndpoints.served("/api/v1/partners"));
        assertFalse(LocalEndpoints.served("/api/v1/dashboards"));
    }

    @Test
    void routeNamesForMetrics() {
        assertEquals("partner-overview", LocalEndpoints.routeOf("/api/v1/partners/1/overview"));
        assertEquals("dashboard-summary", LocalEndpoints.routeOf("/api/v1/dashboard/summary"));
        assertNull(LocalEndpoints.routeOf("/api/v1/projects"));
    }

    @Test
    void operationalPathsAreExempt() {
        assertTrue(LocalEndpoints.operational("/q/health/ready"));
        assertTrue(LocalEndpoints.operational("/openapi"));
        assertTrue(LocalEndpoints.operational("/swagger-ui/index.html"));
        assertTrue(LocalEndpoints.operational("/"));
        assertFalse(LocalEndpoints.operational("/api/v1/partners"));
        assertFalse(LocalEndpoints.operational("/openapi/x"));
    }
}

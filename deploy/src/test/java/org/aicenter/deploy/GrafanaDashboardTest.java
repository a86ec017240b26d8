package org.aicenter.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * deploy/grafana/aic-platform.json imports as a dashboard: unique panel ids, panels that fit the
 * 24-column grid without overlapping, every query on the dashboard's Prometheus data source and
 * every variable it uses defined. (That the metrics it reads are published is checked by the
 * gateway's OperationsTest and project-service's PartnerCheckTest, against running applications.)
 */
class GrafanaDashboardTest {

    private static final Pattern VARIABLE = Pattern.compile("\\$(\\w+)");

    @Test
    void theDashboardHangsTogether() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(Repository.GRAFANA.resolve("aic-platform.json").toFile());
        assertEquals("aic-platform", dashboard.path("uid").asText(), "a fixed uid, so links and provisioning find it");
        Set<String> variables = new HashSet<>(Set.of("__rate_interval", "__interval", "__all"));
        dashboard.path("templating").path("list").forEach(v -> variables.add(v.path("name").asText()));
        assertTrue(variables.contains("datasource"), "the Prometheus data source is chosen, not fixed");
        Set<Integer> ids = new HashSet<>();
        Set<String> cells = new HashSet<>();
        int queries = 0;
        for (JsonNode panel : dashboard.path("panels")) {
            String title = panel.path("title").asText();
            assertTrue(ids.add(panel.path("id").asInt()), "panel ids are unique: " + title);
            JsonNode grid = panel.path("gridPos");
            int x = grid.path("x").asInt(), y = grid.path("y").asInt(), w = grid.path("w").asInt(), h = grid.path("h").asInt();
            assertTrue(w > 0 && h > 0 && x >= 0 && x + w <= 24, title + " fits the grid");
            for (int i = x; i < x + w; i++) {
                for (int j = y; j < y + h; j++) {
                    assertTrue(cells.add(i + "," + j), title + " overlaps another panel at " + i + "," + j);
                }
            }
            if (panel.path("type").asText().equals("row")) {
                continue;
            }
            assertEquals("${datasource}", panel.path("datasource").path("uid").asText(), title + " reads the chosen data source");
            assertTrue(panel.path("targets").size() > 0, title + " has a query");
            for (JsonNode target : panel.path("targets")) {
                String expr = target.path("expr").asText();
                assertFalse(expr.isBlank(), title + " has an empty query");
                Matcher used = VARIABLE.matcher(expr);
                while (used.find()) {
                    assertTrue(variables.contains(used.group(1)), title + " uses $" + used.group(1) + ", which is not defined");
                }
                queries++;
            }
        }
        assertTrue(queries >= 10, "the dashboard covers the gateway, the services, partner checks and the JVMs: " + queries + " queries");
    }
}

package org.aicenter.systemtests;

import org.aicenter.local.ServiceInstance;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How many API requests each instance of a service has answered, from its own metrics
 * ({@code http_server_requests_seconds_count} on its management interface): which replicas
 * served a stretch of traffic, told by the difference of two readings.
 */
public final class Served {

    private static final String METRIC = "http_server_requests_seconds_count{";

    private Served() {
    }

    /** By instance name ({@code project-service}, {@code project-service-2}): the API requests it has answered so far. */
    public static Map<String, Long> byInstance(RunningSystem system, String module) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (ServiceInstance instance : system.instancesOf(module)) {
            Http.Reply metrics = new Http(instance.managementUrl(), Duration.ofSeconds(10)).get("/q/metrics", null);
            counts.put(instance.name(), metrics.status() == 200 ? apiRequests(metrics.body()) : -1L);
        }
        return counts;
    }

    /** What each instance answered between two readings of {@link #byInstance}. */
    public static Map<String, Long> since(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> difference = new LinkedHashMap<>();
        after.forEach((name, count) -> difference.put(name, count - before.getOrDefault(name, 0L)));
        return difference;
    }

    /** The sum over the metric's series whose {@code uri} is under {@code /api/}, in Prometheus's text format. */
    static long apiRequests(String prometheusText) {
        double total = 0;
        for (String line : prometheusText.split("\n")) {
            if (line.startsWith(METRIC) && line.contains("uri=\"/api/")) {
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return Math.round(total);
    }
}

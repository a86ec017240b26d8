package org.aicenter.notification.feed;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The event types the platform's feeds publish, and which feed publishes each thing. */
public final class EventTypes {

    public static final Map<String, List<String>> THINGS_BY_FEED = Map.of(
            "partner", List.of("partner"),
            "project", List.of("project", "milestone", "outcome"),
            "training", List.of("programme", "session", "enrolment"));
    public static final List<String> CHANGES = List.of("created", "updated", "status-changed", "deleted");
    public static final List<String> ALL = all();

    private EventTypes() {
    }

    public static boolean known(String type) {
        return ALL.contains(type);
    }

    /** The feed that publishes {@code type}. */
    public static String feedOf(String type) {
        String thing = type.substring("org.aicenter.".length(), type.lastIndexOf('.'));
        return THINGS_BY_FEED.entrySet().stream().filter(e -> e.getValue().contains(thing))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
    }

    private static List<String> all() {
        List<String> types = new ArrayList<>();
        for (String feed : List.of("partner", "project", "training")) {
            for (String thing : THINGS_BY_FEED.get(feed)) {
                for (String change : CHANGES) {
                    types.add("org.aicenter." + thing + "." + change);
                }
            }
        }
        return List.copyOf(types);
    }
}

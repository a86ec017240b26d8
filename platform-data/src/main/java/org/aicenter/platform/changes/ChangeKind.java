package org.aicenter.platform.changes;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * A kind of resource that has events in its service's change feed: its thing (the middle of the
 * event type, {@code org.aicenter.<thing>.<action>}) and its collection, the event's {@code source}.
 * A sub-resource's collection names its parent: {@code /api/v1/projects/{parent}/milestones}.
 */
public record ChangeKind(String thing, String collection) {

    public static final String PREFIX = "org.aicenter.";
    private static final String PARENT = "{parent}";

    public static ChangeKind of(String thing, String collection) {
        return new ChangeKind(thing, collection);
    }

    /** The event's source: the collection, with the parent's id in it for a sub-resource. */
    public String source(UUID parent) {
        if (collection.contains(PARENT)) {
            if (parent == null) {
                throw new IllegalArgumentException(thing + " events need their parent's id");
            }
            return collection.replace(PARENT, parent.toString());
        }
        return collection;
    }

    public String type(ChangeAction action) {
        return PREFIX + thing + "." + action.slug();
    }

    /** Every type this kind's events can have, for a feed's {@code types} filter and its contract. */
    public List<String> types() {
        return Arrays.stream(ChangeAction.values()).map(this::type).toList();
    }
}

package org.aicenter.platform.changes;

/** What happened to a resource: the last part of its event type. */
public enum ChangeAction {
    CREATED("created"),
    UPDATED("updated"),
    STATUS_CHANGED("status-changed"),
    DELETED("deleted");

    private final String slug;

    ChangeAction(String slug) {
        this.slug = slug;
    }

    public String slug() {
        return slug;
    }
}

package org.aicenter.training.programme;

/** How a programme is delivered; IN_PERSON and HYBRID happen somewhere, so they need a location. */
public enum Format {
    IN_PERSON, ONLINE, HYBRID;

    public boolean needsLocation() {
        return this != ONLINE;
    }
}

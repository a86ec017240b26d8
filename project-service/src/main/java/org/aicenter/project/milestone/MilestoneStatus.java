package org.aicenter.project.milestone;

public enum MilestoneStatus {
    PLANNED, IN_PROGRESS, DONE, MISSED;

    /** DONE and MISSED are settled; a project completes only when every milestone is. */
    public boolean isOpen() {
        return this == PLANNED || this == IN_PROGRESS;
    }
}

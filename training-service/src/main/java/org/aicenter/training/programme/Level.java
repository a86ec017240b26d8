package org.aicenter.training.programme;

/** Who a programme is for. */
public enum Level {
    BEGINNER, INTERMEDIATE, ADVANCED
}

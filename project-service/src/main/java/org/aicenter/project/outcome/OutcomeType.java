package org.aicenter.project.outcome;

public enum OutcomeType {
    PAPER, PATENT, PRODUCT_TRANSFER, DEMONSTRATION, DATASET, OPEN_SOURCE
}

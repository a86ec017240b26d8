package org.aicenter.training.programme;

/** What a programme teaches. */
public enum Topic {
    AI_FUNDAMENTALS, MACHINE_LEARNING, DEEP_LEARNING, COMPUTER_VISION, NLP, CLOUD_AI_PLATFORM,
    DATA_ENGINEERING, AI_FOR_GOVERNMENT, RESPONSIBLE_AI
}

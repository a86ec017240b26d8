package org.aicenter.notification.webhook;

/** ACTIVE receives deliveries; DISABLED (by the receiver's 410, days of failures, or by hand) keeps what is queued. */
public enum SubscriptionStatus {
    ACTIVE, DISABLED
}

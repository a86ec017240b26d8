package org.aicenter.notification.delivery;

/** PENDING until a 2xx (DELIVERED); a redelivery by hand makes a DELIVERED one PENDING again. */
public enum DeliveryStatus {
    PENDING, DELIVERED
}

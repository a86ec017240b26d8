package org.aicenter.notification.delivery;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One POST to a receiver and what came of it. */
@Entity
@Table(name = "delivery_attempts")
public class DeliveryAttempt extends PanacheEntityBase {

    @Id
    public UUID id;
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "delivery_id")
    public Delivery delivery;
    @Column(nullable = false)
    public Instant at;
    /** DELIVERED, FAILED, GONE (the receiver's 410) or REFUSED (the target resolved inside the network). */
    @Column(nullable = false)
    public String outcome;
    @Column(name = "response_code")
    public Integer responseCode;
    @Column(name = "duration_ms", nullable = false)
    public long durationMs;
    public String error;
    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;
}

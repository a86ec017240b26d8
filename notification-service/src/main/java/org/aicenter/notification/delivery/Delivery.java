package org.aicenter.notification.delivery;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** One event for one subscription, with every attempt to send it. */
@Entity
@Table(name = "deliveries")
public class Delivery extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "subscription_id", nullable = false)
    public UUID subscriptionId;
    @Column(name = "event_id", nullable = false)
    public String eventId;
    @Column(nullable = false)
    public long seq;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public DeliveryStatus status;
    @Column(nullable = false)
    public int attempts;
    @Column(name = "next_attempt_at", nullable = false)
    public Instant nextAttemptAt;
    @Column(name = "first_failed_at")
    public Instant firstFailedAt;
    @Column(name = "delivered_at")
    public Instant deliveredAt;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @OneToMany(mappedBy = "delivery")
    @OrderBy("at")
    public List<DeliveryAttempt> tries = new ArrayList<>();
}

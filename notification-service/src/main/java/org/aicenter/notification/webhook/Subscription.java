package org.aicenter.notification.webhook;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import org.aicenter.platform.persistence.AuditedEntity;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.List;

/** A webhook subscription: where to POST which event types, and the sealed secrets that sign them. */
@Entity
@Table(name = "subscriptions")
public class Subscription extends AuditedEntity {

    @Column(nullable = false)
    public String url;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    public String[] types = new String[0];

    public String description;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public SubscriptionStatus status = SubscriptionStatus.ACTIVE;

    @Column(name = "disabled_reason")
    public String disabledReason;

    /** Set when a feed's cursor expired and events this subscription may have wanted were never read. */
    @Column(name = "events_lost_at")
    public Instant eventsLostAt;

    @Column(name = "secret_sealed", nullable = false)
    public String secretSealed;

    @Column(name = "previous_secret_sealed")
    public String previousSecretSealed;

    @Column(name = "previous_secret_until")
    public Instant previousSecretUntil;

    public List<String> typeList() {
        return List.of(types);
    }

    public void disable(String reason) {
        status = SubscriptionStatus.DISABLED;
        disabledReason = reason;
    }
}

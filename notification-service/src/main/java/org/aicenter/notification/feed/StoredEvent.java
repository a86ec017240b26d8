package org.aicenter.notification.feed;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** An event read from a feed, kept once: the body every subscription receives, byte for byte. */
@Entity
@Table(name = "events")
public class StoredEvent extends PanacheEntityBase {

    @Id
    public String id;
    @Column(nullable = false, insertable = false, updatable = false)
    public long seq;
    @Column(nullable = false)
    public String type;
    @Column(nullable = false)
    public String body;
    @Column(name = "read_at", nullable = false)
    public Instant readAt;
}

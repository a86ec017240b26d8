package org.aicenter.notification.mail;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A mail to a participant, one per (event, kind). */
@Entity
@Table(name = "mails")
public class Mail extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "event_id", nullable = false)
    public String eventId;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public MailKind kind;
    @Column(nullable = false)
    public String recipient;
    @Column(name = "recipient_name", nullable = false)
    public String recipientName;
    @Column(name = "programme_id", nullable = false)
    public UUID programmeId;
    @Column(name = "programme_title", nullable = false)
    public String programmeTitle;
    @Column(name = "programme_code")
    public String programmeCode;
    @Column(name = "certificate_code")
    public String certificateCode;
    public String language;
    public String subject;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public MailStatus status;
    @Column(nullable = false)
    public int attempts;
    @Column(name = "next_attempt_at", nullable = false)
    public Instant nextAttemptAt;
    public String error;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "sent_at")
    public Instant sentAt;
}

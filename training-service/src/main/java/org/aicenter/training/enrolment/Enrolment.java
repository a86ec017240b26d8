package org.aicenter.training.enrolment;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.aicenter.platform.persistence.AuditedEntity;
import org.aicenter.training.programme.Programme;

import java.time.Instant;
import java.util.UUID;

/** One person's enrolment in a programme: a seat, a place on the waitlist, or how it ended. */
@Entity
@Table(name = "enrolments")
public class Enrolment extends AuditedEntity {

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "programme_id", nullable = false, updatable = false)
    public Programme programme;

    @Column(name = "programme_id", insertable = false, updatable = false)
    public UUID programmeId;

    @Column(name = "participant_name", nullable = false, length = 200)
    public String name;

    @Column(name = "participant_email", nullable = false, length = 320)
    public String email;

    @Column(name = "participant_organisation", nullable = false, length = 300)
    public String organisation;

    @Column(name = "participant_partner_id")
    public UUID partnerId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public EnrolmentStatus status;

    @Column(name = "waitlist_position")
    public Integer waitlistPosition;

    @Column(name = "certificate_code", length = 24)
    public String certificateCode;

    /** SHA-256 of the participant's cancellation token; the token itself is never stored. */
    @Column(name = "cancel_token_hash", nullable = false, length = 64)
    public String cancelTokenHash;

    @Column(name = "enrolled_at")
    public Instant enrolledAt;

    @Column(name = "completed_at")
    public Instant completedAt;

    @Column(name = "cancelled_at")
    public Instant cancelledAt;
}

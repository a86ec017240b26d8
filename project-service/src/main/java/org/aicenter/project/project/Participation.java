package org.aicenter.project.project;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

import java.util.UUID;

/** A partner taking part in a project (row of project_participants). */
@Embeddable
public class Participation {

    @Column(name = "partner_id", nullable = false)
    public UUID partnerId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ParticipantRole role;

    protected Participation() {
    }

    public Participation(UUID partnerId, ParticipantRole role) {
        this.partnerId = partnerId;
        this.role = role;
    }
}

package org.aicenter.project.project;

import jakarta.validation.constraints.NotNull;

import java.util.UUID;

/** A partner taking part in a project and its role; the lead partner has role LEAD. */
public record ProjectParticipant(@NotNull UUID partnerId, @NotNull ParticipantRole role) {

    static ProjectParticipant of(Participation participation) {
        return new ProjectParticipant(participation.partnerId, participation.role);
    }
}

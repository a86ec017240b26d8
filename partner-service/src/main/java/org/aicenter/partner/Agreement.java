package org.aicenter.partner;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;

/** A signed agreement; expiresOn, when given, is after signedOn. */
public record Agreement(
        @NotNull AgreementType type,
        @NotBlank @Size(max = 300) String title,
        @NotNull LocalDate signedOn,
        @Schema(nullable = true) LocalDate expiresOn) {

    /** In force from the day it was signed through the day it expires (open-ended without expiresOn). */
    public boolean inForceOn(LocalDate day) {
        return !signedOn.isAfter(day) && (expiresOn == null || !expiresOn.isBefore(day));
    }
}

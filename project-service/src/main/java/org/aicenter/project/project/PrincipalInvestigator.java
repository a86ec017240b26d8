package org.aicenter.project.project;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The researcher who leads the work. */
public record PrincipalInvestigator(
        @NotBlank @Size(max = 200) String name,
        @Email @Size(max = 254) @Schema(nullable = true) String email,
        @Size(max = 300) @Schema(nullable = true) String affiliation) {

    static PrincipalInvestigator of(Project project) {
        return project.piName == null ? null
                : new PrincipalInvestigator(project.piName, project.piEmail, project.piAffiliation);
    }
}

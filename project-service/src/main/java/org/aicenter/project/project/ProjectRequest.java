package org.aicenter.project.project;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.aicenter.project.milestone.MilestoneRequest;
import org.aicenter.project.outcome.OutcomeRequest;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * What a client writes of a project (POST, PUT, and the document a PATCH merges into). The
 * server makes id, code, status and the audit fields; status changes only by a transition.
 */
@Schema(name = "ProjectRequest")
public record ProjectRequest(
        @NotBlank @Size(max = 300) @Schema(required = true, examples = "城市大脑视觉感知联合研究") String title,
        @Size(max = 10_000) String summary,
        @NotNull @Schema(required = true) ResearchArea researchArea,
        LocalDate startDate,
        @Schema(description = "on or after startDate") LocalDate endDate,
        @Valid Money budget,
        @NotNull @Schema(required = true, description = "an existing partner that has not ENDED") UUID leadPartnerId,
        @Size(max = 50) @Schema(description = "each partner at most once; the lead is added with role LEAD when "
                + "missing, and only the lead may have role LEAD")
        List<@NotNull @Valid ProjectParticipant> participants,
        @Valid PrincipalInvestigator principalInvestigator,
        @Size(max = 20) @Schema(description = "short labels, stored trimmed and lower-cased, each once; answered sorted")
        List<@NotBlank @Size(max = 40) String> tags,
        @Size(max = 200) @Schema(description = "on create only; afterwards use /milestones")
        List<@NotNull @Valid MilestoneRequest> milestones,
        @Size(max = 200) @Schema(description = "on create only; afterwards use /outcomes")
        List<@NotNull @Valid OutcomeRequest> outcomes) {

    /** The project as a request, for PATCH to merge into (milestones and outcomes have their own resources). */
    static ProjectRequest of(Project p) {
        return new ProjectRequest(p.title, p.summary, p.researchArea, p.startDate, p.endDate,
                Money.of(p.budgetAmount, p.budgetCurrency), p.leadPartnerId,
                p.participants.stream().map(ProjectParticipant::of).toList(),
                PrincipalInvestigator.of(p), p.tags.stream().sorted().toList(), null, null);
    }
}

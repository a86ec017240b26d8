package org.aicenter.project.project;

import org.aicenter.platform.concurrency.Versioned;
import org.aicenter.project.milestone.MilestoneView;
import org.aicenter.project.outcome.OutcomeView;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

@Schema(name = "Project")
public record ProjectView(
        UUID id,
        @Schema(examples = "AIC-2026-0042", description = "made by the server: AIC-<year>-<sequence of the year>") String code,
        String title,
        @Schema(nullable = true) String summary,
        ResearchArea researchArea,
        ProjectStatus status,
        @Schema(nullable = true) LocalDate startDate,
        @Schema(nullable = true) LocalDate endDate,
        @Schema(nullable = true) Money budget,
        UUID leadPartnerId,
        List<ProjectParticipant> participants,
        @Schema(nullable = true) PrincipalInvestigator principalInvestigator,
        List<MilestoneView> milestones,
        List<OutcomeView> outcomes,
        List<String> tags,
        Instant createdAt,
        Instant updatedAt,
        String createdBy,
        String updatedBy,
        long version) implements Versioned {

    public static ProjectView of(Project p) {
        return new ProjectView(p.id, p.code, p.title, p.summary, p.researchArea, p.status, p.startDate, p.endDate,
                Money.of(p.budgetAmount, p.budgetCurrency), p.leadPartnerId,
                p.participants.stream().map(ProjectParticipant::of).toList(),
                PrincipalInvestigator.of(p),
                p.milestones.stream().map(MilestoneView::of).toList(),
                p.outcomes.stream().map(OutcomeView::of).toList(),
                p.tags.stream().sorted().toList(), p.createdAt, p.updatedAt, p.createdBy, p.updatedBy, p.version);
    }
}

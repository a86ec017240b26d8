package org.aicenter.gateway.views;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The center in one call; a part whose service is down says {@code "available": false} and why. */
@Schema(name = "DashboardSummary")
public record DashboardSummary(PartnerFigures partners, ProjectFigures projects, ProgrammeFigures programmes,
                               Instant generatedAt) {

    @Schema(name = "DashboardPartnerFigures", description = "From partner-service's statistics", requiredProperties = "available")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PartnerFigures(boolean available, String reason, Long total, Map<String, Long> byType,
                                 Map<String, Long> byStatus, Map<String, Long> bySector, Map<String, Long> byTier) {
    }

    @Schema(name = "DashboardProjectFigures", description = "From project-service's statistics", requiredProperties = "available")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ProjectFigures(boolean available, String reason, Long total, Map<String, Long> byStatus,
                                 Map<String, Long> byArea,
                                 @Schema(description = "sum of project budgets per currency") List<BudgetTotal> budgetTotals,
                                 @Schema(description = "open milestones of running projects due from today to today + 30 days")
                                 MilestoneDigest milestonesDueSoon,
                                 @Schema(description = "open milestones of running projects whose due date has passed")
                                 MilestoneDigest overdueMilestones) {
    }

    @Schema(name = "DashboardMilestoneDigest", description = "How many milestones, and the first 20 by due date; days, from and "
            + "to are absent for overdue milestones", requiredProperties = {"count", "items"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MilestoneDigest(Integer days, LocalDate from, LocalDate to, long count, List<DueMilestone> items) {
    }

    @Schema(name = "DashboardDueMilestone")
    public record DueMilestone(UUID projectId, String projectCode, String projectTitle, UUID milestoneId, String title,
                               LocalDate dueDate, String status) {
    }

    @Schema(name = "DashboardBudgetTotal")
    public record BudgetTotal(@Schema(description = "decimal with 2 places, as a string", examples = "2500000.00") String amount,
                              @Schema(examples = "CNY") String currency) {
    }

    @Schema(name = "DashboardProgrammeFigures", description = "From training-service's statistics", requiredProperties = "available")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ProgrammeFigures(boolean available, String reason, Long total, Map<String, Long> byStatus,
                                   @Schema(description = "seats over the open programmes (PUBLISHED and IN_PROGRESS)")
                                   Map<String, Long> seats,
                                   Map<String, Long> enrolmentsByStatus,
                                   @Schema(description = "training-service's completion rate: completed / seats taken "
                                           + "(enrolled, completed, no-show) over programmes that have started; absent "
                                           + "while nobody has been counted")
                                   Double completionRate) {
    }
}

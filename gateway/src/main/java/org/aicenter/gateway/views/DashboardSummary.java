package org.aicenter.gateway.views;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The center in one call; a part whose service is down says {@code "available": false} and why. */
@Schema(name = "DashboardSummary")
public record DashboardSummary(PartnerFigures partners, ProjectFigures projects, ProgrammeFigures programmes,
                               Instant generatedAt) {

    @Schema(name = "DashboardPartnerFigures", description = "From partner-service's statistics")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PartnerFigures(boolean available, String reason, Long total, Map<String, Long> byType,
                                 Map<String, Long> byStatus) {
    }

    @Schema(name = "DashboardProjectFigures", description = "From project-service's statistics")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ProjectFigures(boolean available, String reason, Long total, Map<String, Long> byStatus,
                                 Map<String, Long> byArea,
                                 @Schema(description = "sum of project budgets per currency") List<BudgetTotal> budgetTotals) {
    }

    @Schema(name = "DashboardBudgetTotal")
    public record BudgetTotal(@Schema(description = "decimal with 2 places, as a string", examples = "2500000.00") String amount,
                              @Schema(examples = "CNY") String currency) {
    }

    @Schema(name = "DashboardProgrammeFigures", description = "From training-service's statistics")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ProgrammeFigures(boolean available, String reason, Long total, Map<String, Long> byStatus,
                                   @Schema(description = "seats over the open programmes (PUBLISHED and IN_PROGRESS)")
                                   Map<String, Long> seats,
                                   Map<String, Long> enrolmentsByStatus,
                                   @Schema(description = "completed / seats taken (enrolled, completed, no-show) over "
                                           + "programmes that have started; absent while nobody has been counted")
                                   Double completionRate) {
    }
}

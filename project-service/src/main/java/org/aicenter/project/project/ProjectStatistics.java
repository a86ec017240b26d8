package org.aicenter.project.project;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.aicenter.project.milestone.MilestoneStatus;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The dashboard figures of all projects; every status and area is present, 0 where none. */
@Schema(name = "ProjectStatistics", requiredProperties = {"total", "byStatus", "byArea", "budgetTotals", "milestonesDueSoon",
        "overdueMilestones"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProjectStatistics(
        long total,
        Map<ProjectStatus, Long> byStatus,
        Map<ResearchArea, Long> byArea,
        @Schema(description = "sum of budgets per currency, over every project that has a budget")
        List<Money> budgetTotals,
        @Schema(description = "open (PLANNED or IN_PROGRESS) milestones of running projects due from today "
                + "to today + days")
        MilestoneDigest milestonesDueSoon,
        @Schema(description = "open milestones of running projects whose due date has passed")
        MilestoneDigest overdueMilestones,
        @Schema(description = "present when from, to or interval is given")
        Trends trends) {

    /** Projects started, completed and cancelled per period (from the kept transitions), in the center's zone. */
    @Schema(name = "ProjectTrends")
    public record Trends(@Schema(enumeration = {"week", "month", "quarter", "year"}) String interval,
                         LocalDate from, LocalDate to,
                         @Schema(description = "the zone the buckets are reckoned in", examples = "Asia/Shanghai") String zone,
                         @Schema(description = "every currency that any bucket's startedBudget has, in order")
                         List<String> currencies,
                         @Schema(description = "every period from `from` to `to`, oldest first; the first and last are "
                                 + "clipped to the range") List<TrendBucket> buckets) {
    }

    @Schema(name = "ProjectTrendBucket")
    public record TrendBucket(@Schema(description = "first day, inclusive") LocalDate start,
                              @Schema(description = "last day, inclusive") LocalDate end,
                              @Schema(description = "projects moved from APPROVED to ACTIVE") long started,
                              @Schema(description = "projects moved to COMPLETED") long completed,
                              @Schema(description = "projects moved to CANCELLED") long cancelled,
                              @Schema(description = "the budgets of the projects started, per currency (every currency "
                                      + "of `currencies`, 0.00 where none)") List<Money> startedBudget) {
    }

    /** How many milestones, and the first few by due date. */
    @Schema(name = "MilestoneDigest", requiredProperties = {"count", "items"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MilestoneDigest(
            @Schema(description = "the horizon in days; absent for overdue milestones") Integer days,
            @Schema(description = "absent for overdue milestones") LocalDate from,
            @Schema(description = "absent for overdue milestones") LocalDate to, long count, List<DueMilestone> items) {
    }

    @Schema(name = "DueMilestone")
    public record DueMilestone(UUID projectId, String projectCode, String projectTitle, UUID milestoneId,
                               String title, LocalDate dueDate, MilestoneStatus status) {
    }
}

package org.aicenter.project.project;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.aicenter.project.milestone.MilestoneStatus;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The dashboard figures of all projects; every status and area is present, 0 where none. */
@Schema(name = "ProjectStatistics")
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
        MilestoneDigest overdueMilestones) {

    /** How many milestones, and the first few by due date. */
    @Schema(name = "MilestoneDigest")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MilestoneDigest(Integer days, LocalDate from, LocalDate to, long count, List<DueMilestone> items) {
    }

    @Schema(name = "DueMilestone")
    public record DueMilestone(UUID projectId, String projectCode, String projectTitle, UUID milestoneId,
                               String title, LocalDate dueDate, MilestoneStatus status) {
    }
}

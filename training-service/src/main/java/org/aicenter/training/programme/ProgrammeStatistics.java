package org.aicenter.training.programme;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Figures for dashboards. Counts keyed by enum value carry every value, 0 where none. A completion
 * rate is completed / seats taken (ENROLLED + COMPLETED + NO_SHOW) over programmes that have
 * started (IN_PROGRESS or COMPLETED); null where nobody has been counted yet. The per-programme
 * and per-organisation figures are paged lists of their own (no row limit here).
 */
@Schema(name = "ProgrammeStatistics", requiredProperties = {"total", "byStatus", "byTopic", "byFormat", "byLevel",
        "byLanguage", "seats", "enrolmentsByStatus"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProgrammeStatistics(
        long total,
        Map<String, Long> byStatus,
        Map<String, Long> byTopic,
        Map<String, Long> byFormat,
        Map<String, Long> byLevel,
        Map<String, Long> byLanguage,
        @Schema(description = "over the open programmes (PUBLISHED and IN_PROGRESS)") SeatTotals seats,
        Map<String, Long> enrolmentsByStatus,
        @Schema(description = "the center's completion rate: completed / seats taken over every programme that has "
                + "started; absent while nobody has been counted", nullable = true) Double completionRate,
        @Schema(description = "present when from, to or interval is given") Trends trends) {

    @Schema(name = "SeatTotals")
    public record SeatTotals(long programmes, long capacity, long taken, long free, long waitlisted) {
    }

    @Schema(name = "ProgrammeFigures")
    public record ProgrammeFigures(UUID id, String code, String title, ProgrammeStatus status, int capacity,
                                   long taken, long free, long waitlisted, long enrolled, long completed,
                                   long noShow, long cancelled, @Schema(nullable = true) Double completionRate) {
    }

    @Schema(name = "PartnerOrganisationFigures")
    public record PartnerFigures(UUID partnerId, long enrolments, long completed, long noShow,
                                 @Schema(nullable = true) Double completionRate) {
    }

    /** Enrolments made, waitlisted, cancelled and completed per period in the center's zone, and the completion rate. */
    @Schema(name = "EnrolmentTrends")
    public record Trends(@Schema(enumeration = {"week", "month", "quarter", "year"}) String interval,
                         LocalDate from, LocalDate to,
                         @Schema(description = "the zone the buckets are reckoned in", examples = "Asia/Shanghai") String zone,
                         @Schema(description = "every period from `from` to `to`, oldest first; the first and last are "
                                 + "clipped to the range") List<TrendBucket> buckets) {
    }

    @Schema(name = "EnrolmentTrendBucket")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record TrendBucket(@Schema(description = "first day, inclusive") LocalDate start,
                              @Schema(description = "last day, inclusive") LocalDate end,
                              @Schema(description = "enrolments made (createdAt)") long made,
                              @Schema(description = "of those, the ones that went onto a waitlist") long waitlisted,
                              @Schema(description = "enrolments cancelled (cancelledAt)") long cancelled,
                              @Schema(description = "enrolments completed (completedAt)") long completed,
                              @Schema(description = "seats taken in the started programmes that end in this period")
                              long seatsTaken,
                              @Schema(description = "completed / seatsTaken; null when no seat was taken", nullable = true)
                              Double completionRate) {
    }
}

package org.aicenter.training.programme;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Figures for dashboards. Counts keyed by enum value carry every value, 0 where none. A completion
 * rate is completed / seats taken (ENROLLED + COMPLETED + NO_SHOW) over programmes that have
 * started (IN_PROGRESS or COMPLETED); null where nobody has been counted yet.
 */
@Schema(name = "ProgrammeStatistics")
public record ProgrammeStatistics(
        long total,
        Map<String, Long> byStatus,
        Map<String, Long> byTopic,
        Map<String, Long> byFormat,
        Map<String, Long> byLevel,
        Map<String, Long> byLanguage,
        @Schema(description = "over the open programmes (PUBLISHED and IN_PROGRESS)") SeatTotals seats,
        Map<String, Long> enrolmentsByStatus,
        @Schema(description = "every programme that is not DRAFT, latest start first (at most 500)")
        List<ProgrammeFigures> byProgramme,
        @Schema(description = "partner organisations of participants, most enrolments first (at most 500)")
        List<PartnerFigures> byPartnerOrganisation) {

    @Schema(name = "SeatTotals")
    public record SeatTotals(long programmes, long capacity, long taken, long free, long waitlisted) {
    }

    @Schema(name = "ProgrammeFigures")
    public record ProgrammeFigures(UUID id, String code, String title, ProgrammeStatus status, int capacity,
                                   long taken, long free, long waitlisted, long enrolled, long completed,
                                   long noShow, long cancelled, Double completionRate) {
    }

    @Schema(name = "PartnerOrganisationFigures")
    public record PartnerFigures(UUID partnerId, long enrolments, long completed, long noShow, Double completionRate) {
    }
}

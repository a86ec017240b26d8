package org.aicenter.partner;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Counts for dashboards; every enum value is present, 0 where none. Trends only when asked for. */
@Schema(name = "PartnerStatistics", requiredProperties = {"total", "byType", "byStatus", "bySector", "byTier"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PartnerStatistics(long total, Map<String, Long> byType, Map<String, Long> byStatus,
                                Map<String, Long> bySector, Map<String, Long> byTier,
                                @Schema(description = "present when from, to or interval is given")
                                Trends trends) {

    /** Partnerships begun (joinedOn) and ended (the transition to ENDED) per period, in the center's zone. */
    @Schema(name = "PartnerTrends")
    public record Trends(@Schema(enumeration = {"week", "month", "quarter", "year"}) String interval,
                         LocalDate from, LocalDate to,
                         @Schema(description = "the zone the buckets are reckoned in", examples = "Asia/Shanghai") String zone,
                         @Schema(description = "every period from `from` to `to`, oldest first; the first and last are "
                                 + "clipped to the range") List<Bucket> buckets) {
    }

    @Schema(name = "PartnerTrendBucket")
    public record Bucket(@Schema(description = "first day, inclusive") LocalDate start,
                         @Schema(description = "last day, inclusive") LocalDate end,
                         @Schema(description = "partners whose partnership became ACTIVE (joinedOn)") long joined,
                         @Schema(description = "partners moved to ENDED") long ended) {
    }
}

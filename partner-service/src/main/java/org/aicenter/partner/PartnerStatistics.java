package org.aicenter.partner;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.Map;

/** Counts for dashboards; every enum value is present, 0 where none. */
@Schema(name = "PartnerStatistics")
public record PartnerStatistics(long total, Map<String, Long> byType, Map<String, Long> byStatus,
                                Map<String, Long> bySector, Map<String, Long> byTier) {
}

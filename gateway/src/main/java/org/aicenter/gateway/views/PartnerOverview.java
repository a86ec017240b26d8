package org.aicenter.gateway.views;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.Map;

/**
 * A partner with its projects, the programmes it hosts and its people's enrolments, each part as
 * the owning service answers it; {@link OverviewParts} types the parts in the contract with those
 * services' own schemas.
 */
@Schema(name = "PartnerOverview")
public record PartnerOverview(
        Map<String, Object> partner,
        Listing projects,
        Listing programmes,
        Listing enrolments) {

    @Schema(name = "PartnerOverviewListing", description = "Items as the owning service lists them, or available=false and why",
            requiredProperties = "available")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Listing(boolean available, String reason, Long totalItems, List<Map<String, Object>> items) {
    }
}

package org.aicenter.gateway.views;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.Map;

/** A partner with its projects, the programmes it hosts and its people's enrolments. */
@Schema(name = "PartnerOverview")
public record PartnerOverview(
        @Schema(description = "The partner as partner-service shows it") Map<String, Object> partner,
        @Schema(description = "Projects it leads or takes part in") Listing projects,
        @Schema(description = "Programmes it hosts") Listing programmes,
        @Schema(description = "Enrolments of people from this organisation") Listing enrolments) {

    @Schema(name = "PartnerOverviewListing", description = "Items as the owning service lists them, or available=false and why",
            requiredProperties = "available")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Listing(boolean available, String reason, Long totalItems, List<Map<String, Object>> items) {
    }
}

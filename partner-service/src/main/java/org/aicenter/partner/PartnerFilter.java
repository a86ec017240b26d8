package org.aicenter.partner;

import org.aicenter.platform.persistence.Criteria;

import java.time.Instant;

/** The filters of the partner list; each one is backed by an index. */
public record PartnerFilter(PartnerType type, PartnerStatus status, Sector sector, Tier tier, String district,
                            String q, Instant updatedSince) {

    Criteria criteria() {
        return new Criteria()
                .and("p.type = :type", "type", type)
                .and("p.status = :status", "status", status)
                .and("array_contains(p.sectors, :sector)", "sector", sector == null ? null : sector.name())
                .and("p.tier = :tier", "tier", tier)
                .and("p.address.district = :district", "district", district)
                .and("p.updatedAt >= :updatedSince", "updatedSince", updatedSince)
                .containsText(q, "lower(p.name)", "lower(p.nameEn)");
    }
}

package org.aicenter.partner;

import org.aicenter.platform.concurrency.Versioned;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** A partner as clients see it. */
@Schema(name = "Partner")
public record PartnerView(
        UUID id,
        String name,
        @Schema(nullable = true) String nameEn,
        PartnerType type,
        List<Sector> sectors,
        @Schema(nullable = true) String creditCode,
        @Schema(nullable = true) String website,
        Address.Data address,
        Tier tier,
        PartnerStatus status,
        List<Contact> contacts,
        List<AgreementView> agreements,
        @Schema(nullable = true, description = "When the partnership first became ACTIVE") LocalDate joinedOn,
        Instant createdAt,
        Instant updatedAt,
        String createdBy,
        String updatedBy,
        long version) implements Versioned {

    /** An agreement with whether it is in force today. */
    @Schema(name = "PartnerAgreement")
    public record AgreementView(AgreementType type, String title, LocalDate signedOn,
                                @Schema(nullable = true) LocalDate expiresOn,
                                boolean inForce) {
    }

    static PartnerView of(Partner p, LocalDate today) {
        return new PartnerView(p.id, p.name, p.nameEn, p.type, p.sectorList(), p.creditCode,
                p.website, Address.Data.of(p.address), p.tier, p.status, p.contacts,
                p.agreements.stream().map(a -> new AgreementView(a.type(), a.title(), a.signedOn(), a.expiresOn(),
                        a.inForceOn(today))).toList(),
                p.joinedOn, p.createdAt, p.updatedAt, p.createdBy, p.updatedBy, p.version);
    }
}

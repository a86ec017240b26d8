package org.aicenter.partner;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.Set;

/** What a client sends to create or replace a partner. Status, id and audit fields are not taken. */
@Schema(name = "PartnerRequest")
public record PartnerRequest(
        @NotBlank @Size(min = 1, max = 200) @Schema(examples = "上海市徐汇区人民政府") String name,
        @Size(max = 200) @Schema(examples = "Shanghai Xuhui District People's Government") String nameEn,
        @NotNull PartnerType type,
        @Size(max = 10) Set<@NotNull Sector> sectors,
        @CreditCode @Schema(examples = "91310000132200821H") String creditCode,
        @Size(max = 2000) @Pattern(regexp = "https?://[^\\s]+", flags = Pattern.Flag.CASE_INSENSITIVE,
                message = "must be an http or https URL") String website,
        @Valid Address.Data address,
        @NotNull Tier tier,
        @Size(max = 50) List<@NotNull @Valid Contact> contacts,
        @Size(max = 100) List<@NotNull @Valid Agreement> agreements) {

    public PartnerRequest {
        sectors = sectors == null ? Set.of() : sectors;
        contacts = contacts == null ? List.of() : contacts;
        agreements = agreements == null ? List.of() : agreements;
    }

    static PartnerRequest of(Partner partner) {
        return new PartnerRequest(partner.name, partner.nameEn, partner.type, Set.copyOf(partner.sectorList()),
                partner.creditCode, partner.website, Address.Data.of(partner.address), partner.tier,
                partner.contacts, partner.agreements);
    }
}

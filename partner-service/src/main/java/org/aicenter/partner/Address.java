package org.aicenter.partner;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Where a partner is; the country is an ISO 3166-1 alpha-2 code, CN when not given. */
@Embeddable
public class Address {

    @Column(length = 100)
    public String district;
    @Column(length = 100)
    public String city;
    @Column(length = 100)
    public String province;
    @Column(length = 2, nullable = false)
    public String country = "CN";

    /** The address as clients send and see it. */
    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "Address")
    public record Data(
            @Size(max = 100) @org.eclipse.microprofile.openapi.annotations.media.Schema(nullable = true) String district,
            @Size(max = 100) @org.eclipse.microprofile.openapi.annotations.media.Schema(nullable = true) String city,
            @Size(max = 100) @org.eclipse.microprofile.openapi.annotations.media.Schema(nullable = true) String province,
            @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166-1 alpha-2 code such as CN")
            @IsoCountry String country) {

        static Data of(Address address) {
            return new Data(address.district, address.city, address.province, address.country);
        }

        Address toEntity() {
            Address address = new Address();
            address.district = district;
            address.city = city;
            address.province = province;
            address.country = country == null ? "CN" : country;
            return address;
        }
    }
}

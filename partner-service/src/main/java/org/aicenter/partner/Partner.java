package org.aicenter.partner;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import org.aicenter.platform.persistence.AuditedEntity;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** A partner organisation. Contacts and agreements are values of the partner, kept in JSON columns. */
@Entity
@Table(name = "partners")
public class Partner extends AuditedEntity {

    @Column(nullable = false, length = 200)
    public String name;

    @Column(name = "name_en", length = 200)
    public String nameEn;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public PartnerType type;

    /** Sector names, sorted; kept as a PostgreSQL array so the row holds the whole partner. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "sectors", nullable = false, columnDefinition = "varchar(32)[]")
    public String[] sectors = new String[0];

    @Column(name = "credit_code", length = 18)
    public String creditCode;

    @Column(length = 2000)
    public String website;

    @Embedded
    public Address address = new Address();

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Tier tier;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public PartnerStatus status = PartnerStatus.PROSPECT;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public List<Contact> contacts = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public List<Agreement> agreements = new ArrayList<>();

    @Column(name = "joined_on")
    public LocalDate joinedOn;

    public List<Sector> sectorList() {
        return java.util.Arrays.stream(sectors).map(Sector::valueOf).toList();
    }

    void apply(PartnerRequest request) {
        name = request.name().strip();
        nameEn = request.nameEn() == null || request.nameEn().isBlank() ? null : request.nameEn().strip();
        type = request.type();
        sectors = request.sectors().stream().sorted().map(Enum::name).toArray(String[]::new);
        creditCode = request.creditCode();
        website = request.website();
        address = request.address() == null ? new Address() : request.address().toEntity();
        tier = request.tier();
        contacts = new ArrayList<>(request.contacts());
        agreements = new ArrayList<>(request.agreements());
    }
}

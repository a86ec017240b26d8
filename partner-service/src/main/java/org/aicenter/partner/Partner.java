package org.aicenter.partner;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import org.aicenter.platform.persistence.AuditedEntity;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

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

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "partner_sectors", joinColumns = @JoinColumn(name = "partner_id"))
    @Enumerated(EnumType.STRING)
    @Column(name = "sector")
    public Set<Sector> sectors = EnumSet.noneOf(Sector.class);

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

    void apply(PartnerRequest request) {
        name = request.name().strip();
        nameEn = request.nameEn() == null || request.nameEn().isBlank() ? null : request.nameEn().strip();
        type = request.type();
        sectors.clear();
        sectors.addAll(request.sectors());
        creditCode = request.creditCode();
        website = request.website();
        address = request.address() == null ? new Address() : request.address().toEntity();
        tier = request.tier();
        contacts = new ArrayList<>(request.contacts());
        agreements = new ArrayList<>(request.agreements());
    }
}

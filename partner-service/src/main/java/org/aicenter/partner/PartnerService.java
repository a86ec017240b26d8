package org.aicenter.partner;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.ConstraintViolationException;
import org.aicenter.platform.changes.ChangeKind;
import org.aicenter.platform.changes.Changes;
import org.aicenter.platform.concurrency.ETags;
import org.aicenter.platform.persistence.Records;
import org.aicenter.platform.lifecycle.History;
import org.aicenter.platform.lifecycle.Lifecycle;
import org.aicenter.platform.paging.ListParams;
import org.aicenter.platform.lifecycle.TransitionView;
import org.aicenter.platform.persistence.Criteria;
import org.aicenter.platform.persistence.ExpensiveReads;
import org.aicenter.platform.paging.Page;
import org.aicenter.platform.paging.PageRequest;
import org.aicenter.platform.paging.Sorting;
import org.aicenter.platform.patch.MergePatcher;
import org.aicenter.platform.persistence.Listing;
import org.aicenter.platform.problem.ProblemException;
import org.aicenter.platform.security.Actor;
import org.aicenter.platform.statistics.EnumCounts;
import org.aicenter.platform.persistence.TrendPeriod;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.exception.ConstraintViolationException.ConstraintKind;
import org.jboss.logging.Logger;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The partner rules: uniqueness, contacts, lifecycle, the DELETE rule. Owns the transactions. */
@ApplicationScoped
public class PartnerService {

    private static final Logger LOG = Logger.getLogger(PartnerService.class);

    /** The list's sort fields, the default first. */
    public static final String SORT = "name,nameEn,type,tier,status,joinedOn,createdAt,updatedAt";
    // type, tier and status sort by name within each value, as their indexes (V1) hold them
    static final Sorting SORTING = Sorting.of(SORT, Map.of(
            "name", "lower({e}.name)",
            "nameEn", "lower({e}.nameEn)",
            "type", "{e}.type, lower({e}.name)",
            "tier", "{e}.tier, lower({e}.name)",
            "status", "{e}.status, lower({e}.name)",
            "joinedOn", "joinedOn",
            "createdAt", "createdAt",
            "updatedAt", "updatedAt"));

    /** Partners in the change feed (contacts and agreements are part of the partner's own events). */
    public static final ChangeKind PARTNERS = ChangeKind.of("partner", "/api/v1/partners");

    @Inject
    Actor actor;
    @Inject
    Changes changes;
    @Inject
    MergePatcher patcher;
    @Inject
    ExpensiveReads expensive;
    @ConfigProperty(name = "aic.zone")
    ZoneId zone;

    public ZoneId zone() {
        return zone;
    }

    @Transactional
    public PartnerView create(PartnerRequest request) {
        checkRules(request, null);
        Partner partner = new Partner();
        partner.apply(request);
        partner.markCreated(actor.subject());
        partner.persist();
        flush();
        LOG.infof("partner %s created: %s (%s) by %s", partner.id, partner.name, partner.type, actor.subject());
        PartnerView view = view(partner);
        changes.created(PARTNERS, null, view);
        return view;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public PartnerView get(UUID id) {
        return view(find(id));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<PartnerView> list(PartnerFilter filter, PageRequest page, String sort) {
        LocalDate today = today();
        return Listing.page(Partner.class, "p", filter.criteria(), SORTING.orderBy(sort, "p"), page,
                partners -> partners.stream().map(p -> PartnerView.of(p, today)).toList());
    }

    @Transactional
    public PartnerView replace(UUID id, String ifMatch, PartnerRequest request) {
        Partner partner = find(id);
        ETags.require(ifMatch, partner.version);
        return update(partner, request);
    }

    /** JSON Merge Patch over the partner as a request; the result is validated like a PUT body. */
    @Transactional
    public PartnerView patch(UUID id, String ifMatch, JsonNode patch) {
        Partner partner = find(id);
        ETags.require(ifMatch, partner.version);
        return update(partner, patcher.apply(PartnerRequest.of(partner), patch, PartnerRequest.class));
    }

    private PartnerView update(Partner partner, PartnerRequest request) {
        checkRules(request, partner);
        partner.apply(request);
        partner.markUpdated(actor.subject());
        flush();
        LOG.infof("partner %s updated to version %d by %s", partner.id, partner.version, actor.subject());
        PartnerView view = view(partner);
        changes.updated(PARTNERS, null, view);
        return view;
    }

    /** Only a PROSPECT (a record made by mistake) can be deleted; any other partner is ended instead. */
    @Transactional
    public void delete(UUID id, String ifMatch) {
        Partner partner = find(id);
        ETags.require(ifMatch, partner.version);
        Lifecycle.requireDeletable("partner", partner.status, PartnerStatus.PROSPECT,
                "Other services refer to it, so end the partnership with a transition to ENDED instead");
        PartnerTransition.delete("subjectId", id);
        partner.delete();
        changes.deleted(PARTNERS, null, id, partner.version);
        LOG.infof("partner %s deleted by %s", id, actor.subject());
    }

    @Transactional
    public PartnerView transition(UUID id, String ifMatch, TransitionRequest request) {
        Partner partner = find(id);
        ETags.require(ifMatch, partner.version);
        PartnerStatus from = partner.status;
        Lifecycle.check("Partner", from, request.to());
        partner.status = request.to();
        if (request.to() == PartnerStatus.ACTIVE && partner.joinedOn == null) {
            partner.joinedOn = today();
        }
        partner.markUpdated(actor.subject());
        // The versioned update first: Hibernate would insert the history row before it, and a partner
        // deleted meanwhile would then fail that row's foreign key (a 500) instead of the version (a 412).
        flush();
        new PartnerTransition().record(id, from, request.to(), request.reason().strip(), actor.subject()).persist();
        flush();
        LOG.infof("partner %s moved %s -> %s by %s", id, from, request.to(), actor.subject());
        PartnerView view = view(partner);
        changes.statusChanged(PARTNERS, null, view);
        return view;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<TransitionView> history(UUID id, ListParams list) {
        find(id);
        return History.of(PartnerTransition.class, id, list);
    }

    /**
     * The counts, and with {@code period} the partnerships begun and ended in each of its buckets:
     * in one read-only snapshot, bounded in time and in how many run at once (ExpensiveReads).
     */
    public PartnerStatistics statistics(TrendPeriod period) {
        return expensive.run("Partner statistics", () -> new PartnerStatistics(Partner.count(),
                EnumCounts.of(PartnerType.class, groupCount("select p.type, count(*) from Partner p group by p.type")),
                EnumCounts.of(PartnerStatus.class, groupCount("select p.status, count(*) from Partner p group by p.status")),
                EnumCounts.of(Sector.class, sectorCounts()),
                EnumCounts.of(Tier.class, groupCount("select p.tier, count(*) from Partner p group by p.tier")),
                period == null ? null : trends(period)));
    }

    /** joinedOn is already a date in the center's zone; the end is the kept transition's time. Both index ranges. */
    private static PartnerStatistics.Trends trends(TrendPeriod period) {
        var em = Partner.getEntityManager();
        long[] joined = period.count(em, "select " + period.bucketOfDate("joined_on") + " b, count(*) from partners "
                + "where joined_on between :from and :to group by b");
        long[] ended = period.count(em, "select " + period.bucketOfInstant("changed_at") + " b, count(*) "
                + "from partner_transitions where to_status = 'ENDED' and changed_at >= :start and changed_at < :end group by b");
        return new PartnerStatistics.Trends(period.interval().value(), period.from(), period.to(), period.zone().getId(),
                period.map(i -> new PartnerStatistics.Bucket(period.buckets().get(i).start(), period.buckets().get(i).end(),
                        joined[i], ended[i])));
    }

    @SuppressWarnings("unchecked")
    private static List<Object[]> sectorCounts() {
        return Partner.getEntityManager()
                .createNativeQuery("select sector, count(*) from partners, unnest(sectors) sector group by sector")
                .getResultList();
    }

    private static List<Object[]> groupCount(String jpql) {
        return Partner.getEntityManager().createQuery(jpql, Object[].class).getResultList();
    }

    private void checkRules(PartnerRequest request, Partner current) {
        if (request.contacts().stream().filter(Contact::primary).count() > 1) {
            throw ProblemException.invalid("contacts", "at most one contact can be primary");
        }
        for (int i = 0; i < request.agreements().size(); i++) {
            Agreement agreement = request.agreements().get(i);
            if (agreement.expiresOn() != null && !agreement.expiresOn().isAfter(agreement.signedOn())) {
                throw ProblemException.invalid("agreements[" + i + "].expiresOn", "must be after signedOn");
            }
        }
        UUID self = current == null ? null : current.id;
        String name = request.name().strip();
        boolean ended = current != null && current.status == PartnerStatus.ENDED;
        if (!ended && Partner.count("lower(name) = lower(?1) and status <> ?2 and (?3 is null or id <> ?3)",
                name, PartnerStatus.ENDED, self) > 0) {
            throw nameTaken(name);
        }
        if (request.creditCode() != null && Partner.count("creditCode = ?1 and (?2 is null or id <> ?2)",
                request.creditCode(), self) > 0) {
            throw creditCodeTaken(request.creditCode());
        }
    }

    /** Flushes now, so a race that slipped past the checks above is a clear 409, not a failed commit. */
    private void flush() {
        try {
            Partner.flush();
        } catch (org.hibernate.exception.ConstraintViolationException e) {
            if (e.getKind() == ConstraintKind.UNIQUE && e.getConstraintName() != null) {
                if (e.getConstraintName().contains("name")) {
                    throw ProblemException.conflict("Another partner that has not ended already has this name");
                }
                if (e.getConstraintName().contains("credit_code")) {
                    throw ProblemException.conflict("Another partner already has this credit code");
                }
            }
            throw e;
        }
    }

    private static ProblemException nameTaken(String name) {
        return ProblemException.conflict("A partner named '" + name + "' already exists and has not ended");
    }

    private static ProblemException creditCodeTaken(String code) {
        return ProblemException.conflict("A partner with credit code " + code + " already exists");
    }

    private Partner find(UUID id) {
        return Records.find(Partner.class, "Partner", id);
    }

    private PartnerView view(Partner partner) {
        return PartnerView.of(partner, today());
    }

    private LocalDate today() {
        return LocalDate.now(zone);
    }
}

package org.aicenter.gateway.views;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import jakarta.enterprise.context.ApplicationScoped;
import org.aicenter.platform.problem.ProblemException;
import org.aicenter.platform.problem.ProblemType;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builds the dashboard views from the services' own endpoints, all called at once. */
@ApplicationScoped
public class DashboardViews {

    private static final TypeReference<Map<String, Long>> COUNTS = new TypeReference<>() { };
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() { };
    private static final TypeReference<List<Map<String, Object>>> ITEMS = new TypeReference<>() { };
    private static final TypeReference<List<DashboardSummary.BudgetTotal>> BUDGETS = new TypeReference<>() { };

    private final ServiceCalls calls;
    private final ObjectMapper mapper;

    DashboardViews(ServiceCalls calls, ObjectMapper mapper) {
        this.calls = calls;
        this.mapper = mapper;
    }

    public Future<DashboardSummary> summary(String authorization) {
        Future<ServiceCalls.Answer> partners = calls.get("partner", "/api/v1/partners/statistics", authorization);
        Future<ServiceCalls.Answer> projects = calls.get("project", "/api/v1/projects/statistics", authorization);
        Future<ServiceCalls.Answer> programmes = calls.get("training", "/api/v1/programmes/statistics", authorization);
        return Future.join(partners, projects, programmes).map(all -> new DashboardSummary(
                partnerFigures(partners.result()), projectFigures(projects.result()),
                programmeFigures(programmes.result()), Instant.now()));
    }

    /** Fails with the partner's 404 (or partner-service's unavailability) as a problem; other parts degrade. */
    public Future<PartnerOverview> overview(String id, String authorization) {
        String partnerId;
        try {
            partnerId = UUID.fromString(id).toString();
        } catch (IllegalArgumentException e) {
            return Future.failedFuture(ProblemException.notFound("Partner", id));
        }
        String encoded = URLEncoder.encode(partnerId, StandardCharsets.UTF_8);
        Future<ServiceCalls.Answer> partner = calls.get("partner", "/api/v1/partners/" + encoded, authorization);
        Future<ServiceCalls.Answer> projects = calls.get("project", "/api/v1/projects?partnerId=" + encoded + "&size=200", authorization);
        Future<ServiceCalls.Answer> programmes = calls.get("training", "/api/v1/programmes?hostPartnerId=" + encoded + "&size=200", authorization);
        Future<ServiceCalls.Answer> enrolments = calls.get("training", "/api/v1/enrolments?partnerId=" + encoded + "&size=200", authorization);
        return Future.join(partner, projects, programmes, enrolments).map(all -> {
            ServiceCalls.Answer found = partner.result();
            if (!found.ok()) {
                throw partnerProblem(found, partnerId);
            }
            return new PartnerOverview(mapper.convertValue(found.body(), OBJECT), listing(projects.result()),
                    listing(programmes.result()), listing(enrolments.result()));
        });
    }

    private ProblemException partnerProblem(ServiceCalls.Answer answer, String id) {
        if (answer.status() == 404) {
            return ProblemException.notFound("Partner", id);
        }
        if (answer.status() == 401) {
            return new ProblemException(ProblemType.UNAUTHORIZED, "partner-service refused the token");
        }
        if (answer.status() == 403) {
            return new ProblemException(ProblemType.FORBIDDEN, "Your role may not read this partner");
        }
        return new ProblemException(ProblemType.SERVICE_UNAVAILABLE,
                "The partner cannot be read: " + answer.problem()).header("Retry-After", "5");
    }

    private DashboardSummary.PartnerFigures partnerFigures(ServiceCalls.Answer answer) {
        if (!answer.ok()) {
            return new DashboardSummary.PartnerFigures(false, answer.problem(), null, null, null, null, null);
        }
        JsonNode body = answer.body();
        return new DashboardSummary.PartnerFigures(true, null, total(body), counts(body, "byType"), counts(body, "byStatus"),
                counts(body, "bySector"), counts(body, "byTier"));
    }

    private DashboardSummary.ProjectFigures projectFigures(ServiceCalls.Answer answer) {
        if (!answer.ok()) {
            return new DashboardSummary.ProjectFigures(false, answer.problem(), null, null, null, null, null, null);
        }
        JsonNode body = answer.body();
        List<DashboardSummary.BudgetTotal> budgets = body.path("budgetTotals").isArray()
                ? mapper.convertValue(body.get("budgetTotals"), BUDGETS) : List.of();
        return new DashboardSummary.ProjectFigures(true, null, total(body), counts(body, "byStatus"),
                counts(body, "byArea"), budgets, digest(body, "milestonesDueSoon"), digest(body, "overdueMilestones"));
    }

    private DashboardSummary.ProgrammeFigures programmeFigures(ServiceCalls.Answer answer) {
        if (!answer.ok()) {
            return new DashboardSummary.ProgrammeFigures(false, answer.problem(), null, null, null, null, null);
        }
        JsonNode body = answer.body();
        return new DashboardSummary.ProgrammeFigures(true, null, total(body), counts(body, "byStatus"),
                counts(body, "seats"), counts(body, "enrolmentsByStatus"), completionRate(body));
    }

    /** training-service computes the rate over every started programme; the gateway only passes it on. */
    private static Double completionRate(JsonNode statistics) {
        return statistics.path("completionRate").isNumber() ? statistics.get("completionRate").asDouble() : null;
    }

    private DashboardSummary.MilestoneDigest digest(JsonNode body, String field) {
        JsonNode digest = body.get(field);
        return digest != null && digest.isObject() ? mapper.convertValue(digest, DashboardSummary.MilestoneDigest.class) : null;
    }

    private PartnerOverview.Listing listing(ServiceCalls.Answer answer) {
        if (!answer.ok()) {
            return new PartnerOverview.Listing(false, answer.problem(), null, null);
        }
        JsonNode body = answer.body();
        JsonNode items = body.isArray() ? body : body.path("items");
        long total = body.path("totalItems").isNumber() ? body.get("totalItems").asLong() : items.size();
        return new PartnerOverview.Listing(true, null, total, mapper.convertValue(items, ITEMS));
    }

    private static Long total(JsonNode body) {
        return body.path("total").isNumber() ? body.get("total").asLong() : null;
    }

    private Map<String, Long> counts(JsonNode body, String field) {
        JsonNode counts = body.get(field);
        return counts != null && counts.isObject() ? mapper.convertValue(counts, COUNTS) : null;
    }
}

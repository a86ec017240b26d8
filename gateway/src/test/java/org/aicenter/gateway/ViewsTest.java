package org.aicenter.gateway;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.aicenter.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@WithTestResource(value = StubServices.class, scope = TestResourceScope.GLOBAL)
class ViewsTest {

    private static final String PARTNER = StubServices.PARTNER_ID;

    @Test
    void theSummaryCombinesEveryServicesStatistics() {
        given().header("Authorization", TestTokens.bearer("viewer"))
                .when().get("/api/v1/dashboard/summary")
                .then().statusCode(200)
                .body("partners.available", is(true))
                .body("partners.total", is(3))
                .body("partners.byType.UNIVERSITY", is(2))
                .body("partners.byStatus.ACTIVE", is(2))
                .body("partners.bySector.SMART_CITY", is(2))
                .body("partners.byTier.CORE", is(2))
                .body("projects.available", is(true))
                .body("projects.byStatus.ACTIVE", is(3))
                .body("projects.byArea.SMART_CITY", is(4))
                .body("projects.budgetTotals[0].amount", equalTo("2500000.00"))
                .body("projects.budgetTotals[0].currency", equalTo("CNY"))
                .body("projects.milestonesDueSoon.count", is(1))
                .body("projects.milestonesDueSoon.items[0].projectTitle", equalTo("城市大脑"))
                .body("projects.milestonesDueSoon.items[0].dueDate", equalTo("2026-03-10"))
                .body("projects.overdueMilestones.count", is(0))
                .body("programmes.available", is(true))
                .body("programmes.total", is(2))
                .body("programmes.seats.taken", is(30))
                .body("programmes.seats.free", is(10))
                .body("programmes.enrolmentsByStatus.COMPLETED", is(6))
                .body("programmes.completionRate", is(0.6f))
                .body("generatedAt", notNullValue());
    }

    @Test
    void aServiceThatIsDownLeavesItsPartUnavailableAndTheSummaryStill200() {
        Stubs.stop("training");
        try {
            given().header("Authorization", TestTokens.bearer("viewer"))
                    .when().get("/api/v1/dashboard/summary")
                    .then().statusCode(200)
                    .body("programmes.available", is(false))
                    .body("programmes.reason", containsString("training-service"))
                    .body("programmes.total", nullValue())
                    .body("partners.available", is(true))
                    .body("projects.available", is(true));
        } finally {
            Stubs.start("training");
        }
    }

    @Test
    void theSummaryNeedsAToken() {
        given().when().get("/api/v1/dashboard/summary")
                .then().statusCode(401).contentType("application/problem+json").body("requestId", notNullValue());
        given().header("Authorization", TestTokens.forged("admin")).when().get("/api/v1/dashboard/summary")
                .then().statusCode(401);
        given().header("Authorization", TestTokens.bearer("someone", "guest")).when().get("/api/v1/dashboard/summary")
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void aPartnersOverviewGathersItsProjectsProgrammesAndEnrolmentsAsTheCaller() {
        given().header("Authorization", TestTokens.bearer("partner-manager")).header("X-Request-Id", "overview-req-1")
                .when().get("/api/v1/partners/" + PARTNER + "/overview")
                .then().statusCode(200)
                .header("X-Request-Id", "overview-req-1")
                .body("partner.name", equalTo("复旦大学"))
                .body("projects.available", is(true))
                .body("projects.totalItems", is(1))
                .body("projects.items", hasSize(1))
                .body("projects.items[0].code", equalTo("AIC-2026-0001"))
                .body("programmes.items[0].code", equalTo("TRN-2026-0001"))
                .body("enrolments.items[0].status", equalTo("ENROLLED"))
                .body("enrolments.items[0].participant.name", equalTo("张伟"));
        assertEquals("overview-req-1", Stubs.seen("partner", "/api/v1/partners/" + PARTNER).getString("requestId"),
                "the call to partner-service carries the caller's request id");
        assertThat(Stubs.seen("project", "/api/v1/projects").getString("query"), containsString("partnerId=" + PARTNER));
        assertThat(Stubs.seen("project", "/api/v1/projects").getString("query"), containsString("size=200"));
        assertThat(Stubs.seen("training", "/api/v1/programmes").getString("query"), containsString("hostPartnerId=" + PARTNER));
        assertThat(Stubs.seen("training", "/api/v1/enrolments").getString("query"), containsString("partnerId=" + PARTNER));
    }

    @Test
    void anUnknownPartnersOverviewIs404() {
        given().header("Authorization", TestTokens.bearer("viewer"))
                .when().get("/api/v1/partners/" + UUID.randomUUID() + "/overview")
                .then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("https://aicenter.org/problems/not-found"));
        given().header("Authorization", TestTokens.bearer("viewer"))
                .when().get("/api/v1/partners/not-a-uuid/overview")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void anOverviewWithProjectServiceDownMarksThatPart() {
        Stubs.stop("project");
        try {
            given().header("Authorization", TestTokens.bearer("viewer"))
                    .when().get("/api/v1/partners/" + PARTNER + "/overview")
                    .then().statusCode(200)
                    .body("projects.available", is(false))
                    .body("projects.reason", containsString("project-service"))
                    .body("programmes.available", is(true))
                    .body("partner.id", equalTo(PARTNER));
        } finally {
            Stubs.start("project");
        }
    }

    @Test
    void anOverviewWithoutPartnerServiceIs503() {
        Stubs.stop("partner");
        try {
            given().header("Authorization", TestTokens.bearer("viewer"))
                    .when().get("/api/v1/partners/" + PARTNER + "/overview")
                    .then().statusCode(503).contentType("application/problem+json")
                    .body("detail", containsString("partner-service"));
        } finally {
            Stubs.start("partner");
        }
    }
}

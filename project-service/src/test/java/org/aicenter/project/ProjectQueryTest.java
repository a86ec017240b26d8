package org.aicenter.project;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.aicenter.testing.partner.PartnerServiceStub;
import org.aicenter.testing.partner.PartnerStub;
import org.aicenter.testing.PostgresResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.aicenter.project.support.Api.PROJECTS;
import static org.aicenter.project.support.Api.as;
import static org.aicenter.project.support.Api.create;
import static org.aicenter.project.support.Api.etag;
import static org.aicenter.project.support.Api.manager;
import static org.aicenter.project.support.Api.milestone;
import static org.aicenter.project.support.Api.move;
import static org.aicenter.project.support.Api.participant;
import static org.aicenter.project.support.Api.project;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Filters, sorting, paging and statistics on a known set of four projects (scoped by a tag of their own). */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PartnerServiceStub.class, scope = TestResourceScope.GLOBAL)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProjectQueryTest {

    static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    final String tag = "qt-" + UUID.randomUUID().toString().substring(0, 8);
    UUID a;
    UUID b;
    UUID c;
    final Map<String, String> ids = new HashMap<>();
    final Map<String, String> codes = new HashMap<>();
    JsonPath statsBefore;
    JsonPath statsBefore60;

    /** Once per class (RestAssured knows the port only from the first test on). */
    @BeforeEach
    void knownProjects() {
        if (a != null) {
            return;
        }
        a = PartnerStub.partner("ACTIVE");
        b = PartnerStub.partner("ACTIVE");
        c = PartnerStub.partner("ACTIVE");
        statsBefore = stats(null);
        statsBefore60 = stats("60");

        ObjectNode alpha = body(a, "城市大脑视觉 Alpha", "COMPUTER_VISION", "2026-01-10", "2026-12-31", "100.00", "CNY");
        participant(alpha.withArray("participants"), b, "FUNDER");
        alpha.withArray("tags").add("vision");
        alpha.putArray("milestones")
                .add(milestone("alpha due soon", TODAY.plusDays(3), "PLANNED"))
                .add(milestone("alpha due later", TODAY.plusDays(40), "PLANNED"))
                .add(milestone("alpha overdue", TODAY.minusDays(2), "IN_PROGRESS"))
                .add(milestone("alpha done", TODAY.minusDays(5), "DONE"));
        keep("alpha", alpha, "APPROVED", "ACTIVE");

        keep("beta", body(b, "Speech Beta", "SPEECH", "2026-03-01", "2027-03-01", "250.50", "USD"));

        ObjectNode gamma = body(c, "Knowledge Gamma 知识图谱", "KNOWLEDGE_GRAPH", "2025-06-01", "2026-05-31", null, null);
        participant(gamma.withArray("participants"), a, "CO_RESEARCHER");
        gamma.withArray("tags").add(tag + "-graph");
        gamma.putArray("milestones").add(milestone("gamma due soon", TODAY.plusDays(10), "PLANNED"));
        keep("gamma", gamma, "APPROVED", "ACTIVE", "ON_HOLD");

        ObjectNode delta = body(a, "Smart city Delta 100%", "SMART_CITY", "2026-09-01", "2028-01-01", "1000", "CNY");
        delta.putArray("milestones").add(milestone("delta overdue but cancelled", TODAY.minusDays(9), "PLANNED"));
        keep("delta", delta, "CANCELLED");
    }

    private ObjectNode body(UUID lead, String title, String area, String start, String end, String amount, String currency) {
        ObjectNode body = project(lead, title);
        body.put("researchArea", area);
        body.put("startDate", start);
        body.put("endDate", end);
        if (amount == null) {
            body.remove("budget");
        } else {
            body.with("budget").put("amount", amount).put("currency", currency);
        }
        body.putArray("tags").add(tag);
        return body;
    }

    private void keep(String name, ObjectNode body, String... moves) {
        var created = create(body);
        ids.put(name, created.path("id"));
        codes.put(name, created.path("code"));
        for (String to : moves) {
            move(ids.get(name), to);
        }
    }

    private List<String> titles(Object... params) {
        var request = as("viewer").queryParam("tag", tag);
        for (int i = 0; i < params.length; i += 2) {
            request = request.queryParam((String) params[i], params[i + 1]);
        }
        return request.queryParam("sort", "title").get(PROJECTS).then().statusCode(200).extract().path("items.title");
    }

    private static JsonPath stats(String days) {
        var request = as("viewer");
        if (days != null) {
            request = request.queryParam("days", days);
        }
        return request.get(PROJECTS + "/statistics").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void filtersByStatusAreaAndPartnerAsLeadOrParticipant() {
        assertEquals(List.of("城市大脑视觉 Alpha"), titles("status", "ACTIVE"));
        assertEquals(List.of("Knowledge Gamma 知识图谱", "城市大脑视觉 Alpha"), titles("status", "ACTIVE,ON_HOLD"));
        assertEquals(List.of("Smart city Delta 100%", "城市大脑视觉 Alpha"),
                titles("status", "active", "status", "CANCELLED"));
        assertEquals(List.of("Speech Beta"), titles("researchArea", "SPEECH"));
        assertEquals(List.of("Knowledge Gamma 知识图谱", "Smart city Delta 100%", "城市大脑视觉 Alpha"),
                titles("partnerId", a.toString()));
        assertEquals(List.of("Speech Beta", "城市大脑视觉 Alpha"), titles("partnerId", b.toString()));
        assertEquals(List.of(), titles("partnerId", UUID.randomUUID().toString()));
        assertEquals(List.of("Knowledge Gamma 知识图谱"), as("viewer").queryParam("tag", tag + "-GRAPH")
                .get(PROJECTS).then().statusCode(200).extract().path("items.title"));
    }

    @Test
    void filtersByStartAndEndDateRanges() {
        assertEquals(List.of("Speech Beta", "城市大脑视觉 Alpha"), titles("startFrom", "2026-01-01", "startTo", "2026-06-30"));
        assertEquals(List.of("Knowledge Gamma 知识图谱"), titles("startTo", "2025-12-31"));
        assertEquals(List.of("Smart city Delta 100%", "Speech Beta"), titles("endFrom", "2027-01-01"));
        assertEquals(List.of("Knowledge Gamma 知识图谱"), titles("endTo", "2026-06-30"));
        assertEquals(List.of("城市大脑视觉 Alpha"), titles("startFrom", "2026-01-10", "endTo", "2026-12-31"));
    }

    @Test
    void qSearchesCodeTitleAndSummaryInChineseAndEnglish() {
        assertEquals(List.of("Knowledge Gamma 知识图谱"), titles("q", "GAMMA"));
        assertEquals(List.of("Knowledge Gamma 知识图谱"), titles("q", "知识"));
        assertEquals(List.of("城市大脑视觉 Alpha"), titles("q", "城市大脑"));
        assertEquals(List.of("Speech Beta"), titles("q", codes.get("beta").toLowerCase()));
        assertEquals(List.of("Speech Beta"), titles("q", "joint research on speech"));
        // LIKE wildcards in q are plain characters (sent percent-encoded by hand: %25 is '%')
        assertEquals(List.of("Smart city Delta 100%"), as("viewer").urlEncodingEnabled(false)
                .get(PROJECTS + "?tag=" + tag + "&q=0%25").then().statusCode(200).extract().path("items.title"));
        assertEquals(List.of(), as("viewer").urlEncodingEnabled(false)
                .get(PROJECTS + "?tag=" + tag + "&q=a_p").then().statusCode(200).extract().path("items.title"));
        assertEquals(List.of("Smart city Delta 100%"), titles("q", "smart city"));
    }

    @Test
    void sortsByWhitelistedFieldsOnly() {
        // by amount (100.00 CNY, 250.50 USD, 1000.00 CNY): the number alone, whatever the currency
        assertEquals(List.of("城市大脑视觉 Alpha", "Speech Beta", "Smart city Delta 100%"),
                as("viewer").queryParam("tag", tag).queryParam("sort", "budget").queryParam("status", "ACTIVE,PROPOSED,CANCELLED")
                        .get(PROJECTS).then().statusCode(200).extract().path("items.title"));
        assertEquals(List.of(ids.get("delta"), ids.get("beta"), ids.get("alpha"), ids.get("gamma")),
                as("viewer").queryParam("tag", tag).queryParam("sort", "-startDate")
                        .get(PROJECTS).then().statusCode(200).extract().path("items.id"));
        assertEquals(List.of(codes.get("alpha"), codes.get("beta"), codes.get("gamma"), codes.get("delta")),
                as("viewer").queryParam("tag", tag).queryParam("sort", "code")
                        .get(PROJECTS).then().statusCode(200).extract().path("items.code"));
        as("viewer").queryParam("sort", "summary").get(PROJECTS).then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("sort"))
                .body("detail", containsString("allowed: createdAt, code, title"));
        as("viewer").queryParam("sort", "title; drop table projects").get(PROJECTS).then().statusCode(400);
    }

    @Test
    void pagesCarryTotalsAndLinkHeaders() {
        var first = as("viewer").queryParam("tag", tag).queryParam("size", 3).queryParam("sort", "code")
                .get(PROJECTS).then().statusCode(200)
                .body("page", equalTo(0)).body("size", equalTo(3))
                .body("totalItems", equalTo(4)).body("totalPages", equalTo(2))
                .extract();
        assertTrue(first.header("Link").contains("rel=\"next\""), first.header("Link"));
        as("viewer").queryParam("tag", tag).queryParam("size", 3).queryParam("page", 1).queryParam("sort", "code")
                .get(PROJECTS).then().statusCode(200)
                .body("items.code", equalTo(List.of(codes.get("delta"))))
                .header("Link", containsString("rel=\"prev\""));
        as("viewer").queryParam("tag", tag).queryParam("page", 9).get(PROJECTS).then().statusCode(200)
                .body("items", equalTo(List.of())).body("totalItems", equalTo(4));
    }

    @Test
    void updatedSinceFindsWhatChanged() throws InterruptedException {
        Instant mark = Instant.now();
        Thread.sleep(5);
        manager().contentType("application/merge-patch+json").header("If-Match", etag(ids.get("beta")))
                .body("{\"summary\":\"changed for sync\"}").patch(PROJECTS + "/" + ids.get("beta")).then().statusCode(200);
        assertEquals(List.of(ids.get("beta")), as("viewer").queryParam("tag", tag)
                .queryParam("updatedSince", mark.toString()).queryParam("sort", "updatedAt")
                .get(PROJECTS).then().statusCode(200).extract().path("items.id"));
    }

    @Test
    void badFiltersAre400NamingTheParameter() {
        for (String[] bad : new String[][]{{"status", "DONE"}, {"researchArea", "ALCHEMY"}, {"partnerId", "42"},
                {"startFrom", "2026-13-01"}, {"endTo", "yesterday"}, {"updatedSince", "2026-01-01"},
                {"size", "0"}, {"size", "201"}, {"size", "ten"}, {"page", "-1"}}) {
            as("viewer").queryParam(bad[0], bad[1]).get(PROJECTS).then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("type", equalTo("https://aicenter.org/problems/bad-query"))
                    .body("errors[0].field", equalTo(bad[0]));
        }
        as("viewer").queryParam("startFrom", "2026-06-01").queryParam("startTo", "2026-01-01").get(PROJECTS)
                .then().statusCode(400).body("errors[0].field", equalTo("startTo"));
    }

    @Test
    void statisticsCountEveryStatusAndAreaAndTotalBudgetsPerCurrency() {
        JsonPath after = stats(null);
        assertEquals(statsBefore.getLong("total") + 4, after.getLong("total"));
        Map<String, Integer> byStatus = after.getMap("byStatus");
        assertEquals(List.of("PROPOSED", "APPROVED", "ACTIVE", "ON_HOLD", "COMPLETED", "CANCELLED"),
                List.copyOf(byStatus.keySet()));
        Map<String, Integer> expectStatus = Map.of("PROPOSED", 1, "APPROVED", 0, "ACTIVE", 1, "ON_HOLD", 1,
                "COMPLETED", 0, "CANCELLED", 1);
        expectStatus.forEach((status, delta) -> assertEquals(statsBefore.getInt("byStatus." + status) + delta,
                after.getInt("byStatus." + status), status));
        Map<String, Integer> byArea = after.getMap("byArea");
        assertEquals(10, byArea.size(), "every research area is present");
        Map<String, Integer> expectArea = Map.of("COMPUTER_VISION", 1, "SPEECH", 1, "KNOWLEDGE_GRAPH", 1,
                "SMART_CITY", 1, "OTHER", 0, "RESPONSIBLE_AI", 0);
        expectArea.forEach((area, delta) -> assertEquals(statsBefore.getInt("byArea." + area) + delta,
                after.getInt("byArea." + area), area));
        assertEquals(budget(statsBefore, "CNY").add(new BigDecimal("1100.00")), budget(after, "CNY"));
        assertEquals(budget(statsBefore, "USD").add(new BigDecimal("250.50")), budget(after, "USD"));
        assertTrue(after.getString("budgetTotals.find { it.currency == 'USD' }.amount").matches("\\d+\\.\\d{2}"));
    }

    private static BigDecimal budget(JsonPath stats, String currency) {
        String amount = stats.getString("budgetTotals.find { it.currency == '" + currency + "' }.amount");
        return amount == null ? new BigDecimal("0.00") : new BigDecimal(amount);
    }

    @Test
    void statisticsCountOpenMilestonesDueSoonAndOverdueOfRunningProjects() {
        JsonPath after = stats(null);
        assertEquals(30, after.getInt("milestonesDueSoon.days"));
        assertEquals(TODAY.toString(), after.getString("milestonesDueSoon.from"));
        assertEquals(TODAY.plusDays(30).toString(), after.getString("milestonesDueSoon.to"));
        assertEquals(statsBefore.getLong("milestonesDueSoon.count") + 2, after.getLong("milestonesDueSoon.count"));
        assertEquals(statsBefore.getLong("overdueMilestones.count") + 1, after.getLong("overdueMilestones.count"));
        JsonPath after60 = stats("60");
        assertEquals(statsBefore60.getLong("milestonesDueSoon.count") + 3, after60.getLong("milestonesDueSoon.count"));

        if (after.getLong("overdueMilestones.count") <= 20) {
            org.hamcrest.MatcherAssert.assertThat(after.getList("overdueMilestones.items.title"), hasItem("alpha overdue"));
            org.hamcrest.MatcherAssert.assertThat(after.getList("overdueMilestones.items.projectCode"), hasItem(codes.get("alpha")));
        }
        if (after.getLong("milestonesDueSoon.count") <= 20) {
            org.hamcrest.MatcherAssert.assertThat(after.getList("milestonesDueSoon.items.title"), hasItem("gamma due soon"));
        }
        List<String> due = after.getList("milestonesDueSoon.items.dueDate");
        assertEquals(due.stream().sorted().toList(), due, "listed by due date");

        as("viewer").queryParam("days", "367").get(PROJECTS + "/statistics").then().statusCode(400)
                .body("errors[0].field", equalTo("days"));
        as("viewer").queryParam("days", "soon").get(PROJECTS + "/statistics").then().statusCode(400);
    }
}

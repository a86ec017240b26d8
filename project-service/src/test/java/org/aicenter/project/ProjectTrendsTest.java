package org.aicenter.project;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.aicenter.testing.PostgresResource;
import org.aicenter.testing.QueryPlans;
import org.aicenter.testing.partner.PartnerServiceStub;
import org.aicenter.testing.partner.PartnerStub;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.aicenter.project.support.Api.PROJECTS;
import static org.aicenter.project.support.Api.as;
import static org.aicenter.project.support.Api.createId;
import static org.aicenter.project.support.Api.move;
import static org.aicenter.project.support.Api.project;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Trends through HTTP from the kept transitions: projects started (APPROVED to ACTIVE, once; a
 * project back from ON_HOLD does not start again), completed and cancelled per period in
 * Asia/Shanghai, with the budgets started per currency. The transitions are moved into 2019, where
 * no other test writes; a start at 23:30 on 31 March there (15:30 UTC) is March's, one at 00:30 on
 * 1 April (16:30 UTC on 31 March) is April's.
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PartnerServiceStub.class, scope = TestResourceScope.GLOBAL)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProjectTrendsTest {

    @Inject
    AgroalDataSource dataSource;
    private boolean made;

    @BeforeEach
    void projectsOf2019() throws SQLException {
        if (made) {
            return;
        }
        made = true;
        UUID lead = PartnerStub.partner("ACTIVE");
        String resumed = budgeted(lead, "趋势 Alpha", "100.00", "CNY");
        for (String to : List.of("APPROVED", "ACTIVE", "ON_HOLD", "ACTIVE", "COMPLETED")) {
            move(resumed, to);
        }
        at(resumed, "PROPOSED", "APPROVED", "2019-03-01T02:00:00Z");
        at(resumed, "APPROVED", "ACTIVE", "2019-03-31T15:30:00Z");
        at(resumed, "ACTIVE", "ON_HOLD", "2019-04-20T02:00:00Z");
        at(resumed, "ON_HOLD", "ACTIVE", "2019-05-20T02:00:00Z");
        at(resumed, "ACTIVE", "COMPLETED", "2019-06-10T02:00:00Z");

        String dollars = budgeted(lead, "Trend Beta", "250.50", "USD");
        move(dollars, "APPROVED");
        move(dollars, "ACTIVE");
        at(dollars, "PROPOSED", "APPROVED", "2019-03-02T02:00:00Z");
        at(dollars, "APPROVED", "ACTIVE", "2019-03-31T16:30:00Z");

        String cancelled = budgeted(lead, "趋势 Gamma", "1000.00", "CNY");
        move(cancelled, "CANCELLED");
        at(cancelled, "PROPOSED", "CANCELLED", "2019-04-15T02:00:00Z");
    }

    @Test
    void monthlyStartsCompletionsCancellationsAndStartedBudgetsPerCurrency() {
        JsonPath trends = trends("2019-03-01", "2019-06-30", "month");
        assertEquals(List.of("2019-03-01", "2019-04-01", "2019-05-01", "2019-06-01"), trends.getList("trends.buckets.start"));
        assertEquals(List.of(1, 1, 0, 0), trends.getList("trends.buckets.started"));
        assertEquals(List.of(0, 0, 0, 1), trends.getList("trends.buckets.completed"));
        assertEquals(List.of(0, 1, 0, 0), trends.getList("trends.buckets.cancelled"));
        assertEquals(List.of("CNY", "USD"), trends.getList("trends.currencies"));
        assertEquals(List.of(Map.of("amount", "100.00", "currency", "CNY"), Map.of("amount", "0.00", "currency", "USD")),
                trends.getList("trends.buckets[0].startedBudget"));
        assertEquals(List.of(Map.of("amount", "0.00", "currency", "CNY"), Map.of("amount", "250.50", "currency", "USD")),
                trends.getList("trends.buckets[1].startedBudget"));
        assertEquals(List.of(Map.of("amount", "0.00", "currency", "CNY"), Map.of("amount", "0.00", "currency", "USD")),
                trends.getList("trends.buckets[3].startedBudget"));
    }

    @Test
    void weeksAndQuarters() {
        // 31 March 2019 is a Sunday: 23:30 there closes the week of 25 March; 00:30 on 1 April opens the next
        JsonPath weeks = trends("2019-03-25", "2019-04-07", "week");
        assertEquals(List.of("2019-03-25", "2019-04-01"), weeks.getList("trends.buckets.start"));
        assertEquals(List.of(1, 1), weeks.getList("trends.buckets.started"));
        JsonPath quarters = trends("2019-01-01", "2019-12-31", "quarter");
        assertEquals(List.of(1, 1, 0, 0), quarters.getList("trends.buckets.started"));
        assertEquals(List.of(0, 1, 0, 0), quarters.getList("trends.buckets.completed"));
        assertEquals(List.of(0, 1, 0, 0), quarters.getList("trends.buckets.cancelled"));
    }

    @Test
    void aRangeWithNothingInItHasEveryBucketAtZeroAndNoCurrencies() {
        JsonPath trends = trends("2017-01-01", "2017-12-31", "quarter");
        assertEquals(List.of(0, 0, 0, 0), trends.getList("trends.buckets.started"));
        assertEquals(List.of(), trends.getList("trends.currencies"));
        assertEquals(List.of(List.of(), List.of(), List.of(), List.of()), trends.getList("trends.buckets.startedBudget"));
    }

    @Test
    void badTrendParametersAreA400NamingTheParameter() {
        rejected(Map.of("interval", "day"), "interval");
        rejected(Map.of("from", "2019-07-01", "to", "2019-06-01", "interval", "week"), "from");
        rejected(Map.of("from", "1990-01-01", "to", "2019-01-01", "interval", "month"), "from");
        rejected(Map.of("to", "2019-06-01"), "interval");
    }

    @Test
    void theTrendQueriesAreServedByIndexes() throws SQLException {
        String range = " and changed_at >= timestamptz '2019-01-01 00:00+08' and changed_at < timestamptz '2020-01-01 00:00+08'";
        List<String> scans = QueryPlans.sequentialScans(dataSource, Map.of(
                "completed", "select date_trunc('month', changed_at at time zone 'Asia/Shanghai'), count(*) "
                        + "from project_transitions where to_status = 'COMPLETED'" + range + " group by 1",
                "started", "select date_trunc('month', changed_at at time zone 'Asia/Shanghai'), count(*) "
                        + "from project_transitions where from_status = 'APPROVED' and to_status = 'ACTIVE'" + range + " group by 1"));
        assertTrue(scans.isEmpty(), "trend queries without an index:\n" + String.join("\n", scans));
    }

    private static JsonPath trends(String from, String to, String interval) {
        return as("viewer").queryParam("from", from).queryParam("to", to).queryParam("interval", interval)
                .get(PROJECTS + "/statistics").then().statusCode(200).extract().jsonPath();
    }

    private static void rejected(Map<String, String> params, String parameter) {
        as("viewer").queryParams(params).get(PROJECTS + "/statistics").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem(parameter));
    }

    private static String budgeted(UUID lead, String title, String amount, String currency) {
        ObjectNode body = project(lead, title);
        body.with("budget").put("amount", amount).put("currency", currency);
        return createId(body);
    }

    private void at(String id, String from, String to, String instant) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(
                "update project_transitions set changed_at = ? where subject_id = ? and from_status = ? and to_status = ?")) {
            statement.setObject(1, OffsetDateTime.ofInstant(Instant.parse(instant), ZoneOffset.UTC));
            statement.setObject(2, UUID.fromString(id));
            statement.setString(3, from);
            statement.setString(4, to);
            assertEquals(1, statement.executeUpdate(), id + " has no " + from + " -> " + to + " transition");
        }
    }
}

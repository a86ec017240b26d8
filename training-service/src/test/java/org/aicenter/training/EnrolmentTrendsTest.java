package org.aicenter.training;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.aicenter.testing.PostgresResource;
import org.aicenter.testing.QueryPlans;
import org.aicenter.testing.partner.PartnerServiceStub;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.aicenter.training.Fixtures.*;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Enrolment trends through HTTP: made and waitlisted by creation time, cancelled and completed by
 * their own times, and the completion rate of the started programmes that end in each period, in
 * Asia/Shanghai. The test's enrolments and programme are moved into 2019, where no other test
 * writes: an enrolment made at 23:30 on 31 March there (15:30 UTC) is March's, one at 00:30 on
 * 1 April (16:30 UTC on 31 March) is April's.
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PartnerServiceStub.class, scope = TestResourceScope.GLOBAL)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EnrolmentTrendsTest {

    @Inject
    AgroalDataSource dataSource;
    private boolean made;

    @BeforeEach
    void enrolmentsOf2019() throws SQLException {
        if (made) {
            return;
        }
        made = true;
        String[] p = created(programme(2));
        String etag = move(p[0], p[1], "PUBLISHED");
        String first = enrolled(p[0], email("trend")).path("id");
        String second = enrolled(p[0], email("trend")).path("id");
        var third = enrolled(p[0], email("trend"));
        assertEquals("WAITLISTED", third.path("status"));
        assertEquals(200, moveEnrolment(p[0], second, "CANCELLED").statusCode()); // the third moves up
        move(p[0], etag, "IN_PROGRESS");
        assertEquals(200, moveEnrolment(p[0], first, "COMPLETED").statusCode());
        assertEquals(200, moveEnrolment(p[0], third.path("id"), "NO_SHOW").statusCode());

        madeAt(first, "2019-03-31T15:30:00Z");                 // 23:30 on 31 March in Shanghai
        madeAt(second, "2019-03-31T16:30:00Z");                // 00:30 on 1 April there
        madeAt(third.path("id"), "2019-04-01T03:00:00Z");
        update("update enrolments set cancelled_at = ? where id = ?", "2019-04-02T03:00:00Z", second);
        update("update enrolments set completed_at = ? where id = ?", "2019-04-30T09:00:00Z", first);
        sql("update programmes set enrolment_deadline = date '2019-03-25', start_date = date '2019-04-01', "
                + "end_date = date '2019-04-30' where id = '" + UUID.fromString(p[0]) + "'");
    }

    @Test
    void monthlySeriesAndTheCompletionRateOfTheProgrammesEndingInEach() {
        JsonPath trends = trends("2019-03-01", "2019-05-31", "month");
        assertEquals(List.of("2019-03-01", "2019-04-01", "2019-05-01"), trends.getList("trends.buckets.start"));
        assertEquals(List.of(1, 2, 0), trends.getList("trends.buckets.made"));
        assertEquals(List.of(0, 1, 0), trends.getList("trends.buckets.waitlisted"));
        assertEquals(List.of(0, 1, 0), trends.getList("trends.buckets.cancelled"));
        assertEquals(List.of(0, 1, 0), trends.getList("trends.buckets.completed"));
        assertEquals(List.of(0, 2, 0), trends.getList("trends.buckets.seatsTaken"));
        assertEquals(Arrays.asList(null, 0.5f, null), trends.getList("trends.buckets.completionRate"));
    }

    @Test
    void weeksStartOnMondayAndYearsHoldEverything() {
        JsonPath weeks = trends("2019-03-25", "2019-04-07", "week");
        assertEquals(List.of("2019-03-25", "2019-04-01"), weeks.getList("trends.buckets.start"));
        assertEquals(List.of(1, 2), weeks.getList("trends.buckets.made"));
        JsonPath years = trends("2018-01-01", "2019-12-31", "year");
        assertEquals(List.of(0, 3), years.getList("trends.buckets.made"));
        assertEquals(Arrays.asList(null, 0.5f), years.getList("trends.buckets.completionRate"));
    }

    @Test
    void badTrendParametersAreA400NamingTheParameter() {
        as("viewer").queryParam("interval", "hour").get(PROGRAMMES + "/statistics").then().statusCode(400)
                .body("errors.field", hasItem("interval"));
        as("viewer").queryParams(Map.of("from", "2019-02-01", "to", "2019-01-01", "interval", "year"))
                .get(PROGRAMMES + "/statistics").then().statusCode(400).body("errors.field", hasItem("from"));
        as("viewer").queryParams(Map.of("from", "1900-01-01", "to", "2019-01-01", "interval", "quarter"))
                .get(PROGRAMMES + "/statistics").then().statusCode(400).body("errors.field", hasItem("from"));
    }

    @Test
    void theTrendQueriesAreServedByIndexes() throws SQLException {
        String range = " >= timestamptz '2019-01-01 00:00+08' and %s < timestamptz '2020-01-01 00:00+08' group by 1";
        List<String> scans = QueryPlans.sequentialScans(dataSource, Map.of(
                "made", "select date_trunc('month', created_at at time zone 'Asia/Shanghai'), count(*) from enrolments "
                        + "where created_at" + range.formatted("created_at"),
                "cancelled", "select date_trunc('month', cancelled_at at time zone 'Asia/Shanghai'), count(*) from enrolments "
                        + "where cancelled_at" + range.formatted("cancelled_at"),
                "completed", "select date_trunc('month', completed_at at time zone 'Asia/Shanghai'), count(*) from enrolments "
                        + "where completed_at" + range.formatted("completed_at"),
                "ending programmes", "select date_trunc('month', end_date), count(*) from programmes "
                        + "where status in ('IN_PROGRESS', 'COMPLETED') and end_date between date '2019-01-01' and date '2019-12-31' group by 1"));
        assertTrue(scans.isEmpty(), "trend queries without an index:\n" + String.join("\n", scans));
    }

    private static JsonPath trends(String from, String to, String interval) {
        return as("viewer").queryParam("from", from).queryParam("to", to).queryParam("interval", interval)
                .get(PROGRAMMES + "/statistics").then().statusCode(200).extract().jsonPath();
    }

    /** Moves an enrolment's creation (and a seat taken at creation) to {@code instant}. */
    private void madeAt(String id, String instant) throws SQLException {
        update("update enrolments set enrolled_at = case when enrolled_at = created_at then ? else enrolled_at end, "
                + "created_at = ? where id = ?", instant, id);
    }

    private void update(String sql, String instant, String id) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            OffsetDateTime at = OffsetDateTime.ofInstant(Instant.parse(instant), ZoneOffset.UTC);
            int parameters = (int) sql.chars().filter(c -> c == '?').count();
            for (int i = 1; i < parameters; i++) {
                statement.setObject(i, at);
            }
            statement.setObject(parameters, UUID.fromString(id));
            assertEquals(1, statement.executeUpdate());
        }
    }

    private void sql(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.createStatement().executeUpdate(sql);
        }
    }
}

package org.aicenter.partner;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.aicenter.testing.PostgresResource;
import org.aicenter.testing.QueryPlans;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.aicenter.partner.PartnerFixtures.*;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Trends through HTTP: partnerships begun (joinedOn) and ended (the kept transition) per week,
 * month, quarter and year in Asia/Shanghai. The test moves its partners' dates into 2019, where no
 * other test writes, so the counts are exact; an end at 23:30 on 31 March Shanghai time (15:30 UTC)
 * is March's, one at 00:30 on 1 April (still 31 March in UTC) is April's.
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class PartnerTrendsTest {

    private static final String STATS = BASE + "/statistics";

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void partnersOf2019() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            try (var count = connection.createStatement().executeQuery(
                    "select count(*) from partners where joined_on between date '2019-01-01' and date '2019-12-31'")) {
                count.next();
                if (count.getLong(1) > 0) {
                    return; // made by an earlier test of this class
                }
            }
        }
        joinedOn(activated("趋势甲"), LocalDate.parse("2019-03-31"));
        joinedOn(activated("趋势乙"), LocalDate.parse("2019-04-01"));
        endedAt(activated("趋势丙"), Instant.parse("2019-03-31T15:30:00Z"));  // 23:30 on 31 March in Shanghai
        endedAt(activated("趋势丁"), Instant.parse("2019-03-31T16:30:00Z"));  // 00:30 on 1 April in Shanghai
        endedAt(activated("趋势戊"), Instant.parse("2019-12-31T15:59:59Z"));  // the last second of 2019 there
    }

    @Test
    void monthsInShanghaiTimeWithEveryBucketPresentAndTheEndsClipped() {
        var trends = trends("2019-01-15", "2019-06-10", "month");
        assertEquals("month", trends.path("trends.interval"));
        assertEquals("Asia/Shanghai", trends.path("trends.zone"));
        assertEquals(List.of("2019-01-15", "2019-02-01", "2019-03-01", "2019-04-01", "2019-05-01", "2019-06-01"),
                trends.path("trends.buckets.start"));
        assertEquals(List.of("2019-01-31", "2019-02-28", "2019-03-31", "2019-04-30", "2019-05-31", "2019-06-10"),
                trends.path("trends.buckets.end"));
        assertEquals(List.of(0, 0, 1, 1, 0, 0), trends.path("trends.buckets.joined"));
        assertEquals(List.of(0, 0, 1, 1, 0, 0), trends.path("trends.buckets.ended"));
        // the counts by type and status are still there
        assertTrue(trends.<Integer>path("total") >= 5);
    }

    @Test
    void weeksStartOnMonday() {
        // 2019-03-27 is a Wednesday: the first bucket is clipped to it, the next ones start on Mondays
        var trends = trends("2019-03-27", "2019-04-09", "week");
        assertEquals(List.of("2019-03-27", "2019-04-01", "2019-04-08"), trends.path("trends.buckets.start"));
        assertEquals(List.of("2019-03-31", "2019-04-07", "2019-04-09"), trends.path("trends.buckets.end"));
        assertEquals(List.of(1, 1, 0), trends.path("trends.buckets.joined"));
        assertEquals(List.of(1, 1, 0), trends.path("trends.buckets.ended"));
    }

    @Test
    void quartersAndYears() {
        var quarters = trends("2019-01-01", "2019-12-31", "quarter");
        assertEquals(List.of("2019-01-01", "2019-04-01", "2019-07-01", "2019-10-01"), quarters.path("trends.buckets.start"));
        assertEquals(List.of(1, 1, 0, 0), quarters.path("trends.buckets.joined"));
        assertEquals(List.of(1, 1, 0, 1), quarters.path("trends.buckets.ended"));
        var years = trends("2018-06-01", "2020-02-01", "year");
        assertEquals(List.of("2018-06-01", "2019-01-01", "2020-01-01"), years.path("trends.buckets.start"));
        assertEquals(List.of(0, 2, 0), years.path("trends.buckets.joined"));
        assertEquals(List.of(0, 3, 0), years.path("trends.buckets.ended"));
    }

    @Test
    void anIntervalAloneGivesTheLastTwelvePeriodsUpToToday() {
        var trends = as("viewer").queryParam("interval", "month").get(STATS).then().statusCode(200).extract();
        List<String> starts = trends.path("trends.buckets.start");
        assertEquals(12, starts.size());
        LocalDate today = LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));
        assertEquals(today.toString(), trends.path("trends.to"));
        assertEquals(today.withDayOfMonth(1).minusMonths(11).toString(), starts.get(0));
    }

    @Test
    void withoutTrendParametersThereAreNoTrends() {
        as("viewer").get(STATS).then().statusCode(200).body("$", not(hasKey("trends")));
    }

    @Test
    void badTrendParametersAreA400NamingTheParameter() {
        rejected(Map.of("interval", "fortnight"), "interval");
        rejected(Map.of("from", "2019-05-01", "to", "2019-04-01", "interval", "month"), "from");
        rejected(Map.of("from", "2000-01-01", "to", "2019-01-01", "interval", "week"), "from");
        rejected(Map.of("from", "2019-01-01", "to", "2019-02-01"), "interval");
        rejected(Map.of("from", "2019-02-30", "interval", "month"), "from");
        rejected(Map.of("to", "yesterday", "interval", "month"), "to");
    }

    @Test
    void theTrendQueriesAreServedByIndexes() throws SQLException {
        Map<String, String> queries = Map.of(
                "joined", "select date_trunc('month', joined_on), count(*) from partners "
                        + "where joined_on between date '2019-01-01' and date '2019-12-31' group by 1",
                "ended", "select date_trunc('month', changed_at at time zone 'Asia/Shanghai'), count(*) from partner_transitions "
                        + "where to_status = 'ENDED' and changed_at >= timestamptz '2019-01-01 00:00+08' "
                        + "and changed_at < timestamptz '2020-01-01 00:00+08' group by 1");
        List<String> scans = QueryPlans.sequentialScans(dataSource, queries);
        assertTrue(scans.isEmpty(), "trend queries without an index:\n" + String.join("\n", scans));
    }

    private static ExtractableResponse<Response> trends(String from, String to, String interval) {
        return as("viewer").queryParam("from", from).queryParam("to", to).queryParam("interval", interval)
                .get(STATS).then().statusCode(200).extract();
    }

    private static void rejected(Map<String, String> params, String parameter) {
        as("viewer").queryParams(params).get(STATS).then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem(parameter));
    }

    private static String activated(String prefix) {
        String[] partner = created(unique(prefix));
        move(partner[0], partner[1], "ACTIVE");
        return partner[0];
    }

    private void joinedOn(String id, LocalDate date) throws SQLException {
        update("update partners set joined_on = ? where id = ?", java.sql.Date.valueOf(date), id);
    }

    private void endedAt(String id, Instant at) throws SQLException {
        move(id, etagOf(id), "ENDED");
        update("update partners set joined_on = date '2018-01-10' where id = ?", null, id);
        update("update partner_transitions set changed_at = ? where subject_id = ? and to_status = 'ENDED'",
                java.time.OffsetDateTime.ofInstant(at, java.time.ZoneOffset.UTC), id);
    }

    private void update(String sql, Object value, String id) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            int index = 1;
            if (value != null) {
                statement.setObject(index++, value);
            }
            statement.setObject(index, UUID.fromString(id));
            statement.executeUpdate();
        }
    }
}

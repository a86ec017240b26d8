package org.aicenter.training;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.aicenter.testing.PostgresResource;
import org.aicenter.training.programme.ProgrammeService;
import org.aicenter.testing.partner.PartnerServiceStub;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.aicenter.training.Fixtures.*;
import static org.hamcrest.Matchers.*;

/** DRAFT -> PUBLISHED -> IN_PROGRESS -> COMPLETED; DRAFT|PUBLISHED -> CANCELLED; history; effects on enrolments. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PartnerServiceStub.class, scope = TestResourceScope.GLOBAL)
class ProgrammeLifecycleTest {

    @jakarta.inject.Inject
    javax.sql.DataSource dataSource;

    @Test
    void theWholeLifecycleIsKeptAsHistory() {
        String[] p = created(programme(10));
        String etag = move(p[0], p[1], "PUBLISHED");
        etag = move(p[0], etag, "IN_PROGRESS");
        move(p[0], etag, "COMPLETED");
        as("viewer").get(PROGRAMMES + "/" + p[0] + "/history").then().statusCode(200)
                .body("items.from", contains("DRAFT", "PUBLISHED", "IN_PROGRESS"))
                .body("items.to", contains("PUBLISHED", "IN_PROGRESS", "COMPLETED"))
                .body("items.reason[0]", is("test move to PUBLISHED"))
                .body("items.by", everyItem(is("training-coordinator-user")))
                .body("items.at", everyItem(notNullValue()));
    }

    @Test
    void forbiddenMovesAre409NamingTheAllowedOnes() {
        String[] p = created(programme(10));
        transition(p[0], p[1], "COMPLETED").statusCode(409)
                .body("type", endsWith("/invalid-transition"))
                .body("allowed", containsInAnyOrder("PUBLISHED", "CANCELLED"));
        String etag = move(p[0], p[1], "PUBLISHED");
        etag = move(p[0], etag, "IN_PROGRESS");
        transition(p[0], etag, "CANCELLED").statusCode(409).body("allowed", contains("COMPLETED"));
        etag = move(p[0], etag, "COMPLETED");
        transition(p[0], etag, "PUBLISHED").statusCode(409).body("allowed", empty());
        as("viewer").get(PROGRAMMES + "/" + p[0]).then().body("status", is("COMPLETED"));
    }

    @Test
    void transitionsNeedIfMatchAReasonAndAKnownStatus() {
        String[] p = created(programme(10));
        String path = PROGRAMMES + "/" + p[0] + "/transitions";
        coordinator().body(Map.of("to", "PUBLISHED", "reason", "ok")).post(path).then().statusCode(428);
        coordinator().header("If-Match", "\"9\"").body(Map.of("to", "PUBLISHED", "reason", "ok")).post(path).then()
                .statusCode(412);
        coordinator().header("If-Match", p[1]).body(Map.of("to", "PUBLISHED", "reason", " ")).post(path).then()
                .statusCode(400).body("errors.field", hasItem("reason"));
        coordinator().header("If-Match", p[1]).body(Map.of("to", "ARCHIVED", "reason", "x")).post(path).then()
                .statusCode(400).body("errors.field", hasItem("to"));
        as("viewer").get(PROGRAMMES + "/" + p[0]).then().body("status", is("DRAFT")).body("version", is(0));
    }

    @Test
    void cancellingAProgrammeCancelsItsLiveEnrolments() {
        String id = published(1);
        String seated = enrolled(id, email("seated")).path("id");
        String waiting = enrolled(id, email("waiting")).path("id");
        move(id, etagOf(id), "CANCELLED");
        as("viewer").get(enrolments(id) + "/" + seated).then().body("status", is("CANCELLED"))
                .body("cancelledAt", notNullValue());
        as("viewer").get(enrolments(id) + "/" + waiting).then().body("status", is("CANCELLED"))
                .body("waitlistPosition", nullValue());
        as("viewer").get(enrolments(id) + "/" + waiting + "/history").then()
                .body("items.from", contains("WAITLISTED")).body("items.reason[0]", startsWith("programme cancelled"));
        as("viewer").get(PROGRAMMES + "/" + id).then().body("seats.taken", is(0)).body("seats.waitlisted", is(0));
    }

    @Test
    void completingAProgrammeClosesItsWaitlist() {
        String id = published(1);
        String seated = enrolled(id, email("seated")).path("id");
        String waiting = enrolled(id, email("waiting")).path("id");
        String etag = move(id, etagOf(id), "IN_PROGRESS");
        move(id, etag, "COMPLETED");
        as("viewer").get(enrolments(id) + "/" + seated).then().body("status", is("ENROLLED"));
        as("viewer").get(enrolments(id) + "/" + waiting).then().body("status", is("CANCELLED"));
    }

    @Test
    void finishedProgrammesCannotBeEdited() {
        String[] p = created(programme(10));
        String etag = move(p[0], p[1], "CANCELLED");
        coordinator().header("If-Match", etag).body(programme(10)).put(PROGRAMMES + "/" + p[0]).then().statusCode(409);
        coordinator().body(session(today().plusDays(30).toString() + "T01:00:00Z", today().plusDays(30) + "T03:00:00Z"))
                .post(PROGRAMMES + "/" + p[0] + "/sessions").then().statusCode(409);
    }

    @Test
    void aRetriedSessionCreateWithItsIdempotencyKeyAddsOneSession() {
        Map<String, Object> body = programme(10);
        String[] p = created(body);
        String sessions = PROGRAMMES + "/" + p[0] + "/sessions";
        String start = (String) body.get("startDate");
        Map<String, Object> session = session(start + "T01:00:00Z", start + "T04:00:00Z");
        String key = "session-" + p[0];
        var first = coordinator().header("Idempotency-Key", key).body(session).post(sessions).then().statusCode(201)
                .extract();
        coordinator().header("Idempotency-Key", key).body(session).post(sessions).then().statusCode(201)
                .header("Idempotent-Replayed", "true").header("Location", is(first.header("Location")))
                .header("ETag", is(first.header("ETag"))).body("id", is((String) first.path("id")));
        coordinator().header("Idempotency-Key", key).body(with(session, "title", "另一场")).post(sessions).then()
                .statusCode(422).contentType("application/problem+json");
        as("viewer").get(PROGRAMMES + "/" + p[0]).then().body("sessions.size()", is(1));
    }

    @Test
    void aProgrammeHasAtMostTwoHundredSessions() throws java.sql.SQLException {
        Map<String, Object> body = programme(10);
        String[] p = created(body);
        String start = (String) body.get("startDate");
        String sessions = PROGRAMMES + "/" + p[0] + "/sessions";
        // 199 sessions straight into the table (200 requests would only slow the test), then the API adds the 200th.
        try (var connection = dataSource.getConnection(); var statement = connection.createStatement()) {
            statement.executeUpdate("insert into programme_sessions (id, version, programme_id, title, starts_at, ends_at, "
                    + "created_at, updated_at, created_by, updated_by) select gen_random_uuid(), 0, '" + p[0]
                    + "', 'session ' || n, timestamptz '" + start + "T01:00:00Z' + n * interval '1 minute', "
                    + "timestamptz '" + start + "T01:00:30Z' + n * interval '1 minute', now(), now(), 'test', 'test' "
                    + "from generate_series(1, " + (ProgrammeService.MAX_SESSIONS - 1) + ") n");
        }
        coordinator().body(session(start + "T05:00:00Z", start + "T06:00:00Z")).post(sessions).then().statusCode(201);
        coordinator().body(session(start + "T07:00:00Z", start + "T08:00:00Z")).post(sessions).then().statusCode(409)
                .contentType("application/problem+json").body("maxSessions", is(ProgrammeService.MAX_SESSIONS));
        as("viewer").get(sessions).then().statusCode(200).body("totalItems", is(ProgrammeService.MAX_SESSIONS));
    }

    @Test
    void sessionsHaveIdsAndStayWithinTheProgrammesDates() {
        Map<String, Object> body = programme(10);
        String[] p = created(body);
        String sessions = PROGRAMMES + "/" + p[0] + "/sessions";
        String start = (String) body.get("startDate");
        String end = (String) body.get("endDate");
        // Asia/Shanghai is UTC+8: the programme's first day starts at 16:00 UTC the day before
        var first = coordinator().body(session(start + "T01:00:00Z", start + "T04:00:00Z")).post(sessions).then()
                .statusCode(201).header("Location", containsString("/sessions/")).header("ETag", "\"0\"")
                .body("id", notNullValue()).body("title", is("大模型基础")).extract();
        coordinator().body(session(end + "T06:00:00Z", end + "T09:00:00Z")).post(sessions).then().statusCode(201);
        as("viewer").get(sessions).then().statusCode(200).body("items.size()", is(2)).body("totalItems", is(2))
                .body("items[0].id", is((String) first.path("id")));
        as("viewer").queryParam("sort", "-startsAt").queryParam("size", 1).get(sessions).then().statusCode(200)
                .body("items.size()", is(1)).body("totalPages", is(2)).body("items[0].id", not(is((String) first.path("id"))))
                .header("Link", containsString("rel=\"next\""));
        as("viewer").queryParam("updatedSince", "2999-01-01T00:00:00Z").get(sessions).then().body("totalItems", is(0));
        as("viewer").queryParam("sort", "location").get(sessions).then().statusCode(400).body("errors[0].field", is("sort"));
        as("viewer").get(PROGRAMMES + "/" + p[0]).then().body("sessions.size()", is(2)).body("version", is(2));

        coordinator().body(session(start + "T04:00:00Z", start + "T04:00:00Z")).post(sessions).then().statusCode(400)
                .body("errors.field", hasItem("endsAt"));
        coordinator().body(session(today().plusDays(25) + "T01:00:00Z", today().plusDays(25) + "T02:00:00Z"))
                .post(sessions).then().statusCode(422).body("errors.field", hasItem("startsAt"));
        coordinator().body(session(end + "T15:00:00Z", end + "T16:30:00Z")).post(sessions).then().statusCode(422)
                .body("errors.field", hasItem("endsAt"));
        coordinator().body(Map.of("title", "缺时间")).post(sessions).then().statusCode(400)
                .body("errors.field", hasItems("startsAt", "endsAt"));

        String one = sessions + "/" + first.path("id");
        coordinator().body(session(start + "T02:00:00Z", start + "T05:00:00Z")).put(one).then().statusCode(428);
        coordinator().header("If-Match", "\"0\"").body(with(session(start + "T02:00:00Z", start + "T05:00:00Z"),
                "title", "改期")).put(one).then().statusCode(200).header("ETag", "\"1\"").body("title", is("改期"));
        coordinator().header("If-Match", "\"0\"").delete(one).then().statusCode(412);

        // the programme's dates cannot move away from its sessions
        coordinator().contentType(MERGE_PATCH).header("If-Match", etagOf(p[0]))
                .body(Map.of("startDate", today().plusDays(31).toString())).patch(PROGRAMMES + "/" + p[0]).then()
                .statusCode(422).body("sessions.size()", is(1));

        coordinator().header("If-Match", "\"1\"").delete(one).then().statusCode(204);
        as("viewer").get(one).then().statusCode(404);
        as("viewer").get(sessions).then().body("items.size()", is(1));
    }

    static Map<String, Object> session(String startsAt, String endsAt) {
        return Map.of("title", "大模型基础", "startsAt", startsAt, "endsAt", endsAt, "location", "3 楼报告厅");
    }

    private static io.restassured.response.ValidatableResponse transition(String id, String etag, String to) {
        return coordinator().header("If-Match", etag).body(Map.of("to", to, "reason", "try " + to))
                .post(PROGRAMMES + "/" + id + "/transitions").then();
    }
}

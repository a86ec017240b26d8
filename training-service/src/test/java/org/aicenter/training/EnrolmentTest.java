package org.aicenter.training;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.aicenter.testing.PostgresResource;
import org.aicenter.testing.partner.PartnerServiceStub;
import org.aicenter.testing.partner.PartnerStub;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.aicenter.training.Fixtures.*;
import static org.hamcrest.Matchers.*;

/** The enrolment rules, one at a time, through HTTP. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PartnerServiceStub.class, scope = TestResourceScope.GLOBAL)
class EnrolmentTest {

    @Test
    void aFreeSeatEnrolsAndAFullProgrammeWaitlistsWithTheNextPosition() {
        String id = published(2);
        var first = enrol(id, email("a")).then().statusCode(201)
                .header("Location", containsString(enrolments(id) + "/"))
                .header("ETag", "\"0\"")
                .body("status", is("ENROLLED"))
                .body("waitlistPosition", nullValue())
                .body("enrolledAt", notNullValue())
                .body("programmeId", is(id))
                .body("programmeCode", startsWith("TRN-"))
                .body("participant.organisation", is("徐汇区大数据中心"))
                .body("cancelToken", notNullValue())
                .body("createdBy", is("training-coordinator-user"))
                .extract();
        enrol(id, email("b")).then().statusCode(201).body("status", is("ENROLLED"));
        enrol(id, email("c")).then().statusCode(201).body("status", is("WAITLISTED")).body("waitlistPosition", is(1))
                .body("enrolledAt", nullValue());
        enrol(id, email("d")).then().statusCode(201).body("status", is("WAITLISTED")).body("waitlistPosition", is(2));
        // the token is shown once: reading the enrolment again does not reveal it
        as("viewer").get(enrolments(id) + "/" + first.path("id")).then().statusCode(200)
                .header("ETag", "\"0\"").body("cancelToken", nullValue());
        as("viewer").get(PROGRAMMES + "/" + id).then()
                .body("seats.taken", is(2)).body("seats.free", is(0)).body("seats.waitlisted", is(2));
    }

    @Test
    void enrolmentIsOpenOnlyWhilePublished() {
        String[] draft = created(programme(5));
        enrol(draft[0], email("x")).then().statusCode(409).contentType("application/problem+json")
                .body("programmeStatus", is("DRAFT"));
        String etag = move(draft[0], draft[1], "PUBLISHED");
        enrol(draft[0], email("x")).then().statusCode(201);
        etag = move(draft[0], etag, "IN_PROGRESS");
        enrol(draft[0], email("y")).then().statusCode(409).body("programmeStatus", is("IN_PROGRESS"));
        String cancelled = published(5);
        move(cancelled, etagOf(cancelled), "CANCELLED");
        enrol(cancelled, email("z")).then().statusCode(409);
        enrol(java.util.UUID.randomUUID().toString(), email("z")).then().statusCode(404);
    }

    @Test
    void enrolmentClosesAfterTheDeadline() {
        Map<String, Object> body = programme(5);
        body.put("enrolmentDeadline", today().minusDays(1).toString());
        body.put("startDate", today().plusDays(2).toString());
        String late = published(body);
        enrol(late, email("late")).then().statusCode(409).body("enrolmentDeadline", is(today().minusDays(1).toString()));
        anonymous().get(PROGRAMMES + "/" + late).then().body("enrolmentOpen", is(false));

        Map<String, Object> lastDay = programme(5);
        lastDay.put("enrolmentDeadline", today().toString());
        enrol(published(lastDay), email("onthedeadline")).then().statusCode(201);
    }

    @Test
    void oneLiveEnrolmentPerEmailWhateverTheCase() {
        String id = published(1);
        String existing = enrolled(id, "Li.Na@Example.cn").path("id");
        enrol(id, "li.na@example.CN").then().statusCode(409).body("enrolmentId", is(existing));
        // a waitlisted enrolment is live too
        String waiting = enrolled(id, "wang@example.cn").path("id");
        enrol(id, "WANG@example.cn").then().statusCode(409).body("enrolmentId", is(waiting));
        // once cancelled, the same person may enrol again
        moveEnrolment(id, existing, "CANCELLED");
        enrol(id, "li.na@example.cn").then().statusCode(201).body("status", is("WAITLISTED"));
        // the same email in another programme is another enrolment
        enrol(published(1), "li.na@example.cn").then().statusCode(201);
    }

    @Test
    void participantFieldsAreValidated() {
        String id = published(5);
        coordinator().body(Map.of("participant", Map.of("name", "", "email", "bad", "organisation", "x")))
                .post(enrolments(id)).then().statusCode(400)
                .body("errors.field", hasItems("participant.name", "participant.email"));
        coordinator().body(Map.of()).post(enrolments(id)).then().statusCode(400)
                .body("errors.field", hasItem("participant"));
        coordinator().body(Map.of("participant", Map.of("name", "赵", "email", "zhao@example.cn", "organisation", "x",
                "partnerId", "not-a-uuid"))).post(enrolments(id)).then().statusCode(400)
                .body("errors.field", hasItem("participant.partnerId"));
    }

    @Test
    void cancellingASeatPromotesTheFirstWaitingAndClosesTheGap() {
        String id = published(2);
        String a = enrolled(id, email("a")).path("id");
        enrolled(id, email("b"));
        String w1 = enrolled(id, email("w1")).path("id");
        String w2 = enrolled(id, email("w2")).path("id");
        String w3 = enrolled(id, email("w3")).path("id");

        moveEnrolment(id, a, "CANCELLED").statusCode();
        as("viewer").get(enrolments(id) + "/" + a).then().body("status", is("CANCELLED"))
                .body("cancelledAt", notNullValue());
        as("viewer").get(enrolments(id) + "/" + w1).then().body("status", is("ENROLLED")).body("waitlistPosition", nullValue());
        as("viewer").get(enrolments(id) + "/" + w1 + "/history").then()
                .body("items.from", contains("WAITLISTED")).body("items.to", contains("ENROLLED"))
                .body("items.reason[0]", containsString(a));
        as("viewer").get(enrolments(id) + "/" + w2).then().body("waitlistPosition", is(1));
        as("viewer").get(enrolments(id) + "/" + w3).then().body("waitlistPosition", is(2));
        as("viewer").get(PROGRAMMES + "/" + id).then().body("seats.taken", is(2)).body("seats.waitlisted", is(2));
    }

    @Test
    void cancellingAWaitlistedEnrolmentClosesTheGap() {
        String id = published(1);
        enrolled(id, email("seat"));
        List<String> waiting = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            waiting.add(enrolled(id, email("w")).path("id"));
        }
        moveEnrolment(id, waiting.get(1), "CANCELLED");
        as("viewer").get(enrolments(id) + "/" + waiting.get(1)).then().body("status", is("CANCELLED"))
                .body("waitlistPosition", nullValue());
        as("viewer").queryParam("status", "WAITLISTED").queryParam("sort", "waitlistPosition").get(enrolments(id)).then()
                .body("items.id", contains(waiting.get(0), waiting.get(2), waiting.get(3)))
                .body("items.waitlistPosition", contains(1, 2, 3));
        as("viewer").get(PROGRAMMES + "/" + id).then().body("seats.taken", is(1));
    }

    @Test
    void enrolmentTransitionsFollowTheLifecycle() {
        String[] p = created(programme(1));
        String etag = move(p[0], p[1], "PUBLISHED");
        String seated = enrolled(p[0], email("s")).path("id");
        String waiting = enrolled(p[0], email("w")).path("id");
        // moving up is automatic, never requested
        assertStatus(moveEnrolment(p[0], waiting, "ENROLLED"), 409);
        assertStatus(moveEnrolment(p[0], waiting, "COMPLETED"), 409);
        // attendance is recorded once the programme has started
        var early = moveEnrolment(p[0], seated, "COMPLETED");
        assertStatus(early, 409);
        etag = move(p[0], etag, "IN_PROGRESS");
        var done = moveEnrolment(p[0], seated, "COMPLETED");
        assertStatus(done, 200);
        org.junit.jupiter.api.Assertions.assertTrue(((String) done.path("certificateCode"))
                .matches("CERT-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}"));
        assertStatus(moveEnrolment(p[0], seated, "CANCELLED"), 409);
        var refused = moveEnrolment(p[0], seated, "NO_SHOW");
        assertStatus(refused, 409);
        org.junit.jupiter.api.Assertions.assertEquals(List.of(), refused.path("allowed"));
        // a completed seat is still a seat: the waitlist does not move
        as("viewer").get(enrolments(p[0]) + "/" + waiting).then().body("status", is("WAITLISTED"));
        as("viewer").get(enrolments(p[0]) + "/" + seated + "/history").then().body("items.to", contains("COMPLETED"));
    }

    @Test
    void enrolmentTransitionsNeedIfMatch() {
        String id = published(3);
        var e = enrolled(id, email("m"));
        String path = enrolments(id) + "/" + e.path("id") + "/transitions";
        coordinator().body(Map.of("to", "CANCELLED", "reason", "x")).post(path).then().statusCode(428);
        coordinator().header("If-Match", "\"5\"").body(Map.of("to", "CANCELLED", "reason", "x")).post(path).then()
                .statusCode(412);
        coordinator().header("If-Match", e.header("ETag")).body(Map.of("to", "CANCELLED", "reason", "x")).post(path)
                .then().statusCode(200).header("ETag", "\"1\"").body("status", is("CANCELLED"));
    }

    @Test
    void noShowIsRecordedAfterTheStart() {
        String[] p = created(programme(2));
        String etag = move(p[0], p[1], "PUBLISHED");
        String e = enrolled(p[0], email("ns")).path("id");
        move(p[0], etag, "IN_PROGRESS");
        assertStatus(moveEnrolment(p[0], e, "NO_SHOW"), 200);
        as("viewer").get(enrolments(p[0]) + "/" + e).then().body("status", is("NO_SHOW")).body("certificateCode", nullValue());
    }

    @Test
    void theParticipantCancelsWithTheTokenInTheBodyAndNoAccount() {
        String id = published(1);
        var mine = enrolled(id, email("me"));
        String waiting = enrolled(id, email("next")).path("id");
        String cancel = enrolments(id) + "/" + mine.path("id") + "/cancellation";
        anonymous().post(cancel).then().statusCode(400).body("errors.field", hasItem("token"));
        anonymous().contentType("application/json").body(Map.of("token", "guess")).post(cancel).then().statusCode(403)
                .contentType("application/problem+json");
        // another enrolment's token does not work either
        String othersToken = enrolled(published(3), email("other")).path("cancelToken");
        anonymous().contentType("application/json").body(Map.of("token", othersToken)).post(cancel).then().statusCode(403);
        // the answer says nothing of the staff who handled the enrolment, nor of the participant's partner
        anonymous().contentType("application/json").body(Map.of("token", (String) mine.path("cancelToken")))
                .post(cancel).then().statusCode(200)
                .body("status", is("CANCELLED")).body("id", is((String) mine.path("id")))
                .body("$", not(hasKey("createdBy"))).body("$", not(hasKey("updatedBy")))
                .body("$", not(hasKey("participant"))).body("$", not(hasKey("cancelToken")));
        as("viewer").get(enrolments(id) + "/" + mine.path("id")).then().body("updatedBy", is("participant"));
        as("viewer").get(enrolments(id) + "/" + waiting).then().body("status", is("ENROLLED"));
        // a second click answers the same, and changes nothing
        anonymous().contentType("application/json").body(Map.of("token", (String) mine.path("cancelToken")))
                .post(cancel).then().statusCode(200).body("status", is("CANCELLED"));
        as("viewer").get(enrolments(id) + "/" + mine.path("id") + "/history").then().body("items.size()", is(1))
                .body("items.by[0]", is("participant"));
        anonymous().contentType("application/json").body(Map.of("token", "x"))
                .post(enrolments(id) + "/" + java.util.UUID.randomUUID() + "/cancellation").then().statusCode(404);
    }

    @Test
    void theDeprecatedQueryFormStillCancels() {
        String id = published(2);
        var mine = enrolled(id, email("old-link"));
        String cancel = enrolments(id) + "/" + mine.path("id") + "/cancellation";
        anonymous().queryParam("token", "guess").post(cancel).then().statusCode(403);
        // the same token twice, differently, is refused rather than guessed at
        anonymous().queryParam("token", "guess").contentType("application/json")
                .body(Map.of("token", (String) mine.path("cancelToken"))).post(cancel).then().statusCode(400)
                .body("errors.field", hasItem("token"));
        anonymous().queryParam("token", (String) mine.path("cancelToken")).post(cancel).then().statusCode(200)
                .body("status", is("CANCELLED")).body("$", not(hasKey("updatedBy")));
    }

    @Test
    void aCompletedEnrolmentCannotBeCancelledByItsLink() {
        String[] p = created(programme(2));
        String etag = move(p[0], p[1], "PUBLISHED");
        var e = enrolled(p[0], email("done"));
        move(p[0], etag, "IN_PROGRESS");
        moveEnrolment(p[0], e.path("id"), "COMPLETED");
        anonymous().queryParam("token", (String) e.path("cancelToken"))
                .post(enrolments(p[0]) + "/" + e.path("id") + "/cancellation").then().statusCode(409);
    }

    @Test
    void enrolmentsAreFoundByEmailAndByPartnerOrganisation() {
        String mail = email("multi");
        String partner = PartnerStub.partner("ACTIVE").toString();
        String first = published(5);
        String second = published(5);
        enrolled(first, mail);
        coordinator().body(participant(mail.toUpperCase(), partner)).post(enrolments(second)).then().statusCode(201);
        coordinator().body(participant(email("colleague"), partner)).post(enrolments(second)).then().statusCode(201);

        as("viewer").queryParam("email", mail.toUpperCase()).get("/api/v1/enrolments").then().statusCode(200)
                .body("totalItems", is(2))
                .body("items.programmeId", containsInAnyOrder(first, second))
                .body("items.programmeTitle", everyItem(notNullValue()));
        as("viewer").queryParam("partnerId", partner).get("/api/v1/enrolments").then().statusCode(200)
                .body("totalItems", is(2))
                .body("items.participant.partnerId", everyItem(is(partner)));
        as("viewer").queryParam("partnerId", partner).queryParam("programmeId", first).get("/api/v1/enrolments").then()
                .body("totalItems", is(0));
        as("viewer").queryParam("partnerId", "nope").get("/api/v1/enrolments").then().statusCode(400)
                .body("errors.field", hasItem("partnerId"));
        as("viewer").queryParam("sort", "email").get("/api/v1/enrolments").then().statusCode(400)
                .body("errors.field", hasItem("sort"));
        as("viewer").queryParam("status", "GONE").get(enrolments(first)).then().statusCode(400)
                .body("errors.field", hasItem("status"));
        as("viewer").queryParam("email", mail).get(enrolments(first)).then().body("totalItems", is(1));
        as("viewer").get(enrolments(java.util.UUID.randomUUID().toString())).then().statusCode(404);
    }

    @Test
    void anIdempotencyKeyMakesARetriedEnrolmentSafe() {
        String id = published(5);
        Map<String, Object> body = participant(email("retry"));
        var first = coordinator().header("Idempotency-Key", "enrol-retry-1").body(body).post(enrolments(id)).then()
                .statusCode(201).extract();
        coordinator().header("Idempotency-Key", "enrol-retry-1").body(body).post(enrolments(id)).then().statusCode(201)
                .header("Idempotent-Replayed", "true")
                .body("id", is((String) first.path("id")));
        coordinator().header("Idempotency-Key", "enrol-retry-1").body(participant(email("other"))).post(enrolments(id))
                .then().statusCode(422);
        as("viewer").get(enrolments(id)).then().body("totalItems", is(1));
    }

    private static void assertStatus(io.restassured.response.ExtractableResponse<?> response, int status) {
        org.junit.jupiter.api.Assertions.assertEquals(status, response.statusCode(), response.asString());
    }
}

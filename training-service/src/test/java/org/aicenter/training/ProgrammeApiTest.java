package org.aicenter.training;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.aicenter.testing.Concurrently;
import org.aicenter.testing.PostgresResource;
import org.aicenter.testing.partner.PartnerServiceStub;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.aicenter.training.Fixtures.*;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Programme fields and rules through HTTP: create, read, replace, patch, delete. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PartnerServiceStub.class, scope = TestResourceScope.GLOBAL)
class ProgrammeApiTest {

    @Test
    void aCreatedProgrammeIsADraftWithAServerMadeCodeAndEveryField() {
        Map<String, Object> body = programme(25);
        body.put("status", "PUBLISHED"); // ignored: status changes only by transitions
        body.put("code", "TRN-1999-0001"); // ignored: the server makes codes
        var created = coordinator().header("X-Request-Id", "create-programme-1").body(body).post(PROGRAMMES).then()
                .statusCode(201)
                .header("Location", containsString("/api/v1/programmes/"))
                .header("ETag", "\"0\"")
                .body("status", is("DRAFT"))
                .body("code", matchesPattern("TRN-" + today().getYear() + "-\\d{4}"))
                .body("title", is(body.get("title")))
                .body("topic", is("AI_FUNDAMENTALS"))
                .body("format", is("IN_PERSON"))
                .body("level", is("BEGINNER"))
                .body("language", is("zh"))
                .body("capacity", is(25))
                .body("location", is("徐汇区漕河泾 AI 创新中心"))
                .body("startDate", is(body.get("startDate")))
                .body("endDate", is(body.get("endDate")))
                .body("enrolmentDeadline", is(body.get("enrolmentDeadline")))
                .body("instructors[0].email", is("liu.yang@example.cn"))
                .body("sessions", empty())
                .body("seats.taken", is(0))
                .body("seats.free", is(25))
                .body("seats.waitlisted", is(0))
                .body("enrolmentOpen", is(false))
                .body("createdBy", is("training-coordinator-user"))
                .body("version", is(0))
                .extract();
        String id = created.path("id");
        as("viewer").get(PROGRAMMES + "/" + id).then().statusCode(200).header("ETag", "\"0\"")
                .body("code", is((String) created.path("code")));
    }

    @Test
    void codesAreUniqueUnderConcurrentCreation() throws Exception {
        List<String> codes = Concurrently.run(20, i -> coordinator().body(programme(10)).post(PROGRAMMES).then()
                .statusCode(201).extract().<String>path("code"));
        assertEquals(20, codes.stream().distinct().count(), "every programme has its own code: " + codes);
    }

    @Test
    void invalidFieldsAreRefusedNamingTheField() {
        Map<String, Object> ok = programme(10);
        expect400(with(ok, "title", ""), "title");
        expect400(with(ok, "title", "x".repeat(301)), "title");
        expect400(with(ok, "capacity", 0), "capacity");
        expect400(with(ok, "capacity", 10001), "capacity");
        expect400(with(ok, "language", "fr"), "language");
        expect400(with(ok, "topic", "ASTROLOGY"), "topic");
        expect400(with(ok, "format", null), "format");
        expect400(with(ok, "startDate", "not-a-date"), "startDate");
        expect400(without(ok, "enrolmentDeadline"), "enrolmentDeadline");
        expect400(with(ok, "instructors", List.of(Map.of("name", "王", "email", "no-at-sign"))), "instructors[0].email");
        // formats that happen somewhere need a location
        expect400(without(ok, "location"), "location");
        expect400(with(with(ok, "format", "HYBRID"), "location", "  "), "location");
        coordinator().body(with(without(ok, "location"), "format", "ONLINE")).post(PROGRAMMES).then().statusCode(201);
        // dates: deadline on or before the start, end on or after the start
        expect400(with(ok, "enrolmentDeadline", today().plusDays(31).toString()), "enrolmentDeadline");
        coordinator().body(with(ok, "enrolmentDeadline", ok.get("startDate"))).post(PROGRAMMES).then().statusCode(201);
        expect400(with(ok, "endDate", today().plusDays(29).toString()), "endDate");
        coordinator().body(with(ok, "endDate", ok.get("startDate"))).post(PROGRAMMES).then().statusCode(201);
        coordinator().body("{\"title\":").post(PROGRAMMES).then().statusCode(400)
                .contentType("application/problem+json");
    }

    private static void expect400(Map<String, Object> body, String field) {
        coordinator().body(body).post(PROGRAMMES).then().log().ifValidationFails()
                .statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem(field));
    }

    @Test
    void replaceNeedsTheCurrentETagAndIgnoresStatus() {
        String[] p = created(programme(10));
        Map<String, Object> changed = with(with(programme(12), "title", "深度学习进阶"), "status", "COMPLETED");
        coordinator().body(changed).put(PROGRAMMES + "/" + p[0]).then().statusCode(428);
        coordinator().header("If-Match", "\"7\"").body(changed).put(PROGRAMMES + "/" + p[0]).then().statusCode(412);
        coordinator().header("If-Match", p[1]).body(changed).put(PROGRAMMES + "/" + p[0]).then().statusCode(200)
                .header("ETag", "\"1\"")
                .body("title", is("深度学习进阶"))
                .body("capacity", is(12))
                .body("status", is("DRAFT"))
                .body("code", is(p[2]));
        // the first writer's ETag is stale now: a second editor cannot overwrite silently
        coordinator().header("If-Match", p[1]).body(changed).put(PROGRAMMES + "/" + p[0]).then().statusCode(412);
    }

    @Test
    void mergePatchChangesOnlyTheGivenFieldsAndChecksTheResult() {
        String[] p = created(programme(10));
        String path = PROGRAMMES + "/" + p[0];
        coordinator().contentType(MERGE_PATCH).body(Map.of("capacity", 15)).patch(path).then()
                .statusCode(428);
        String etag = coordinator().contentType(MERGE_PATCH).header("If-Match", p[1])
                .body(Map.of("capacity", 15, "status", "PUBLISHED", "description", "新的介绍"))
                .patch(path).then().statusCode(200)
                .body("capacity", is(15)).body("description", is("新的介绍")).body("status", is("DRAFT"))
                .body("title", notNullValue())
                .extract().header("ETag");
        // removing the location of an IN_PERSON programme breaks a rule: 400, nothing changes
        coordinator().contentType(MERGE_PATCH).header("If-Match", etag)
                .body("{\"location\":null}").patch(path).then().statusCode(400).body("errors.field", hasItem("location"));
        coordinator().contentType(MERGE_PATCH).header("If-Match", etag)
                .body(Map.of("capacity", "many")).patch(path).then().statusCode(400).body("errors.field", hasItem("capacity"));
        coordinator().contentType(MERGE_PATCH).header("If-Match", etag)
                .body(Map.of("enrolmentDeadline", today().plusDays(40).toString())).patch(path).then().statusCode(400)
                .body("errors.field", hasItem("enrolmentDeadline"));
        as("viewer").get(path).then().body("location", notNullValue()).body("capacity", is(15));
    }

    @Test
    void onlyADraftCanBeDeleted() {
        String[] draft = created(programme(10));
        coordinator().delete(PROGRAMMES + "/" + draft[0]).then().statusCode(428);
        coordinator().header("If-Match", draft[1]).delete(PROGRAMMES + "/" + draft[0]).then().statusCode(204);
        as("viewer").get(PROGRAMMES + "/" + draft[0]).then().statusCode(404).contentType("application/problem+json");

        String published = published(10);
        coordinator().header("If-Match", etagOf(published)).delete(PROGRAMMES + "/" + published).then().statusCode(409)
                .body("allowed", hasItems("CANCELLED", "IN_PROGRESS"));
    }

    @Test
    void unknownAndMalformedIdsAre404() {
        as("viewer").get(PROGRAMMES + "/" + java.util.UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
        as("viewer").get(PROGRAMMES + "/not-a-uuid").then().statusCode(404);
        as("viewer").get(PROGRAMMES + "/" + java.util.UUID.randomUUID() + "/history").then().statusCode(404);
    }

    @Test
    void capacityCannotDropBelowTheSeatsTaken() {
        String id = published(3);
        for (int i = 0; i < 3; i++) {
            enrolled(id, email("cap"));
        }
        coordinator().contentType(MERGE_PATCH).header("If-Match", etagOf(id))
                .body(Map.of("capacity", 2)).patch(PROGRAMMES + "/" + id).then().statusCode(409)
                .body("seatsTaken", is(3));
        coordinator().contentType(MERGE_PATCH).header("If-Match", etagOf(id))
                .body(Map.of("capacity", 3)).patch(PROGRAMMES + "/" + id).then().statusCode(200)
                .body("seats.free", is(0));
    }

    @Test
    void raisingCapacityMovesTheWaitlistUpInOrder() {
        String id = published(2);
        enrolled(id, email("seat"));
        enrolled(id, email("seat"));
        List<String> waiting = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            waiting.add(enrolled(id, email("wait")).path("id"));
        }
        coordinator().contentType(MERGE_PATCH).header("If-Match", etagOf(id))
                .body(Map.of("capacity", 5)).patch(PROGRAMMES + "/" + id).then().statusCode(200)
                .body("seats.taken", is(5)).body("seats.free", is(0)).body("seats.waitlisted", is(2));
        for (int i = 0; i < 3; i++) {
            as("viewer").get(enrolments(id) + "/" + waiting.get(i)).then()
                    .body("status", is("ENROLLED")).body("waitlistPosition", nullValue())
                    .body("enrolledAt", notNullValue());
            as("viewer").get(enrolments(id) + "/" + waiting.get(i) + "/history").then()
                    .body("items.to", contains("ENROLLED")).body("items.reason[0]", containsString("capacity raised"));
        }
        as("viewer").get(enrolments(id) + "/" + waiting.get(3)).then().body("waitlistPosition", is(1));
        as("viewer").get(enrolments(id) + "/" + waiting.get(4)).then().body("waitlistPosition", is(2));
    }
}

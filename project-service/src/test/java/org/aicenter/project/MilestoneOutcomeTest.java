package org.aicenter.project;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.aicenter.testing.partner.PartnerServiceStub;
import org.aicenter.testing.partner.PartnerStub;
import org.aicenter.testing.PostgresResource;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import static org.aicenter.project.support.Api.PROJECTS;
import static org.aicenter.project.support.Api.as;
import static org.aicenter.project.support.Api.createId;
import static org.aicenter.project.support.Api.etag;
import static org.aicenter.project.support.Api.get;
import static org.aicenter.project.support.Api.manager;
import static org.aicenter.project.support.Api.milestone;
import static org.aicenter.project.support.Api.project;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Milestones and outcomes as sub-resources with their own ids and versions. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PartnerServiceStub.class, scope = TestResourceScope.GLOBAL)
class MilestoneOutcomeTest {

    static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    private final UUID lead = PartnerStub.partner("ACTIVE");

    @Test
    void milestonesAreAddedWithoutIfMatchAndEditedWithTheirOwnEtag() {
        String id = createId(project(lead, "Milestones"));
        String milestones = PROJECTS + "/" + id + "/milestones";
        String projectEtag = etag(id);

        ExtractableResponse<Response> added = manager().body(milestone("Kick-off", TODAY.plusDays(10), null).toString())
                .post(milestones).then().statusCode(201)
                .header("ETag", "\"0\"")
                .body("status", equalTo("PLANNED"))
                .body("completedOn", nullValue())
                .extract();
        String milestoneId = added.path("id");
        org.hamcrest.MatcherAssert.assertThat(added.header("Location"), endsWith(milestones + "/" + milestoneId));
        assertNotEquals(projectEtag, etag(id), "adding a milestone changes the project document");

        as("viewer").get(milestones).then().statusCode(200).body("items.id", equalTo(List.of(milestoneId)))
                .body("totalItems", equalTo(1));
        as("viewer").get(milestones + "/" + milestoneId).then().statusCode(200).header("ETag", "\"0\"")
                .body("title", equalTo("Kick-off"));
        as("viewer").get(PROJECTS + "/" + id).then().body("milestones[0].id", equalTo(milestoneId));

        String replacement = milestone("Kick-off meeting", TODAY.plusDays(12), "IN_PROGRESS").toString();
        manager().body(replacement).put(milestones + "/" + milestoneId).then().statusCode(428);
        manager().header("If-Match", "\"5\"").body(replacement).put(milestones + "/" + milestoneId).then().statusCode(412);
        manager().header("If-Match", "\"0\"").body(replacement).put(milestones + "/" + milestoneId).then()
                .statusCode(200).header("ETag", "\"1\"")
                .body("title", equalTo("Kick-off meeting"))
                .body("status", equalTo("IN_PROGRESS"))
                .body("dueDate", equalTo(TODAY.plusDays(12).toString()));

        // a project edit elsewhere does not make the milestone's ETag stale
        manager().contentType("application/merge-patch+json").header("If-Match", etag(id))
                .body("{\"title\":\"Milestones (renamed)\"}").patch(PROJECTS + "/" + id).then().statusCode(200);
        manager().contentType("application/merge-patch+json").header("If-Match", "\"1\"")
                .body("{\"status\":\"DONE\"}").patch(milestones + "/" + milestoneId).then()
                .statusCode(200).header("ETag", "\"2\"")
                .body("status", equalTo("DONE"))
                .body("completedOn", equalTo(TODAY.toString()));

        manager().header("If-Match", "\"1\"").delete(milestones + "/" + milestoneId).then().statusCode(412);
        manager().header("If-Match", "\"2\"").delete(milestones + "/" + milestoneId).then().statusCode(204);
        as("viewer").get(milestones + "/" + milestoneId).then().statusCode(404);
        as("viewer").get(milestones).then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void completedOnBelongsToADoneMilestoneAndIsNotInTheFuture() {
        String milestones = PROJECTS + "/" + createId(project(lead, "Completion dates")) + "/milestones";
        var done = milestone("Report", TODAY.minusDays(3), "DONE");
        done.put("completedOn", TODAY.minusDays(1).toString());
        manager().body(done.toString()).post(milestones).then().statusCode(201)
                .body("completedOn", equalTo(TODAY.minusDays(1).toString()));

        done.put("completedOn", TODAY.plusDays(1).toString());
        manager().body(done.toString()).post(milestones).then().statusCode(400)
                .body("errors[0].field", equalTo("completedOn"));

        var planned = milestone("Plan", TODAY.plusDays(3), "PLANNED");
        planned.put("completedOn", TODAY.toString());
        manager().body(planned.toString()).post(milestones).then().statusCode(201).body("completedOn", nullValue());

        manager().body("{\"title\":\"\",\"status\":\"SOMEDAY\"}").post(milestones).then().statusCode(400)
                .body("errors[0].field", equalTo("status"));
        manager().body("{\"title\":\"\"}").post(milestones).then().statusCode(400)
                .body("errors.field", equalTo(List.of("dueDate", "title")));
    }

    @Test
    void aMilestoneIsFoundOnlyUnderItsOwnProject() {
        String first = createId(project(lead, "First"));
        String second = createId(project(lead, "Second"));
        String milestoneId = manager().body(milestone("Mine", TODAY, null).toString())
                .post(PROJECTS + "/" + first + "/milestones").then().statusCode(201).extract().path("id");
        as("viewer").get(PROJECTS + "/" + second + "/milestones/" + milestoneId).then().statusCode(404)
                .contentType("application/problem+json");
        manager().header("If-Match", "\"0\"").delete(PROJECTS + "/" + second + "/milestones/" + milestoneId)
                .then().statusCode(404);
        as("viewer").get(PROJECTS + "/" + UUID.randomUUID() + "/milestones").then().statusCode(404);
        manager().body(milestone("Orphan", TODAY, null).toString())
                .post(PROJECTS + "/" + UUID.randomUUID() + "/milestones").then().statusCode(404);
    }

    @Test
    void milestonesAndOutcomesAreListsLikeAnyOther() {
        String id = createId(project(lead, "Paged parts"));
        String milestones = PROJECTS + "/" + id + "/milestones";
        for (int i = 1; i <= 3; i++) {
            manager().body(milestone("Step " + i, TODAY.plusDays(i), null).toString()).post(milestones).then().statusCode(201);
        }
        // due date first by default; a page of two, the latest first, with the total and Link headers
        as("viewer").get(milestones).then().statusCode(200).body("items.title", equalTo(List.of("Step 1", "Step 2", "Step 3")));
        as("viewer").queryParam("size", 2).queryParam("sort", "-dueDate").get(milestones).then().statusCode(200)
                .body("items.title", equalTo(List.of("Step 3", "Step 2"))).body("totalItems", equalTo(3))
                .body("totalPages", equalTo(2)).header("Link", org.hamcrest.Matchers.containsString("rel=\"next\""));
        as("viewer").queryParam("size", 2).queryParam("page", 1).queryParam("sort", "-dueDate").get(milestones).then()
                .body("items.title", equalTo(List.of("Step 1")));
        // updatedSince: a part changed after the cursor, none before
        String cursor = java.time.Instant.now().plusSeconds(3600).toString();
        as("viewer").queryParam("updatedSince", cursor).get(milestones).then().statusCode(200).body("items", hasSize(0));
        as("viewer").queryParam("updatedSince", "2000-01-01T00:00:00Z").get(milestones).then().body("items", hasSize(3))
                .body("items[0].updatedAt", notNullValue());
        as("viewer").queryParam("sort", "budget").get(milestones).then().statusCode(400);
        as("viewer").queryParam("sort", "-title").get(PROJECTS + "/" + id + "/outcomes").then().statusCode(200)
                .body("items", hasSize(0)).body("totalItems", equalTo(0));
    }

    @Test
    void milestoneWritesNeedAWriterRole() {
        String milestones = PROJECTS + "/" + createId(project(lead, "Milestone roles")) + "/milestones";
        as("viewer").body(milestone("No", TODAY, null).toString()).post(milestones).then().statusCode(403);
        as("partner-manager").body(milestone("No", TODAY, null).toString()).post(milestones).then().statusCode(403);
        as("integrator").body(milestone("Yes", TODAY, null).toString()).post(milestones).then().statusCode(201);
    }

    @Test
    void aRetriedMilestonePostWithTheSameKeyAddsOne() {
        String id = createId(project(lead, "Idempotent milestone"));
        String body = milestone("Once", TODAY, null).toString();
        String first = manager().header("Idempotency-Key", "m-" + id).body(body)
                .post(PROJECTS + "/" + id + "/milestones").then().statusCode(201).extract().path("id");
        String again = manager().header("Idempotency-Key", "m-" + id).body(body)
                .post(PROJECTS + "/" + id + "/milestones").then().statusCode(201).extract().path("id");
        assertEquals(first, again);
        as("viewer").get(PROJECTS + "/" + id + "/milestones").then().body("items", hasSize(1));
    }

    @Test
    void outcomesAreSubResourcesAndStayOpenAfterCompletion() {
        String id = createId(project(lead, "Outcomes"));
        String outcomes = PROJECTS + "/" + id + "/outcomes";
        String body = "{\"type\":\"PAPER\",\"title\":\"Vision at city scale\",\"date\":\"2026-06-01\","
                + "\"url\":\"https://arxiv.org/abs/2606.00001\"}";
        String outcomeId = manager().body(body).post(outcomes).then().statusCode(201).header("ETag", "\"0\"")
                .body("type", equalTo("PAPER")).extract().path("id");
        as("viewer").get(outcomes + "/" + outcomeId).then().statusCode(200).body("url", equalTo("https://arxiv.org/abs/2606.00001"));
        manager().body("{\"type\":\"PATENT\",\"title\":\"x\",\"url\":\"ftp://x\"}").post(outcomes).then().statusCode(400)
                .body("errors[0].field", equalTo("url"));
        manager().body("{\"type\":\"RUMOUR\",\"title\":\"x\"}").post(outcomes).then().statusCode(400)
                .body("errors[0].field", equalTo("type"));

        manager().contentType("application/merge-patch+json").header("If-Match", "\"0\"")
                .body("{\"url\":null,\"type\":\"OPEN_SOURCE\"}").patch(outcomes + "/" + outcomeId).then()
                .statusCode(200).header("ETag", "\"1\"").body("url", nullValue()).body("type", equalTo("OPEN_SOURCE"));
        manager().header("If-Match", "\"1\"")
                .body("{\"type\":\"DATASET\",\"title\":\"City scenes\",\"date\":\"2026-07-01\"}")
                .put(outcomes + "/" + outcomeId).then().statusCode(200).header("ETag", "\"2\"").body("title", equalTo("City scenes"));

        org.aicenter.project.support.Api.move(id, "CANCELLED");
        manager().body("{\"type\":\"DEMONSTRATION\",\"title\":\"Shown anyway\"}").post(outcomes).then().statusCode(201);
        manager().header("If-Match", "\"0\"").delete(outcomes + "/" + outcomeId).then().statusCode(412);
        manager().header("If-Match", "\"2\"").delete(outcomes + "/" + outcomeId).then().statusCode(204);
        assertEquals(List.of("Shown anyway"), get(id).path("outcomes.title"));
    }
}

package org.aicenter.project;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.aicenter.testing.partner.PartnerServiceStub;
import org.aicenter.testing.partner.PartnerStub;
import org.aicenter.testing.PostgresResource;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.aicenter.project.support.Api.PROJECTS;
import static org.aicenter.project.support.Api.as;
import static org.aicenter.project.support.Api.create;
import static org.aicenter.project.support.Api.createId;
import static org.aicenter.project.support.Api.etag;
import static org.aicenter.project.support.Api.get;
import static org.aicenter.project.support.Api.manager;
import static org.aicenter.project.support.Api.milestone;
import static org.aicenter.project.support.Api.move;
import static org.aicenter.project.support.Api.project;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The lifecycle through POST /transitions: every move allowed and refused, history, COMPLETED's rule. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PartnerServiceStub.class, scope = TestResourceScope.GLOBAL)
class ProjectLifecycleTest {

    /** Each status and the moves the domain allows from it. */
    static final Map<String, List<String>> ALLOWED = Map.of(
            "PROPOSED", List.of("APPROVED", "CANCELLED"),
            "APPROVED", List.of("ACTIVE", "CANCELLED"),
            "ACTIVE", List.of("CANCELLED", "COMPLETED", "ON_HOLD"),
            "ON_HOLD", List.of("ACTIVE", "CANCELLED"),
            "COMPLETED", List.of(),
            "CANCELLED", List.of());
    /** A path from PROPOSED to each status. */
    static final Map<String, List<String>> PATH = Map.of(
            "PROPOSED", List.of(),
            "APPROVED", List.of("APPROVED"),
            "ACTIVE", List.of("APPROVED", "ACTIVE"),
            "ON_HOLD", List.of("APPROVED", "ACTIVE", "ON_HOLD"),
            "COMPLETED", List.of("APPROVED", "ACTIVE", "COMPLETED"),
            "CANCELLED", List.of("CANCELLED"));
    static final List<String> STATUSES = List.of("PROPOSED", "APPROVED", "ACTIVE", "ON_HOLD", "COMPLETED", "CANCELLED");

    private final UUID lead = PartnerStub.partner("ACTIVE");

    private String projectIn(String status) {
        String id = createId(project(lead, "Lifecycle " + status));
        PATH.get(status).forEach(step -> move(id, step));
        assertEquals(status, (String) get(id).path("status"));
        return id;
    }

    @Test
    void everyAllowedMoveIsMadeAndKeptInTheHistory() {
        for (String from : STATUSES) {
            for (String to : ALLOWED.get(from)) {
                String id = projectIn(from);
                String etag = etag(id);
                manager().header("If-Match", etag).body("{\"to\":\"" + to + "\",\"reason\":\"because " + to + "\"}")
                        .post(PROJECTS + "/" + id + "/transitions").then()
                        .statusCode(200)
                        .body("status", equalTo(to))
                        .header("ETag", "\"" + (Long.parseLong(etag.replace("\"", "")) + 1) + "\"");
                as("viewer").get(PROJECTS + "/" + id + "/history").then().statusCode(200)
                        .body("items[-1].from", equalTo(from))
                        .body("items[-1].to", equalTo(to))
                        .body("items[-1].reason", equalTo("because " + to));
            }
        }
    }

    @Test
    void everyOtherMoveIs409ListingTheAllowedMovesAndChangesNothing() {
        for (String from : STATUSES) {
            String id = projectIn(from);
            for (String to : STATUSES) {
                if (ALLOWED.get(from).contains(to)) {
                    continue;
                }
                String etag = etag(id);
                manager().header("If-Match", etag).body("{\"to\":\"" + to + "\",\"reason\":\"try\"}")
                        .post(PROJECTS + "/" + id + "/transitions").then()
                        .statusCode(409)
                        .contentType("application/problem+json")
                        .body("type", equalTo("https://aicenter.org/problems/invalid-transition"))
                        .body("allowed", equalTo(ALLOWED.get(from)))
                        .body("from", equalTo(from))
                        .body("detail", containsString(from + " to " + to));
                assertEquals(etag, etag(id));
            }
        }
    }

    @Test
    void historyListsWhoWhenFromToAndWhyOldestFirst() {
        Instant before = Instant.now().minusSeconds(1);
        String id = createId(project(lead, "History"));
        as("viewer").get(PROJECTS + "/" + id + "/history").then().statusCode(200).body("items", hasSize(0))
                .body("totalItems", equalTo(0));
        for (String[] step : new String[][]{{"APPROVED", "project-manager"}, {"ACTIVE", "admin"},
                {"ON_HOLD", "admin"}, {"ACTIVE", "project-manager"}}) {
            as(step[1]).header("If-Match", etag(id))
                    .body("{\"to\":\"" + step[0] + "\",\"reason\":\"  steering committee: " + step[0] + " \"}")
                    .post(PROJECTS + "/" + id + "/transitions").then().statusCode(200);
        }
        List<Map<String, String>> history = as("viewer").get(PROJECTS + "/" + id + "/history").then()
                .statusCode(200).extract().path("items");
        assertEquals(List.of("PROPOSED", "APPROVED", "ACTIVE", "ON_HOLD"), history.stream().map(h -> h.get("from")).toList());
        assertEquals(List.of("APPROVED", "ACTIVE", "ON_HOLD", "ACTIVE"), history.stream().map(h -> h.get("to")).toList());
        assertEquals(List.of("project-manager-user", "admin-user", "admin-user", "project-manager-user"),
                history.stream().map(h -> h.get("by")).toList());
        assertEquals("steering committee: APPROVED", history.get(0).get("reason"));
        Instant previous = before;
        for (Map<String, String> entry : history) {
            Instant at = Instant.parse(entry.get("at"));
            assertTrue(!at.isBefore(previous), "history is oldest first");
            previous = at;
        }
        as("viewer").get(PROJECTS + "/" + UUID.randomUUID() + "/history").then().statusCode(404);
    }

    @Test
    void completedIsRefusedWhileAMilestoneIsOpenAndAllowedOnceAllAreDoneOrMissed() {
        ObjectNode body = project(lead, "Milestones gate completion");
        body.putArray("milestones")
                .add(milestone("Data collected", LocalDate.now().minusDays(30), "DONE"))
                .add(milestone("Model trained", LocalDate.now().minusDays(5), "IN_PROGRESS"))
                .add(milestone("Pilot", LocalDate.now().plusDays(5), "PLANNED"));
        String id = create(body).path("id");
        move(id, "APPROVED");
        move(id, "ACTIVE");
        List<String> milestoneIds = get(id).path("milestones.id");
        String etag = etag(id);
        manager().header("If-Match", etag).body("{\"to\":\"COMPLETED\",\"reason\":\"done?\"}")
                .post(PROJECTS + "/" + id + "/transitions").then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("https://aicenter.org/problems/conflict"))
                .body("openMilestones", equalTo(milestoneIds.subList(1, 3)))
                .body("detail", containsString("Model trained (IN_PROGRESS)"));
        assertEquals("ACTIVE", (String) get(id).path("status"));

        settle(id, milestoneIds.get(1), "DONE");
        manager().header("If-Match", etag(id)).body("{\"to\":\"COMPLETED\",\"reason\":\"one still open\"}")
                .post(PROJECTS + "/" + id + "/transitions").then().statusCode(409)
                .body("openMilestones", equalTo(List.of(milestoneIds.get(2))));
        settle(id, milestoneIds.get(2), "MISSED");
        manager().header("If-Match", etag(id)).body("{\"to\":\"COMPLETED\",\"reason\":\"all settled\"}")
                .post(PROJECTS + "/" + id + "/transitions").then().statusCode(200).body("status", equalTo("COMPLETED"));

        // a COMPLETED project's milestones are final
        manager().body(milestone("Late addition", LocalDate.now(), null).toString())
                .post(PROJECTS + "/" + id + "/milestones").then().statusCode(409)
                .body("detail", containsString("final"));
    }

    private static void settle(String projectId, String milestoneId, String status) {
        String path = PROJECTS + "/" + projectId + "/milestones/" + milestoneId;
        String etag = as("viewer").get(path).then().statusCode(200).extract().header("ETag");
        manager().contentType("application/merge-patch+json").header("If-Match", etag)
                .body("{\"status\":\"" + status + "\"}").patch(path).then().statusCode(200)
                .body("status", equalTo(status));
    }

    @Test
    void aTransitionNeedsIfMatchAndAFreshOne() {
        String id = createId(project(lead, "Transition preconditions"));
        manager().body("{\"to\":\"APPROVED\",\"reason\":\"no if-match\"}")
                .post(PROJECTS + "/" + id + "/transitions").then().statusCode(428)
                .contentType("application/problem+json");
        move(id, "APPROVED");
        manager().header("If-Match", "\"0\"").body("{\"to\":\"ACTIVE\",\"reason\":\"stale\"}")
                .post(PROJECTS + "/" + id + "/transitions").then().statusCode(412)
                .header("ETag", "\"1\"")
                .body("type", equalTo("https://aicenter.org/problems/precondition-failed"));
        assertEquals("APPROVED", (String) get(id).path("status"));
        assertEquals(1, as("viewer").get(PROJECTS + "/" + id + "/history").then().extract().jsonPath().getList("items").size());
    }

    @Test
    void aTransitionBodyNeedsAKnownStatusAndAReason() {
        String id = createId(project(lead, "Transition body"));
        manager().header("If-Match", "\"0\"").body("{\"to\":\"FINISHED\",\"reason\":\"x\"}")
                .post(PROJECTS + "/" + id + "/transitions").then().statusCode(400)
                .body("errors[0].field", equalTo("to"));
        manager().header("If-Match", "\"0\"").body("{\"to\":\"APPROVED\"}")
                .post(PROJECTS + "/" + id + "/transitions").then().statusCode(400)
                .body("errors[0].field", equalTo("reason"));
        as("viewer").header("If-Match", "\"0\"")
                .body("{\"to\":\"APPROVED\",\"reason\":\"viewer\"}")
                .post(PROJECTS + "/" + id + "/transitions").then().statusCode(403);
        manager().header("If-Match", "\"0\"").body("{\"to\":\"APPROVED\",\"reason\":\"x\"}")
                .post(PROJECTS + "/" + UUID.randomUUID() + "/transitions").then().statusCode(404);
    }
}

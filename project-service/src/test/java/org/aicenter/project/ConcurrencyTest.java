package org.aicenter.project;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.aicenter.testing.partner.PartnerServiceStub;
import org.aicenter.testing.partner.PartnerStub;
import org.aicenter.testing.Concurrently;
import org.aicenter.testing.PostgresResource;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.aicenter.project.support.Api.PROJECTS;
import static org.aicenter.project.support.Api.as;
import static org.aicenter.project.support.Api.createId;
import static org.aicenter.project.support.Api.get;
import static org.aicenter.project.support.Api.manager;
import static org.aicenter.project.support.Api.milestone;
import static org.aicenter.project.support.Api.move;
import static org.aicenter.project.support.Api.project;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Concurrent writers: unique codes, no lost update, no completion racing a milestone. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PartnerServiceStub.class, scope = TestResourceScope.GLOBAL)
class ConcurrencyTest {

    @Test
    void fiftyConcurrentCreatesGetFiftyDistinctCodes() throws Exception {
        UUID lead = PartnerStub.partner("ACTIVE");
        // the partner is known first (as in life), so the burst measures the codes, not 50 cold lookups
        createId(project(lead, "Warm-up"));
        String tag = "cc-" + UUID.randomUUID().toString().substring(0, 8);
        List<ExtractableResponse<Response>> answers = Concurrently.run(50, i -> {
            var body = project(lead, "Concurrent " + i);
            body.putArray("tags").add(tag);
            return manager().body(body.toString()).post(PROJECTS).then().extract();
        });
        Set<String> codes = new HashSet<>();
        int year = LocalDate.now(ZoneId.of("Asia/Shanghai")).getYear();
        for (var answer : answers) {
            assertEquals(201, answer.statusCode(), answer.body().asString());
            String code = answer.path("code");
            assertTrue(code.matches("AIC-" + year + "-\\d{4,}"), code);
            codes.add(code);
        }
        assertEquals(50, codes.size(), "every project has its own code");
        assertEquals(50, (int) as("viewer").queryParam("tag", tag).get(PROJECTS).then().extract().path("totalItems"));
    }

    @Test
    void concurrentEditsWithTheSameEtagLetExactlyOneWin() throws Exception {
        String id = createId(project(PartnerStub.partner("ACTIVE"), "Contended"));
        List<Integer> statuses = Concurrently.run(10, i -> manager().contentType("application/merge-patch+json")
                .header("If-Match", "\"0\"").body("{\"title\":\"Editor " + i + "\"}")
                .patch(PROJECTS + "/" + id).then().extract().statusCode());
        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        assertEquals(9, statuses.stream().filter(s -> s == 412).count(), statuses.toString());
        assertEquals(1, (int) get(id).path("version"));
    }

    @Test
    void completionAndAMilestoneAddedAtTheSameTimeNeverLeaveACompletedProjectWithAnOpenMilestone() throws Exception {
        for (int round = 0; round < 5; round++) {
            String id = createId(project(PartnerStub.partner("ACTIVE"), "Race " + round));
            move(id, "APPROVED");
            String etag = move(id, "ACTIVE");
            List<Integer> statuses = Concurrently.run(2, i -> i == 0
                    ? manager().header("If-Match", etag).body("{\"to\":\"COMPLETED\",\"reason\":\"race\"}")
                    .post(PROJECTS + "/" + id + "/transitions").then().extract().statusCode()
                    : manager().body(milestone("Late", LocalDate.now(), "PLANNED").toString())
                    .post(PROJECTS + "/" + id + "/milestones").then().extract().statusCode());
            var project = get(id);
            boolean completed = "COMPLETED".equals(project.path("status"));
            List<String> milestoneStatuses = project.path("milestones.status");
            assertTrue(!completed || milestoneStatuses.isEmpty(),
                    "round " + round + ": " + statuses + " left " + project.body().asString());
            assertTrue(completed || statuses.get(1) == 201, statuses.toString());
        }
    }
}

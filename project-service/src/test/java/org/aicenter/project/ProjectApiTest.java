package org.aicenter.project;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.aicenter.testing.partner.PartnerServiceStub;
import org.aicenter.testing.partner.PartnerStub;
import org.aicenter.testing.PostgresResource;
import org.aicenter.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.aicenter.project.support.Api.PROJECTS;
import static org.aicenter.project.support.Api.as;
import static org.aicenter.project.support.Api.create;
import static org.aicenter.project.support.Api.createId;
import static org.aicenter.project.support.Api.etag;
import static org.aicenter.project.support.Api.get;
import static org.aicenter.project.support.Api.manager;
import static org.aicenter.project.support.Api.move;
import static org.aicenter.project.support.Api.participant;
import static org.aicenter.project.support.Api.project;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Create, read, replace, patch, delete; validation problems; roles; ETags; Idempotency-Key. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PartnerServiceStub.class, scope = TestResourceScope.GLOBAL)
class ProjectApiTest {

    @Test
    void createAnswers201WithLocationEtagCodeMoneyAndTheLeadAmongTheParticipants() {
        UUID lead = PartnerStub.partner("ACTIVE");
        UUID funder = PartnerStub.partner("SUSPENDED");
        ObjectNode body = project(lead, "城市大脑视觉感知 Urban vision");
        participant(body.withArray("participants"), funder, "FUNDER");
        ExtractableResponse<Response> created = create(body);

        String id = created.path("id");
        assertEquals("\"0\"", created.header("ETag"));
        org.hamcrest.MatcherAssert.assertThat(created.header("Location"), endsWith(PROJECTS + "/" + id));
        org.hamcrest.MatcherAssert.assertThat(created.path("code"), matchesPattern("AIC-\\d{4}-\\d{4,}"));
        assertEquals("PROPOSED", (String) created.path("status"));
        assertEquals(Map.of("amount", "1500000.00", "currency", "CNY"), (Object) created.path("budget"));
        assertEquals(List.of(Map.of("partnerId", lead.toString(), "role", "LEAD"),
                Map.of("partnerId", funder.toString(), "role", "FUNDER")), (Object) created.path("participants"));
        assertEquals("project-manager-user", (String) created.path("createdBy"));
        assertEquals("李明", (String) created.path("principalInvestigator.name"));

        as("viewer").get(PROJECTS + "/" + id).then().statusCode(200)
                .header("ETag", "\"0\"")
                .body("title", equalTo("城市大脑视觉感知 Urban vision"))
                .body("tags", equalTo(List.of("vision")))
                .body("budget.amount", equalTo("1500000.00"));
    }

    @Test
    void budgetCurrencyDefaultsToCnyAndANumberAmountIsKeptExactly() {
        ObjectNode body = project(PartnerStub.partner("ACTIVE"), "Default currency");
        body.putObject("budget").put("amount", new java.math.BigDecimal("0.10"));
        ExtractableResponse<Response> created = create(body);
        assertEquals(Map.of("amount", "0.10", "currency", "CNY"), (Object) created.path("budget"));

        body.remove("budget");
        assertEquals(null, (Object) create(body).path("budget"));
    }

    @Test
    void invalidBodiesAre400NamingEveryField() {
        UUID lead = PartnerStub.partner("ACTIVE");
        ObjectNode body = project(lead, "");
        body.put("endDate", "2026-01-01");
        body.with("budget").put("amount", "-1");
        body.with("budget").put("currency", "XYZ");
        manager().body(body.toString()).post(PROJECTS).then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://aicenter.org/problems/validation"))
                .body("errors.field", hasItem("title"))
                .body("errors.field", hasItem("budget.amount"))
                .body("requestId", notNullValue());

        ObjectNode dates = project(lead, "Dates");
        dates.put("endDate", "2026-01-01");
        dates.with("budget").put("currency", "XYZ");
        manager().body(dates.toString()).post(PROJECTS).then().statusCode(400)
                .body("errors.field", hasItem("endDate"))
                .body("errors.field", hasItem("budget.currency"));

        ObjectNode decimals = project(lead, "Three decimals");
        decimals.with("budget").put("amount", "10.005");
        manager().body(decimals.toString()).post(PROJECTS).then().statusCode(400)
                .body("errors.field", hasItem("budget.amount"));

        ObjectNode area = project(lead, "Bad area");
        area.put("researchArea", "ALCHEMY");
        manager().body(area.toString()).post(PROJECTS).then().statusCode(400)
                .body("errors[0].field", equalTo("researchArea"))
                .body("detail", containsString("COMPUTER_VISION"));

        ObjectNode noLead = project(lead, "No lead");
        noLead.remove("leadPartnerId");
        manager().body(noLead.toString()).post(PROJECTS).then().statusCode(400)
                .body("errors.field", hasItem("leadPartnerId"));

        manager().body("{\"title\": ").post(PROJECTS).then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://aicenter.org/problems/malformed-request"));
    }

    @Test
    void aPartnerAppearsOnceAndOnlyTheLeadHasRoleLead() {
        UUID lead = PartnerStub.partner("ACTIVE");
        UUID other = PartnerStub.partner("ACTIVE");

        ObjectNode twice = project(lead, "Twice");
        participant(twice.withArray("participants"), other, "FUNDER");
        participant(twice.withArray("participants"), other, "PILOT_SITE");
        manager().body(twice.toString()).post(PROJECTS).then().statusCode(400)
                .body("errors[0].field", equalTo("participants[1].partnerId"))
                .body("errors[0].message", containsString("more than once"));

        ObjectNode secondLead = project(lead, "Second lead");
        participant(secondLead.withArray("participants"), other, "LEAD");
        manager().body(secondLead.toString()).post(PROJECTS).then().statusCode(400)
                .body("errors[0].field", equalTo("participants[0].role"));

        ObjectNode leadAsFunder = project(lead, "Lead as funder");
        participant(leadAsFunder.withArray("participants"), lead, "FUNDER");
        manager().body(leadAsFunder.toString()).post(PROJECTS).then().statusCode(400)
                .body("errors[0].field", equalTo("participants[0].role"));

        ObjectNode leadListed = project(lead, "Lead listed second");
        participant(leadListed.withArray("participants"), other, "CO_RESEARCHER");
        participant(leadListed.withArray("participants"), lead, "LEAD");
        assertEquals(List.of(Map.of("partnerId", other.toString(), "role", "CO_RESEARCHER"),
                Map.of("partnerId", lead.toString(), "role", "LEAD")), (Object) create(leadListed).path("participants"));
    }

    @Test
    void unknownProjectIs404ProblemAndAMalformedIdIs404() {
        String id = UUID.randomUUID().toString();
        as("viewer").get(PROJECTS + "/" + id).then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("detail", equalTo("Project " + id + " does not exist"))
                .body("instance", equalTo(PROJECTS + "/" + id));
        as("viewer").get(PROJECTS + "/not-a-uuid").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void putReplacesWithIfMatchAndIgnoresStatusAndCode() {
        UUID lead = PartnerStub.partner("ACTIVE");
        ExtractableResponse<Response> created = create(project(lead, "Before"));
        String id = created.path("id");
        ObjectNode replacement = project(lead, "After");
        replacement.put("status", "ACTIVE");
        replacement.put("code", "AIC-1999-0001");
        replacement.put("researchArea", "SPEECH");
        replacement.putArray("tags").add(" Speech ").add("ASR").add("speech");

        manager().body(replacement.toString()).put(PROJECTS + "/" + id).then().statusCode(428)
                .body("type", equalTo("https://aicenter.org/problems/precondition-required"));
        manager().header("If-Match", "\"7\"").body(replacement.toString()).put(PROJECTS + "/" + id).then()
                .statusCode(412).header("ETag", "\"0\"");
        assertEquals("Before", (String) get(id).path("title"));

        manager().header("If-Match", "\"0\"").body(replacement.toString()).put(PROJECTS + "/" + id).then()
                .statusCode(200)
                .header("ETag", "\"1\"")
                .body("title", equalTo("After"))
                .body("researchArea", equalTo("SPEECH"))
                .body("status", equalTo("PROPOSED"))
                .body("code", equalTo(created.path("code")))
                .body("tags", equalTo(List.of("asr", "speech")))
                .body("version", equalTo(1));
        // the same stale ETag again: the first write won, the second changes nothing
        manager().header("If-Match", "\"0\"").body(project(lead, "Lost update").toString())
                .put(PROJECTS + "/" + id).then().statusCode(412);
        assertEquals("After", (String) get(id).path("title"));
    }

    @Test
    void patchMergesChangesSomeFieldsAndIgnoresStatus() {
        UUID lead = PartnerStub.partner("ACTIVE");
        String id = createId(project(lead, "Patch me"));
        manager().contentType("application/merge-patch+json").header("If-Match", "\"0\"")
                .body("{\"summary\":null,\"status\":\"COMPLETED\",\"budget\":{\"amount\":\"2000000\"},"
                        + "\"principalInvestigator\":{\"email\":\"li@example.org\"}}")
                .patch(PROJECTS + "/" + id).then().statusCode(200)
                .header("ETag", "\"1\"")
                .body("title", equalTo("Patch me"))
                .body("summary", nullValue())
                .body("status", equalTo("PROPOSED"))
                .body("budget.amount", equalTo("2000000.00"))
                .body("budget.currency", equalTo("CNY"))
                .body("principalInvestigator.name", equalTo("李明"))
                .body("principalInvestigator.email", equalTo("li@example.org"));

        manager().contentType("application/merge-patch+json").header("If-Match", "\"1\"")
                .body("{\"title\":null}").patch(PROJECTS + "/" + id).then().statusCode(400)
                .body("errors[0].field", equalTo("title"));
        manager().contentType("application/merge-patch+json").header("If-Match", "\"1\"")
                .body("{\"startDate\":\"soon\"}").patch(PROJECTS + "/" + id).then().statusCode(400)
                .body("errors[0].field", equalTo("startDate"));
        manager().contentType("application/merge-patch+json").header("If-Match", "\"0\"")
                .body("{\"title\":\"stale\"}").patch(PROJECTS + "/" + id).then().statusCode(412);
        manager().contentType("application/merge-patch+json")
                .body("{\"title\":\"no if-match\"}").patch(PROJECTS + "/" + id).then().statusCode(428);
        manager().header("If-Match", "\"1\"").body("{\"title\":\"json, not merge patch\"}")
                .patch(PROJECTS + "/" + id).then().statusCode(415).contentType("application/problem+json");
        assertEquals("Patch me", (String) get(id).path("title"));
    }

    @Test
    void onlyAProposedProjectIsDeletedOthersMustBeCancelled() {
        UUID lead = PartnerStub.partner("ACTIVE");
        String proposed = createId(project(lead, "Made by mistake"));
        manager().delete(PROJECTS + "/" + proposed).then().statusCode(428);
        manager().header("If-Match", "\"3\"").delete(PROJECTS + "/" + proposed).then().statusCode(412);
        manager().header("If-Match", "\"0\"").delete(PROJECTS + "/" + proposed).then().statusCode(204);
        as("viewer").get(PROJECTS + "/" + proposed).then().statusCode(404);

        String approved = createId(project(lead, "Approved one"));
        String etag = move(approved, "APPROVED");
        manager().header("If-Match", etag).delete(PROJECTS + "/" + approved).then().statusCode(409)
                .body("type", equalTo("https://aicenter.org/problems/conflict"))
                .body("detail", containsString("Cancel it instead"));
        get(approved);
    }

    @Test
    void rolesProjectManagerWritesViewerReadsPartnerManagerCannotWrite() {
        UUID lead = PartnerStub.partner("ACTIVE");
        ObjectNode body = project(lead, "Roles");
        as("viewer").body(body.toString()).post(PROJECTS).then().statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("https://aicenter.org/problems/forbidden"));
        as("partner-manager").body(body.toString()).post(PROJECTS).then().statusCode(403);
        as("training-coordinator").body(body.toString()).post(PROJECTS).then().statusCode(403);
        String id = as("integrator").body(body.toString()).post(PROJECTS).then().statusCode(201).extract().path("id");
        as("admin").body(body.toString()).post(PROJECTS).then().statusCode(201);

        for (String reader : List.of("viewer", "partner-manager", "training-coordinator", "integrator", "admin")) {
            as(reader).get(PROJECTS + "/" + id).then().statusCode(200);
            as(reader).get(PROJECTS).then().statusCode(200);
        }
        as("partner-manager").header("If-Match", etag(id)).body(body.toString())
                .put(PROJECTS + "/" + id).then().statusCode(403);
        as("partner-manager").header("If-Match", etag(id)).body("{\"to\":\"APPROVED\",\"reason\":\"r\"}")
                .post(PROJECTS + "/" + id + "/transitions").then().statusCode(403);
        as("viewer").header("If-Match", etag(id)).delete(PROJECTS + "/" + id).then().statusCode(403);

        given().get(PROJECTS).then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer");
        given().header("Authorization", TestTokens.expired("viewer")).get(PROJECTS).then().statusCode(401);
        given().header("Authorization", TestTokens.forged("admin")).get(PROJECTS).then().statusCode(401);
    }

    @Test
    void sameIdempotencyKeyAndBodyReplaysTheFirstAnswerAnotherBodyIs422() {
        UUID lead = PartnerStub.partner("ACTIVE");
        ObjectNode body = project(lead, "Integrator sync " + UUID.randomUUID());
        String key = "sync-" + UUID.randomUUID();
        ExtractableResponse<Response> first = as("integrator").header("Idempotency-Key", key).body(body.toString())
                .post(PROJECTS).then().statusCode(201).extract();
        ExtractableResponse<Response> again = as("integrator").header("Idempotency-Key", key).body(body.toString())
                .post(PROJECTS).then().statusCode(201).header("Idempotent-Replayed", "true").extract();
        assertEquals((String) first.path("id"), again.path("id"));
        assertEquals((String) first.path("code"), again.path("code"));
        assertEquals(first.header("Location"), again.header("Location"));
        as("viewer").queryParam("q", body.get("title").asText()).get(PROJECTS).then().statusCode(200)
                .body("totalItems", equalTo(1));

        body.put("title", "another body");
        as("integrator").header("Idempotency-Key", key).body(body.toString()).post(PROJECTS).then().statusCode(422)
                .body("type", equalTo("https://aicenter.org/problems/idempotency-key-reused"));
        // keys are per caller: another caller's same key is a new request
        String other = as("admin").header("Idempotency-Key", key).body(body.toString()).post(PROJECTS).then()
                .statusCode(201).extract().path("id");
        assertNotEquals((String) first.path("id"), other);
    }
}

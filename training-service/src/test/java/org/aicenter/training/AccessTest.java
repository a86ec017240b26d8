package org.aicenter.training;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.aicenter.testing.PostgresResource;
import org.aicenter.testing.partner.PartnerServiceStub;
import org.aicenter.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.aicenter.training.Fixtures.*;
import static org.hamcrest.Matchers.*;

/** What is public (the published catalogue, certificates) and what each role may do. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PartnerServiceStub.class, scope = TestResourceScope.GLOBAL)
class AccessTest {

    @Test
    void withoutATokenTheCatalogueListsOnlyPublishedProgrammes() {
        String draft = created(programme(10))[0];
        String published = published(programme(10));
        anonymous().queryParam("size", 200).get(PROGRAMMES).then().statusCode(200)
                .body("items.status", everyItem(is("PUBLISHED")))
                .body("items.id", hasItem(published))
                .body("items.id", not(hasItem(draft)))
                .body("items[0].createdBy", nullValue())
                .body("items[0].instructors[0].name", notNullValue())
                .body("items[0].instructors[0].email", nullValue());
        anonymous().queryParam("status", "PUBLISHED").queryParam("size", 200).get(PROGRAMMES).then().statusCode(200)
                .body("items.id", hasItem(published));
        anonymous().queryParam("status", "DRAFT").get(PROGRAMMES).then().statusCode(401)
                .contentType("application/problem+json").header("WWW-Authenticate", "Bearer");
        // with a token, every status is listed
        as("viewer").queryParam("status", "DRAFT").queryParam("size", 200).get(PROGRAMMES).then().statusCode(200)
                .body("items.id", hasItem(draft));
    }

    @Test
    void withoutATokenOnlyAPublishedProgrammeCanBeRead() {
        String draft = created(programme(10))[0];
        String published = published(programme(10));
        anonymous().get(PROGRAMMES + "/" + published).then().statusCode(200)
                .body("status", is("PUBLISHED")).body("enrolmentOpen", is(true))
                .body("updatedBy", nullValue()).body("instructors[0].email", nullValue());
        anonymous().get(PROGRAMMES + "/" + draft).then().statusCode(404);
        as("viewer").get(PROGRAMMES + "/" + published).then().statusCode(200)
                .body("updatedBy", is("training-coordinator-user")).body("instructors[0].email", notNullValue());
    }

    @Test
    void aBadTokenIsRefusedEvenOnPublicPaths() {
        given().header("Authorization", TestTokens.forged("viewer")).get(PROGRAMMES).then().statusCode(401)
                .contentType("application/problem+json");
        given().header("Authorization", TestTokens.expired("viewer")).get(PROGRAMMES).then().statusCode(401);
    }

    @Test
    void everythingElseNeedsAToken() {
        String id = published(10);
        anonymous().get(PROGRAMMES + "/statistics").then().statusCode(401).contentType("application/problem+json");
        anonymous().get(PROGRAMMES + "/" + id + "/history").then().statusCode(401);
        anonymous().get(enrolments(id)).then().statusCode(401);
        anonymous().get("/api/v1/enrolments").then().statusCode(401);
        anonymous().body(programme(10)).post(PROGRAMMES).then().statusCode(401);
    }

    /**
     * The catalogue's enrolment form needs no account: a participant enrols themselves into a
     * published programme without a token (and gets the cancel token); a forged token is still a
     * 401 and a signed-in role that may not enrol people a 403, so a token never widens anything.
     */
    @Test
    void anyoneMayEnrolThemselvesIntoAPublishedProgrammeWithoutAToken() {
        String id = published(1);
        anonymous().body(participant(email("self"))).post(enrolments(id)).then().statusCode(201)
                .body("status", is("ENROLLED")).body("cancelToken", org.hamcrest.Matchers.notNullValue())
                .body("createdBy", is("anonymous"));
        anonymous().body(participant(email("self"))).post(enrolments(id)).then().statusCode(201)
                .body("status", is("WAITLISTED")).body("waitlistPosition", is(1));
        given().header("Authorization", TestTokens.forged("integrator")).contentType("application/json")
                .body(participant(email("forged"))).post(enrolments(id)).then().statusCode(401);
        String[] draft = created(programme(10));
        anonymous().body(participant(email("draft"))).post(enrolments(draft[0])).then().statusCode(404);
        anonymous().body(Map.of("participant", Map.of("name", "x"))).post(enrolments(id)).then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void trainingCoordinatorsAndAdminsWriteProgrammes() {
        as("admin").body(programme(10)).post(PROGRAMMES).then().statusCode(201);
        for (String role : new String[]{"viewer", "integrator", "partner-manager", "project-manager"}) {
            as(role).body(programme(10)).post(PROGRAMMES).then().statusCode(403)
                    .contentType("application/problem+json");
        }
        String[] p = created(programme(10));
        as("viewer").header("If-Match", p[1]).body(Map.of("to", "PUBLISHED", "reason", "x"))
                .post(PROGRAMMES + "/" + p[0] + "/transitions").then().statusCode(403);
    }

    @Test
    void coordinatorsAndAdminsWriteEnrolmentsAndEveryRoleReads() {
        String id = published(10);
        coordinator().body(participant(email("coord"))).post(enrolments(id)).then().statusCode(201);
        as("admin").body(participant(email("admin"))).post(enrolments(id)).then().statusCode(201);
        // an integrator reads and syncs partners and projects; it neither enrols nor completes anyone
        integrator().body(participant(email("int"))).post(enrolments(id)).then().statusCode(403);
        as("viewer").body(participant(email("viewer"))).post(enrolments(id)).then().statusCode(403);
        as("partner-manager").body(participant(email("pm"))).post(enrolments(id)).then().statusCode(403);
        for (String role : new String[]{"viewer", "integrator", "partner-manager", "project-manager", "admin"}) {
            as(role).get(enrolments(id)).then().statusCode(200).body("totalItems", is(2));
            as(role).get(PROGRAMMES + "/statistics").then().statusCode(200);
        }
    }
}

package org.aicenter.training;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import org.aicenter.partnerclient.PartnerSummary;
import org.aicenter.testing.PostgresResource;
import org.aicenter.testing.TestTokens;
import org.aicenter.testing.partner.PartnerContract;
import org.aicenter.testing.partner.PartnerServiceStub;
import org.aicenter.testing.partner.PartnerStub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.aicenter.training.Fixtures.*;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Host partners and participants' organisations are checked with partner-service, here its shared
 * stub, whose every answer is first checked against the committed contracts/partner-service.json.
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PartnerServiceStub.class, scope = TestResourceScope.GLOBAL)
class PartnerCheckTest {

    @Inject
    CircuitBreakerMaintenance circuits;

    @AfterEach
    void partnerServiceIsBack() {
        PartnerStub.up();
        // a failing partner-service opens the client's circuit; other tests must not feel it
        circuits.resetAll();
    }

    @Test
    void aHostMustExistAndNotHaveEnded() {
        String marker = "主办" + UUID.randomUUID().toString().substring(0, 6);
        Map<String, Object> body = with(programme(10), "title", marker);
        coordinator().body(with(body, "hostPartnerId", UUID.randomUUID().toString())).post(PROGRAMMES).then()
                .statusCode(422).contentType("application/problem+json")
                .body("errors.field", contains("hostPartnerId"))
                .body("detail", containsString("does not exist"));
        coordinator().body(with(body, "hostPartnerId", PartnerStub.partner("ENDED").toString())).post(PROGRAMMES).then()
                .statusCode(422).body("detail", containsString("ENDED"));
        as("viewer").queryParam("q", marker).get(PROGRAMMES).then().body("totalItems", is(0));
        for (String usable : List.of("PROSPECT", "ACTIVE", "SUSPENDED")) {
            String host = PartnerStub.partner(usable).toString();
            coordinator().body(with(body, "hostPartnerId", host)).post(PROGRAMMES).then().statusCode(201)
                    .body("hostPartnerId", is(host));
        }
        as("viewer").queryParam("q", marker).get(PROGRAMMES).then().body("totalItems", is(3));
    }

    @Test
    void theCallerAndRequestIdTravelToPartnerService() {
        PartnerStub.forgetCalls();
        String host = PartnerStub.partner("ACTIVE").toString();
        String token = TestTokens.bearer("training-coordinator");
        io.restassured.RestAssured.given().header("Authorization", token).header("X-Request-Id", "trace-host-check")
                .contentType("application/json").body(with(programme(10), "hostPartnerId", host))
                .post(PROGRAMMES).then().statusCode(201);
        JsonNode call = PartnerStub.calls().get(0);
        assertEquals("/api/v1/partners/" + host, call.get("path").asText());
        assertEquals(token, call.get("authorization").asText());
        assertEquals("trace-host-check", call.get("requestId").asText());
    }

    @Test
    void aNewHostIsCheckedOnUpdateButTheCurrentOneIsNotAskedAgain() {
        UUID host = PartnerStub.partner("ACTIVE");
        String[] p = created(with(programme(10), "hostPartnerId", host.toString()));
        String path = PROGRAMMES + "/" + p[0];
        coordinator().contentType(MERGE_PATCH).header("If-Match", p[1])
                .body(Map.of("hostPartnerId", PartnerStub.partner("ENDED").toString())).patch(path).then()
                .statusCode(422).body("errors.field", contains("hostPartnerId"));
        coordinator().header("If-Match", p[1]).body(with(programme(10), "hostPartnerId", UUID.randomUUID().toString()))
                .put(path).then().statusCode(422);
        as("viewer").get(path).then().body("version", is(0)).body("hostPartnerId", is(host.toString()));
        // the host ended after it was set: editing other fields still works, the host stays on record
        PartnerStub.put(PartnerStub.document(host, "ENDED"));
        PartnerStub.failing();
        coordinator().contentType(MERGE_PATCH).header("If-Match", p[1]).body(Map.of("capacity", 12)).patch(path)
                .then().statusCode(200).body("hostPartnerId", is(host.toString()));
    }

    @Test
    void aParticipantsOrganisationIsChecked() {
        String id = published(5);
        coordinator().body(participant(email("p"), UUID.randomUUID().toString())).post(enrolments(id)).then()
                .statusCode(422).body("errors.field", contains("participant.partnerId"));
        coordinator().body(participant(email("p"), PartnerStub.partner("ENDED").toString())).post(enrolments(id)).then()
                .statusCode(422);
        as("viewer").get(enrolments(id)).then().body("totalItems", is(0));
        String partner = PartnerStub.partner("ACTIVE").toString();
        coordinator().body(participant(email("p"), partner)).post(enrolments(id)).then().statusCode(201)
                .body("participant.partnerId", is(partner));
    }

    @Test
    void whenPartnerServiceFailsNothingIsWrittenAnd503Says() {
        String host = PartnerStub.partner("ACTIVE").toString();
        String member = PartnerStub.partner("ACTIVE").toString();
        String id = published(5);
        String marker = "故障" + UUID.randomUUID().toString().substring(0, 6);
        PartnerStub.failing();
        coordinator().body(with(with(programme(10), "title", marker), "hostPartnerId", host))
                .post(PROGRAMMES).then().statusCode(503).contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .body("dependency", is("partner-service"));
        coordinator().body(participant(email("p"), member)).post(enrolments(id)).then().statusCode(503);
        PartnerStub.down();
        coordinator().body(participant(email("p"), member)).post(enrolments(id)).then().statusCode(503);
        as("viewer").queryParam("q", marker).get(PROGRAMMES).then().body("totalItems", is(0));
        as("viewer").get(enrolments(id)).then().body("totalItems", is(0));
        // reads and writes that name no partner never ask partner-service
        as("viewer").get(PROGRAMMES + "/" + id).then().statusCode(200);
        enrol(id, email("no-partner")).then().statusCode(201);
    }

    @Test
    void whatThisServiceReadsOfAPartnerIsInTheCommittedContract() {
        PartnerContract contract = PartnerContract.load();
        JsonNode partner = contract.responseSchema(200);
        for (var component : PartnerSummary.class.getRecordComponents()) {
            assertTrue(partner.path("properties").has(component.getName()),
                    component.getName() + " is gone from the Partner schema of " + contract.source());
        }
        List<String> statuses = new java.util.ArrayList<>();
        contract.schemaCheck().resolve(partner.path("properties").path("status")).path("enum")
                .forEach(v -> statuses.add(v.asText()));
        assertTrue(statuses.contains(PartnerSummary.ENDED), "ENDED is a partner status: " + statuses);
        assertTrue(contract.responses().has("404"), "an unknown partner is a documented 404");
    }
}

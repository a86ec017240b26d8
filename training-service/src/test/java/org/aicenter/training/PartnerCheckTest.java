package org.aicenter.training;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import org.aicenter.testing.PostgresResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static org.aicenter.training.Fixtures.*;
import static org.hamcrest.Matchers.*;

/** Host partners and participants' organisations are checked with partner-service (here its stub). */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PartnerServiceStub.class, scope = TestResourceScope.GLOBAL)
class PartnerCheckTest {

    @Inject
    CircuitBreakerMaintenance circuits;

    @AfterEach
    void closeTheCircuit() {
        // a failing partner-service opens the client's circuit; other tests must not feel it
        circuits.resetAll();
    }

    @Test
    void aHostMustExistAndNotHaveEnded() {
        String marker = "主办" + UUID.randomUUID().toString().substring(0, 6);
        Map<String, Object> body = with(programme(10), "title", marker);
        coordinator().body(with(body, "hostPartnerId", PartnerServiceStub.UNKNOWN)).post(PROGRAMMES).then()
                .statusCode(422).contentType("application/problem+json")
                .body("errors.field", contains("hostPartnerId"))
                .body("detail", containsString("does not exist"));
        coordinator().body(with(body, "hostPartnerId", PartnerServiceStub.ENDED)).post(PROGRAMMES).then()
                .statusCode(422).body("detail", containsString("ENDED"));
        String host = UUID.randomUUID().toString();
        coordinator().body(with(body, "hostPartnerId", host)).post(PROGRAMMES).then().statusCode(201)
                .body("hostPartnerId", is(host));
        as("viewer").queryParam("q", marker).get(PROGRAMMES).then().body("totalItems", is(1));
    }

    @Test
    void aNewHostIsCheckedOnUpdate() {
        String[] p = created(programme(10));
        coordinator().contentType(MERGE_PATCH).header("If-Match", p[1])
                .body(Map.of("hostPartnerId", PartnerServiceStub.ENDED)).patch(PROGRAMMES + "/" + p[0]).then()
                .statusCode(422).body("errors.field", contains("hostPartnerId"));
        coordinator().header("If-Match", p[1]).body(with(programme(10), "hostPartnerId", PartnerServiceStub.UNKNOWN))
                .put(PROGRAMMES + "/" + p[0]).then().statusCode(422);
        as("viewer").get(PROGRAMMES + "/" + p[0]).then().body("version", is(0)).body("hostPartnerId", nullValue());
    }

    @Test
    void aParticipantsOrganisationIsChecked() {
        String id = published(5);
        integrator().body(participant(email("p"), PartnerServiceStub.UNKNOWN)).post(enrolments(id)).then()
                .statusCode(422).body("errors.field", contains("participant.partnerId"));
        integrator().body(participant(email("p"), PartnerServiceStub.ENDED)).post(enrolments(id)).then()
                .statusCode(422);
        as("viewer").get(enrolments(id)).then().body("totalItems", is(0));
        String partner = UUID.randomUUID().toString();
        integrator().body(participant(email("p"), partner)).post(enrolments(id)).then().statusCode(201)
                .body("participant.partnerId", is(partner));
    }

    @Test
    void whenPartnerServiceFailsNothingIsWrittenAnd503Says() {
        String marker = "故障" + UUID.randomUUID().toString().substring(0, 6);
        coordinator().body(with(with(programme(10), "title", marker), "hostPartnerId", PartnerServiceStub.FAILING))
                .post(PROGRAMMES).then().statusCode(503).contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .body("dependency", is("partner-service"));
        as("viewer").queryParam("q", marker).get(PROGRAMMES).then().body("totalItems", is(0));
        String id = published(5);
        integrator().body(participant(email("p"), PartnerServiceStub.FAILING)).post(enrolments(id)).then()
                .statusCode(503);
        as("viewer").get(enrolments(id)).then().body("totalItems", is(0));
        // reads never ask partner-service
        as("viewer").get(PROGRAMMES + "/" + id).then().statusCode(200);
    }
}

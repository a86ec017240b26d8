package org.aicenter.training;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.aicenter.testing.PostgresResource;
import org.aicenter.testing.partner.PartnerServiceStub;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.aicenter.training.Fixtures.*;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Completing an enrolment issues a certificate anyone can verify without a token. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PartnerServiceStub.class, scope = TestResourceScope.GLOBAL)
class CertificateTest {

    @Test
    void aCertificateVerifiesPubliclyWithProgrammeHolderAndDate() {
        Map<String, Object> body = programme(10);
        String[] p = created(body);
        String etag = move(p[0], p[1], "PUBLISHED");
        String enrolment = coordinator().body(Map.of("participant", Map.of("name", "陈静", "email", email("chen"),
                        "organisation", "上海交通大学"))).post(enrolments(p[0])).then().statusCode(201)
                .extract().path("id");
        move(p[0], etag, "IN_PROGRESS");
        String code = moveEnrolment(p[0], enrolment, "COMPLETED").path("certificateCode");

        anonymous().get("/api/v1/certificates/" + code).then().statusCode(200)
                .body("code", is(code))
                .body("holderName", is("陈静"))
                .body("programmeCode", is(p[2]))
                .body("programmeTitle", is(body.get("title")))
                .body("completedOn", is(today().toString()))
                .body("programmeStartDate", is(body.get("startDate")))
                .body("$", not(hasKey("email")));
        // codes are read back in any case
        anonymous().get("/api/v1/certificates/" + code.toLowerCase()).then().statusCode(200).body("code", is(code));
    }

    @Test
    void unknownOrMalformedCodesAre404() {
        anonymous().get("/api/v1/certificates/CERT-0000-0000-0000").then().statusCode(404)
                .contentType("application/problem+json");
        anonymous().get("/api/v1/certificates/anything").then().statusCode(404);
        anonymous().get("/api/v1/certificates/' or 1=1 --").then().statusCode(404);
    }

    @Test
    void codesAreDistinct() {
        String[] p = created(programme(30));
        String etag = move(p[0], p[1], "PUBLISHED");
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 25; i++) {
            ids.add(enrolled(p[0], email("many")).path("id"));
        }
        move(p[0], etag, "IN_PROGRESS");
        Set<String> codes = new HashSet<>();
        for (String id : ids) {
            codes.add(moveEnrolment(p[0], id, "COMPLETED").path("certificateCode"));
        }
        assertEquals(25, codes.size());
    }
}

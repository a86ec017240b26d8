package org.aicenter.partner;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.aicenter.testing.PostgresResource;
import org.junit.jupiter.api.Test;

import static org.aicenter.partner.PartnerFixtures.*;
import static org.hamcrest.Matchers.*;

@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class SmokeTest {

    @Test
    void createsAndReadsAPartner() {
        String[] p = created(unique("同济大学"));
        as("viewer").get(BASE + "/" + p[0]).then().log().ifValidationFails().statusCode(200)
                .body("status", is("PROSPECT"));
    }
}

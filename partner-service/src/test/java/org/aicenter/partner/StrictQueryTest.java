package org.aicenter.partner;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.aicenter.testing.PostgresResource;
import org.junit.jupiter.api.Test;

import static org.aicenter.partner.PartnerFixtures.*;
import static org.hamcrest.Matchers.*;

/**
 * Query parameters are strict (the platform's StrictQuery): a typo is a 400 naming it, never a
 * silently wider list; a single-valued parameter given twice is a 400; {@code ;} is part of a value.
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class StrictQueryTest {

    @Test
    void anUnknownParameterIsA400NamingItAndListingTheAcceptedOnes() {
        created(unique("严格"));
        as("viewer").urlEncodingEnabled(false).get(BASE + "?stauts=ACTIVE").then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("'stauts'"))
                .body("errors[0].field", is("stauts"))
                .body("accepted", hasItems("status", "type", "sector", "tier", "district", "q", "updatedSince", "page", "size", "sort"))
                .body("requestId", notNullValue());
    }

    @Test
    void parametersAreCaseSensitiveAndOperationsWithoutParametersTakeNone() {
        as("viewer").get(BASE + "?Status=ACTIVE").then().statusCode(400).body("errors[0].field", is("Status"));
        as("viewer").get(BASE + "/" + java.util.UUID.randomUUID() + "?verbose=1").then().statusCode(400)
                .body("detail", containsString("'verbose'")).body("accepted", empty());
        as("viewer").get(BASE + "/statistics?verbose=1").then().statusCode(400)
                .body("accepted", containsInAnyOrder("from", "to", "interval"));
    }

    @Test
    void aSingleValuedParameterGivenTwiceIsA400() {
        as("viewer").get(BASE + "?status=ACTIVE&status=ENDED").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", is("status"))
                .body("detail", containsString("more than once"));
    }

    @Test
    void aSemicolonIsAnOrdinaryCharacterInAValue() {
        String stem = unique("分号");
        String[] withSemicolon = created(stem + ";乙");
        created(stem + "甲");
        // Raw ';' in the query: only '&' separates parameters, so q is the whole "stem;乙".
        as("viewer").urlEncodingEnabled(false).get(BASE + "?q=" + encode(stem) + ";" + encode("乙")).then().statusCode(200)
                .body("totalItems", is(1)).body("items[0].id", is(withSemicolon[0]));
        as("viewer").urlEncodingEnabled(false).get(BASE + "?q=" + encode(stem) + ";size=1").then().statusCode(200)
                .body("totalItems", is(0)).body("size", is(20));
    }

    private static String encode(String text) {
        return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
    }
}

package org.aicenter.partner;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.aicenter.testing.PostgresResource;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

import static org.aicenter.partner.PartnerFixtures.*;
import static org.hamcrest.Matchers.*;

@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class PartnerLifecycleTest {

    @Test
    void theFullLifecycleIsAllowedAndKeptAsHistory() {
        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
        String[] p = created(unique("仪电集团"));
        String etag = move(p[0], p[1], "ACTIVE");
        as("viewer").get(BASE + "/" + p[0]).then().body("status", is("ACTIVE")).body("joinedOn", is(today));
        etag = move(p[0], etag, "SUSPENDED");
        etag = move(p[0], etag, "ACTIVE");
        move(p[0], etag, "ENDED");
        as("viewer").get(BASE + "/" + p[0] + "/history").then().statusCode(200)
                .body("items.from", contains("PROSPECT", "ACTIVE", "SUSPENDED", "ACTIVE"))
                .body("items.to", contains("ACTIVE", "SUSPENDED", "ACTIVE", "ENDED"))
                .body("items.reason", everyItem(startsWith("test move to")))
                .body("items.by", everyItem(is("partner-manager-user")))
                .body("items.at", everyItem(matchesPattern("\\d{4}-\\d\\d-\\d\\dT.*Z")))
                .body("totalItems", is(4)).body("page", is(0)).body("size", is(20));
        as("viewer").get(BASE + "/" + p[0]).then().body("status", is("ENDED")).body("joinedOn", is(today));
    }

    @Test
    void theHistoryIsAListLikeAnyOther() {
        String[] p = created(unique("历史分页"));
        String etag = move(p[0], p[1], "ACTIVE");
        etag = move(p[0], etag, "SUSPENDED");
        move(p[0], etag, "ACTIVE");
        String history = BASE + "/" + p[0] + "/history";
        as("viewer").queryParam("size", 2).get(history).then().statusCode(200)
                .body("items.to", contains("ACTIVE", "SUSPENDED")).body("totalItems", is(3)).body("totalPages", is(2))
                .header("Link", containsString("rel=\"next\""));
        as("viewer").queryParam("size", 2).queryParam("page", 1).get(history).then().body("items.to", contains("ACTIVE"));
        as("viewer").queryParam("sort", "-at").get(history).then().body("items.to", contains("ACTIVE", "SUSPENDED", "ACTIVE"))
                .body("items.from", contains("SUSPENDED", "ACTIVE", "PROSPECT"));
        as("viewer").queryParam("updatedSince", "2999-01-01T00:00:00Z").get(history).then().body("items", empty())
                .body("totalItems", is(0));
        as("viewer").queryParam("sort", "reason").get(history).then().statusCode(400).body("errors[0].field", is("sort"));
        as("viewer").queryParam("status", "ACTIVE").get(history).then().statusCode(400).body("errors[0].field", is("status"));
    }

    @Test
    void prospectsAndSuspendedPartnersCanEnd() {
        String[] prospect = created(unique("终止甲"));
        move(prospect[0], prospect[1], "ENDED");
        String[] suspended = created(unique("终止乙"));
        String etag = move(suspended[0], suspended[1], "ACTIVE");
        etag = move(suspended[0], etag, "SUSPENDED");
        move(suspended[0], etag, "ENDED");
    }

    @Test
    void forbiddenMovesAre409NamingTheAllowedOnesAndChangeNothing() {
        String[] p = created(unique("拒绝"));
        refused(p[0], p[1], "SUSPENDED").body("allowed", contains("ACTIVE", "ENDED")).body("from", is("PROSPECT"));
        refused(p[0], p[1], "PROSPECT").body("allowed", contains("ACTIVE", "ENDED"));
        String etag = move(p[0], p[1], "ACTIVE");
        refused(p[0], etag, "ACTIVE").body("allowed", contains("ENDED", "SUSPENDED"));
        refused(p[0], etag, "PROSPECT").body("allowed", contains("ENDED", "SUSPENDED"));
        etag = move(p[0], etag, "ENDED");
        refused(p[0], etag, "ACTIVE").body("allowed", empty()).body("detail", containsString("final"));
        as("viewer").get(BASE + "/" + p[0]).then().body("status", is("ENDED")).header("ETag", etag);
        as("viewer").get(BASE + "/" + p[0] + "/history").then().body("items.to", contains("ACTIVE", "ENDED"));
    }

    @Test
    void aTransitionNeedsAKnownTargetAndAReason() {
        String[] p = created(unique("理由"));
        manager().header("If-Match", p[1]).body(Map.of("to", "ACTIVE")).post(BASE + "/" + p[0] + "/transitions")
                .then().statusCode(400).body("errors.field", hasItem("reason"));
        manager().header("If-Match", p[1]).body(Map.of("to", "ACTIVE", "reason", "  ")).post(BASE + "/" + p[0] + "/transitions")
                .then().statusCode(400).body("errors.field", hasItem("reason"));
        manager().header("If-Match", p[1]).body(Map.of("to", "RETIRED", "reason", "x")).post(BASE + "/" + p[0] + "/transitions")
                .then().statusCode(400).body("errors.field", hasItem("to"));
        as("viewer").get(BASE + "/" + p[0]).then().body("status", is("PROSPECT"));
    }

    @Test
    void onlyAProspectCanBeDeleted() {
        String[] prospect = created(unique("误建"));
        manager().header("If-Match", prospect[1]).delete(BASE + "/" + prospect[0]).then().statusCode(204);
        as("viewer").get(BASE + "/" + prospect[0]).then().statusCode(404);

        String[] active = created(unique("在册"));
        String etag = move(active[0], active[1], "ACTIVE");
        manager().header("If-Match", etag).delete(BASE + "/" + active[0]).then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("ENDED"));
        as("viewer").get(BASE + "/" + active[0]).then().statusCode(200).body("status", is("ACTIVE"));
    }

    private static io.restassured.response.ValidatableResponse refused(String id, String etag, String to) {
        return manager().header("If-Match", etag).body(Map.of("to", to, "reason", "try"))
                .post(BASE + "/" + id + "/transitions").then().statusCode(409)
                .contentType("application/problem+json").body("type", endsWith("invalid-transition"));
    }
}

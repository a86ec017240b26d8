package org.aicenter.partner;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.aicenter.testing.PostgresResource;
import org.aicenter.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.aicenter.partner.PartnerFixtures.*;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The API conventions as partner-service applies them: ETags, idempotency, roles, errors, request ids. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class ConventionsTest {

    @Test
    void getSendsTheVersionAsETag() {
        String[] p = created(unique("标签"));
        as("viewer").get(BASE + "/" + p[0]).then().statusCode(200).header("ETag", "\"0\"");
    }

    @Test
    void writesWithoutIfMatchAre428AndStaleOnesAre412AndChangeNothing() {
        String[] p = created(unique("并发"));
        String path = BASE + "/" + p[0];
        manager().body(body(unique("x"))).put(path).then().statusCode(428).contentType("application/problem+json");
        manager().contentType("application/merge-patch+json; charset=UTF-8").body("{\"nameEn\":\"x\"}").patch(path).then().statusCode(428);
        manager().delete(path).then().statusCode(428);
        manager().body(Map.of("to", "ACTIVE", "reason", "r")).post(path + "/transitions").then().statusCode(428);

        String fresh = move(p[0], p[1], "ACTIVE");
        manager().header("If-Match", p[1]).body(body(unique("y"))).put(path).then().statusCode(412)
                .contentType("application/problem+json");
        manager().header("If-Match", p[1]).contentType("application/merge-patch+json").body("{\"nameEn\":\"x\"}")
                .patch(path).then().statusCode(412);
        manager().header("If-Match", p[1]).body(Map.of("to", "ENDED", "reason", "r")).post(path + "/transitions")
                .then().statusCode(412);
        manager().header("If-Match", "W/" + fresh).body(Map.of("to", "ENDED", "reason", "r")).post(path + "/transitions")
                .then().statusCode(412);
        as("viewer").get(path).then().header("ETag", fresh).body("status", is("ACTIVE"))
                .body("nameEn", is("English " + as("viewer").get(path).path("name")));
    }

    @Test
    void anIdempotencyKeyReplaysTheFirstAnswer() {
        String key = UUID.randomUUID().toString();
        var body = body(unique("幂等"));
        var first = manager().header("Idempotency-Key", key).body(body).post(BASE).then().statusCode(201).extract();
        var again = manager().header("Idempotency-Key", key).body(body).post(BASE).then().statusCode(201)
                .header("Idempotent-Replayed", "true").extract();
        assertEquals(first.<String>path("id"), again.path("id"));
        assertEquals(first.header("Location"), again.header("Location"));
        assertEquals(first.header("ETag"), again.header("ETag"));
        as("viewer").queryParam("q", body.get("name")).get(BASE).then().body("totalItems", is(1));

        var other = body(unique("幂等-其他"));
        manager().header("Idempotency-Key", key).body(other).post(BASE).then().statusCode(422)
                .contentType("application/problem+json").body("type", endsWith("idempotency-key-reused"));
        as("viewer").queryParam("q", other.get("name")).get(BASE).then().body("totalItems", is(0));

        // keys belong to their caller: another caller's same key is a new request
        given().header("Authorization", TestTokens.bearer("someone-else", "partner-manager")).contentType(ContentType.JSON)
                .header("Idempotency-Key", key).body(other).post(BASE).then().statusCode(201);
        manager().header("Idempotency-Key", "").body(body(unique("k"))).post(BASE).then().statusCode(201);
        manager().header("Idempotency-Key", "x".repeat(201)).body(body(unique("k"))).post(BASE).then().statusCode(400);
    }

    @Test
    void concurrentRetriesWithOneKeyMakeOneRecord() throws Exception {
        String key = UUID.randomUUID().toString();
        var body = body(unique("重试"));
        var results = org.aicenter.testing.Concurrently.run(8, i ->
                manager().header("Idempotency-Key", key).body(body).post(BASE).then().extract());
        assertEquals(1, results.stream().map(r -> r.<String>path("id")).filter(java.util.Objects::nonNull).distinct().count());
        results.forEach(r -> org.hamcrest.MatcherAssert.assertThat(r.statusCode(), anyOf(is(201), is(409))));
        as("viewer").queryParam("q", body.get("name")).get(BASE).then().body("totalItems", is(1));
    }

    @Test
    void theServiceBoundsAndChecksTokensLikeTheGateway() {
        // The same parser as the gateway's: too long is refused before parsing; a remembered token
        // that differs in one byte, names another audience or has expired is refused all the same.
        given().header("Authorization", "Bearer " + "x".repeat(15 * 1024)).get(BASE).then().statusCode(401)
                .contentType("application/problem+json");
        String token = TestTokens.bearer("viewer");
        as("viewer").get(BASE).then().statusCode(200);
        given().header("Authorization", token).get(BASE).then().statusCode(200);
        given().header("Authorization", TestTokens.resigned(token)).get(BASE).then().statusCode(401);
        given().header("Authorization", TestTokens.forAudience("another-application", "viewer")).get(BASE)
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void tokensAreRequiredAndRolesDecide() {
        given().get(BASE).then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"));
        given().header("Authorization", TestTokens.forged("admin")).get(BASE).then().statusCode(401)
                .contentType("application/problem+json");
        given().header("Authorization", TestTokens.expired("admin")).get(BASE).then().statusCode(401);
        given().header("Authorization", "Bearer not.a.token").get(BASE).then().statusCode(401);
        for (String reader : new String[]{"viewer", "project-manager", "training-coordinator", "integrator", "admin"}) {
            as(reader).get(BASE).then().statusCode(200);
        }
        for (String role : new String[]{"viewer", "project-manager", "training-coordinator"}) {
            as(role).body(body(unique("越权"))).post(BASE).then().statusCode(403).contentType("application/problem+json");
        }
        as("integrator").body(body(unique("同步"))).post(BASE).then().statusCode(201);
        as("admin").body(body(unique("管理"))).post(BASE).then().statusCode(201);
        String[] p = created(unique("删除权限"));
        as("integrator").header("If-Match", p[1]).delete(BASE + "/" + p[0]).then().statusCode(403);
        given().contentType(ContentType.JSON).body(body(unique("匿名"))).post(BASE).then().statusCode(401);
    }

    @Test
    void theRequestIdIsEchoedOrMadeAndAppearsInProblems() {
        as("viewer").header("X-Request-Id", "trace-abc-123").get(BASE).then().header("X-Request-Id", "trace-abc-123");
        String made = as("viewer").get(BASE).then().extract().header("X-Request-Id");
        org.junit.jupiter.api.Assertions.assertTrue(made != null && made.length() >= 16);
        as("viewer").header("X-Request-Id", "trace-404").get(BASE + "/" + UUID.randomUUID()).then()
                .statusCode(404).body("requestId", is("trace-404")).header("X-Request-Id", "trace-404");
        as("viewer").header("X-Request-Id", "bad id with spaces\u0000").get(BASE).then()
                .header("X-Request-Id", not(containsString(" ")));
    }

    @Test
    void malformedBodiesAndWrongMethodsAreClearProblems() {
        manager().body("{\"name\": \"unterminated").post(BASE).then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("not valid JSON"));
        manager().body("[{\"name\":\"x\"}]").post(BASE).then().statusCode(400).contentType("application/problem+json");
        manager().body("{\"name\":\"x\",\"type\":\"UNIVERSITY\",\"tier\":5,\"sectors\":\"EDUCATION\"}").post(BASE).then()
                .statusCode(400).contentType("application/problem+json");
        manager().body("{\"name\":{\"a\":1},\"type\":\"UNIVERSITY\",\"tier\":\"CORE\"}").post(BASE).then()
                .statusCode(400).body("errors.field", hasItem("name"));
        manager().body("").post(BASE).then().statusCode(400).contentType("application/problem+json");
        manager().contentType("text/plain").body("hello").post(BASE).then().statusCode(415)
                .contentType("application/problem+json");
        manager().body(body(unique("x"))).put(BASE).then().statusCode(405).contentType("application/problem+json");
        as("viewer").get("/api/v1/nothing-here").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aBodyOverOneMebibyteIs413() {
        var body = body(unique("大"));
        body.put("nameEn", "x".repeat(1_100_000));
        manager().body(body).post(BASE).then().statusCode(413).contentType("application/problem+json");
    }

    @Test
    void problemBodiesNeverLeakInternals() {
        manager().body("{\"name\":\"\\u0000\",\"type\":\"UNIVERSITY\",\"tier\":\"CORE\"}").post(BASE).then()
                .statusCode(lessThan(500))
                .body(not(containsString("org.")), not(containsString("SQL")), not(containsString("Exception")));
    }
}

package org.aicenter.notification;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.aicenter.testing.PostgresResource;
import org.aicenter.testing.TestTokens;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The subscriptions API: what a URL may be, strict input, ETags, ownership, and a secret kept sealed. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FeedStub.class, scope = TestResourceScope.GLOBAL)
class WebhookApiTest {

    @Inject
    DataSource database;

    @ParameterizedTest
    @ValueSource(strings = {"https://127.0.0.1/hook", "https://10.1.2.3/hook", "https://169.254.169.254/latest/meta-data",
            "https://[::1]/hook", "https://192.168.1.10/", "https://172.16.0.1/", "https://100.64.0.1/", "https://0.0.0.0/",
            "https://[fc00::1]/", "https://224.0.0.1/", "https://[::ffff:127.0.0.1]/", "http://example.com/hook",
            "ftp://example.com/", "not a url", "https://user:pw@example.com/"})
    void internalOrUnsafeTargetsAreRefusedNamingUrl(String url) {
        given().header("Authorization", Webhooks.INTEGRATOR).contentType("application/json")
                .body(Map.of("url", url, "types", List.of("org.aicenter.partner.created")))
                .post("/api/v1/webhooks").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("url"));
    }

    @Test
    void unknownEventTypesAreRefusedNamingTheField() {
        given().header("Authorization", Webhooks.INTEGRATOR).contentType("application/json")
                .body(Map.of("url", "http://localhost:9/x", "types", List.of("org.aicenter.partner.created", "org.aicenter.partner.eaten")))
                .post("/api/v1/webhooks").then().statusCode(400).body("errors.field", hasItem("types[1]"));
    }

    @Test
    void badInputIsA4xxProblemNeverA500() {
        String[] bodies = {"{", "[]", "{\"url\":1,\"types\":[\"org.aicenter.partner.created\"]}",
                "{\"url\":\"http://localhost:9/\",\"types\":\"org.aicenter.partner.created\"}",
                "{\"url\":\"http://localhost:9/\",\"types\":[]}", "{\"url\":\"http://localhost:9/\"}",
                "{\"url\":\"http://localhost:9/\",\"types\":[null]}", "null"};
        for (String body : bodies) {
            io.restassured.response.Response answer = given().header("Authorization", Webhooks.INTEGRATOR)
                    .contentType("application/json").body(body).post("/api/v1/webhooks");
            assertTrue(answer.statusCode() >= 400 && answer.statusCode() < 500 && answer.contentType().startsWith("application/problem+json"),
                    body + " -> " + answer.statusCode() + " " + answer.asString());
        }
        given().header("Authorization", Webhooks.INTEGRATOR).contentType("text/plain").body("x")
                .post("/api/v1/webhooks").then().statusCode(415);
        given().header("Authorization", Webhooks.INTEGRATOR).get("/api/v1/webhooks/not-a-uuid").then().statusCode(404);
        given().header("Authorization", Webhooks.INTEGRATOR).get("/api/v1/webhooks/" + UUID.randomUUID()).then().statusCode(404);
        given().header("Authorization", Webhooks.INTEGRATOR).queryParam("size", 500).get("/api/v1/webhooks").then().statusCode(400);
        given().header("Authorization", Webhooks.INTEGRATOR).queryParam("sort", "secret").get("/api/v1/webhooks").then().statusCode(400);
        given().header("Authorization", Webhooks.INTEGRATOR).queryParam("colour", "red").get("/api/v1/webhooks").then().statusCode(400);
    }

    @Test
    void theSecretIsShownOnceSealedInTheDatabaseAndNeverLogged() throws Exception {
        Webhooks.Made hook = Webhooks.subscribe("http://localhost:9/sealed", "org.aicenter.partner.created");
        String rotated = given().header("Authorization", Webhooks.INTEGRATOR).post("/api/v1/webhooks/" + hook.id() + "/secret")
                .then().statusCode(200).body("secret", startsWith("whsec_")).extract().path("secret");
        Webhooks.get(hook.id()).body("secret", is((Object) null));
        String key = hook.secret().substring("whsec_".length());
        try (Connection c = database.getConnection(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("select * from subscriptions s left join idempotency_keys k on true")) {
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                for (int i = 1; i <= columns; i++) {
                    String value = String.valueOf(rows.getObject(i));
                    for (String secret : List.of(hook.secret(), key, rotated, rotated.substring(6))) {
                        assertFalse(value.contains(secret), "column " + rows.getMetaData().getColumnName(i) + " holds the secret");
                    }
                }
            }
        }
        String log = Files.readString(Path.of("target", "notification-service-test.log"));
        assertTrue(log.contains(hook.id()), "the log is the one being written");
        assertFalse(log.contains(key) || log.contains(rotated.substring(6)), "a secret is in the log");
    }

    @Test
    void changesNeedTheCurrentETag() {
        Webhooks.Made hook = Webhooks.subscribe("http://localhost:9/etag", "org.aicenter.partner.created");
        String patch = "{\"description\":\"renamed\"}";
        given().header("Authorization", Webhooks.INTEGRATOR).contentType("application/merge-patch+json").body(patch)
                .patch("/api/v1/webhooks/" + hook.id()).then().statusCode(428);
        given().header("Authorization", Webhooks.INTEGRATOR).header("If-Match", "\"7\"").contentType("application/merge-patch+json")
                .body(patch).patch("/api/v1/webhooks/" + hook.id()).then().statusCode(412);
        given().header("Authorization", Webhooks.INTEGRATOR).header("If-Match", "\"0\"").contentType("application/merge-patch+json")
                .body("{\"url\":\"https://10.0.0.1/\"}").patch("/api/v1/webhooks/" + hook.id()).then().statusCode(400)
                .body("errors.field", hasItem("url"));
        given().header("Authorization", Webhooks.INTEGRATOR).header("If-Match", "\"0\"").contentType("application/merge-patch+json")
                .body("{\"status\":\"PAUSED\"}").patch("/api/v1/webhooks/" + hook.id()).then().statusCode(400);
        given().header("Authorization", Webhooks.INTEGRATOR).header("If-Match", "\"0\"").contentType("application/merge-patch+json")
                .body(patch).patch("/api/v1/webhooks/" + hook.id()).then().statusCode(200).header("ETag", "\"1\"")
                .body("description", is("renamed"));
        given().header("Authorization", Webhooks.INTEGRATOR).delete("/api/v1/webhooks/" + hook.id()).then().statusCode(428);
        given().header("Authorization", Webhooks.INTEGRATOR).header("If-Match", "\"1\"").delete("/api/v1/webhooks/" + hook.id())
                .then().statusCode(204);
        given().header("Authorization", Webhooks.INTEGRATOR).get("/api/v1/webhooks/" + hook.id()).then().statusCode(404);
    }

    @Test
    void anIntegratorSeesOnlyItsOwnSubscriptionsAndAnAdminAll() {
        Webhooks.Made hook = Webhooks.subscribe("http://localhost:9/mine", "org.aicenter.partner.created");
        String other = TestTokens.bearer("other-integrator", "integrator");
        given().header("Authorization", other).get("/api/v1/webhooks/" + hook.id()).then().statusCode(404);
        given().header("Authorization", other).get("/api/v1/webhooks").then().statusCode(200)
                .body("items.id", org.hamcrest.Matchers.not(hasItem(hook.id())));
        given().header("Authorization", Webhooks.ADMIN).queryParam("size", 200).get("/api/v1/webhooks").then().statusCode(200)
                .body("items.id", hasItem(hook.id()));
    }
}

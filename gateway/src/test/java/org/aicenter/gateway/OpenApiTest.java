package org.aicenter.gateway;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(value = StubServices.class, scope = TestResourceScope.GLOBAL)
class OpenApiTest {

    private static JsonPath merged() {
        return given().when().get("/openapi").then().statusCode(200).contentType("application/json")
                .extract().jsonPath();
    }

    @Test
    void oneDocumentHoldsEveryServicesPathsAndTheGatewaysOwn() {
        JsonPath doc = merged();
        assertTrue(doc.getString("openapi").startsWith("3.1"));
        Map<String, Object> paths = doc.getMap("paths");
        for (String path : List.of("/api/v1/partners", "/api/v1/partners/{id}", "/api/v1/projects", "/api/v1/programmes",
                "/api/v1/enrolments", "/api/v1/archive/records", "/api/v1/dashboard/summary",
                "/api/v1/partners/{id}/overview", "/openapi")) {
            assertTrue(paths.containsKey(path), "merged document has " + path + ": " + paths.keySet());
        }
        assertFalse(paths.containsKey("/internal/cache"), "a path the gateway does not route is left out");
        assertFalse(paths.containsKey("/"), "the redirect to the UI is not an API operation");
        List<String> tags = doc.getList("tags.name");
        assertTrue(tags.containsAll(List.of("partner-service", "project-service", "training-service", "notification-service", "archive-service", "gateway")), tags.toString());
        assertEquals(List.of("partner-service"), doc.getList("paths.'/api/v1/partners'.get.tags"));
        assertEquals(List.of("training-service"), doc.getList("paths.'/api/v1/enrolments'.get.tags"));
        assertEquals(List.of("gateway"), doc.getList("paths.'/api/v1/dashboard/summary'.get.tags"));
        // The configured public address, whatever Host a reader sent.
        assertEquals(StubServices.PUBLIC_URL, doc.getString("servers[0].url"));
        assertEquals(StubServices.PUBLIC_URL, given().header("Host", "evil.example").when().get("/openapi")
                .then().statusCode(200).extract().jsonPath().getString("servers[0].url"));
    }

    @Test
    void notificationServicesRoutesAndTheEventsItDeliversAreInTheDocument() {
        JsonPath doc = merged();
        assertTrue(doc.getMap("paths").containsKey("/api/v1/webhooks"), "routed to notification-service");
        assertEquals(List.of("notification-service"), doc.getList("paths.'/api/v1/webhooks'.get.tags"));
        assertEquals("#/components/schemas/CloudEvent",
                doc.getString("webhooks.'org.aicenter.partner.created'.post.requestBody.content.'application/json'.schema.$ref"));
        assertTrue(doc.getMap("components.schemas").containsKey("CloudEvent"));
    }

    @Test
    void schemasWithTheSameNameButDifferentContentAreRenamedAndRefsFollow() {
        JsonPath doc = merged();
        Map<String, Object> schemas = doc.getMap("components.schemas");
        assertFalse(schemas.containsKey("Address"), "the colliding name is not kept for either: " + schemas.keySet());
        assertTrue(schemas.containsKey("PartnerAddress") && schemas.containsKey("TrainingAddress"), schemas.keySet().toString());
        assertNotNull(doc.get("components.schemas.TrainingAddress.properties.room"));
        assertNull(doc.get("components.schemas.PartnerAddress.properties.room"));
        assertEquals("#/components/schemas/PartnerAddress", doc.getString("components.schemas.Partner.properties.address.$ref"));
        assertEquals("#/components/schemas/TrainingAddress", doc.getString("components.schemas.Programme.properties.venue.$ref"));
        // Site has the same text in both services, but it points at a different Address in each.
        assertTrue(schemas.containsKey("PartnerSite") && schemas.containsKey("TrainingSite"), schemas.keySet().toString());
        assertEquals("#/components/schemas/TrainingSite",
                doc.getString("paths.'/api/v1/programmes/{id}/site'.get.responses.'200'.content.'application/json'.schema.$ref"));
        // Identical schemas are shared, not duplicated.
        assertTrue(schemas.containsKey("Money") && schemas.containsKey("Problem"), schemas.keySet().toString());
        assertFalse(schemas.keySet().stream().anyMatch(n -> n.endsWith("Problem") && !n.equals("Problem")), schemas.keySet().toString());
        assertFalse(schemas.containsKey("PartnerMoney"));
        // operationIds stay unique across services.
        assertEquals("list", doc.getString("paths.'/api/v1/partners'.get.operationId"));
        assertEquals("trainingList", doc.getString("paths.'/api/v1/programmes'.get.operationId"));
    }

    @Test
    void oneBearerSchemeServesEveryOperation() {
        JsonPath doc = merged();
        assertEquals(List.of("bearer"), List.copyOf(doc.getMap("components.securitySchemes").keySet()));
        assertEquals("bearer", doc.getString("components.securitySchemes.bearer.scheme"));
        assertEquals(List.of("viewer"), doc.getList("paths.'/api/v1/programmes'.get.security[0].bearer"),
                "training's scheme 'jwt' is now the one bearer scheme, roles kept");
    }

    @Test
    void aServiceThatIsDownIsRepresentedByItsCommittedContractAndTheDocumentSaysSo() {
        JsonPath doc = merged();
        assertEquals("contract", doc.getString("x-aic-sources.archive-service.source"));
        assertEquals("live", doc.getString("x-aic-sources.partner-service.source"));
        assertTrue(doc.getString("info.description").contains("archive-service: its committed contract, because"),
                doc.getString("info.description"));
    }

    @Test
    void anonymousReadersSeeNoInternalAddressOrFilePath() {
        String document = given().when().get("/openapi").then().statusCode(200).extract().asString();
        assertFalse(document.contains("localhost") || document.contains("127.0.0.1"), "no service address");
        assertFalse(document.contains("\"location\""), "no location of a source");
        assertFalse(document.contains("src/test/resources") || document.contains(".json\""), "no file path");
    }

    @Test
    void yamlOnRequest() {
        given().queryParam("format", "yaml").when().get("/openapi")
                .then().statusCode(200).contentType(startsWith("application/yaml")).body(startsWith("openapi: "));
        given().header("Accept", "application/yaml").when().get("/openapi")
                .then().statusCode(200).contentType(startsWith("application/yaml")).body(containsString("paths:"));
    }

    @Test
    void swaggerUiShowsTheMergedDocumentAndTheRootIsTheConsole() {
        given().redirects().follow(false).when().get("/")
                .then().statusCode(200).contentType(containsString("text/html")).body(containsString("id=\"root\""));
        Response ui = given().when().get("/swagger-ui/");
        assertEquals(200, ui.statusCode());
        assertTrue(ui.asString().contains("aic-swagger-ui.js"), "the page loads the gateway's configuration");
        given().when().get("/swagger-ui/aic-swagger-ui.js").then().statusCode(200)
                .body(containsString("url: '/openapi'"));
    }
}

package org.aicenter.project;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import jakarta.inject.Inject;
import org.aicenter.partnerclient.PartnerDirectory;
import org.aicenter.testing.Dashboards;
import org.aicenter.testing.TraceContext;
import org.aicenter.testing.partner.PartnerServiceStub;
import org.aicenter.testing.partner.PartnerStub;
import org.aicenter.testing.PostgresResource;
import org.aicenter.testing.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.net.URL;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.aicenter.project.support.Api.PROJECTS;
import static org.aicenter.project.support.Api.as;
import static org.aicenter.project.support.Api.createId;
import static org.aicenter.project.support.Api.etag;
import static org.aicenter.project.support.Api.get;
import static org.aicenter.project.support.Api.manager;
import static org.aicenter.project.support.Api.milestone;
import static org.aicenter.project.support.Api.participant;
import static org.aicenter.project.support.Api.project;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Partners named by a write are checked with partner-service; when it is down the write fails fast and writes nothing. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PartnerServiceStub.class, scope = TestResourceScope.GLOBAL)
class PartnerCheckTest {

    @TestHTTPResource(value = "/", management = true)
    URL management;

    static final String UNAVAILABLE = "The partner directory is unavailable; nothing was written. Retry later";

    @Inject
    CircuitBreakerMaintenance breakers;
    @Inject
    DataSource dataSource;
    @Inject
    PartnerDirectory directory;

    @AfterEach
    void partnerServiceBackToNormal() {
        PartnerStub.up();
        breakers.reset("partner-service");
    }

    @Test
    void anUnknownLeadIs422NamingTheFieldAndTheId() {
        UUID unknown = UUID.randomUUID();
        PartnerStub.forgetCalls();
        manager().body(project(unknown, "Unknown lead").toString()).post(PROJECTS).then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("https://aicenter.org/problems/unprocessable"))
                .body("errors[0].field", equalTo("leadPartnerId"))
                .body("errors[0].message", equalTo("partner " + unknown + " does not exist"))
                .body("detail", equalTo("leadPartnerId: partner " + unknown + " does not exist"));
        assertEquals(1, lookupsOf(unknown), "a 404 is an answer: not retried");
    }

    @Test
    void anEndedPartnerIs422AndEveryBadParticipantIsListed() {
        UUID lead = PartnerStub.partner("ACTIVE");
        UUID ended = PartnerStub.partner("ENDED");
        UUID unknown = UUID.randomUUID();
        ObjectNode body = project(lead, "Ended participant");
        participant(body.withArray("participants"), ended, "FUNDER");
        participant(body.withArray("participants"), unknown, "PILOT_SITE");
        manager().body(body.toString()).post(PROJECTS).then()
                .statusCode(422)
                .body("errors.field", equalTo(List.of("participants[0].partnerId", "participants[1].partnerId")))
                .body("errors[0].message", equalTo("partner " + ended + " has ENDED"))
                .body("errors[1].message", equalTo("partner " + unknown + " does not exist"));
        manager().body(project(ended, "Ended lead").toString()).post(PROJECTS).then()
                .statusCode(422).body("detail", equalTo("leadPartnerId: partner " + ended + " has ENDED"));
    }

    @Test
    void prospectAndSuspendedPartnersMayTakePart() {
        ObjectNode body = project(PartnerStub.partner("PROSPECT"), "Prospect lead");
        participant(body.withArray("participants"), PartnerStub.partner("SUSPENDED"), "DATA_PROVIDER");
        manager().body(body.toString()).post(PROJECTS).then().statusCode(201);
    }

    @Test
    void partnerServiceDownIsA503ThatWritesNothingWhileReadsKeepWorking() throws SQLException {
        String existing = createId(project(PartnerStub.partner("ACTIVE"), "Existing before the outage"));
        UUID lead = PartnerStub.partner("ACTIVE");
        UUID newcomer = PartnerStub.partner("ACTIVE");
        ObjectNode body = project(lead, "Created during the outage");
        body.putArray("milestones").add(milestone("First", LocalDate.now().plusDays(3), null));
        PartnerStub.down();
        List<Long> before = rowCounts();

        long started = System.nanoTime();
        ExtractableResponse<Response> refused = manager().header("Idempotency-Key", "outage-" + lead)
                .body(body.toString()).post(PROJECTS).then()
                .statusCode(503)
                .contentType("application/problem+json")
                .body("type", equalTo("https://aicenter.org/problems/service-unavailable"))
                .body("detail", equalTo(UNAVAILABLE))
                .body("dependency", equalTo("partner-service"))
                .extract();
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(millis < 2_000, "fails fast, took " + millis + " ms");
        assertEquals("5", refused.header("Retry-After"));

        // a change that names a partner not on the project yet is refused the same way
        ObjectNode replacement = project(PartnerStub.partner("ACTIVE"), "Existing, new lead");
        manager().header("If-Match", etag(existing)).body(replacement.toString()).put(PROJECTS + "/" + existing)
                .then().statusCode(503).body("detail", equalTo(UNAVAILABLE));
        assertEquals(before, rowCounts(), "nothing was written");
        assertEquals("Existing before the outage", (String) get(existing).path("title"));

        // reads keep working, and so do writes that name no new partner
        as("viewer").get(PROJECTS).then().statusCode(200);
        as("viewer").get(PROJECTS + "/statistics").then().statusCode(200);
        manager().contentType("application/merge-patch+json").header("If-Match", etag(existing))
                .body("{\"title\":\"Renamed during the outage\"}").patch(PROJECTS + "/" + existing)
                .then().statusCode(200);
        manager().header("If-Match", etag(existing)).body("{\"to\":\"APPROVED\",\"reason\":\"outage\"}")
                .post(PROJECTS + "/" + existing + "/transitions").then().statusCode(200);

        PartnerStub.up();
        breakers.reset("partner-service");
        participant(body.withArray("participants"), newcomer, "CO_RESEARCHER");
        manager().body(body.toString()).post(PROJECTS).then().statusCode(201);
    }

    @Test
    void aFailingPartnerServiceIsRetriedThen503() throws SQLException {
        UUID lead = PartnerStub.partner("ACTIVE");
        PartnerStub.failing();
        PartnerStub.forgetCalls();
        List<Long> before = rowCounts();
        manager().body(project(lead, "During 500s").toString()).post(PROJECTS).then()
                .statusCode(503).body("detail", equalTo(UNAVAILABLE));
        assertEquals(3, lookupsOf(lead), "the idempotent GET is tried three times");
        assertEquals(before, rowCounts());
    }

    @Test
    void aSlowPartnerServiceIsCutOffAnd503() {
        UUID lead = PartnerStub.partner("ACTIVE");
        PartnerStub.slow(5_000);
        PartnerStub.forgetCalls();
        long started = System.nanoTime();
        manager().body(project(lead, "Slow directory").toString()).post(PROJECTS).then()
                .statusCode(503).body("detail", equalTo(UNAVAILABLE));
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(millis < 3_000, "a slow answer is not awaited, took " + millis + " ms");
        assertEquals(1, lookupsOf(lead), "a timed-out lookup is not retried");
    }

    @Test
    void afterRepeatedFailuresTheCircuitOpensAndCallsFailWithoutReachingPartnerService() {
        PartnerStub.failing();
        for (int i = 0; i < 2; i++) {
            manager().body(project(PartnerStub.partner("ACTIVE"), "Trip " + i).toString()).post(PROJECTS)
                    .then().statusCode(503);
        }
        assertEquals(CircuitBreakerState.OPEN, breakers.currentState("partner-service"));
        PartnerStub.up();
        PartnerStub.forgetCalls();
        UUID lead = PartnerStub.partner("ACTIVE");
        manager().body(project(lead, "While open").toString()).post(PROJECTS).then()
                .statusCode(503).body("detail", equalTo(UNAVAILABLE));
        assertEquals(0, lookupsOf(lead), "an open circuit answers at once");
        breakers.reset("partner-service");
        manager().body(project(lead, "Closed again").toString()).post(PROJECTS).then().statusCode(201);
    }

    @Test
    void theCallersTokenAndRequestIdTravelWithTheLookup() {
        UUID lead = PartnerStub.partner("ACTIVE");
        PartnerStub.forgetCalls();
        String token = TestTokens.bearer("pm-forward", "project-manager");
        given().header("Authorization", token).header("X-Request-Id", "req-forward-42")
                .contentType("application/json").body(project(lead, "Forwarded").toString())
                .post(PROJECTS).then().statusCode(201).header("X-Request-Id", "req-forward-42");
        List<JsonNode> calls = PartnerStub.callsFor(lead);
        assertEquals(1, calls.size());
        assertEquals("GET", calls.get(0).get("method").asText());
        assertEquals(token, calls.get(0).get("authorization").asText());
        assertEquals("req-forward-42", calls.get(0).get("requestId").asText());
    }

    /** Without an OTLP endpoint tracing is off: a caller's trace context is not picked up nor passed on. */
    @Test
    void withoutACollectorNoTraceContextIsPassedOn() {
        UUID lead = PartnerStub.partner("ACTIVE");
        PartnerStub.forgetCalls();
        manager().header("traceparent", TraceContext.start().traceparent()).body(project(lead, "Untraced").toString())
                .post(PROJECTS).then().statusCode(201);
        List<JsonNode> calls = PartnerStub.callsFor(lead);
        assertEquals(1, calls.size());
        assertTrue(calls.get(0).get("traceparent").isNull(), "no traceparent: " + calls.get(0));
    }

    /** What the Grafana dashboard reads of a service (requests, partner checks, retries, the JVM) is published. */
    @Test
    void theDashboardsMetricsArePublished() {
        manager().body(project(PartnerStub.partner("ACTIVE"), "Counted").toString()).post(PROJECTS).then().statusCode(201);
        PartnerStub.failing();
        manager().body(project(PartnerStub.partner("ACTIVE"), "Retried").toString()).post(PROJECTS).then().statusCode(503);
        // metrics are on the management interface, never on the API port
        given().when().get("/q/metrics").then().statusCode(404);
        String metrics = given().baseUri(management.getProtocol() + "://" + management.getHost() + ":" + management.getPort())
                .when().get("/q/metrics").then().statusCode(200).extract().asString();
        Dashboards.assertPublished(name -> !name.startsWith("aic_gateway_"), metrics, "project-service");
    }

    @Test
    void aFoundPartnerIsRememberedAnUnknownOneIsNot() {
        UUID lead = PartnerStub.partner("ACTIVE");
        createId(project(lead, "First naming"));
        PartnerStub.forgetCalls();
        createId(project(lead, "Second naming"));
        assertEquals(0, lookupsOf(lead), "answered from the short cache");

        UUID later = UUID.randomUUID();
        manager().body(project(later, "Not yet").toString()).post(PROJECTS).then().statusCode(422);
        PartnerStub.put(PartnerStub.document(later, "ACTIVE"));
        manager().body(project(later, "Now it exists").toString()).post(PROJECTS).then().statusCode(201);
    }

    @Test
    void aRetryOfAnAnsweredCreateGetsItsAnswerEvenWhilePartnerServiceIsDown() {
        UUID lead = PartnerStub.partner("ACTIVE");
        String key = "retry-" + lead;
        String body = project(lead, "Retried by an integrator").toString();
        String id = as("integrator").header("Idempotency-Key", key).body(body).post(PROJECTS).then()
                .statusCode(201).extract().path("id");
        PartnerStub.down();
        as("integrator").header("Idempotency-Key", key).body(body).post(PROJECTS).then()
                .statusCode(201).header("Idempotent-Replayed", "true").body("id", equalTo(id));
    }

    /**
     * The retry finds the key answered and skips the partner check, then waits to claim the key's row,
     * which the test holds; meanwhile the answer expires. The claim then makes it a new request: its
     * partner check runs after all (here a 503, partner-service being down), never a create unchecked.
     */
    @Test
    void aKeyWhoseAnswerExpiresWhileItsRetryWaitsIsCheckedAfterAll() throws Exception {
        UUID lead = PartnerStub.partner("ACTIVE");
        String key = "expiring-" + lead;
        String title = "Retried as its key expired " + lead;
        String body = project(lead, title).toString();
        as("integrator").header("Idempotency-Key", key).body(body).post(PROJECTS).then().statusCode(201);
        PartnerStub.down();
        directory.forget(lead);
        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            try (var lock = holder.prepareStatement("select 1 from idempotency_keys where idem_key = ? for update")) {
                lock.setString(1, key);
                assertTrue(lock.executeQuery().next(), "the key's row is there");
            }
            CompletableFuture<ExtractableResponse<Response>> retry = CompletableFuture.supplyAsync(() ->
                    as("integrator").header("Idempotency-Key", key).body(body).post(PROJECTS).then().extract());
            awaitWaitingOnALock();
            try (var expire = holder.prepareStatement(
                    "update idempotency_keys set created_at = now() - interval '25 hours' where idem_key = ?")) {
                expire.setString(1, key);
                assertEquals(1, expire.executeUpdate());
            }
            holder.commit();
            ExtractableResponse<Response> answer = retry.get(30, TimeUnit.SECONDS);
            assertEquals(503, answer.statusCode(), "the partner check ran: " + answer.asString());
            assertEquals(UNAVAILABLE, answer.path("detail"));
        }
        try (Connection connection = dataSource.getConnection();
             var count = connection.prepareStatement("select count(*) from projects where title = ?")) {
            count.setString(1, title);
            ResultSet rs = count.executeQuery();
            rs.next();
            assertEquals(1, rs.getLong(1), "no second project was created unchecked");
        }
    }

    /** Until another session waits on a lock in an idempotency_keys statement (asked on a fresh connection each time). */
    private void awaitWaitingOnALock() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            try (Connection observer = dataSource.getConnection();
                 var query = observer.prepareStatement("select count(*) from pg_stat_activity where wait_event_type = 'Lock' "
                         + "and query like '%idempotency_keys%' and pid <> pg_backend_pid()")) {
                ResultSet rs = query.executeQuery();
                rs.next();
                if (rs.getLong(1) > 0) {
                    return;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the retry never waited on the key's row");
    }

    @Test
    void theStubAnswersOnlyWhatThePartnerContractAllows() {
        // the stub's 404 body is checked too; its 200 bodies are checked on every PartnerStub.put
        PartnerStub.requireValid(404, PartnerStub.notFoundDocument(UUID.randomUUID().toString()));
        ObjectNode renamed = PartnerStub.document(UUID.randomUUID(), "ACTIVE");
        renamed.set("state", renamed.remove("status"));
        AssertionError error = org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class,
                () -> PartnerStub.requireValid(200, renamed));
        org.hamcrest.MatcherAssert.assertThat(error.getMessage(), containsString("state"));
    }

    private int lookupsOf(UUID partnerId) {
        return PartnerStub.callsFor(partnerId).size();
    }


    /** Rows of every table a create writes. */
    private List<Long> rowCounts() throws SQLException {
        List<Long> counts = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String sql : List.of("select count(*) from projects", "select count(*) from project_participants",
                    "select count(*) from project_milestones", "select count(*) from project_tags",
                    "select count(*) from project_transitions", "select count(*) from idempotency_keys",
                    "select coalesce(sum(last_value), 0) from project_code_counters")) {
                try (ResultSet rows = statement.executeQuery(sql)) {
                    rows.next();
                    counts.add(rows.getLong(1));
                }
            }
        }
        return counts;
    }
}

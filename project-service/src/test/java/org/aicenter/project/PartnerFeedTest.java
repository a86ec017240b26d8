package org.aicenter.project;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import org.aicenter.partnerclient.PartnerDirectory;
import org.aicenter.partnerclient.PartnerFeedFollower;
import org.aicenter.partnerclient.PartnerSummary;
import org.aicenter.testing.PostgresResource;
import org.aicenter.testing.TestTokens;
import org.aicenter.testing.partner.PartnerContract;
import org.aicenter.testing.partner.FollowingPartnerFeed;
import org.aicenter.testing.partner.PartnerServiceStub;
import org.aicenter.testing.partner.PartnerStub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import static org.aicenter.project.support.Api.PROJECTS;
import static org.aicenter.project.support.Api.createId;
import static org.aicenter.project.support.Api.manager;
import static org.aicenter.project.support.Api.project;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * partner-client follows partner-service's change feed (the stub's, over the events the tests make), so
 * a partner remembered for 30 s that partner-service ends or deletes is refused within a second or two.
 * A partner ended without an event stays remembered: it is the event that makes the directory forget,
 * not a cache gone cold. When the feed cannot say what was missed (an expired cursor, 410) or could not
 * be read (down, failing), the directory forgets every partner once the feed answers again.
 */
@QuarkusTest
@TestProfile(FollowingPartnerFeed.class)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PartnerServiceStub.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class PartnerFeedTest {

    private static final Duration WITHIN = Duration.ofSeconds(2);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    PartnerDirectory directory;
    @Inject
    PartnerFeedFollower follower;
    @Inject
    CircuitBreakerMaintenance breakers;

    @BeforeEach
    void theFeedIsFollowed() {
        PartnerStub.up();
        assertTrue(follower.following(), "the follower runs from the application's start");
        PartnerStub.awaitFeedFollowed(Duration.ofSeconds(20));
    }

    @AfterEach
    void partnerServiceBackToNormal() {
        PartnerStub.up();
        breakers.reset("partner-service");
    }

    @Test
    void aRememberedPartnerThatPartnerServiceEndsIsRefusedWithinSeconds() {
        UUID lead = PartnerStub.partner("ACTIVE");
        UUID quietlyEnded = PartnerStub.partner("ACTIVE");
        createId(project(lead, "Before its end"));
        createId(project(quietlyEnded, "Before its quiet end"));
        PartnerStub.forgetCalls();
        createId(project(lead, "Remembered"));
        assertEquals(0, lookupsOf(lead), "answered from the 30 s cache");

        PartnerStub.put(PartnerStub.document(quietlyEnded, "ENDED")); // no event: nothing tells the directory
        PartnerStub.end(lead);
        long millis = within(WITHIN, "the ended lead is forgotten and asked for again",
                () -> directory.find(lead).map(PartnerSummary::ended).orElse(false));
        manager().body(project(lead, "After its end").toString()).post(PROJECTS).then()
                .statusCode(422).body("detail", equalTo("leadPartnerId: partner " + lead + " has ENDED"));
        assertTrue(lookupsOf(lead) >= 1, "asked again after " + millis + " ms, long before the 30 s are over");
        createId(project(quietlyEnded, "Still remembered: no event said it ended"));
        assertEquals(0, lookupsOf(quietlyEnded));
    }

    @Test
    void aRememberedPartnerThatPartnerServiceDeletesIsUnknownWithinSeconds() {
        UUID prospect = PartnerStub.partner("PROSPECT");
        createId(project(prospect, "Before its deletion"));
        PartnerStub.delete(prospect);
        within(WITHIN, "the deleted partner is forgotten", () -> directory.find(prospect).isEmpty());
        manager().body(project(prospect, "After its deletion").toString()).post(PROJECTS).then()
                .statusCode(422).body("detail", equalTo("leadPartnerId: partner " + prospect + " does not exist"));
    }

    @Test
    void anExpiredCursorForgetsEveryRememberedPartner() {
        UUID lead = PartnerStub.partner("ACTIVE");
        createId(project(lead, "Before the gap"));
        PartnerStub.put(PartnerStub.document(lead, "ENDED")); // its event is among those the gap loses
        createId(project(lead, "Remembered, its end unknown"));
        PartnerStub.forgetFeedCalls();
        PartnerStub.expireCursors();
        within(WITHIN, "everything is forgotten after the 410", () -> directory.find(lead).map(PartnerSummary::ended).orElse(false));
        manager().body(project(lead, "After the gap").toString()).post(PROJECTS).then().statusCode(422);
        assertTrue(afters().contains("now"), "followed again from now: " + afters());
    }

    @Test
    void aFeedThatWasDownForgetsEveryRememberedPartnerOnceItAnswers() throws InterruptedException {
        UUID lead = PartnerStub.partner("ACTIVE");
        createId(project(lead, "Before the outage"));
        PartnerStub.put(PartnerStub.document(lead, "ENDED"));
        PartnerStub.down(); // cuts the poll held open; further attempts are refused
        Thread.sleep(300); // the follower tries again within its 200 ms pause, and is refused
        assertEquals(false, directory.find(lead).orElseThrow().ended(), "an outage alone forgets nothing");
        PartnerStub.forgetFeedCalls();
        PartnerStub.up();
        within(WITHIN, "everything is forgotten once the feed answers again",
                () -> directory.find(lead).map(PartnerSummary::ended).orElse(false));
        manager().body(project(lead, "After the outage").toString()).post(PROJECTS).then().statusCode(422);
        assertEquals("now", afters().get(0), "followed again from now: " + afters());
    }

    @Test
    void aFailingFeedForgetsEveryRememberedPartnerOnceItAnswers() {
        UUID lead = PartnerStub.partner("ACTIVE");
        createId(project(lead, "Before the failures"));
        PartnerStub.put(PartnerStub.document(lead, "ENDED"));
        PartnerStub.failing();
        PartnerStub.forgetFeedCalls();
        within(Duration.ofSeconds(5), "the follower meets a 500", () -> PartnerStub.feedCalls().size() >= 2);
        PartnerStub.up();
        within(WITHIN, "everything is forgotten once the feed answers again",
                () -> directory.find(lead).map(PartnerSummary::ended).orElse(false));
        manager().body(project(lead, "After the failures").toString()).post(PROJECTS).then().statusCode(422);
    }

    @Test
    void theFeedIsReadWithProjectServicesOwnIntegratorTokenForStatusChangesAndDeletionsOnly() throws Exception {
        PartnerStub.forgetFeedCalls();
        within(Duration.ofSeconds(5), "a poll", () -> PartnerStub.feedCalls().size() >= 1);
        JsonNode call = PartnerStub.feedCalls().get(0);
        assertEquals("org.aicenter.partner.status-changed,org.aicenter.partner.deleted", call.path("types").asText());
        assertEquals("1", call.path("wait").asText());
        String token = call.path("authorization").asText();
        assertTrue(token.startsWith("Bearer "), token.isEmpty() ? "no token" : "not a bearer token");
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(token.substring(7).split("\\.")[1]));
        assertEquals("project-service", claims.path("sub").asText());
        assertEquals("[\"integrator\"]", claims.path("groups").toString());
    }

    /** The stub's feed answers as partner-service's contract says, so what the follower reads is real. */
    @Test
    void theStubsFeedAnswersWhatThePartnerContractAllows() throws Exception {
        PartnerContract contract = PartnerContract.load();
        String token = TestTokens.bearer("integrator");
        HttpResponse<String> now = PartnerStub.readFeed("after=now", token);
        assertEquals(200, now.statusCode());
        JsonNode present = JSON.readTree(now.body());
        assertEquals(List.of(), contract.validateChangePage(present));
        UUID partner = PartnerStub.partner("ACTIVE");
        PartnerStub.end(partner);
        HttpResponse<String> page = PartnerStub.readFeed("after=" + present.path("next").asText() + "&wait=1", token);
        JsonNode read = JSON.readTree(page.body());
        ObjectNode envelope = read.deepCopy();
        envelope.withArray("events").forEach(event -> ((ObjectNode) event).putObject("data")); // an object the contract leaves open
        assertEquals(List.of(), contract.validateChangePage(envelope));
        PartnerStub.requireValid(200, read.path("events").path(0).path("data")); // the partner as GET answers it
        assertEquals(partner.toString(), read.path("events").path(0).path("subject").asText());
        assertEquals("ENDED", read.path("events").path(0).path("data").path("status").asText());
        assertEquals(401, PartnerStub.readFeed("after=now", null).statusCode());
        assertEquals(400, PartnerStub.readFeed("after=now&types=org.aicenter.project.created", token).statusCode());
        PartnerStub.expireCursors();
        assertEquals(410, PartnerStub.readFeed("after=" + read.path("next").asText(), token).statusCode());
    }

    private static int lookupsOf(UUID partnerId) {
        return PartnerStub.callsFor(partnerId).size();
    }

    /** The {@code after} of each feed request since the feed's calls were last forgotten. */
    private static List<String> afters() {
        List<String> afters = new ArrayList<>();
        PartnerStub.feedCalls().forEach(call -> afters.add(call.path("after").asText()));
        return afters;
    }

    /** Polls {@code condition} until it holds, failing after {@code limit}; answers how long it took. */
    private static long within(Duration limit, String what, BooleanSupplier condition) {
        long started = System.nanoTime();
        long deadline = started + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within " + limit.toMillis() + " ms");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return (System.nanoTime() - started) / 1_000_000;
    }
}

package org.aicenter.training;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.aicenter.partnerclient.PartnerDirectory;
import org.aicenter.partnerclient.PartnerSummary;
import org.aicenter.testing.PostgresResource;
import org.aicenter.testing.partner.FollowingPartnerFeed;
import org.aicenter.testing.partner.PartnerServiceStub;
import org.aicenter.testing.partner.PartnerStub;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.aicenter.training.Fixtures.PROGRAMMES;
import static org.aicenter.training.Fixtures.coordinator;
import static org.aicenter.training.Fixtures.programme;
import static org.aicenter.training.Fixtures.with;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * training-service takes partner-client's follower of partner-service's change feed too: a host
 * remembered for 30 s that partner-service ends is refused within a second or two (project-service's
 * PartnerFeedTest covers the gaps and outages of the feed; the follower is the same code).
 */
@QuarkusTest
@TestProfile(FollowingPartnerFeed.class)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PartnerServiceStub.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class PartnerFeedTest {

    @Inject
    PartnerDirectory directory;

    @Test
    void aRememberedHostThatPartnerServiceEndsIsRefusedWithinSeconds() throws InterruptedException {
        PartnerStub.awaitFeedFollowed(Duration.ofSeconds(20));
        UUID host = PartnerStub.partner("ACTIVE");
        coordinator().body(with(programme(10), "hostPartnerId", host.toString())).post(PROGRAMMES).then().statusCode(201);
        PartnerStub.forgetCalls();
        coordinator().body(with(programme(10), "hostPartnerId", host.toString())).post(PROGRAMMES).then().statusCode(201);
        assertEquals(0, PartnerStub.callsFor(host).size(), "answered from the 30 s cache");

        PartnerStub.end(host);
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (!directory.find(host).map(PartnerSummary::ended).orElse(false)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the ended host was not forgotten within 2 s");
            }
            Thread.sleep(20);
        }
        coordinator().body(with(programme(10), "hostPartnerId", host.toString())).post(PROGRAMMES).then()
                .statusCode(422).body("detail", containsString("has ENDED"));
    }
}

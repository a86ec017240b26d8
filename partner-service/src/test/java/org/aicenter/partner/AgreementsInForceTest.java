package org.aicenter.partner;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.aicenter.testing.PostgresResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.aicenter.partner.ChangeFeedTest.now;
import static org.aicenter.partner.ChangeFeedTest.read;
import static org.aicenter.partner.PartnerFixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An agreement comes into or goes out of force at midnight without a write, and the change feed says so:
 * an updated event of the partner, as of the new day, with its version unchanged; once per day however
 * many replicas check, none while another replica holds the day, every missed day caught up at once.
 * The days are far in the future, so that no other test's agreements fall on them.
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class AgreementsInForceTest {

    private static final LocalDate DAY = LocalDate.of(2091, 3, 14);

    @Inject
    AgreementsInForce agreements;
    @Inject
    AgroalDataSource dataSource;

    @AfterEach
    void todayIsDoneAgain() throws Exception {
        doneThrough(LocalDate.now());
    }

    @Test
    void theDayAfterAnAgreementIsSignedOrEndsItsPartnerHasAnUpdatedEventAsOfThatDay() throws Exception {
        String signed = created(with(agreement(DAY.plusDays(1), null)))[0];
        String ended = created(with(agreement(DAY.minusDays(100), DAY)))[0];
        created(with(agreement(DAY.minusDays(100), null)));        // in force throughout
        String later = created(with(agreement(DAY.plusDays(5), null)))[0];
        doneThrough(DAY);
        String cursor = now();

        assertEquals(2, catchUp(DAY.plusDays(1)));
        var page = read(cursor);
        assertEquals(Set.of(signed, ended), Set.copyOf(page.<List<String>>path("events.subject")));
        assertEquals(List.of("org.aicenter.partner.updated", "org.aicenter.partner.updated"), page.path("events.type"));
        assertEquals(List.of("system", "system"), page.path("events.actor"));
        for (int i = 0; i < 2; i++) {
            String subject = page.path("events[" + i + "].subject");
            assertEquals(subject.equals(signed), page.<Boolean>path("events[" + i + "].data.agreements[0].inForce"), subject);
            int version = as("viewer").get(BASE + "/" + subject).then().statusCode(200).extract().path("version");
            assertEquals(version, page.<Integer>path("events[" + i + "].version"), "the version is unchanged");
        }

        String next = page.path("next");
        assertEquals(0, catchUp(DAY.plusDays(1)), "the day is done");
        assertEquals(List.of(), read(next).path("events"));

        assertEquals(1, catchUp(DAY.plusDays(6)), "days 2 to 6 caught up at once");
        assertEquals(List.of(later), read(next).path("events.subject"));
    }

    @Test
    void whileAnotherReplicaHoldsTheDayNothingIsWrittenTwice() throws Exception {
        String signed = created(with(agreement(DAY.plusDays(21), null)))[0];
        doneThrough(DAY.plusDays(20));
        String cursor = now();
        try (Connection replica = dataSource.getConnection()) {
            replica.setAutoCommit(false);
            try (PreparedStatement lock = replica.prepareStatement("select done_through from agreement_days for update")) {
                lock.executeQuery().close();
            }
            assertEquals(0, catchUp(DAY.plusDays(21)), "the other replica is at it");
            replica.rollback();
        }
        assertEquals(List.of(), read(cursor).path("events"));
        assertEquals(1, catchUp(DAY.plusDays(21)));
        assertEquals(List.of(signed), read(cursor).path("events.subject"));
    }

    @Test
    void theFirstCheckStartsFromItsDayWithoutEvents() throws Exception {
        created(with(agreement(DAY.plusDays(31), null)));
        doneThrough(null);
        String cursor = now();
        assertEquals(0, catchUp(DAY.plusDays(31)));
        assertEquals(List.of(), read(cursor).path("events"));
        assertEquals(DAY.plusDays(31), doneThrough());
    }

    /** As the service's timer runs it: on a thread of its own, outside any request (so the actor is "system"). */
    private int catchUp(LocalDate today) throws Exception {
        return CompletableFuture.supplyAsync(() -> agreements.catchUp(today)).get(30, TimeUnit.SECONDS);
    }

    private static Map<String, Object> agreement(LocalDate signedOn, LocalDate expiresOn) {
        Map<String, Object> agreement = new HashMap<>();
        agreement.put("type", "MOU");
        agreement.put("title", "合作备忘录");
        agreement.put("signedOn", signedOn.toString());
        agreement.put("expiresOn", expiresOn == null ? null : expiresOn.toString());
        return agreement;
    }

    private static Map<String, Object> with(Map<String, Object> agreement) {
        Map<String, Object> body = body(unique("协议"));
        body.put("agreements", List.of(agreement));
        return body;
    }

    private void doneThrough(LocalDate day) throws Exception {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement("update agreement_days set done_through = ?")) {
            update.setObject(1, day);
            assertEquals(1, update.executeUpdate());
        }
    }

    private LocalDate doneThrough() throws Exception {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("select done_through from agreement_days");
             ResultSet row = query.executeQuery()) {
            row.next();
            return row.getObject(1, LocalDate.class);
        }
    }
}

package org.aicenter.partner;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.aicenter.testing.Concurrently;
import org.aicenter.testing.PostgresResource;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.aicenter.partner.PartnerFixtures.*;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class ConcurrentEditsTest {

    @Inject
    DataSource dataSource;

    @Test
    void twentyParallelPutsWithOneETagLetExactlyOneWin() throws Exception {
        String[] p = created(unique("竞争"));
        var results = Concurrently.run(20, i -> {
            var body = body(unique("竞争-" + i));
            body.put("nameEn", "writer-" + i);
            return manager().header("If-Match", p[1]).body(body).put(BASE + "/" + p[0]).then().extract();
        });
        List<Integer> statuses = results.stream().map(r -> r.statusCode()).toList();
        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), "statuses: " + statuses);
        assertEquals(19, statuses.stream().filter(s -> s == 412).count(), "statuses: " + statuses);
        var winner = results.stream().filter(r -> r.statusCode() == 200).findFirst().orElseThrow();
        as("viewer").get(BASE + "/" + p[0]).then()
                .body("nameEn", is(winner.<String>path("nameEn")))
                .body("name", is(winner.<String>path("name")))
                .body("version", is(1));
    }

    /**
     * A transition that reads the partner just before another transaction deletes it waits for that
     * deletion, then finds its version gone: a 412, not the 500 of a history row whose partner has vanished
     * (the random writes of the change-feed system test met it). The deletion is held open here by hand
     * until the transition is seen waiting on its lock.
     */
    @Test
    void aTransitionThatLosesTheRaceToADeletionIsA412AndWritesNothing() throws Exception {
        String[] p = created(unique("删除竞争"));
        UUID id = UUID.fromString(p[0]);
        try (Connection deleting = dataSource.getConnection()) {
            deleting.setAutoCommit(false);
            update(deleting, "delete from partner_transitions where subject_id = ?", id);
            assertEquals(1, update(deleting, "delete from partners where id = ?", id));
            CompletableFuture<Integer> transition = CompletableFuture.supplyAsync(() -> manager().header("If-Match", p[1])
                    .body(Map.of("to", "ACTIVE", "reason", "signed"))
                    .post(BASE + "/" + p[0] + "/transitions").then().extract().statusCode());
            awaitABackendWaitingOnALock(deleting);
            deleting.commit();
            assertEquals(412, transition.get(20, TimeUnit.SECONDS), "the transition's answer");
        }
        as("viewer").get(BASE + "/" + p[0]).then().statusCode(404);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement history = connection.prepareStatement("select count(*) from partner_transitions where subject_id = ?")) {
            history.setObject(1, id);
            try (ResultSet rows = history.executeQuery()) {
                rows.next();
                assertEquals(0, rows.getLong(1), "no history row of the deleted partner");
            }
        }
    }

    private static int update(Connection connection, String sql, UUID id) throws Exception {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, id);
            return statement.executeUpdate();
        }
    }

    private void awaitABackendWaitingOnALock(Connection holder) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        try (Connection watching = dataSource.getConnection();
             PreparedStatement waiting = watching.prepareStatement("select count(*) from pg_stat_activity "
                     + "where wait_event_type = 'Lock' and datname = current_database() and pid <> pg_backend_pid()")) {
            while (System.nanoTime() < deadline) {
                try (ResultSet rows = waiting.executeQuery()) {
                    rows.next();
                    if (rows.getLong(1) > 0) {
                        return;
                    }
                }
                Thread.sleep(20);
            }
        }
        holder.rollback();
        throw new AssertionError("the transition never waited on the deleting transaction's lock");
    }
}

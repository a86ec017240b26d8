package org.aicenter.partner;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.core.MediaType;
import org.aicenter.platform.persistence.DatabaseProblems;
import org.aicenter.platform.persistence.ExpensiveReads;
import org.aicenter.platform.problem.ProblemException;
import org.aicenter.platform.problem.ProblemType;
import org.aicenter.testing.PostgresResource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.aicenter.partner.PartnerFixtures.as;
import static org.aicenter.partner.PartnerFixtures.body;
import static org.aicenter.partner.PartnerFixtures.create;
import static org.aicenter.partner.PartnerFixtures.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Statistics scan and group the whole table; a flood of them by a viewer must leave the service
 * answering everything else. Over 40,000 partners, 8 viewers ask for statistics 480 times as fast
 * as they can while a partner manager creates a partner every 200 ms: each create answers within
 * a second, and a statistic answers 200 or, past the concurrency limit, 503 with Retry-After;
 * never a 500. A statement past its timeout is a 503 with Retry-After too.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class ExpensiveReadsTest {

    private static final int PARTNERS = 40_000;
    private static final int VIEWERS = 8;
    private static final int STATISTICS = 480;
    private static final String SEEDED_BY = "expensive-reads-test";

    @Inject
    DataSource dataSource;
    @Inject
    ExpensiveReads expensive;
    @Inject
    EntityManager em;
    @Inject
    DatabaseProblems problems;
    @ConfigProperty(name = "aic.expensive-reads.concurrency")
    int concurrency;

    @BeforeAll
    void manyPartners() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("""
                    insert into partners (id, version, name, type, country, tier, status, sectors, created_at,
                                          updated_at, created_by, updated_by)
                    select gen_random_uuid(), 0, 'flood partner ' || n,
                           (array['UNIVERSITY','STARTUP','GOVERNMENT_AGENCY','RESEARCH_INSTITUTE'])[1 + n %% 4], 'CN',
                           (array['STRATEGIC','CORE','COMMUNITY'])[1 + n %% 3], 'PROSPECT',
                           array['SMART_CITY', 'EDUCATION']::varchar(32)[], now(), now(), '%s', '%s'
                    from generate_series(1, %d) n""".formatted(SEEDED_BY, SEEDED_BY, PARTNERS));
            statement.execute("analyze partners");
        }
    }

    @AfterAll
    void withoutThem() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("delete from partners where created_by = '" + SEEDED_BY + "'");
        }
    }

    @Test
    void aFloodOfStatisticsByAViewerLeavesPartnerCreatesAnsweredWithinASecond() throws Exception {
        // Warm both paths first: the first calls of a run load classes and compile code; the rule is about a flood.
        for (int i = 0; i < 10; i++) {
            create(body(unique("预热"))).statusCode(201);
            as("viewer").get(PartnerFixtures.BASE + "/statistics").then().statusCode(200);
        }
        AtomicInteger left = new AtomicInteger(STATISTICS);
        Map<Integer, Integer> statuses = Collections.synchronizedMap(new TreeMap<>());
        List<String> unexpected = Collections.synchronizedList(new ArrayList<>());
        ExecutorService viewers = Executors.newFixedThreadPool(VIEWERS);
        List<Future<?>> flood = new ArrayList<>();
        for (int v = 0; v < VIEWERS; v++) {
            flood.add(viewers.submit(() -> {
                while (left.getAndDecrement() > 0) {
                    Response answer = as("viewer").get(PartnerFixtures.BASE + "/statistics");
                    statuses.merge(answer.statusCode(), 1, Integer::sum);
                    boolean refused = answer.statusCode() == 503 && answer.header("Retry-After") != null
                            && answer.contentType().startsWith("application/problem+json");
                    if (answer.statusCode() != 200 && !refused) {
                        unexpected.add(answer.statusCode() + " " + answer.asString());
                    }
                }
                return null;
            }));
        }
        List<Long> creates = new ArrayList<>();
        while (left.get() > 0) {
            long began = System.nanoTime();
            create(body(unique("洪峰中新建"))).statusCode(201);
            creates.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began));
            Thread.sleep(200);
        }
        for (Future<?> viewer : flood) {
            viewer.get(5, TimeUnit.MINUTES);
        }
        viewers.shutdown();
        System.out.printf("statistics flood: %d statistics by %d viewers over %d partners, answers by status %s; "
                + "partner creates meanwhile (ms): %s%n", STATISTICS, VIEWERS, PARTNERS, statuses, creates);

        assertTrue(unexpected.isEmpty(), "a statistic answers 200 or 503 with Retry-After: " + unexpected);
        assertFalse(creates.isEmpty(), "partners were created during the flood");
        assertTrue(creates.stream().allMatch(ms -> ms <= 1_000), "every create within a second: " + creates);
    }

    @Test
    void aStatementPastItsTimeoutIsA503WithRetryAfter() {
        RuntimeException stopped = assertThrows(RuntimeException.class, () -> expensive.run("A test read",
                () -> em.createNativeQuery("select pg_sleep(7)").getSingleResult()));
        var answer = problems.problemFor(stopped, "/api/v1/partners/statistics");
        assertNotNull(answer, "a statement stopped by its timeout is the database's to explain: " + stopped);
        assertEquals(503, answer.getStatus());
        assertEquals("5", answer.getHeaderString("Retry-After"));
        assertEquals(MediaType.valueOf("application/problem+json"), answer.getMediaType());
        // and nothing of it is left on the connection: the timeout was the transaction's alone
        QuarkusTransaction.requiringNew().run(() ->
                assertNotEquals("5s", em.createNativeQuery("show statement_timeout").getSingleResult()));
    }

    @Test
    void pastTheConcurrencyLimitAReadIsRefusedWithRetryAfter() throws Exception {
        ExecutorService holders = Executors.newFixedThreadPool(concurrency);
        List<Future<?>> held = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            held.add(holders.submit(() -> expensive.run("A slow read",
                    () -> em.createNativeQuery("select pg_sleep(4)").getSingleResult())));
        }
        Thread.sleep(500);
        ProblemException refused = assertThrows(ProblemException.class, () -> expensive.run("A third read",
                () -> em.createNativeQuery("select 1").getSingleResult()));
        assertEquals(ProblemType.SERVICE_UNAVAILABLE, refused.type());
        for (Future<?> holder : held) {
            holder.get(30, TimeUnit.SECONDS);
        }
        holders.shutdown();
        assertEquals(1, ((Number) expensive.run("A read after them",
                () -> em.createNativeQuery("select 1").getSingleResult())).intValue());
    }
}

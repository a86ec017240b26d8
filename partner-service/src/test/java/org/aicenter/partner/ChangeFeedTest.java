package org.aicenter.partner;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.aicenter.platform.changes.ChangeFeed;
import org.aicenter.testing.Concurrently;
import org.aicenter.testing.PostgresResource;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.aicenter.partner.PartnerFixtures.*;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

/** The partners' change feed: every change once, in commit order, deletions too; cursors, long polls and retention. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class ChangeFeedTest {

    static final String FEED = BASE + "/changes";

    @Inject
    AgroalDataSource dataSource;
    @Inject
    ChangeFeed feed;

    static String now() {
        return as("viewer").queryParam("after", "now").get(FEED).then().statusCode(200)
                .body("events", empty()).extract().path("next");
    }

    static ExtractableResponse<Response> read(String after, Object... query) {
        var request = as("integrator").queryParam("after", after);
        for (int i = 0; i < query.length; i += 2) {
            request.queryParam((String) query[i], query[i + 1]);
        }
        return request.get(FEED).then().statusCode(200).extract();
    }

    @Test
    void everyChangeOfAPartnerIsAnEventWithTheResourceAsGetAnswersIt() {
        String cursor = now();
        String name = unique("变更");
        String[] p = created(body(name));
        String etag = manager().header("If-Match", p[1]).body(Map.of("website", "https://feed.example.cn"))
                .contentType("application/merge-patch+json").patch(BASE + "/" + p[0]).then().statusCode(200).extract().header("ETag");
        String ended = manager().header("If-Match", etag).body(Map.of("to", "ACTIVE", "reason", "signed"))
                .post(BASE + "/" + p[0] + "/transitions").then().statusCode(200).extract().header("ETag");
        var page = read(cursor);
        List<Map<String, Object>> events = page.path("events");
        assertEquals(List.of("org.aicenter.partner.created", "org.aicenter.partner.updated", "org.aicenter.partner.status-changed"),
                events.stream().map(e -> e.get("type")).toList());
        Map<String, Object> last = events.get(2);
        assertEquals("1.0", last.get("specversion"));
        assertEquals("/api/v1/partners", last.get("source"));
        assertEquals(p[0], last.get("subject"));
        assertEquals("application/json", last.get("datacontenttype"));
        assertEquals("partner-manager-user", last.get("actor"), "the token's subject");
        assertEquals(List.of(0, 1, 2), events.stream().map(e -> e.get("version")).toList());
        Map<String, Object> got = as("viewer").get(BASE + "/" + p[0]).then().extract().path("");
        assertEquals(got, last.get("data"), "the data is the resource as GET answers it");
        assertEquals("\"" + last.get("version") + "\"", ended);
        assertEquals(3, new HashSet<>(events.stream().map(e -> e.get("id")).toList()).size(), "unique ids");
        String next = page.path("next");
        assertEquals(false, page.path("hasMore"));
        assertTrue(page.header("Link").contains("after=" + next) && page.header("Link").endsWith("rel=\"next\""),
                page.header("Link"));
        var again = read(cursor);
        assertEquals(events.stream().map(e -> e.get("id")).toList(),
                again.<List<String>>path("events.id"), "the same ids on every read");

        // a PROSPECT is deleted: the deletion says which and at what version
        String[] q = created(body(unique("删除")));
        manager().header("If-Match", q[1]).delete(BASE + "/" + q[0]).then().statusCode(204);
        var deletion = read(next);
        assertEquals(List.of("org.aicenter.partner.created", "org.aicenter.partner.deleted"), deletion.path("events.type"));
        assertEquals(Map.of("id", q[0], "version", 0), deletion.path("events[1].data"));
        var upToDate = read(deletion.path("next"));
        assertEquals(List.of(), upToDate.path("events"));
        assertEquals(deletion.<String>path("next"), upToDate.path("next"), "an up-to-date reader keeps its cursor");
    }

    @Test
    void aRefusedChangeWritesNoEvent() {
        String cursor = now();
        String[] p = created(body(unique("拒绝")));
        manager().header("If-Match", "\"7\"").body(body(unique("拒绝"))).put(BASE + "/" + p[0]).then().statusCode(412);
        manager().header("If-Match", p[1]).body(Map.of("to", "SUSPENDED", "reason", "x"))
                .post(BASE + "/" + p[0] + "/transitions").then().statusCode(409);
        assertEquals(List.of("org.aicenter.partner.created"), read(cursor).path("events.type"));
    }

    /**
     * A transaction that wrote its event first but commits last: readers polling meanwhile see nothing
     * past it (the others' events wait), and once it commits its event comes first, then the others.
     * A reader taking {@code position > last} would have skipped it.
     */
    @Test
    void anEventThatCommitsLateIsNeverSkipped() throws Exception {
        String cursor = now();
        UUID held = UUID.randomUUID();
        try (Connection slow = dataSource.getConnection()) {
            slow.setAutoCommit(false);
            long heldPosition;
            try (PreparedStatement insert = slow.prepareStatement("insert into change_events (id, type, source, subject, "
                    + "occurred_at, actor, version, data) values (?, 'org.aicenter.partner.updated', '/api/v1/partners', ?, "
                    + "now(), 'slow-writer', 1, '{}') returning position")) {
                insert.setObject(1, UUID.randomUUID());
                insert.setObject(2, held);
                try (ResultSet row = insert.executeQuery()) {
                    row.next();
                    heldPosition = row.getLong(1);
                }
            }
            List<String> later = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                later.add(created(body(unique("后提交")))[0]);
                assertEquals(List.of(), read(cursor).path("events"), "nothing past the open transaction");
            }
            assertTrue(maxCommittedPosition() > heldPosition, "later events have higher positions: a position cursor skips");
            slow.commit();
            List<String> subjects = read(cursor).path("events.subject");
            List<String> expected = new ArrayList<>(List.of(held.toString()));
            expected.addAll(later);
            assertEquals(expected, subjects);
        }
    }

    @Test
    void concurrentWritersAndAPollingReaderSeeEveryEventOnce() throws Exception {
        String cursor = now();
        var reader = CompletableFuture.supplyAsync(() -> {
            List<String> seen = new ArrayList<>();
            String at = cursor;
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (seen.size() < 30 && System.nanoTime() < until) {
                var page = read(at, "limit", 7, "wait", 2);
                seen.addAll(page.path("events.subject"));
                at = page.path("next");
            }
            return seen;
        });
        var ids = Concurrently.run(30, i -> created(body(unique("并发-" + i)))[0]);
        List<String> seen = reader.get(90, TimeUnit.SECONDS);
        assertEquals(30, seen.size(), "seen: " + seen);
        assertEquals(new HashSet<>(ids), new HashSet<>(seen), "every created partner once");
    }

    @Test
    void aLongPollIsAnsweredWhenAnEventArrives() throws Exception {
        String cursor = now();
        long started = System.nanoTime();
        var waiting = CompletableFuture.supplyAsync(() -> read(cursor, "wait", 20));
        Thread.sleep(700);
        String id = created(body(unique("长轮询")))[0];
        var page = waiting.get(30, TimeUnit.SECONDS);
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertEquals(List.of(id), page.path("events.subject"));
        assertTrue(tookMs < 15_000, "answered when the event came, not at the deadline: " + tookMs + " ms");

        String quiet = page.path("next");
        long before = System.nanoTime();
        var empty = read(quiet, "wait", 1);
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before) >= 900, "held about a second");
        assertEquals(List.of(), empty.path("events"));
        assertEquals(quiet, empty.path("next"));
    }

    @Test
    void typesChooseTheEventsAndLimitPagesThem() {
        String cursor = now();
        String[] a = created(body(unique("类型")));
        String[] b = created(body(unique("类型")));
        manager().header("If-Match", b[1]).delete(BASE + "/" + b[0]).then().statusCode(204);
        var deletions = read(cursor, "types", "org.aicenter.partner.deleted");
        assertEquals(List.of(b[0]), deletions.path("events.subject"));
        var afterDeletions = read(deletions.path("next"), "types", "org.aicenter.partner.deleted");
        assertEquals(List.of(), afterDeletions.path("events"), "the cursor moved past what the filter skipped");

        var first = read(cursor, "limit", 2);
        assertEquals(List.of(a[0], b[0]), first.path("events.subject"));
        assertEquals(true, first.path("hasMore"));
        var second = read(first.path("next"), "limit", 2);
        assertEquals(List.of("org.aicenter.partner.deleted"), second.path("events.type"));
        assertEquals(false, second.path("hasMore"));
    }

    /** Every event from the beginning, page by page; answers the ids in order and the last {@code next}. */
    static Map.Entry<List<String>, String> walkFromTheBeginning() {
        List<String> ids = new ArrayList<>();
        String after = null;
        while (true) {
            var request = as("integrator").queryParam("limit", 1000);
            if (after != null) {
                request.queryParam("after", after);
            }
            var page = request.get(FEED).then().statusCode(200).extract();
            List<String> events = page.path("events.id");
            String next = page.path("next");
            if (events.isEmpty()) {
                assertEquals(after == null ? next : after, next, "an empty page keeps the cursor");
                return Map.entry(ids, next);
            }
            ids.addAll(events);
            after = next;
        }
    }

    @Test
    void aReadFromTheBeginningEndsWhereItsEventsEndAndGrowsWithTheFeed() {
        var first = walkFromTheBeginning();
        String[] p = created(body(unique("从头")));
        var second = walkFromTheBeginning();
        assertEquals(second.getKey().size(), new HashSet<>(second.getKey()).size(), "no event twice");
        assertEquals(first.getKey(), second.getKey().subList(0, first.getKey().size()), "the older events, in the same order");
        assertEquals(1, second.getKey().size() - first.getKey().size(), "one more event: the create of " + p[0]);
        assertEquals(List.of(), read(second.getValue()).path("events"), "nothing after the walk's last cursor");
        assertEquals(List.of(p[0]), read(first.getValue()).path("events.subject"), "the first walk's cursor is just before the create");
    }

    /**
     * The feed is in transaction order as numbers: a transaction id that has gained a digit (9,999 then
     * 10,000) comes after, not before. Ordered as text, a page read the newer event first, its cursor jumped
     * past the older one, and the older was never served (the system test of the feeds met it). The test
     * uses up transaction ids (subtransactions that write) until the next power of ten.
     */
    @Test
    void anEventWhoseTransactionIdHasOneDigitMoreComesAfter() throws Exception {
        String cursor = now();
        String[] before = created(body(unique("九九九")));
        long next;
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            try (ResultSet row = statement.executeQuery("select pg_current_xact_id()::text::bigint")) {
                row.next();
                next = row.getLong(1) + 1;
            }
            long power = 10;
            while (power <= next) {
                power *= 10;
            }
            statement.execute("create temp table used_up (i int)");
            statement.execute("do $$ begin for i in 1.." + (power - next) + " loop "
                    + "begin insert into used_up values (i); exception when others then null; end; end loop; end $$");
        }
        String[] after = created(body(unique("一万")));
        assertTrue(String.valueOf(xidOf(after[0])).length() > String.valueOf(xidOf(before[0])).length(),
                "the later create's transaction id has more digits: " + xidOf(before[0]) + ", " + xidOf(after[0]));
        var first = read(cursor, "limit", "1");
        assertEquals(List.of(before[0]), first.path("events.subject"), "the older transaction first");
        assertEquals(List.of(after[0]), read(first.path("next"), "limit", "1").path("events.subject"), "then the newer");
        assertEquals(List.of(before[0], after[0]), read(cursor).path("events.subject"), "both, in order, in one page");
    }

    private long xidOf(String subject) throws Exception {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("select xid::text::bigint from change_events where subject = ?")) {
            query.setObject(1, UUID.fromString(subject));
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    @Test
    void badParametersAre400sNamingThem() {
        for (Object[] bad : new Object[][]{{"after", "not-a-cursor"}, {"after", "MTIz"}, {"after", "x".repeat(300)},
                {"types", "org.aicenter.project.created"}, {"types", "org.aicenter.partner.created,"},
                {"limit", "0"}, {"limit", "1001"}, {"limit", "ten"}, {"wait", "31"}, {"wait", "-1"}, {"unknown", "1"}}) {
            as("viewer").queryParam((String) bad[0], bad[1]).get(FEED).then()
                    .statusCode(400).contentType("application/problem+json")
                    .body("errors.field", hasItem(bad[0]));
        }
        given().get(FEED).then().statusCode(401);
    }

    @Test
    void aCursorOlderThanTheRetentionIs410AndAfterNowStartsAfresh() throws Exception {
        String old = now();
        String[] p = created(body(unique("过期")));
        String fresh = read(old).path("next");
        try (Connection connection = dataSource.getConnection();
             PreparedStatement age = connection.prepareStatement(
                     "update change_events set occurred_at = now() - interval '31 days' where subject = ?")) {
            age.setObject(1, UUID.fromString(p[0]));
            assertEquals(1, age.executeUpdate());
        }
        assertTrue(feed.purge() >= 1);
        as("viewer").queryParam("after", old).get(FEED).then().statusCode(410)
                .contentType("application/problem+json")
                .body("type", is("https://aicenter.org/problems/cursor-expired"))
                .body("detail", containsString("Resync"));
        read(fresh);  // a cursor at or after the purged part still reads
        List<String> fromOldest = as("viewer").get(FEED).then().statusCode(200).extract().path("events.subject");
        assertFalse(fromOldest.contains(p[0]), "the purged event is gone");
        String now = now();
        assertEquals(List.of(), read(now).path("events"));
    }

    private long maxCommittedPosition() throws Exception {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("select max(position) from change_events");
             ResultSet row = query.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }
}

package org.aicenter.platform.changes;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import io.vertx.core.Vertx;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.aicenter.platform.problem.ProblemException;
import org.aicenter.platform.problem.ProblemType;
import org.aicenter.platform.web.Params;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads a service's change feed from its outbox ({@link Changes}) in commit order.
 *
 * <p>Why nothing is skipped: an event's row carries its transaction's id ({@code xid8}). The feed is
 * ordered by (xid, position) and shows only the events of transactions below the oldest one still
 * running ({@code pg_snapshot_xmin} of the reading statement's snapshot): those have all ended, so
 * no event can later appear below that line. A transaction that commits late holds the line back
 * until it ends, and its events then come next; a plain {@code position > cursor} would have
 * skipped them. Each read is one read-only REPEATABLE READ transaction, so the page and the head
 * of the feed it reports come from one snapshot.
 *
 * <p>Per resource the order is the order of its versions: two transactions that change one row
 * are serialized by its lock and version check, and the later one takes its transaction id only
 * when it writes, after reading the row the earlier one committed, so its id is the higher.
 *
 * <p>{@code wait} holds an empty answer open: one checker looks at the head of the feed every
 * {@code aic.changes.poll-interval} while anyone waits (and at once after a local commit), so
 * waiting readers cost one indexed query per interval however many they are, and at most
 * {@code aic.changes.max-waiters} wait at once (the others are answered at once, empty).
 * Events are kept {@code aic.changes.retention} (30 days) and purged hourly; a cursor from
 * before the purged part is a 410 {@code cursor-expired}.
 */
@Startup
@ApplicationScoped
public class ChangeFeed {

    public static final String NOW = "now";
    private static final Logger LOG = Logger.getLogger(ChangeFeed.class);
    // The transaction id is read as text (JDBC has no xid8) under a name of its own: an output column named
    // xid would be what "order by xid" sorts, as text, and "1000" sorts before "999".
    private static final String COLUMNS = "xid::text as xid_text, position, id, type, source, subject, occurred_at, actor, version, data::text";
    private static final String VISIBLE = "xid < pg_snapshot_xmin(pg_current_snapshot())";
    /** A cursor's transaction id as a parameter: JDBC has no xid8, so it is sent as text. */
    private static final String XID = "cast(cast(? as text) as xid8)";

    @Inject
    AgroalDataSource dataSource;
    @Inject
    Vertx vertx;

    @ConfigProperty(name = "aic.changes.retention", defaultValue = "P30D")
    Duration retention;
    @ConfigProperty(name = "aic.changes.poll-interval", defaultValue = "PT0.25S")
    Duration pollInterval;
    @ConfigProperty(name = "aic.changes.max-waiters", defaultValue = "500")
    int maxWaiters;
    @ConfigProperty(name = "aic.changes.purge-interval", defaultValue = "PT1H")
    Duration purgeInterval;

    private final ConcurrentLinkedQueue<Waiter> waiters = new ConcurrentLinkedQueue<>();
    private final AtomicInteger waiting = new AtomicInteger();
    private ScheduledExecutorService checker;

    @PostConstruct
    void start() {
        checker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "change-feed-checker");
            thread.setDaemon(true);
            return thread;
        });
        long every = Math.max(pollInterval.toMillis(), 10);
        checker.scheduleWithFixedDelay(this::checkWaiters, every, every, TimeUnit.MILLISECONDS);
        vertx.setPeriodic(purgeInterval.toMillis(), id -> vertx.executeBlocking(() -> {
            int purged = purge();
            if (purged > 0) {
                LOG.infof("purged %d change events older than %s", purged, retention);
            }
            return purged;
        }, false));
    }

    void stop(@Observes ShutdownEvent event) {
        checker.shutdownNow();
        Waiter waiter;
        while ((waiter = waiters.poll()) != null) {
            waiter.answer(new ChangePage(List.of(), waiter.after.text(), false));
        }
    }

    /**
     * Answers {@code GET …/changes}: the events after the cursor of the given kinds' types (all of
     * them, or those {@code types} names), with the {@code next} cursor in the body and as a
     * {@code Link}. Blocking: call it from a worker thread; a long poll frees the thread.
     */
    public CompletionStage<Response> answer(FeedParams params, List<ChangeKind> kinds, UriInfo uri) {
        List<String> types = types(params.types, kinds);
        Integer limitParam = Params.integer("limit", params.limit, 1, 1000);
        int limit = limitParam == null ? 100 : limitParam;
        Integer waitParam = Params.integer("wait", params.wait, 0, 30);
        int wait = waitParam == null ? 0 : waitParam;
        Cursor requested = NOW.equals(params.after) || params.after == null || params.after.isEmpty()
                ? null : Cursor.parse(params.after);
        var link = uri.getRequestUriBuilder();
        Read read = read(NOW.equals(params.after), requested, types, limit);
        if (!read.page.events().isEmpty() || wait == 0 || read.now) {
            return CompletableFuture.completedFuture(respond(read.page, link));
        }
        if (waiting.incrementAndGet() > maxWaiters) {
            waiting.decrementAndGet();
            return CompletableFuture.completedFuture(respond(read.page, link));
        }
        Waiter waiter = new Waiter(Cursor.parse(read.page.next()), types, limit,
                System.nanoTime() + TimeUnit.SECONDS.toNanos(wait), new CompletableFuture<>());
        waiters.add(waiter);
        return waiter.result.thenApply(page -> respond(page, link));
    }

    /** Wakes the waiting readers after a local commit; other replicas' commits are seen at the next check. */
    void nudge() {
        if (waiting.get() > 0 && !checker.isShutdown()) {
            checker.execute(this::checkWaiters);
        }
    }

    private void checkWaiters() {
        if (waiters.isEmpty()) {
            return;
        }
        try {
            Cursor head;
            try (Connection connection = dataSource.getConnection()) {
                head = head(connection);
            }
            long now = System.nanoTime();
            for (Waiter waiter : waiters) {
                ChangePage page = null;
                if (head != null && head.compareTo(waiter.after) > 0) {
                    page = read(false, waiter.after, waiter.types, waiter.limit).page;
                    if (page.events().isEmpty()) {
                        waiter.after = Cursor.parse(page.next());
                        page = null;
                    }
                }
                if (page == null && now - waiter.deadline >= 0) {
                    page = new ChangePage(List.of(), waiter.after.text(), false);
                }
                if (page != null && waiters.remove(waiter)) {
                    waiter.answer(page);
                }
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("change feed check failed (%s); waiting readers are answered at their deadline", e.toString());
            long now = System.nanoTime();
            for (Waiter waiter : waiters) {
                if (now - waiter.deadline >= 0 && waiters.remove(waiter)) {
                    waiter.answer(new ChangePage(List.of(), waiter.after.text(), false));
                }
            }
        }
    }

    private record Read(ChangePage page, boolean now) {
    }

    private Read read(boolean now, Cursor requested, List<String> types, int limit) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setReadOnly(true);
            try {
                Cursor horizon = horizon(connection);
                if (requested != null && requested.compareTo(horizon) < 0) {
                    throw expired();
                }
                Cursor head = head(connection);
                Cursor start = requested == null ? horizon : requested;
                if (now) {
                    return new Read(new ChangePage(List.of(), Cursor.max(horizon, head == null ? horizon : head).text(), false), true);
                }
                List<ChangeEvent> events = new ArrayList<>();
                Cursor last = events(connection, start, types, limit, events);
                boolean more = events.size() > limit;
                if (more) {
                    events.remove(limit);
                }
                // with nothing more to read, everything visible up to the head was seen (matching or not)
                Cursor next = more ? last : Cursor.max(last, head == null ? start : Cursor.max(start, head));
                return new Read(new ChangePage(events, next.text(), more), false);
            } finally {
                connection.rollback();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the change feed", e);
        }
    }

    /** Reads up to limit + 1 events after start into events; answers the cursor of the last of the first limit. */
    private static Cursor events(Connection connection, Cursor start, List<String> types, int limit,
                                 List<ChangeEvent> events) throws SQLException {
        Cursor last = start;
        try (PreparedStatement query = connection.prepareStatement("select " + COLUMNS + " from change_events "
                + "where (xid, position) > (" + XID + ", ?) and " + VISIBLE
                + (types == null ? "" : " and type = any(?)") + " order by xid, position limit ?")) {
            query.setString(1, Long.toString(start.xid()));
            query.setLong(2, start.position());
            int next = 3;
            if (types != null) {
                query.setArray(next++, connection.createArrayOf("text", types.toArray()));
            }
            query.setInt(next, limit + 1);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    if (events.size() < limit) {
                        last = new Cursor(Long.parseLong(rows.getString(1)), rows.getLong(2));
                    }
                    events.add(new ChangeEvent(ChangeEvent.SPEC_VERSION, rows.getObject(3, UUID.class), rows.getString(5),
                            rows.getString(4), rows.getObject(6, UUID.class), rows.getObject(7, OffsetDateTime.class).toInstant(),
                            ChangeEvent.CONTENT_TYPE, rows.getString(8), rows.getLong(9), rows.getString(10)));
                }
            }
        }
        return last;
    }

    /** The last visible event, or null when there is none. */
    private static Cursor head(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("select xid::text as xid_text, position from change_events where "
                + VISIBLE + " order by xid desc, position desc limit 1");
             ResultSet rows = query.executeQuery()) {
            return rows.next() ? new Cursor(Long.parseLong(rows.getString(1)), rows.getLong(2)) : null;
        }
    }

    private static Cursor horizon(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("select xid::text as xid_text, position from change_feed_horizon");
             ResultSet rows = query.executeQuery()) {
            return rows.next() ? new Cursor(Long.parseLong(rows.getString(1)), rows.getLong(2)) : Cursor.ORIGIN;
        }
    }

    /**
     * Deletes the events older than the retention (of ended transactions only) and moves the
     * horizon past them, so the feed stays a suffix: everything below the horizon is gone.
     */
    public int purge() {
        Instant cutoff = Instant.now().minus(retention);
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                Cursor cut = null;
                try (PreparedStatement query = connection.prepareStatement("select xid::text as xid_text, position from change_events "
                        + "where occurred_at < ? and " + VISIBLE + " order by xid desc, position desc limit 1")) {
                    query.setObject(1, cutoff.atOffset(java.time.ZoneOffset.UTC));
                    try (ResultSet rows = query.executeQuery()) {
                        if (rows.next()) {
                            cut = new Cursor(Long.parseLong(rows.getString(1)), rows.getLong(2));
                        }
                    }
                }
                if (cut == null) {
                    connection.rollback();
                    return 0;
                }
                try (PreparedStatement move = connection.prepareStatement("update change_feed_horizon set "
                        + "xid = " + XID + ", position = ? where (xid, position) < (" + XID + ", ?)")) {
                    move.setString(1, Long.toString(cut.xid()));
                    move.setLong(2, cut.position());
                    move.setString(3, Long.toString(cut.xid()));
                    move.setLong(4, cut.position());
                    move.executeUpdate();
                }
                int purged;
                try (PreparedStatement delete = connection.prepareStatement("delete from change_events "
                        + "where (xid, position) <= (" + XID + ", ?)")) {
                    delete.setString(1, Long.toString(cut.xid()));
                    delete.setLong(2, cut.position());
                    purged = delete.executeUpdate();
                }
                connection.commit();
                return purged;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot purge the change feed", e);
        }
    }

    private ProblemException expired() {
        return new ProblemException(ProblemType.CURSOR_EXPIRED, "The cursor is older than the " + retention.toDays()
                + " days of events this feed keeps. Resync: read the lists in full, then follow the feed from after=now "
                + "(taken before the lists are read)");
    }

    private static List<String> types(String param, List<ChangeKind> kinds) {
        String text = Params.text("types", param);
        if (text == null) {
            return null;
        }
        Set<String> known = new LinkedHashSet<>();
        kinds.forEach(kind -> known.addAll(kind.types()));
        Set<String> chosen = new LinkedHashSet<>();
        for (String type : text.split(",", -1)) {
            String name = type.strip();
            if (!known.contains(name)) {
                throw Params.bad("types", "'" + (name.length() > 60 ? name.substring(0, 60) + "…" : name)
                        + "' is not an event type of this feed; known: " + String.join(", ", known));
            }
            chosen.add(name);
        }
        return List.copyOf(chosen);
    }

    private static Response respond(ChangePage page, jakarta.ws.rs.core.UriBuilder link) {
        String next = link.clone().replaceQueryParam("after", page.next()).build().toString();
        return Response.ok(page).header("Link", "<" + next + ">; rel=\"next\"").build();
    }

    private final class Waiter {
        volatile Cursor after;
        final List<String> types;
        final int limit;
        final long deadline;
        final CompletableFuture<ChangePage> result;

        Waiter(Cursor after, List<String> types, int limit, long deadline, CompletableFuture<ChangePage> result) {
            this.after = after;
            this.types = types;
            this.limit = limit;
            this.deadline = deadline;
            this.result = result;
        }

        void answer(ChangePage page) {
            if (result.complete(page)) {
                waiting.decrementAndGet();
            }
        }
    }
}

package org.aicenter.notification.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.aicenter.platform.security.FeedCredentials;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Follows the three change feeds, one thread each. With several replicas one follows each feed: its
 * thread holds a session-level advisory lock on a connection of its own (no transaction, so nothing
 * holds back the database's snapshots). A poll reads the stored cursor, long-polls the feed from it
 * with no transaction open, then in one short transaction queues what the events mean and moves the
 * cursor on only if it is still the one the poll started from: the cursor moves only with the
 * deliveries and mails written, so a restart neither loses nor repeats, and a replica that lost its
 * lock unknowingly cannot queue a page twice. No transaction may stay open across the long poll: the
 * feeds show an event only once every transaction older than it has ended, on the whole database
 * server, so one held open for the poll's 25 s would hold every feed back by as much.
 * A feed that does not answer is tried again after a growing pause; an expired cursor (410) is logged as
 * an error, the feed is resumed from now and the subscriptions that may have missed events are marked.
 */
@ApplicationScoped
public class FeedFollower {

    private static final Logger LOG = Logger.getLogger(FeedFollower.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> PATHS = Map.of("partner", "/api/v1/partners/changes",
            "project", "/api/v1/projects/changes", "training", "/api/v1/programmes/changes");

    @Inject
    EntityManager em;
    @Inject
    AgroalDataSource dataSource;
    @Inject
    EventQueue queue;
    @Inject
    FeedCredentials credentials;
    @ConfigProperty(name = "aic.feeds.enabled")
    boolean enabled;
    @ConfigProperty(name = "aic.feeds.wait")
    int wait;
    @ConfigProperty(name = "aic.feeds.backoff-max")
    Duration backoffMax;
    @ConfigProperty(name = "aic.feeds.partner-url")
    String partnerUrl;
    @ConfigProperty(name = "aic.feeds.project-url")
    String projectUrl;
    @ConfigProperty(name = "aic.feeds.training-url")
    String trainingUrl;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    void onStart(@Observes StartupEvent start) {
        if (enabled) {
            start();
        }
    }

    void onStop(@Observes ShutdownEvent stop) {
        stop();
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        for (Map.Entry<String, String> feed : bases().entrySet()) {
            Thread thread = new Thread(() -> follow(feed.getKey(), feed.getValue()), "feed-" + feed.getKey());
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }
    }

    /** Stops following (the threads end after their current poll, which commits or rolls back whole). */
    public synchronized void stop() {
        running = false;
        threads.forEach(Thread::interrupt);
        for (Thread thread : threads) {
            try {
                thread.join(Duration.ofSeconds(wait + 10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        threads.clear();
    }

    Map<String, String> bases() {
        Map<String, String> bases = new LinkedHashMap<>();
        bases.put("partner", partnerUrl);
        bases.put("project", projectUrl);
        bases.put("training", trainingUrl);
        return bases;
    }

    /** {@code bases}: the feed's service, or a comma list of its instances, taken in turn when one does not answer. */
    private void follow(String feed, String bases) {
        List<String> instances = java.util.Arrays.stream(bases.split(",")).map(String::trim).filter(b -> !b.isEmpty()).toList();
        int failures = 0;
        Lease lease = null;
        try {
            while (running) {
                String base = instances.get(failures % instances.size());
                try {
                    if (lease == null || !lease.held()) {
                        if (lease != null) {
                            lease.close();
                        }
                        lease = Lease.take(dataSource, feed);
                        if (lease == null) {
                            pause(Duration.ofSeconds(1)); // another replica follows this feed now
                            continue;
                        }
                    }
                    poll(feed, base);
                    failures = 0;
                } catch (RuntimeException e) {
                    if (!running) {
                        return;
                    }
                    failures++;
                    long millis = Math.min(backoffMax.toMillis(), 100L << Math.min(failures, 16));
                    LOG.warnf("feed %s at %s: %s; trying again in %d ms", feed, base, e.getMessage(), millis);
                    pause(Duration.ofMillis(millis));
                }
            }
        } finally {
            if (lease != null) {
                lease.close();
            }
        }
    }

    /**
     * One poll of {@code feed}: the cursor read, the feed asked with no transaction open, then the
     * events queued and the cursor moved in one short transaction.
     */
    void poll(String feed, String base) {
        String cursor = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select coalesce(cursor, '') from feed_cursors where feed = :feed").setParameter("feed", feed)
                .getSingleResult().toString());
        if (cursor.isEmpty()) {
            // a first start: only what happens from now on, not every enrolment of the past; the cursor is
            // stored before anything is read, so a failed first poll cannot skip what came meanwhile
            String now = current(feed, base);
            QuarkusTransaction.requiringNew().run(() -> advance(feed, cursor, now, false));
            LOG.infof("feed %s at %s: following from now", feed, base);
            return;
        }
        HttpResponse<String> answer = get(base + PATHS.get(feed) + "?limit=100&wait=" + wait + "&after="
                + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
        if (answer.statusCode() == 410) {
            LOG.errorf("EVENTS LOST: feed %s at %s answered 410 (cursor expired, older than the feed keeps); resuming "
                    + "from now and marking the subscriptions that may have missed events", feed, base);
            String next = current(feed, base);
            int marked = QuarkusTransaction.requiringNew().call(() -> {
                int subscriptions = queue.markLost(feed);
                advance(feed, cursor, next, true);
                return subscriptions;
            });
            LOG.errorf("feed %s resumed from now; %d subscriptions marked with eventsLostAt", feed, marked);
            return;
        }
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("answered " + answer.statusCode());
        }
        JsonNode page = body(answer);
        String next = page.path("next").asText();
        if (next.isEmpty()) {
            throw new IllegalStateException("answered no next cursor");
        }
        int deliveries = QuarkusTransaction.requiringNew().timeout(60).call(() -> {
            int queued = 0;
            for (JsonNode event : page.path("events")) {
                try {
                    queued += queue.queue(event, JSON.writeValueAsString(event));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
            advance(feed, cursor, next, false);
            return queued;
        });
        if (page.path("events").size() > 0) {
            LOG.infof("feed %s: %d events, %d deliveries queued", feed, page.path("events").size(), deliveries);
        }
    }

    private String current(String feed, String base) {
        HttpResponse<String> now = get(base + PATHS.get(feed) + "?limit=1&wait=0&after=now");
        String next = now.statusCode() == 200 ? body(now).path("next").asText() : "";
        if (next.isEmpty()) {
            throw new IllegalStateException("cannot read the current cursor: answered " + now.statusCode());
        }
        return next;
    }

    /**
     * Moves the feed's cursor from {@code from} to {@code to}, in the caller's transaction; throws (so the
     * transaction, and what it queued, is rolled back) when the cursor is no longer {@code from}.
     */
    private void advance(String feed, String from, String to, boolean lost) {
        int moved = em.createNativeQuery("update feed_cursors set cursor = :cursor, updated_at = now()"
                + (lost ? ", lost_at = now()" : "") + " where feed = :feed and coalesce(cursor, '') = :from")
                .setParameter("cursor", to).setParameter("feed", feed).setParameter("from", from).executeUpdate();
        if (moved != 1) {
            throw new IllegalStateException("the cursor moved meanwhile (another replica followed the feed); this page is not queued");
        }
    }

    /**
     * The right to follow one feed among the replicas: a session-level advisory lock, held on a connection
     * kept for it (not in a transaction) and released when it is closed or the connection ends.
     */
    private static final class Lease implements AutoCloseable {
        private final Connection connection;
        private final String feed;

        private Lease(Connection connection, String feed) {
            this.connection = connection;
            this.feed = feed;
        }

        /** The lease, or null when another replica holds it. */
        static Lease take(AgroalDataSource dataSource, String feed) {
            Connection connection = null;
            try {
                connection = dataSource.getConnection();
                connection.setAutoCommit(true);
                try (PreparedStatement lock = connection.prepareStatement("select pg_try_advisory_lock(hashtext(?))")) {
                    lock.setString(1, "aic-feed-" + feed);
                    try (ResultSet rows = lock.executeQuery()) {
                        if (rows.next() && rows.getBoolean(1)) {
                            return new Lease(connection, feed);
                        }
                    }
                }
                connection.close();
                return null;
            } catch (SQLException e) {
                closeQuietly(connection);
                throw new IllegalStateException("cannot take the lease of feed " + feed + ": " + e.getMessage(), e);
            }
        }

        boolean held() {
            try {
                return connection.isValid(2);
            } catch (SQLException e) {
                return false;
            }
        }

        @Override
        public void close() {
            try (PreparedStatement unlock = connection.prepareStatement("select pg_advisory_unlock(hashtext(?))")) {
                unlock.setString(1, "aic-feed-" + feed);
                unlock.execute();
            } catch (SQLException e) {
                LOG.debugf("feed %s: the lease ends with its connection (%s)", feed, e.getMessage());
            }
            closeQuietly(connection);
        }

        private static void closeQuietly(Connection connection) {
            if (connection != null) {
                try {
                    connection.close();
                } catch (SQLException ignored) {
                    // the connection is gone already, and the lock with it
                }
            }
        }
    }

    private HttpResponse<String> get(String url) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(wait + 15))
                .header("Accept", "application/json").header("Authorization", credentials.bearer()).GET().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("did not answer (" + e.getClass().getSimpleName() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static JsonNode body(HttpResponse<String> answer) {
        try {
            return JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new IllegalStateException("answered a body that is not JSON", e);
        }
    }

    private void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

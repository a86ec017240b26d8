package org.aicenter.notification.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Follows the three change feeds, one thread each. A poll runs in one transaction that first locks the
 * feed's cursor row ({@code for update skip locked}: with two replicas one follows each feed, the other
 * waits), long-polls the feed from that cursor, queues what the events mean and stores the next cursor:
 * the cursor moves only with the deliveries and mails written, so a restart neither loses nor repeats.
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
        while (running) {
            String base = instances.get(failures % instances.size());
            try {
                boolean mine = QuarkusTransaction.requiringNew().timeout(wait + 60).call(() -> poll(feed, base));
                failures = 0;
                if (!mine) {
                    pause(Duration.ofSeconds(1)); // another replica follows this feed now
                }
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
    }

    /** One poll of {@code feed} in the caller's transaction; false when another replica holds the feed. */
    boolean poll(String feed, String base) {
        @SuppressWarnings("unchecked")
        List<Object> rows = em.createNativeQuery("select coalesce(cursor, '') from feed_cursors where feed = :feed "
                + "for update skip locked").setParameter("feed", feed).getResultList();
        if (rows.isEmpty()) {
            return false;
        }
        String cursor = rows.get(0).toString();
        if (cursor.isEmpty()) {
            // a first start: only what happens from now on, not every enrolment of the past; the cursor is
            // stored before anything is read, so a failed first poll cannot skip what came meanwhile
            store(feed, current(feed, base), false);
            LOG.infof("feed %s at %s: following from now", feed, base);
            return true;
        }
        HttpResponse<String> answer = get(base + PATHS.get(feed) + "?limit=100&wait=" + wait + "&after="
                + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
        if (answer.statusCode() == 410) {
            LOG.errorf("EVENTS LOST: feed %s at %s answered 410 (cursor expired, older than the feed keeps); resuming "
                    + "from now and marking the subscriptions that may have missed events", feed, base);
            String next = current(feed, base);
            int marked = queue.markLost(feed);
            store(feed, next, true);
            LOG.errorf("feed %s resumed from now; %d subscriptions marked with eventsLostAt", feed, marked);
            return true;
        }
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("answered " + answer.statusCode());
        }
        JsonNode page = body(answer);
        int deliveries = 0;
        for (JsonNode event : page.path("events")) {
            try {
                deliveries += queue.queue(event, JSON.writeValueAsString(event));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        String next = page.path("next").asText();
        if (next.isEmpty()) {
            throw new IllegalStateException("answered no next cursor");
        }
        store(feed, next, false);
        if (page.path("events").size() > 0) {
            LOG.infof("feed %s: %d events, %d deliveries queued", feed, page.path("events").size(), deliveries);
        }
        return true;
    }

    private String current(String feed, String base) {
        HttpResponse<String> now = get(base + PATHS.get(feed) + "?limit=1&wait=0&after=now");
        String next = now.statusCode() == 200 ? body(now).path("next").asText() : "";
        if (next.isEmpty()) {
            throw new IllegalStateException("cannot read the current cursor: answered " + now.statusCode());
        }
        return next;
    }

    private void store(String feed, String cursor, boolean lost) {
        em.createNativeQuery("update feed_cursors set cursor = :cursor, updated_at = now()"
                + (lost ? ", lost_at = now()" : "") + " where feed = :feed")
                .setParameter("cursor", cursor).setParameter("feed", feed).executeUpdate();
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

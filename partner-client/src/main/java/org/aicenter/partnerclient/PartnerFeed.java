package org.aicenter.partnerclient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.aicenter.platform.web.Instances;
import org.jboss.logging.Logger;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Reads partner-service's change feed ({@code GET /api/v1/partners/changes}) for as long as it runs and
 * tells the {@link Memory} (the {@link PartnerDirectory}) which remembered partners to forget. It asks
 * only for status changes and deletions, the two changes that can make a partner unusable; an update
 * changes no status (partner-service moves a status only by a transition), and a name read from a
 * remembered partner being a few seconds old harms no write.
 *
 * <p>It follows from {@code after=now}: what happened before is what the lookups asked partner-service
 * about, so it forgets everything once it has the cursor. Then it long-polls from the cursor ({@code wait}).
 * When it cannot account for what it missed (the cursor expired, a 410; a page it cannot read, or one over
 * the size bound; the cursor refused) it forgets everything and starts again from now. When the feed
 * does not answer (refused, timed out, 5xx, no token) it tries again after a pause that doubles up to a
 * bound, with jitter so that replicas do not come back in step, and forgets everything when it answers
 * again, as changes may have been made meanwhile. Each request goes to the next of partner-service's
 * instances, as the lookups do; one that cannot be reached is left out until its readiness answers.
 *
 * <p>A plain JDK {@link HttpClient}, run on the follower's own thread, not the REST client: there is no
 * caller whose token it could pass on, so it shows its own ({@code bearer}, never logged). An answer is
 * read into memory only up to {@code maxBytes}, and waited for at most {@code wait} + 15 s.
 */
final class PartnerFeed implements Runnable {

    static final String PATH = "/api/v1/partners/changes";
    static final String STATUS_CHANGED = "org.aicenter.partner.status-changed";
    static final String DELETED = "org.aicenter.partner.deleted";
    static final String TYPES = STATUS_CHANGED + "," + DELETED;
    static final int LIMIT = 100;
    private static final Logger LOG = Logger.getLogger(PartnerFeed.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long FIRST_PAUSE_MILLIS = 100;
    /** An empty page answered this soon was not held open (the server holds only so many polls): pause before asking again. */
    private static final long EARLY_EMPTY_MILLIS = 500;

    /** What the feed changes: the remembered partners. */
    interface Memory {

        void forget(UUID partner);

        /** Forgets every partner; answers how many were remembered. */
        int forgetAll();
    }

    private final Instances instances;
    private final Supplier<String> bearer;
    private final Memory memory;
    private final int waitSeconds;
    private final long backoffMaxMillis;
    private final long maxBytes;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).followRedirects(HttpClient.Redirect.NEVER).build();
    private volatile boolean running = true;

    /**
     * @param waitSeconds how long partner-service holds an empty answer open (0 to 30)
     * @param backoffMax  the longest pause between attempts while the feed does not answer
     * @param maxBytes    the largest answer read; a larger one is a gap
     */
    PartnerFeed(Instances instances, Supplier<String> bearer, Memory memory, int waitSeconds, Duration backoffMax,
                long maxBytes) {
        if (waitSeconds < 0 || waitSeconds > 30) {
            throw new IllegalArgumentException("aic.partner-directory.feed-wait must be 0 to 30 seconds, not " + waitSeconds);
        }
        this.instances = instances;
        this.bearer = bearer;
        this.memory = memory;
        this.waitSeconds = waitSeconds;
        this.backoffMaxMillis = Math.max(backoffMax.toMillis(), FIRST_PAUSE_MILLIS);
        this.maxBytes = Math.max(maxBytes, 1024);
    }

    /** Ends {@link #run()} after the current request; the caller interrupts the thread to cut a long poll short. */
    void stop() {
        running = false;
    }

    @Override
    public void run() {
        String cursor = null;
        int failures = 0;
        while (running && !Thread.currentThread().isInterrupted()) {
            URI base = instances.next();
            try {
                if (cursor == null) {
                    cursor = now(base);
                    int forgotten = memory.forgetAll();
                    if (failures > 0) {
                        LOG.infof("partner-service's change feed at %s answers again (after %d failed attempts): "
                                + "%d remembered partners forgotten, following from now", base, failures, forgotten);
                    } else {
                        LOG.infof("following partner-service's change feed at %s from now (%d remembered partners "
                                + "forgotten): a partner's status change or deletion forgets it", base, forgotten);
                    }
                    failures = 0;
                    continue;
                }
                long started = System.nanoTime();
                Page page = read(base, cursor);
                page.events().forEach(memory::forget);
                if (!page.events().isEmpty()) {
                    LOG.debugf("forgot %d partners that partner-service changed", page.events().size());
                }
                cursor = page.next();
                if (page.events().isEmpty() && !page.hasMore()
                        && waitSeconds > 0 && TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) < EARLY_EMPTY_MILLIS) {
                    pause(EARLY_EMPTY_MILLIS);
                }
            } catch (Gap gap) {
                int forgotten = memory.forgetAll();
                LOG.warnf("partner-service's change feed at %s %s: changes may have been missed, so %d remembered "
                        + "partners are forgotten and the feed is followed from now", base, gap.getMessage(), forgotten);
                cursor = null;
            } catch (Unavailable unavailable) {
                if (!running) {
                    return;
                }
                cursor = null;
                failures++;
                if (unavailable.unreachable && instances.all().size() > 1 && instances.markOut(base)) {
                    LOG.warnf("partner-service at %s could not be reached for its change feed: out of the turn until "
                            + "it is ready again", base);
                }
                long pause = pauseAfter(failures);
                if (failures == 1) {
                    LOG.warnf("partner-service's change feed at %s %s; trying again in %d ms (backing off up to %d ms), "
                            + "and remembered partners are forgotten once it answers", base, unavailable.getMessage(),
                            pause, backoffMaxMillis);
                } else {
                    LOG.debugf("partner-service's change feed at %s %s (attempt %d); trying again in %d ms", base,
                            unavailable.getMessage(), failures, pause);
                }
                pause(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The pause after the n-th failure in a row: up to 100 ms doubled n - 1 times, at most the bound; half of it at random. */
    long pauseAfter(int failures) {
        long ceiling = Math.min(backoffMaxMillis, FIRST_PAUSE_MILLIS << Math.min(failures - 1, 20));
        long half = ceiling / 2;
        return ceiling - half + ThreadLocalRandom.current().nextLong(half + 1);
    }

    /** The feed's present cursor ({@code after=now}). */
    private String now(URI base) throws Unavailable, Gap, InterruptedException {
        return read(base, "now").next();
    }

    private Page read(URI base, String after) throws Unavailable, Gap, InterruptedException {
        boolean now = after.equals("now");
        String query = "after=" + URLEncoder.encode(after, StandardCharsets.UTF_8) + "&limit=" + (now ? 1 : LIMIT)
                + "&types=" + URLEncoder.encode(TYPES, StandardCharsets.UTF_8) + "&wait=" + (now ? 0 : waitSeconds);
        String authorization;
        try {
            authorization = bearer.get();
        } catch (RuntimeException e) {
            throw new Unavailable("cannot be read without a token (" + e.getMessage() + ")", false);
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(withoutTrailingSlash(base) + PATH + "?" + query))
                .timeout(Duration.ofSeconds(waitSeconds + 10L)).header("Accept", "application/json")
                .header("Authorization", authorization).GET().build();
        HttpResponse<byte[]> answer = send(request);
        int status = answer.statusCode();
        if (status == 410) {
            throw new Gap("answered 410 (the cursor expired)");
        }
        if (status == 400 && !now) {
            throw new Gap("refused the cursor (400)");
        }
        if (status == 401 || status == 403) {
            throw new Unavailable("refused the feed's token (" + status + ")", false);
        }
        if (status != 200) {
            throw new Unavailable("answered " + status, false);
        }
        return page(answer.body());
    }

    private HttpResponse<byte[]> send(HttpRequest request) throws Unavailable, Gap, InterruptedException {
        CompletableFuture<HttpResponse<byte[]>> answer = http.sendAsync(request, info -> info.statusCode() == 200
                ? new BoundedBody(maxBytes) : HttpResponse.BodySubscribers.replacing(new byte[0]));
        try {
            return answer.get(waitSeconds + 15L, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            answer.cancel(true);
            throw e;
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new Unavailable("did not answer within " + (waitSeconds + 15) + " s", true);
        } catch (ExecutionException e) {
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof TooLarge) {
                    throw new Gap("answered more than " + maxBytes + " bytes");
                }
            }
            Throwable cause = e.getCause();
            String what = cause instanceof HttpTimeoutException ? "did not answer in time" : "could not be reached";
            throw new Unavailable(what + " (" + (cause == null ? e : cause).getClass().getSimpleName() + ")", true);
        }
    }

    /** The partners a page names and where to read on; a page that is not what the feed answers is a gap. */
    private static Page page(byte[] body) throws Gap {
        JsonNode page;
        try {
            page = JSON.readTree(body);
        } catch (IOException e) {
            throw new Gap("answered a page that is not JSON");
        }
        JsonNode events = page == null ? null : page.get("events");
        JsonNode next = page == null ? null : page.get("next");
        if (events == null || !events.isArray() || next == null || !next.isTextual() || next.asText().isEmpty()) {
            throw new Gap("answered a page without events or a next cursor");
        }
        List<UUID> partners = new ArrayList<>();
        for (JsonNode event : events) {
            String type = event.path("type").asText("");
            if (!type.equals(STATUS_CHANGED) && !type.equals(DELETED)) {
                continue; // not asked for, and no concern of what is remembered
            }
            UUID partner;
            try {
                partner = UUID.fromString(event.path("subject").asText(""));
            } catch (IllegalArgumentException e) {
                throw new Gap("answered a " + type + " event without a partner id as its subject");
            }
            partners.add(partner);
            LOG.debugf("partner %s %s at partner-service", partner, type.equals(DELETED) ? "was deleted"
                    : "moved to " + event.path("data").path("status").asText("?"));
        }
        return new Page(partners, next.asText(), page.path("hasMore").asBoolean(false));
    }

    private static String withoutTrailingSlash(URI base) {
        String text = base.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    private void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Page(List<UUID> events, String next, boolean hasMore) {
    }

    /** The feed could not be read (and may have changed meanwhile): try again later. */
    private static final class Unavailable extends Exception {

        final boolean unreachable;

        Unavailable(String message, boolean unreachable) {
            super(message, null, false, false);
            this.unreachable = unreachable;
        }
    }

    /** The feed answered, but what was missed cannot be told: forget everything and start again from now. */
    private static final class Gap extends Exception {

        Gap(String message) {
            super(message, null, false, false);
        }
    }

    private static final class TooLarge extends IOException {

        TooLarge() {
            super("the answer is over the size bound");
        }
    }

    /** Collects a body up to a bound; past it the body is abandoned (the connection is closed), not read on. */
    private static final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {

        private final long max;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private Flow.Subscription subscription;

        BoundedBody(long max) {
            this.max = max;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer item : items) {
                if (bytes.size() + (long) item.remaining() > max) {
                    subscription.cancel();
                    result.completeExceptionally(new TooLarge());
                    return;
                }
                byte[] chunk = new byte[item.remaining()];
                item.get(chunk);
                bytes.write(chunk, 0, chunk.length);
            }
        }

        @Override
        public void onError(Throwable failure) {
            result.completeExceptionally(failure);
        }

        @Override
        public void onComplete() {
            result.complete(bytes.toByteArray());
        }
    }
}

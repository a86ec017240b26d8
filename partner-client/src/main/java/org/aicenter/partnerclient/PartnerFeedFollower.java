package org.aicenter.partnerclient;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.MemorySize;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.aicenter.platform.security.FeedCredentials;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.UUID;

/**
 * Follows partner-service's change feed from the application's start to its shutdown, on a daemon
 * thread of its own, so that the {@link PartnerDirectory} forgets a remembered partner as soon as
 * partner-service ends or deletes it, instead of letting it pass for the rest of the cache's 30 s
 * ({@link PartnerFeed} says how it reads the feed and when it forgets everything).
 *
 * <p>It reads the feed on the service's own account, with a token of {@link FeedCredentials} (role
 * integrator; subject and client id the application's name). Without credentials it says so once and
 * does not follow: the cache's time to live is then the only bound, as before. Off with
 * {@code aic.partner-directory.follow-feed=false} (the tests' default, except the test that follows).
 */
@ApplicationScoped
public class PartnerFeedFollower {

    private static final Logger LOG = Logger.getLogger(PartnerFeedFollower.class);

    private final PartnerDirectory directory;
    private final PartnerLookup lookup;
    private final FeedCredentials credentials;
    private final boolean enabled;
    private final int waitSeconds;
    private final Duration backoffMax;
    private final MemorySize maxBytes;

    private PartnerFeed feed;
    private Thread thread;

    PartnerFeedFollower(PartnerDirectory directory, PartnerLookup lookup, FeedCredentials credentials,
                        @ConfigProperty(name = "aic.partner-directory.follow-feed", defaultValue = "true") boolean enabled,
                        @ConfigProperty(name = "aic.partner-directory.feed-wait", defaultValue = "25") int waitSeconds,
                        @ConfigProperty(name = "aic.partner-directory.feed-backoff-max", defaultValue = "PT30S") Duration backoffMax,
                        @ConfigProperty(name = "aic.partner-directory.feed-max-bytes", defaultValue = "4M") MemorySize maxBytes) {
        this.directory = directory;
        this.lookup = lookup;
        this.credentials = credentials;
        this.enabled = enabled;
        this.waitSeconds = waitSeconds;
        this.backoffMax = backoffMax;
        this.maxBytes = maxBytes;
    }

    void onStart(@Observes StartupEvent start) {
        if (!enabled) {
            LOG.debug("not following partner-service's change feed (aic.partner-directory.follow-feed=false)");
        } else if (!credentials.configured()) {
            LOG.warnf("not following partner-service's change feed: no credentials for it (%s); a partner ended "
                    + "at partner-service may pass for as long as it is remembered (aic.partner-directory.cache-ttl)",
                    FeedCredentials.whatToSet());
        } else {
            start();
        }
    }

    void onStop(@Observes ShutdownEvent stop) {
        stop();
    }

    /** Starts following (from now), unless it already does. */
    public synchronized void start() {
        if (thread != null) {
            return;
        }
        feed = new PartnerFeed(lookup.instances(), credentials::bearer, new PartnerFeed.Memory() {
            @Override
            public void forget(UUID partner) {
                directory.forget(partner);
            }

            @Override
            public int forgetAll() {
                return directory.forgetAll();
            }
        }, waitSeconds, backoffMax, maxBytes.asLongValue());
        thread = new Thread(feed, "partner-feed-follower");
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops following: a long poll under way is cut short; waits a few seconds for the thread to end. */
    public synchronized void stop() {
        if (thread == null) {
            return;
        }
        feed.stop();
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("partner-service's change feed follower did not end within 5 s of the shutdown");
        } else {
            LOG.debug("stopped following partner-service's change feed");
        }
        thread = null;
        feed = null;
    }

    /** True while it follows (for the tests and an operator's thread dump: the thread is partner-feed-follower). */
    public synchronized boolean following() {
        return thread != null && thread.isAlive();
    }
}

package org.aicenter.testing.partner;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * The test profile of a service that uses partner-client with its feed follower on (the other tests turn it
 * off) and the production cache of 30 s, with short waits so that the tests take seconds: a feed long poll
 * of 1 s and back-offs of at most 0.2 s.
 */
public class FollowingPartnerFeed implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("aic.partner-directory.follow-feed", "true",
                "aic.partner-directory.cache-ttl", "PT30S",
                "aic.partner-directory.feed-wait", "1",
                "aic.partner-directory.feed-backoff-max", "PT0.2S");
    }
}

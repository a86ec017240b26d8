package org.aicenter.partnerclient;

import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.vertx.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import org.aicenter.platform.web.Instances;
import org.aicenter.platform.web.ReadinessWatch;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import java.net.URI;
import java.time.Duration;

import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

/**
 * One partner read from partner-service, guarded the way a remote call must be: each attempt
 * is cut off after 1.5 s; a refused connection or a 5xx is retried twice (the GET is idempotent),
 * a slow answer is not (waiting again would only double the wait); after half of the last four
 * calls failed the circuit opens for 5 s and calls fail at once instead of piling up.
 * A 404 is an answer, not a failure: it neither retries nor counts against the circuit.
 *
 * <p>partner-service may run as several replicas ({@code aic.partner-directory.urls}, {@code PARTNER_SERVICE_URL}
 * with comma-separated URLs): each attempt goes to the next instance in turn, and one that could
 * not be reached or timed out is left out until its readiness answers again, so a retry after a
 * refused connection goes to another replica.
 */
@ApplicationScoped
class PartnerLookup {

    /** The circuit breaker's name, for operators and tests ({@code CircuitBreakerMaintenance}). */
    static final String CIRCUIT = "partner-service";
    private static final Logger LOG = Logger.getLogger(PartnerLookup.class);

    private final PartnerServiceClient client;
    private final Instances instances;
    private final ReadinessWatch readiness;

    PartnerLookup(@RestClient PartnerServiceClient client, Vertx vertx,
                  @ConfigProperty(name = "aic.partner-directory.urls") String urls) {
        this.client = client;
        this.instances = Instances.of(CIRCUIT, "aic.partner-directory.urls (PARTNER_SERVICE_URL)", urls);
        this.readiness = new ReadinessWatch(vertx, Duration.ofSeconds(2), Duration.ofSeconds(1));
        readiness.watch(instances);
    }

    /** partner-service's instances, in turn, shared with the {@link PartnerFeedFollower}. */
    Instances instances() {
        return instances;
    }

    @PreDestroy
    void close() {
        readiness.close();
    }

    @Timeout(value = 1500, unit = ChronoUnit.MILLIS)
    @Retry(maxRetries = 2, delay = 100, jitter = 50, maxDuration = 3000,
            retryOn = {ProcessingException.class, PartnerServiceFailure.class},
            abortOn = PartnerServiceRefusal.class)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 5000, successThreshold = 1)
    @CircuitBreakerName(CIRCUIT)
    Optional<PartnerSummary> fetch(UUID id) {
        URI instance = instances.next();
        try {
            return Optional.of(client.get(instance.toString(), id));
        } catch (ProcessingException unreachable) {
            leaveOut(instance, unreachable);
            throw unreachable;
        } catch (WebApplicationException e) {
            int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
            if (status == 404) {
                return Optional.empty();
            }
            if (status >= 500) {
                throw new PartnerServiceFailure(status);
            }
            // 401/403 and the like: asking again would get the same answer
            throw new PartnerServiceRefusal(status);
        }
    }

    private void leaveOut(URI instance, RuntimeException failure) {
        if (instances.all().size() > 1 && instances.markOut(instance)) {
            LOG.warnf("partner-service at %s could not be reached (%s): out of the turn until it is ready again",
                    instance, failure.toString());
        }
    }

    /** partner-service failed (5xx): worth another attempt. */
    static final class PartnerServiceFailure extends RuntimeException {

        PartnerServiceFailure(int status) {
            super("partner-service answered HTTP " + status, null, false, false);
        }
    }

    /** partner-service refused the lookup with a 4xx other than 404: not retried. */
    static final class PartnerServiceRefusal extends RuntimeException {

        PartnerServiceRefusal(int status) {
            super("partner-service refused the lookup with HTTP " + status, null, false, false);
        }
    }
}

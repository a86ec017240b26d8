package org.aicenter.partnerclient;

import io.quarkus.rest.client.reactive.Url;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.util.UUID;

/**
 * The raw REST client of partner-service. Package-private: callers go through
 * {@link PartnerDirectory}, which adds timeouts, retries, the circuit breaker and the cache.
 * The platform's {@code ForwardCallerHeaders} provider adds the caller's token and request id.
 */
@RegisterRestClient(configKey = "partner-service")
@Path("/api/v1/partners")
@Produces(MediaType.APPLICATION_JSON)
interface PartnerServiceClient {

    /**
     * Asks the instance at {@code instance} (a base URL: partner-service may run as several replicas).
     * Throws a {@code WebApplicationException} for any 4xx/5xx answer (404 when there is no such partner).
     */
    @GET
    @Path("/{id}")
    PartnerSummary get(@Url String instance, @PathParam("id") UUID id);
}

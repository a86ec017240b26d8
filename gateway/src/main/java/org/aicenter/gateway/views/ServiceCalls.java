package org.aicenter.gateway.views;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import jakarta.enterprise.context.ApplicationScoped;
import org.aicenter.gateway.GatewayMetrics;
import org.aicenter.gateway.routing.UpstreamClient;
import org.aicenter.gateway.routing.UpstreamService;
import org.aicenter.gateway.routing.UpstreamServices;
import org.aicenter.platform.web.RequestIds;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

/**
 * The views' calls to the services: as the caller (its Authorization and request id travel
 * along), with a time budget, and never failing: a service that cannot answer becomes an
 * {@link Answer} that says why.
 */
@ApplicationScoped
public class ServiceCalls {

    private static final Logger LOG = Logger.getLogger(ServiceCalls.class);

    private final UpstreamServices services;
    private final UpstreamClient client;
    private final GatewayMetrics metrics;
    private final ObjectMapper mapper;

    ServiceCalls(UpstreamServices services, UpstreamClient client, GatewayMetrics metrics, ObjectMapper mapper) {
        this.services = services;
        this.client = client;
        this.metrics = metrics;
        this.mapper = mapper;
    }

    /** GETs {@code pathAndQuery} from the service configured under {@code key}. */
    public Future<Answer> get(String key, String pathAndQuery, String authorization) {
        UpstreamService service = services.byKey(key).orElse(null);
        if (service == null) {
            return Future.succeededFuture(Answer.unavailable(key + "-service", key + "-service is not configured"));
        }
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("Accept", "application/json");
        if (authorization != null) {
            headers.add("Authorization", authorization);
        }
        String requestId = RequestIds.current();
        if (requestId != null) {
            headers.add(RequestIds.HEADER, requestId);
        }
        return client.get(service, pathAndQuery, headers, client.viewTimeout())
                .map(reply -> {
                    JsonNode body = null;
                    try {
                        body = reply.body().length() == 0 ? null : mapper.readTree(reply.body().getBytes());
                    } catch (IOException notJson) {
                        LOG.debugf("%s answered %s with a body that is not JSON", service.name(), pathAndQuery);
                    }
                    return new Answer(service.name(), reply.status(), body, null);
                })
                .otherwise(failure -> {
                    boolean timeout = failure instanceof TimeoutException;
                    metrics.upstreamError(service.name(), timeout ? "timeout" : failure instanceof ConnectException ? "refused" : "broken");
                    String reason = timeout ? service.name() + " did not answer in time"
                            : service.name() + " is unavailable";
                    LOG.warnf("view call GET %s to %s failed: %s", pathAndQuery, service.name(), failure.toString());
                    return Answer.unavailable(service.name(), reason);
                });
    }

    /**
     * A service's answer to a view's call.
     *
     * @param status 0 when there was no answer at all
     * @param reason why there is no usable answer, or null
     */
    public record Answer(String service, int status, JsonNode body, String reason) {

        static Answer unavailable(String service, String reason) {
            return new Answer(service, 0, null, reason);
        }

        public boolean ok() {
            return status >= 200 && status < 300 && body != null;
        }

        /** Why this answer cannot be shown, for a part marked unavailable. */
        public String problem() {
            if (reason != null) {
                return reason;
            }
            return service + " answered " + status;
        }
    }
}

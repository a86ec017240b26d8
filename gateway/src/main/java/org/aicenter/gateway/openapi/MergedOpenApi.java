package org.aicenter.gateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.smallrye.openapi.runtime.OpenApiDocumentService;
import io.smallrye.openapi.runtime.io.Format;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.aicenter.gateway.GatewayConfig;
import org.aicenter.gateway.LocalEndpoints;
import org.aicenter.gateway.routing.UpstreamClient;
import org.aicenter.gateway.routing.UpstreamService;
import org.aicenter.gateway.routing.UpstreamServices;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * The merged OpenAPI document, kept up to date: each service's live /q/openapi is fetched at
 * start, periodically and whenever a reader finds the document stale; a service that does not
 * answer is represented by its committed contract ({@code contracts/<service>.json}).
 */
@ApplicationScoped
public class MergedOpenApi {

    private static final Logger LOG = Logger.getLogger(MergedOpenApi.class);
    private static final String DEFAULT_DOCUMENT = "<default>";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    private final UpstreamServices services;
    private final UpstreamClient client;
    private final GatewayConfig config;
    private final Vertx vertx;
    private final ObjectMapper mapper;
    private final OpenApiDocumentService ownDocument;
    private final OpenApiMerger merger = new OpenApiMerger();

    private volatile Snapshot current;
    private Future<Snapshot> inFlight;

    MergedOpenApi(UpstreamServices services, UpstreamClient client, GatewayConfig config, Vertx vertx,
                  ObjectMapper mapper, OpenApiDocumentService ownDocument) {
        this.services = services;
        this.client = client;
        this.config = config;
        this.vertx = vertx;
        this.mapper = mapper;
        this.ownDocument = ownDocument;
    }

    void start(@Observes StartupEvent event) {
        refresh();
        vertx.setPeriodic(config.openapi().refresh().toMillis(), id -> refresh());
    }

    /**
     * The merged document, rendered as JSON and YAML once per change of its sources (off the event
     * loop); refetched first when it is older than the configured staleness.
     */
    public Future<Snapshot> current() {
        Snapshot snapshot = current;
        if (snapshot != null && snapshot.builtAt().plus(config.openapi().staleAfter()).isAfter(Instant.now())) {
            return Future.succeededFuture(snapshot);
        }
        return refresh();
    }

    /** Fetches every service's document and merges them; concurrent callers share one refresh. */
    public synchronized Future<Snapshot> refresh() {
        if (inFlight != null) {
            return inFlight;
        }
        List<Future<ContractSource>> fetches = new ArrayList<>();
        for (UpstreamService service : services.all()) {
            fetches.add(fetch(service));
        }
        Promise<Snapshot> done = Promise.promise();
        inFlight = done.future();
        Future.join(fetches).onComplete(ignored -> {
            List<ContractSource> sources = new ArrayList<>();
            fetches.forEach(f -> sources.add(f.result()));
            vertx.executeBlocking(() -> build(sources), false).onComplete(result -> {
                synchronized (MergedOpenApi.this) {
                    inFlight = null;
                }
                if (result.succeeded()) {
                    done.complete(result.result());
                } else {
                    LOG.error("cannot merge the OpenAPI documents", result.cause());
                    Snapshot previous = current;
                    if (previous != null) {
                        done.complete(previous);
                    } else {
                        done.fail(result.cause());
                    }
                }
            });
        });
        return done.future();
    }

    /**
     * The document as it would be if no service answered: every committed contract and the
     * gateway's own endpoints. The build lints it, so the contracts stay mergeable and valid.
     */
    public ObjectNode committedContractsOnly() throws IOException {
        List<ContractSource> all = new ArrayList<>();
        for (UpstreamService service : services.all()) {
            all.add(fallback(service, "only the committed contracts were asked for"));
        }
        all.add(gatewaySource());
        return merge(all);
    }

    private ContractSource gatewaySource() throws IOException {
        return new ContractSource("gateway", "gateway", ContractSource.Origin.GATEWAY, null, null,
                (ObjectNode) mapper.readTree(ownDocument.getDocument(DEFAULT_DOCUMENT, Format.JSON)));
    }

    /** Merges with the gateway's routing: a service's paths that the gateway does not route to it are left out. */
    private ObjectNode merge(List<ContractSource> sources) {
        Map<String, Predicate<String>> routes = new HashMap<>();
        for (UpstreamService service : services.all()) {
            routes.put(service.name(), path -> !LocalEndpoints.served(path)
                    && services.forPath(path).map(owner -> owner.key().equals(service.key())).orElse(false));
        }
        return merger.merge(sources, routes, config.openapi().serverUrl().orElse(config.publicUrl()));
    }

    private Snapshot build(List<ContractSource> fetched) throws IOException {
        List<ContractSource> all = new ArrayList<>();
        for (ContractSource source : fetched) {
            all.add(source.origin() == ContractSource.Origin.LIVE ? source
                    : fallback(services.byKey(source.key()).orElseThrow(), source.reason()));
        }
        all.add(gatewaySource());
        Snapshot previous = current;
        if (previous != null && previous.sources().equals(all)) {
            Snapshot same = new Snapshot(previous.document(), previous.json(), previous.yaml(), previous.sources(), Instant.now());
            current = same;
            return same;
        }
        ObjectNode merged = merge(all);
        Snapshot snapshot = new Snapshot(merged, mapper.writeValueAsBytes(merged), YAML.writeValueAsBytes(merged),
                List.copyOf(all), Instant.now());
        current = snapshot;
        all.stream().filter(s -> s.origin() != ContractSource.Origin.GATEWAY).filter(s -> s.origin() != ContractSource.Origin.LIVE).forEach(s ->
                LOG.infof("OpenAPI: %s is %s (%s)", s.service(),
                        s.origin() == ContractSource.Origin.CONTRACT ? "from its committed contract" : "left out", s.reason()));
        LOG.infof("merged OpenAPI document rebuilt from %d service(s)", fetched.size());
        return snapshot;
    }

    private Future<ContractSource> fetch(UpstreamService service) {
        String location = service.base() + "/q/openapi?format=json";
        Duration timeout = config.openapi().fetchTimeout();
        return client.get(service, "/q/openapi?format=json", MultiMap.caseInsensitiveMultiMap().add("Accept", "application/json"), timeout)
                .map(reply -> {
                    if (!reply.ok()) {
                        return unavailable(service, "its /q/openapi answered " + reply.status());
                    }
                    try {
                        JsonNode document = mapper.readTree(reply.body().getBytes());
                        if (!document.isObject() || !document.has("paths")) {
                            return unavailable(service, "its /q/openapi is not an OpenAPI document");
                        }
                        return new ContractSource(service.name(), service.key(), ContractSource.Origin.LIVE, location,
                                null, (ObjectNode) document);
                    } catch (IOException e) {
                        return unavailable(service, "its /q/openapi is not JSON");
                    }
                })
                .otherwise(failure -> unavailable(service, describe(failure)));
    }

    /** No live document; {@link #build} looks for the committed contract, off the event loop. */
    private static ContractSource unavailable(UpstreamService service, String reason) {
        return new ContractSource(service.name(), service.key(), ContractSource.Origin.MISSING, null, reason, null);
    }

    private static String describe(Throwable failure) {
        if (failure instanceof ConnectException) {
            return "the service refused the connection";
        }
        if (failure instanceof TimeoutException) {
            return "the service did not answer in time";
        }
        return "the service could not be reached";
    }

    /** The committed contract: from the configured folder if set, else the copy built into the gateway. */
    private ContractSource fallback(UpstreamService service, String reason) {
        String file = service.name() + ".json";
        try {
            if (config.openapi().contractsDir().isPresent()) {
                Path path = Path.of(config.openapi().contractsDir().get()).resolve(file);
                if (Files.isRegularFile(path)) {
                    return contract(service, reason, path.toString(), Files.readAllBytes(path));
                }
            }
            try (InputStream in = MergedOpenApi.class.getClassLoader().getResourceAsStream("contracts/" + file)) {
                if (in != null) {
                    return contract(service, reason, "contracts/" + file, in.readAllBytes());
                }
            }
        } catch (IOException e) {
            LOG.warnf("cannot read the committed contract of %s: %s", service.name(), e.getMessage());
        }
        return new ContractSource(service.name(), service.key(), ContractSource.Origin.MISSING, null,
                reason + " and no committed contract was found", null);
    }

    private ContractSource contract(UpstreamService service, String reason, String location, byte[] bytes)
            throws IOException {
        return new ContractSource(service.name(), service.key(), ContractSource.Origin.CONTRACT, location, reason,
                (ObjectNode) mapper.readTree(bytes));
    }

    /** One merged document, rendered both ways, and when it was last confirmed current. */
    public record Snapshot(ObjectNode document, byte[] json, byte[] yaml, List<ContractSource> sources, Instant builtAt) {
    }
}

package org.aicenter.gateway.routing;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.aicenter.gateway.GatewayConfig;
import org.aicenter.platform.web.ReadinessWatch;
import org.jboss.logging.Logger;

import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The one HTTP client the gateway uses towards its services: keep-alive connections pooled per
 * service, shared by the proxy, the views, the health checks and the OpenAPI fetcher.
 */
@Singleton
public class UpstreamClient {

    private static final Logger LOG = Logger.getLogger(UpstreamClient.class);

    private final HttpClient http;
    private final GatewayConfig config;
    private final Vertx vertx;
    private final HttpClientOptions options;
    private final java.util.List<HttpClient> proxyClients = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final ReadinessWatch readiness;

    UpstreamClient(Vertx vertx, GatewayConfig config, UpstreamServices services) {
        this.config = config;
        this.vertx = vertx;
        // an instance taken out after a failure comes back once its readiness answers 200
        this.readiness = new ReadinessWatch(vertx, Duration.ofSeconds(2), config.upstream().healthTimeout());
        services.all().forEach(service -> readiness.watch(service.instances()));
        this.options = new HttpClientOptions()
                .setKeepAlive(true)
                .setKeepAliveTimeout(60)
                .setConnectTimeout((int) config.upstream().connectTimeout().toMillis())
                .setTcpNoDelay(true)
                .setTryUseCompression(false)
                .setDecompressionSupported(false);
        this.http = newClient();
    }

    private HttpClient newClient() {
        return vertx.createHttpClient(options, new PoolOptions().setHttp1MaxSize(config.upstream().poolSize())
                .setMaxWaitQueueSize(config.upstream().maxWaiting()));
    }

    /** A client of its own for the proxy on one event loop, so its connections never serve another. */
    public HttpClient newProxyClient() {
        HttpClient client = newClient();
        proxyClients.add(client);
        return client;
    }

    /** A request to one instance of {@code service} for {@code pathAndQuery}; silence for {@code timeout} fails it. */
    public RequestOptions requestTo(UpstreamService service, URI instance, HttpMethod method, String pathAndQuery,
                                    Duration timeout) {
        return new RequestOptions()
                .setMethod(method)
                .setHost(instance.getHost())
                .setPort(ReadinessWatch.port(instance))
                .setSsl("https".equalsIgnoreCase(instance.getScheme()))
                .setURI(service.basePath() + pathAndQuery)
                .setIdleTimeout(timeout.toMillis());
    }

    /**
     * A request to the next instance of {@code service} in turn, on {@code http}. An instance that
     * refuses the connection is taken out and the next one tried, each at most once: nothing has
     * been sent yet, so any request may go elsewhere. {@code chosen} learns the instance used.
     */
    public Future<HttpClientRequest> connect(HttpClient http, UpstreamService service, RequestOptions options,
                                             Consumer<URI> chosen) {
        return connect(http, service, options, chosen, service.instances().all().size());
    }

    private Future<HttpClientRequest> connect(HttpClient http, UpstreamService service, RequestOptions options,
                                              Consumer<URI> chosen, int attempts) {
        URI instance = service.instances().next();
        String uri = options.getURI();
        RequestOptions target = new RequestOptions(options).setHost(instance.getHost())
                .setPort(ReadinessWatch.port(instance)).setSsl("https".equalsIgnoreCase(instance.getScheme())).setURI(uri);
        return http.request(target).map(request -> {
            chosen.accept(instance);
            return request;
        }).recover(failure -> {
            if (!refused(failure)) {
                return Future.failedFuture(failure);
            }
            takeOut(service, instance, failure);
            return attempts > 1 ? connect(http, service, options, chosen, attempts - 1) : Future.failedFuture(failure);
        });
    }

    /** Leaves a failed instance out of the turn until its readiness answers again. */
    public void takeOut(UpstreamService service, URI instance, Throwable failure) {
        if (instance != null && service.instances().all().size() > 1 && service.instances().markOut(instance)) {
            LOG.warnf("%s at %s failed (%s): out of the turn until it is ready again", service.name(), instance, failure);
        }
    }

    static boolean refused(Throwable failure) {
        return failure instanceof ConnectException || failure instanceof UnknownHostException
                || failure instanceof io.netty.channel.ConnectTimeoutException;
    }

    /** GETs a path of a service and reads the whole (small) answer: for views, health and documents. */
    public Future<Reply> get(UpstreamService service, String pathAndQuery, MultiMap headers, Duration timeout) {
        RequestOptions target = requestTo(service, service.base(), HttpMethod.GET, pathAndQuery, timeout);
        if (headers != null) {
            target.setHeaders(headers);
        }
        URI[] used = new URI[1];
        return connect(http, service, target, instance -> used[0] = instance)
                .compose(request -> request.send()
                        .compose(response -> response.body()
                                .map(body -> new Reply(response.statusCode(), response.getHeader("Content-Type"), body))))
                .onFailure(failure -> takeOut(service, used[0], failure));
    }

    public Duration viewTimeout() {
        return config.upstream().viewTimeout();
    }

    @PreDestroy
    void close() {
        readiness.close();
        http.close();
        proxyClients.forEach(HttpClient::close);
    }

    /** A service's complete answer. */
    public record Reply(int status, String contentType, Buffer body) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }
}

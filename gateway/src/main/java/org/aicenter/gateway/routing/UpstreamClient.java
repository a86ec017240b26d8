package org.aicenter.gateway.routing;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.aicenter.gateway.GatewayConfig;

import java.time.Duration;

/**
 * The one HTTP client the gateway uses towards its services: keep-alive connections pooled per
 * service, shared by the proxy, the views, the health checks and the OpenAPI fetcher.
 */
@Singleton
public class UpstreamClient {

    private final HttpClient http;
    private final GatewayConfig config;
    private final Vertx vertx;
    private final HttpClientOptions options;
    private final java.util.List<HttpClient> proxyClients = new java.util.concurrent.CopyOnWriteArrayList<>();

    UpstreamClient(Vertx vertx, GatewayConfig config) {
        this.config = config;
        this.vertx = vertx;
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

    /** A request to {@code service} for {@code pathAndQuery}; silence for {@code timeout} fails it. */
    public RequestOptions requestTo(UpstreamService service, HttpMethod method, String pathAndQuery, Duration timeout) {
        return new RequestOptions()
                .setMethod(method)
                .setHost(service.host())
                .setPort(service.port())
                .setSsl(service.ssl())
                .setURI(service.basePath() + pathAndQuery)
                .setIdleTimeout(timeout.toMillis());
    }

    /** GETs a path of a service and reads the whole (small) answer: for views, health and documents. */
    public Future<Reply> get(UpstreamService service, String pathAndQuery, MultiMap headers, Duration timeout) {
        RequestOptions target = requestTo(service, HttpMethod.GET, pathAndQuery, timeout);
        if (headers != null) {
            target.setHeaders(headers);
        }
        return http.request(target)
                .compose(request -> request.send()
                        .compose(response -> response.body()
                                .map(body -> new Reply(response.statusCode(), response.getHeader("Content-Type"), body))));
    }

    public Duration viewTimeout() {
        return config.upstream().viewTimeout();
    }

    @PreDestroy
    void close() {
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

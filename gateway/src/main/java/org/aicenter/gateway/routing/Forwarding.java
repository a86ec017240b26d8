package org.aicenter.gateway.routing;

import io.netty.channel.ConnectTimeoutException;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyRequest;
import io.vertx.httpproxy.ProxyResponse;
import org.aicenter.gateway.GatewayMetrics;
import org.aicenter.gateway.GatewayProblems;
import org.aicenter.gateway.edge.EdgeFilter;
import org.aicenter.platform.problem.Problem;
import org.aicenter.platform.problem.ProblemType;
import org.aicenter.platform.web.Refusal;
import org.aicenter.platform.web.RequestIds;
import org.jboss.logging.Logger;

import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * What the gateway adds to a proxied exchange: forwarding headers and the request id on the way
 * in, a counted body when its length is unknown, hop-by-hop and CORS headers dropped and the
 * service's own address rewritten on the way out, and problem+json when the service fails.
 */
final class Forwarding implements ProxyInterceptor {

    private static final Logger LOG = Logger.getLogger(Forwarding.class);
    /** RFC 9110 7.6.1; vertx-http-proxy drops most of these from requests but copies them into responses. */
    private static final List<CharSequence> HOP_BY_HOP = names("connection", "keep-alive", "proxy-connection",
            "proxy-authenticate", "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade");
    private static final List<CharSequence> LINK_HEADERS = names("location", "content-location", "link");
    private static final CharSequence CONNECTION = HttpHeaders.createOptimized("Connection");
    private static final CharSequence CONTENT_LENGTH = HttpHeaders.createOptimized("Content-Length");
    private static final CharSequence TRANSFER_ENCODING = HttpHeaders.createOptimized("Transfer-Encoding");
    private static final CharSequence FORWARDED_FOR = HttpHeaders.createOptimized("X-Forwarded-For");
    private static final CharSequence FORWARDED_PROTO = HttpHeaders.createOptimized("X-Forwarded-Proto");
    private static final CharSequence FORWARDED_HOST = HttpHeaders.createOptimized("X-Forwarded-Host");
    /** What a client may have sent to make a service build links or decide on its scheme: the gateway decides those. */
    private static final List<CharSequence> CLIENT_FORWARDING = names("forwarded", "x-forwarded-port", "x-forwarded-ssl",
            "x-forwarded-prefix", "x-forwarded-server");
    private static final CharSequence REQUEST_ID = HttpHeaders.createOptimized(RequestIds.HEADER);
    /** W3C trace context and baggage: the gateway's tracer writes its own when it traces. */
    private static final List<CharSequence> TRACE_CONTEXT = names("traceparent", "tracestate", "baggage");
    private static final String TOO_LARGE = "aic.bodyTooLarge";
    /** The instance of the service the exchange went to (a URI), set when the connection is made. */
    static final String INSTANCE = "aic.instance";

    private final UpstreamService service;
    private final UpstreamClient client;
    private final String basePath;
    private final List<String> origins;
    private final long maxBodySize;
    private final GatewayMetrics metrics;
    private final String external;
    private final String externalHost;
    private final String externalScheme;
    private final boolean tracing;

    /** @param tracing whether the gateway traces: then its own span, not the caller's, is the service's parent */
    Forwarding(UpstreamService service, UpstreamClient client, long maxBodySize, GatewayMetrics metrics, URI publicUrl,
               boolean tracing) {
        this.tracing = tracing;
        this.service = service;
        this.client = client;
        this.basePath = service.basePath();
        this.origins = service.origins();
        this.maxBodySize = maxBodySize;
        this.metrics = metrics;
        this.external = publicUrl.getScheme() + "://" + publicUrl.getRawAuthority();
        this.externalHost = publicUrl.getRawAuthority();
        this.externalScheme = publicUrl.getScheme();
    }

    @Override
    public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
        ProxyRequest request = context.request();
        HttpServerRequest incoming = request.proxiedRequest();
        RoutingContext ctx = ((ServiceProxies.RoutedRequest) incoming).ctx;
        MultiMap headers = request.headers();
        dropConnectionTokens(headers);

        // The services trust these from the gateway alone, so they say only what the gateway knows:
        // the client's address (from the socket, or a trusted proxy in front), and the public address
        // from configuration; whatever a client wrote in them itself is dropped.
        // The routing context's request, not the proxy's wrapper of it, which would report the socket's
        // address even when a trusted balancer in front named the client's.
        headers.set(FORWARDED_FOR, EdgeFilter.clientAddress(ctx.request().remoteAddress()));
        headers.set(FORWARDED_PROTO, externalScheme);
        headers.set(FORWARDED_HOST, externalHost);
        for (CharSequence name : CLIENT_FORWARDING) {
            headers.remove(name);
        }
        String requestId = GatewayProblems.requestId(ctx);
        if (requestId != null) {
            headers.set(REQUEST_ID, requestId);
        }
        if (tracing) {
            // The HTTP client's tracer adds the gateway's own traceparent (the caller's trace, the gateway's
            // span) when it sends: the caller's copy would make two. Without tracing, the caller's passes on.
            for (CharSequence name : TRACE_CONTEXT) {
                headers.remove(name);
            }
        }
        if (!basePath.isEmpty()) {
            request.setURI(basePath + request.getURI());
        }
        Body body = request.getBody();
        // Only a chunked body has no length to check up front; a request with neither header has none (RFC 9112 6.3).
        if (body != null && body.length() < 0 && !headers.contains(CONTENT_LENGTH)
                && incoming.headers().contains(TRANSFER_ENCODING)) {
            request.setBody(Body.body(new LimitedBody(body.stream(), maxBodySize,
                    () -> context.set(TOO_LARGE, Boolean.TRUE)), -1));
        }
        return context.sendRequest().recover(failure -> Future.succeededFuture(failed(context, ctx, failure)));
    }

    @Override
    public Future<Void> handleProxyResponse(ProxyContext context) {
        ProxyResponse response = context.response();
        MultiMap headers = response.headers();
        dropConnectionTokens(headers);
        if (Boolean.TRUE.equals(context.get(TOO_LARGE, Boolean.class))) {
            // Refusal closes the connection after this answer: say so, or a keep-alive client sends
            // its next request on it and gets no answer at all.
            headers.set(CONNECTION, "close");
        }
        // The gateway's own filters already set these on the answer; a second copy would confuse clients.
        headers.remove(REQUEST_ID);
        dropCors(headers);
        rewriteOrigin(headers);
        return context.sendResponse();
    }

    /** The answer when the service could not be reached, did not answer in time, or the body ran over. */
    private ProxyResponse failed(ProxyContext context, RoutingContext ctx, Throwable failure) {
        ProblemType type;
        String detail;
        String retryAfter = null;
        if (Boolean.TRUE.equals(context.get(TOO_LARGE, Boolean.class))) {
            type = ProblemType.PAYLOAD_TOO_LARGE;
            detail = "The request body exceeds " + maxBodySize + " bytes";
            Refusal.drainThenClose(ctx);
        } else if (failure instanceof ConnectionPoolTooBusyException) {
            type = ProblemType.SERVICE_UNAVAILABLE;
            retryAfter = "1";
            detail = service.name() + " has more requests waiting than the gateway queues; retry shortly";
            metrics.upstreamError(service.name(), "busy");
        } else if (failure instanceof TimeoutException || failure instanceof ConnectTimeoutException) {
            client.takeOut(service, context.get(INSTANCE, URI.class), failure);
            type = ProblemType.GATEWAY_TIMEOUT;
            detail = service.name() + " did not answer in time";
            metrics.upstreamError(service.name(), "timeout");
            LOG.warnf("%s %s: %s did not answer in time", ctx.request().method(), ctx.request().path(), service.name());
        } else {
            type = ProblemType.SERVICE_UNAVAILABLE;
            retryAfter = "5";
            boolean refused = failure instanceof ConnectException || failure instanceof UnknownHostException;
            if (!refused) {
                client.takeOut(service, context.get(INSTANCE, URI.class), failure);
            }
            detail = service.name() + (refused ? " is unavailable (connection refused); retry later"
                    : " closed the connection before answering; retry later");
            metrics.upstreamError(service.name(), refused ? "refused" : "broken");
            LOG.warnf("%s %s: %s unavailable: %s", ctx.request().method(), ctx.request().path(), service.name(),
                    failure.toString());
        }
        ProxyResponse response = context.request().release().response()
                .setStatusCode(type.status())
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .setBody(Body.body(GatewayProblems.body(type, detail, ctx.request().path(),
                        GatewayProblems.requestId(ctx), null)));
        if (type == ProblemType.PAYLOAD_TOO_LARGE) {
            response.putHeader("Connection", "close");
        }
        if (retryAfter != null) {
            response.putHeader("Retry-After", retryAfter);
        }
        return response;
    }

    /** Drops hop-by-hop headers, including those the Connection header names. */
    private static void dropConnectionTokens(MultiMap headers) {
        if (headers.contains(CONNECTION)) {
            dropNamedBy(headers.getAll(CONNECTION), headers);
        }
        for (CharSequence name : HOP_BY_HOP) {
            headers.remove(name);
        }
    }

    private static void dropNamedBy(List<String> connection, MultiMap headers) {
        List<String> named = new ArrayList<>();
        for (String value : connection) {
            for (String token : value.split(",")) {
                String name = token.trim().toLowerCase(Locale.ROOT);
                if (!name.isEmpty() && !name.equals("close") && !name.equals("keep-alive")) {
                    named.add(name);
                }
            }
        }
        named.forEach(headers::remove);
    }

    /** A service's own CORS headers: the gateway answers CORS itself. */
    private static void dropCors(MultiMap headers) {
        List<String> cors = null;
        for (Map.Entry<String, String> header : headers) {
            if (header.getKey().regionMatches(true, 0, "access-control-", 0, 15)) {
                if (cors == null) {
                    cors = new ArrayList<>(4);
                }
                cors.add(header.getKey());
            }
        }
        if (cors != null) {
            cors.forEach(headers::remove);
        }
    }

    private static List<CharSequence> names(String... names) {
        List<CharSequence> optimized = new ArrayList<>(names.length);
        for (String name : names) {
            optimized.add(HttpHeaders.createOptimized(name));
        }
        return List.copyOf(optimized);
    }

    /**
     * Links a service makes from its own address (Location after a create, Link for paging) would
     * send clients around the gateway; point them at the gateway's public address instead.
     */
    private void rewriteOrigin(MultiMap headers) {
        for (CharSequence name : LINK_HEADERS) {
            if (!headers.contains(name)) {
                continue;
            }
            List<String> values = headers.getAll(name);
            String origin = origins.size() == 1 ? origins.get(0)
                    : origins.stream().filter(o -> values.stream().anyMatch(v -> v.contains(o))).findFirst().orElse(null);
            if (origin == null || values.stream().noneMatch(v -> v.contains(origin))) {
                continue;
            }
            List<String> rewritten = values.stream().map(v -> v.replace(origin, external)).toList();
            headers.remove(name);
            rewritten.forEach(v -> headers.add(name, v));
        }
    }
}

package org.aicenter.platform.web;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import org.jboss.logging.Logger;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Brings an instance that {@link Instances} took out back into the turn once its
 * {@code /q/health/ready} answers 200: every {@code every}, it asks each instance that is out.
 * Instances in service are not asked (their answers to real requests say how they are).
 */
public final class ReadinessWatch {

    private static final Logger LOG = Logger.getLogger(ReadinessWatch.class);

    private final List<Instances> watched = new CopyOnWriteArrayList<>();
    private final HttpClient http;
    private final long timeoutMillis;
    private final long timer;
    private final Vertx vertx;

    public ReadinessWatch(Vertx vertx, Duration every, Duration timeout) {
        this.vertx = vertx;
        this.timeoutMillis = timeout.toMillis();
        this.http = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout((int) timeout.toMillis())
                .setKeepAlive(false));
        this.timer = vertx.setPeriodic(every.toMillis(), tick -> checkOut());
    }

    public void watch(Instances instances) {
        watched.add(instances);
    }

    private void checkOut() {
        for (Instances instances : watched) {
            for (URI instance : instances.out()) {
                RequestOptions ready = new RequestOptions().setMethod(HttpMethod.GET).setHost(instance.getHost())
                        .setPort(port(instance)).setSsl("https".equalsIgnoreCase(instance.getScheme()))
                        .setURI(path(instance) + "/q/health/ready").setIdleTimeout(timeoutMillis);
                http.request(ready).compose(request -> request.send()).onSuccess(response -> {
                    response.body();
                    if (response.statusCode() == 200 && instances.markIn(instance)) {
                        LOG.infof("%s at %s is ready again: back in the turn", instances.service(), instance);
                    }
                });
            }
        }
    }

    public void close() {
        vertx.cancelTimer(timer);
        http.close();
    }

    public static int port(URI instance) {
        if (instance.getPort() > 0) {
            return instance.getPort();
        }
        return "https".equalsIgnoreCase(instance.getScheme()) ? 443 : 80;
    }

    /** The base URL's path without a trailing slash ("" when it has none). */
    public static String path(URI instance) {
        String path = instance.getRawPath();
        if (path == null || path.equals("/")) {
            return "";
        }
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}

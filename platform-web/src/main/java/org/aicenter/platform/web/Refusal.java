package org.aicenter.platform.web;

import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Ends an exchange whose request body will not be taken (413). The rest of the body is read and
 * thrown away for a while, so an ordinary client that is still sending gets to read the 413
 * instead of a reset; then the connection is closed, since its framing can no longer be trusted.
 */
public final class Refusal {

    /** Discarded bytes after which the server stops being polite and closes. */
    private static final long DRAIN_BYTES = 8L * 1024 * 1024;
    private static final long DRAIN_MILLIS = 5_000;

    private Refusal() {
    }

    /** Call before the refusing answer is sent; that answer should carry {@code Connection: close}. */
    public static void drainThenClose(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        HttpConnection connection = request.connection();
        if (request.isEnded()) {
            ctx.addEndHandler(done -> connection.close());
            return;
        }
        long[] discarded = {0};
        long timer = ctx.vertx().setTimer(DRAIN_MILLIS, t -> connection.close());
        request.handler(chunk -> {
            discarded[0] += chunk.length();
            if (discarded[0] > DRAIN_BYTES) {
                ctx.vertx().cancelTimer(timer);
                connection.close();
            }
        });
        request.endHandler(v -> {
            ctx.vertx().cancelTimer(timer);
            if (ctx.response().ended()) {
                connection.close();
            } else {
                ctx.addEndHandler(done -> connection.close());
            }
        });
        request.resume();
    }
}

package org.aicenter.gateway.edge;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * The headers every answer of the gateway carries, its own pages' and the services' alike:
 * {@code X-Content-Type-Options: nosniff}, {@code Referrer-Policy: no-referrer}, framing refused
 * ({@code frame-ancestors 'none'} and {@code X-Frame-Options: DENY}), a Content-Security-Policy
 * that runs scripts and styles from the gateway's own origin only ({@code script-src 'self';
 * style-src 'self'}: no inline script or style anywhere, the Swagger UI included, whose page the
 * gateway serves itself for that reason), and HSTS when the client came over HTTPS.
 */
@Singleton
public class SecurityHeaders {

    /** Before everything else, so that refusals made early (413, 400) carry the headers too. */
    static final int PRIORITY = 2_000;
    /** {@code img-src data:}: the Swagger UI's stylesheet draws its icons as data: images. */
    public static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
            + "frame-ancestors 'none'";
    private static final CharSequence CSP_NAME = HttpHeaders.createOptimized("Content-Security-Policy");
    private static final CharSequence CSP = HttpHeaders.createOptimized(POLICY);
    private static final CharSequence NOSNIFF_NAME = HttpHeaders.createOptimized("X-Content-Type-Options");
    private static final CharSequence NOSNIFF = HttpHeaders.createOptimized("nosniff");
    private static final CharSequence REFERRER_NAME = HttpHeaders.createOptimized("Referrer-Policy");
    private static final CharSequence NO_REFERRER = HttpHeaders.createOptimized("no-referrer");
    private static final CharSequence FRAME_NAME = HttpHeaders.createOptimized("X-Frame-Options");
    private static final CharSequence DENY = HttpHeaders.createOptimized("DENY");
    private static final CharSequence HSTS_NAME = HttpHeaders.createOptimized("Strict-Transport-Security");
    private static final CharSequence HSTS = HttpHeaders.createOptimized("max-age=31536000; includeSubDomains");

    void register(@Observes Filters filters) {
        filters.register(this::handle, PRIORITY);
    }

    private void handle(RoutingContext ctx) {
        boolean https = "https".equals(ctx.request().scheme());
        ctx.addHeadersEndHandler(v -> {
            MultiMap headers = ctx.response().headers();
            headers.set(NOSNIFF_NAME, NOSNIFF);
            headers.set(REFERRER_NAME, NO_REFERRER);
            headers.set(FRAME_NAME, DENY);
            headers.set(CSP_NAME, CSP);
            if (https) {
                headers.set(HSTS_NAME, HSTS);
            }
        });
        ctx.next();
    }
}

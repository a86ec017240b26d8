package org.aicenter.gateway.openapi;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The Swagger UI's page, served by the gateway in place of the one Quarkus generates, which
 * configures the UI in inline scripts: this one loads the same assets (from Quarkus's Swagger UI)
 * and its configuration from a file, so it needs nothing beyond {@code script-src 'self'} and
 * {@code style-src 'self'}.
 */
@Singleton
public class SwaggerPage {

    /**
     * After the filters (Quarkus orders a filter of priority p at -p: request ids, URI check,
     * security headers, the edge checks), ahead of Quarkus's own Swagger UI routes (0 and up).
     */
    private static final int ORDER = -1;

    private final String path;
    private final Buffer page = load("swagger-page/index.html");
    private final Buffer script = load("swagger-page/aic-swagger-ui.js");

    SwaggerPage(@ConfigProperty(name = "quarkus.swagger-ui.path") String path) {
        this.path = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    void routes(@Observes Router router) {
        router.get(path + "/").order(ORDER).handler(ctx -> send(ctx, page, "text/html; charset=UTF-8"));
        router.get(path + "/index.html").order(ORDER).handler(ctx -> send(ctx, page, "text/html; charset=UTF-8"));
        router.get(path + "/aic-swagger-ui.js").order(ORDER).handler(ctx -> send(ctx, script, "text/javascript; charset=UTF-8"));
    }

    private static void send(RoutingContext ctx, Buffer body, String type) {
        ctx.response().putHeader("Content-Type", type).putHeader("Cache-Control", "no-cache").end(body);
    }

    private static Buffer load(String resource) {
        try (InputStream in = SwaggerPage.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the class path");
            }
            return Buffer.buffer(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

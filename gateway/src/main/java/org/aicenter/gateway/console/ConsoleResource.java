package org.aicenter.gateway.console;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.aicenter.platform.problem.ProblemException;
import org.aicenter.platform.problem.ProblemType;
import org.aicenter.platform.tokens.LocalTokenIssuer;
import org.aicenter.platform.tokens.Roles;
import org.aicenter.platform.web.PageQuery;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;

/**
 * What the console needs from the gateway beyond the API: its sign-in configuration, the local
 * stack's role picker, and its page for every path of the app (the history router's deep links).
 * None of it is part of the platform's contract.
 */
@Path("/")
@PermitAll
public class ConsoleResource {

    private static final Logger LOG = Logger.getLogger(ConsoleResource.class);
    static final Duration LOCAL_TOKEN_LIFETIME = Duration.ofHours(8);
    private static final String PAGE = "META-INF/resources/index.html";

    private final ConsoleConfig config;
    private final LocalTokenIssuer localTokens;
    private volatile byte[] page;

    ConsoleResource(ConsoleConfig config) {
        this.config = config;
        this.localTokens = config.localTokens().enabled() ? localIssuer(config) : null;
    }

    private static LocalTokenIssuer localIssuer(ConsoleConfig config) {
        java.nio.file.Path keys = config.localTokens().keysDir().orElseThrow(() -> new IllegalStateException(
                "aic.console.local-tokens.enabled needs aic.console.local-tokens.keys-dir (AIC_CONSOLE_LOCAL_TOKENS_KEYS_DIR)"));
        LOG.warnf("the console's local-only token issuer is ON (keys in %s): anyone who reaches this gateway can sign "
                + "in with any role. For the local stack only.", keys);
        return LocalTokenIssuer.existingIn(keys);
    }

    /** The sign-in choices; a record, so the answer has exactly these members. */
    public record Config(boolean localSignIn, List<String> roles, Oidc oidc) {
    }

    public record Oidc(String issuer, String clientId, String scope) {
    }

    public record LocalTokenRequest(String role) {
    }

    public record LocalToken(String token, long expiresIn) {
    }

    @GET
    @Path("console/config")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Config config() {
        Oidc oidc = config.oidc().issuer().isPresent() && config.oidc().clientId().isPresent()
                ? new Oidc(config.oidc().issuer().get(), config.oidc().clientId().get(), config.oidc().scope()) : null;
        return new Config(localTokens != null, localTokens != null ? List.of(Roles.ALL) : List.of(), oidc);
    }

    @POST
    @Path("console/local-token")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public LocalToken localToken(LocalTokenRequest request) {
        if (localTokens == null) {
            throw new ProblemException(ProblemType.NOT_FOUND, "The local-only token issuer is not enabled on this gateway");
        }
        String role = request == null ? null : request.role();
        if (role == null || !List.of(Roles.ALL).contains(role)) {
            throw ProblemException.invalid("role", "must be one of " + String.join(", ", Roles.ALL));
        }
        String token = localTokens.token(role + "-user", List.of(role), LOCAL_TOKEN_LIFETIME);
        return new LocalToken(token, LOCAL_TOKEN_LIFETIME.toSeconds());
    }

    /** The app's own paths answer with its page; the app's router then shows the right view. */
    @GET
    @Path("{page: partners|projects|training|certificates|sign-in|signed-in}{rest: (/.*)?}")
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    @PageQuery
    public Response page() {
        return Response.ok(pageBytes()).header("Cache-Control", "no-cache").build();
    }

    private byte[] pageBytes() {
        byte[] loaded = page;
        if (loaded == null) {
            try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(PAGE)) {
                if (in == null) {
                    throw new ProblemException(ProblemType.NOT_FOUND, "The console is not part of this build");
                }
                loaded = in.readAllBytes();
                page = loaded;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return loaded;
    }
}

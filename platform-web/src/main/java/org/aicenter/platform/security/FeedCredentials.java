package org.aicenter.platform.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.aicenter.platform.tokens.LocalTokenIssuer;
import org.aicenter.platform.tokens.Roles;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The bearer token a service shows another service's change feed when it reads the feed on its own
 * account, with no caller whose token it could pass on: notification-service following every feed,
 * project- and training-service following partner-service's (partner-client's PartnerFeedFollower).
 * One class for all of them, so the token is got, kept and renewed one way.
 *
 * <p>In production an OAuth2 client-credentials grant ({@code aic.feeds.token-url}, client id and secret
 * from the environment; the secret is never logged, nor is a token); locally and in tests a token of the
 * local-only signer ({@code aic.feeds.local-key-folder}, the key {@code ./aic up} and the tests make) for
 * subject {@code aic.feeds.subject} (the application's name unless set) with role {@code integrator}.
 * A token is renewed once a fifth of its lifetime is left.
 */
@ApplicationScoped
public class FeedCredentials {

    private static final Logger LOG = Logger.getLogger(FeedCredentials.class);
    private static final Duration LOCAL_LIFETIME = Duration.ofMinutes(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Optional<String> tokenUrl;
    private final String clientId;
    private final Optional<String> clientSecret;
    private final Optional<String> keyFolder;
    private final String subject;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private String token;
    private Instant renewAt = Instant.MIN;

    /**
     * {@code subject}: whom a local-only token names; {@code clientId}: whom the grant asks for. Both
     * default to the application's name (platform-web's defaults).
     */
    @Inject
    public FeedCredentials(@ConfigProperty(name = "aic.feeds.token-url") Optional<String> tokenUrl,
                           @ConfigProperty(name = "aic.feeds.client-id") String clientId,
                           @ConfigProperty(name = "aic.feeds.client-secret") Optional<String> clientSecret,
                           @ConfigProperty(name = "aic.feeds.local-key-folder") Optional<String> keyFolder,
                           @ConfigProperty(name = "aic.feeds.subject") String subject) {
        this.tokenUrl = tokenUrl.filter(s -> !s.isBlank());
        this.clientId = clientId;
        this.clientSecret = clientSecret.filter(s -> !s.isBlank());
        this.keyFolder = keyFolder.filter(s -> !s.isBlank());
        this.subject = subject;
    }

    /** True when a token can be had at all: a token endpoint, or (locally) the local-only signer's folder. */
    public boolean configured() {
        return tokenUrl.isPresent() || keyFolder.isPresent();
    }

    /** What to set when {@link #configured()} is false (names of variables, never their values). */
    public static String whatToSet() {
        return "set AIC_FEEDS_TOKEN_URL, AIC_FEEDS_CLIENT_ID and AIC_FEEDS_CLIENT_SECRET "
                + "(or, for local runs only, AIC_FEEDS_LOCAL_KEY_FOLDER)";
    }

    /**
     * {@code Bearer <token>}, renewed before it expires.
     *
     * @throws IllegalStateException when no token can be had (not configured, the token endpoint refused or did not answer)
     */
    public synchronized String bearer() {
        Instant now = Instant.now();
        if (token == null || now.isAfter(renewAt)) {
            Duration lifetime = tokenUrl.isPresent() ? fromGrant() : fromLocalSigner();
            renewAt = now.plus(lifetime.multipliedBy(4).dividedBy(5));
        }
        return "Bearer " + token;
    }

    private Duration fromLocalSigner() {
        if (keyFolder.isEmpty()) {
            throw new IllegalStateException("no credentials for the change feeds: " + whatToSet());
        }
        token = LocalTokenIssuer.existingIn(Path.of(keyFolder.get())).token(subject, List.of(Roles.INTEGRATOR), LOCAL_LIFETIME);
        return LOCAL_LIFETIME;
    }

    private Duration fromGrant() {
        String form = "grant_type=client_credentials&client_id=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(tokenUrl.get())).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (clientId + ":" + clientSecret.orElse("")).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        try {
            HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("the token endpoint answered " + answer.statusCode());
            }
            JsonNode body = grant(answer.body());
            String granted = body.path("access_token").asText("");
            if (granted.isEmpty()) {
                throw new IllegalStateException("the token endpoint answered no access_token");
            }
            token = granted;
            long seconds = body.path("expires_in").asLong(300);
            LOG.debugf("feed token renewed for client %s, valid %d s", clientId, seconds);
            return Duration.ofSeconds(Math.max(seconds, 10));
        } catch (IOException e) {
            throw new IllegalStateException("the token endpoint did not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The grant's answer; a parser's message is not passed on, as it may quote the body (a token). */
    private static JsonNode grant(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("the token endpoint answered a body that is not JSON");
        }
    }
}

package org.aicenter.notification.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
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
 * The bearer token notification-service shows the feeds. In production an OAuth2 client-credentials
 * grant ({@code aic.feeds.token-url}, client id and secret from the environment; the secret is never
 * logged); locally and in tests a token of the local-only signer ({@code aic.feeds.local-key-folder},
 * the key {@code ./aic up} and the tests make) for subject {@code notification-service} with role
 * {@code integrator}. A token is renewed once a fifth of its lifetime is left.
 */
@ApplicationScoped
public class FeedCredentials {

    public static final String SUBJECT = "notification-service";
    private static final Logger LOG = Logger.getLogger(FeedCredentials.class);
    private static final Duration LOCAL_LIFETIME = Duration.ofMinutes(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Optional<String> tokenUrl;
    private final String clientId;
    private final Optional<String> clientSecret;
    private final Optional<String> keyFolder;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private String token;
    private Instant renewAt = Instant.MIN;

    FeedCredentials(@ConfigProperty(name = "aic.feeds.token-url") Optional<String> tokenUrl,
                    @ConfigProperty(name = "aic.feeds.client-id") String clientId,
                    @ConfigProperty(name = "aic.feeds.client-secret") Optional<String> clientSecret,
                    @ConfigProperty(name = "aic.feeds.local-key-folder") Optional<String> keyFolder) {
        this.tokenUrl = tokenUrl.filter(s -> !s.isBlank());
        this.clientId = clientId;
        this.clientSecret = clientSecret.filter(s -> !s.isBlank());
        this.keyFolder = keyFolder.filter(s -> !s.isBlank());
    }

    /** {@code Bearer <token>}, renewed before it expires. */
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
            throw new IllegalStateException("no credentials for the change feeds: set AIC_FEEDS_TOKEN_URL, "
                    + "AIC_FEEDS_CLIENT_ID and AIC_FEEDS_CLIENT_SECRET (or, for local runs only, AIC_FEEDS_LOCAL_KEY_FOLDER)");
        }
        token = LocalTokenIssuer.existingIn(Path.of(keyFolder.get())).token(SUBJECT, List.of(Roles.INTEGRATOR), LOCAL_LIFETIME);
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
            JsonNode body = JSON.readTree(answer.body());
            token = body.path("access_token").asText();
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
}

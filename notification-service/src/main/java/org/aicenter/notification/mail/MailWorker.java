package org.aicenter.notification.mail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.mailer.Mailer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.aicenter.platform.security.FeedCredentials;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Sends the queued mails, each claimed with {@code for update skip locked} so two replicas never send
 * one twice, in its programme's language (kept from the programme events, else read from
 * training-service). SMTP through Quarkus Mailer, or an {@code .eml} file in {@code aic.mail.directory}.
 */
@ApplicationScoped
public class MailWorker {

    private static final Logger LOG = Logger.getLogger(MailWorker.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_ATTEMPTS = 8;

    @Inject
    EntityManager em;
    @Inject
    Mailer mailer;
    @Inject
    FeedCredentials credentials;
    @ConfigProperty(name = "aic.mail.directory")
    Optional<String> directory;
    @ConfigProperty(name = "aic.public-url")
    String publicUrl;
    @ConfigProperty(name = "aic.feeds.training-url")
    String trainingUrl;
    @ConfigProperty(name = "quarkus.mailer.from")
    String from;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Scheduled(every = "${aic.webhooks.worker-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        for (int i = 0; i < 200 && sendOne(); i++) {
            // until nothing is due
        }
    }

    public boolean sendOne() {
        return QuarkusTransaction.requiringNew().timeout(60).call(() -> {
            @SuppressWarnings("unchecked")
            List<Object> ids = em.createNativeQuery("select id from mails where status = 'PENDING' and next_attempt_at <= now() "
                    + "order by created_at limit 1 for update skip locked").getResultList();
            if (ids.isEmpty()) {
                return false;
            }
            Mail mail = em.find(Mail.class, (UUID) ids.get(0));
            mail.attempts++;
            try {
                String language = language(mail.programmeId);
                MailTemplates.Rendered rendered = MailTemplates.render(mail, language, publicUrl);
                mail.language = language;
                mail.subject = rendered.subject();
                deliver(mail, rendered);
                mail.status = MailStatus.SENT;
                mail.sentAt = Instant.now();
                mail.error = null;
                LOG.infof("mail %s (%s, %s) sent for event %s", mail.id, mail.kind, language, mail.eventId);
            } catch (RuntimeException e) {
                mail.error = e.getMessage();
                mail.nextAttemptAt = Instant.now().plusSeconds(Math.min(3600, 5L << Math.min(mail.attempts, 10)));
                if (mail.attempts >= MAX_ATTEMPTS) {
                    mail.status = MailStatus.FAILED;
                }
                LOG.warnf("mail %s for event %s not sent (attempt %d): %s", mail.id, mail.eventId, mail.attempts, e.getMessage());
            }
            return true;
        });
    }

    private void deliver(Mail mail, MailTemplates.Rendered rendered) {
        if (directory.filter(d -> !d.isBlank()).isPresent()) {
            Path folder = Path.of(directory.get());
            try {
                Files.createDirectories(folder);
                Files.writeString(folder.resolve(mail.createdAt.toEpochMilli() + "-" + mail.id + ".eml"), eml(mail, rendered),
                        StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalStateException("cannot write the mail file: " + e.getMessage(), e);
            }
            return;
        }
        mailer.send(io.quarkus.mailer.Mail.withHtml(mail.recipient, rendered.subject(), rendered.html()).setText(rendered.text()));
    }

    /** The programme's language, zh or en: from the programme events, else asked of training-service. */
    private String language(UUID programmeId) {
        @SuppressWarnings("unchecked")
        List<Object> known = em.createNativeQuery("select language from programme_languages where programme_id = :id")
                .setParameter("id", programmeId).getResultList();
        if (!known.isEmpty()) {
            return "en".equals(known.get(0)) ? "en" : "zh";
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(trainingUrl.split(",")[0].trim() + "/api/v1/programmes/" + programmeId))
                .timeout(Duration.ofSeconds(10)).header("Accept", "application/json")
                .header("Authorization", credentials.bearer()).GET().build();
        try {
            HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("training-service answered " + answer.statusCode() + " for programme " + programmeId);
            }
            JsonNode programme = JSON.readTree(answer.body());
            String language = "en".equals(programme.path("language").asText()) ? "en" : "zh";
            em.createNativeQuery("insert into programme_languages (programme_id, language) values (:id, :language) "
                    + "on conflict (programme_id) do nothing").setParameter("id", programmeId)
                    .setParameter("language", language).executeUpdate();
            return language;
        } catch (IOException e) {
            throw new IllegalStateException("training-service did not answer (" + e.getClass().getSimpleName() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private String eml(Mail mail, MailTemplates.Rendered rendered) {
        String boundary = "aic-" + mail.id;
        Base64.Encoder mime = Base64.getMimeEncoder();
        return "From: " + from + "\r\nTo: " + mail.recipient.replaceAll("[\\r\\n]", "") + "\r\nSubject: =?UTF-8?B?"
                + Base64.getEncoder().encodeToString(rendered.subject().getBytes(StandardCharsets.UTF_8)) + "?=\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary=\"" + boundary + "\"\r\n\r\n"
                + "--" + boundary + "\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + mime.encodeToString(rendered.text().getBytes(StandardCharsets.UTF_8)) + "\r\n"
                + "--" + boundary + "\r\nContent-Type: text/html; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + mime.encodeToString(rendered.html().getBytes(StandardCharsets.UTF_8)) + "\r\n--" + boundary + "--\r\n";
    }
}

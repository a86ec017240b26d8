package org.aicenter.notification.feed;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.inject.Inject;
import org.aicenter.notification.mail.MailKind;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Queues what a feed's events mean, in the follower's transaction (the one that advances the cursor):
 * the event once, a delivery for every active subscription to its type, the participant's mail for an
 * enrolment that was made, promoted, cancelled or certified, and a programme's language. Every insert
 * is keyed (event id; subscription and event; event and mail kind), so reading an event again adds nothing.
 */
@ApplicationScoped
public class EventQueue {

    @Inject
    EntityManager em;

    /** Queues {@code event}; answers how many deliveries it added. */
    public int queue(JsonNode event, String body) {
        if (!event.path("id").isTextual() || !event.path("type").isTextual() || !event.path("data").isObject()) {
            // a feed's bug: stop here (the poll rolls back and is tried again) rather than skip or guess
            throw new IllegalStateException("a malformed event (no id, type or data) after the cursor; not going past it");
        }
        String id = event.path("id").asText();
        String type = event.path("type").asText();
        em.createNativeQuery("insert into events (id, type, body, read_at) values (:id, :type, :body, now()) "
                + "on conflict (id) do nothing").setParameter("id", id).setParameter("type", type)
                .setParameter("body", body).executeUpdate();
        long seq = ((Number) em.createNativeQuery("select seq from events where id = :id").setParameter("id", id)
                .getSingleResult()).longValue();
        int deliveries = em.createNativeQuery("insert into deliveries (id, subscription_id, event_id, seq, status, attempts, "
                + "next_attempt_at, created_at) select gen_random_uuid(), s.id, :id, :seq, 'PENDING', 0, now(), now() "
                + "from subscriptions s where s.status = 'ACTIVE' and :type = any (s.types) "
                + "on conflict (subscription_id, event_id) do nothing")
                .setParameter("id", id).setParameter("seq", seq).setParameter("type", type).executeUpdate();
        JsonNode data = event.path("data");
        if (type.startsWith("org.aicenter.programme.") && data.hasNonNull("language")) {
            em.createNativeQuery("insert into programme_languages (programme_id, language) values (:id, :language) "
                    + "on conflict (programme_id) do update set language = excluded.language")
                    .setParameter("id", UUID.fromString(data.path("id").asText()))
                    .setParameter("language", data.path("language").asText()).executeUpdate();
        }
        mailKind(type, data).ifPresent(kind -> queueMail(id, kind, data));
        return deliveries;
    }

    /** Which mail an enrolment event asks for: a seat taken, a move up from the waitlist, a cancellation, a certificate. */
    static Optional<MailKind> mailKind(String type, JsonNode data) {
        String status = data.path("status").asText("");
        if (type.equals("org.aicenter.enrolment.created") && status.equals("ENROLLED")) {
            return Optional.of(MailKind.ENROLLED);
        }
        if (!type.equals("org.aicenter.enrolment.status-changed")) {
            return Optional.empty();
        }
        // an enrolment becomes ENROLLED by a status change only when it moves up from the waitlist
        return switch (status) {
            case "ENROLLED" -> Optional.of(MailKind.PROMOTED);
            case "CANCELLED" -> Optional.of(MailKind.CANCELLED);
            case "COMPLETED" -> Optional.of(MailKind.CERTIFIED);
            default -> Optional.empty();
        };
    }

    private void queueMail(String eventId, MailKind kind, JsonNode data) {
        JsonNode participant = data.path("participant");
        String email = participant.path("email").asText("");
        if (email.isBlank() || !data.hasNonNull("programmeId")) {
            return;
        }
        em.createNativeQuery("insert into mails (id, event_id, kind, recipient, recipient_name, programme_id, programme_title, "
                + "programme_code, certificate_code, status, attempts, next_attempt_at, created_at) values (gen_random_uuid(), "
                + ":event, :kind, :recipient, :name, :programme, :title, :code, :certificate, 'PENDING', 0, now(), now()) "
                + "on conflict (event_id, kind) do nothing")
                .setParameter("event", eventId).setParameter("kind", kind.name()).setParameter("recipient", email)
                .setParameter("name", participant.path("name").asText(""))
                .setParameter("programme", UUID.fromString(data.path("programmeId").asText()))
                .setParameter("title", data.path("programmeTitle").asText(""))
                .setParameter("code", data.path("programmeCode").asText(null))
                .setParameter("certificate", data.hasNonNull("certificateCode") ? data.path("certificateCode").asText() : null)
                .executeUpdate();
    }

    /** Marks the subscriptions that may have missed events of {@code feed} (its cursor expired). */
    public int markLost(String feed) {
        List<String> types = EventTypes.ALL.stream().filter(t -> EventTypes.feedOf(t).equals(feed)).toList();
        return em.createNativeQuery("update subscriptions set events_lost_at = now() where types && cast(:types as text[])")
                .setParameter("types", "{" + String.join(",", types) + "}").executeUpdate();
    }
}

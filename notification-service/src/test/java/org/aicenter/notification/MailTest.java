package org.aicenter.notification;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.mailer.MockMailbox;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.ext.mail.MailMessage;
import jakarta.inject.Inject;
import org.aicenter.testing.PostgresResource;
import org.aicenter.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Participants' mails from the training feed's enrolment events, in the programme's language (kept from
 * programme events, or read from training-service), once per event and kind even when the feed answers
 * an event again.
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FeedStub.class, scope = TestResourceScope.GLOBAL)
class MailTest {

    private static final Duration SOON = Duration.ofSeconds(20);

    @Inject
    MockMailbox mailbox;

    private static ObjectNode enrolment(String programme, String email, String name, String status, String certificate) {
        ObjectNode data = Feeds.JSON.createObjectNode().put("id", UUID.randomUUID().toString()).put("programmeId", programme)
                .put("programmeCode", "TRN-2026-0007").put("programmeTitle", "大模型应用 <开发>").put("status", status)
                .put("certificateCode", certificate).put("version", 1);
        data.putObject("participant").put("name", name).put("email", email).put("organisation", "徐汇区大数据中心");
        return data;
    }

    @Test
    void aChineseProgrammesParticipantsAreWrittenToInChineseOncePerEvent() {
        String programme = UUID.randomUUID().toString();
        Feeds.publish("training", Feeds.event("programme", "created", programme,
                Feeds.JSON.createObjectNode().put("id", programme).put("language", "zh")));
        String email = "zhang.wei." + UUID.randomUUID() + "@example.cn";
        ObjectNode enrolled = Feeds.event("enrolment", "created", "e1", enrolment(programme, email, "张伟<script>", "ENROLLED", null));
        ObjectNode promoted = Feeds.event("enrolment", "status-changed", "e1", enrolment(programme, email, "张伟<script>", "ENROLLED", null));
        ObjectNode certified = Feeds.event("enrolment", "status-changed", "e1",
                enrolment(programme, email, "张伟<script>", "COMPLETED", "CERT-7KQ2-M9XD-4RT8"));
        Feeds.publish("training", enrolled, promoted, certified, enrolled); // the last: the same event read again
        Feeds.eventually(SOON, "three mails", () -> mailbox.getMailMessagesSentTo(email) != null
                && mailbox.getMailMessagesSentTo(email).size() >= 3);
        sleep();
        List<MailMessage> mails = mailbox.getMailMessagesSentTo(email);
        assertEquals(3, mails.size(), "once per event and kind");
        assertEquals(List.of("报名成功：大模型应用 <开发>", "候补转正：大模型应用 <开发>", "结业证书：大模型应用 <开发>"),
                mails.stream().map(MailMessage::getSubject).toList());
        MailMessage certificate = mails.get(2);
        assertTrue(certificate.getText().contains("CERT-7KQ2-M9XD-4RT8"), certificate.getText());
        assertTrue(certificate.getText().contains("http://localhost:8080/api/v1/certificates/CERT-7KQ2-M9XD-4RT8"));
        assertTrue(certificate.getHtml().contains("张伟&lt;script&gt;"), "names escaped in HTML: " + certificate.getHtml());
        assertFalse(certificate.getHtml().contains("<script>"));
        given().header("Authorization", TestTokens.bearer("admin")).queryParam("size", 200).get("/api/v1/webhooks/mails")
                .then().statusCode(200).body("items.recipient", hasItem(email)).body("items.language", hasItem("zh"))
                .body("items.kind", hasItem("CERTIFIED"));
    }

    @Test
    void anEnglishProgrammesLanguageIsAskedOfTrainingServiceWhenNoEventToldIt() {
        String programme = UUID.randomUUID().toString();
        Feeds.programmeLanguage(programme, "en");
        String email = "li.na." + UUID.randomUUID() + "@example.com";
        Feeds.publish("training", Feeds.event("enrolment", "status-changed", "e2", enrolment(programme, email, "Li Na", "CANCELLED", null)),
                Feeds.event("enrolment", "created", "e3", enrolment(programme, email, "Li Na", "WAITLISTED", null)));
        Feeds.eventually(SOON, "one mail", () -> mailbox.getMailMessagesSentTo(email) != null
                && !mailbox.getMailMessagesSentTo(email).isEmpty());
        sleep();
        List<MailMessage> mails = mailbox.getMailMessagesSentTo(email);
        assertEquals(1, mails.size(), "a place on the waitlist is not written to");
        assertEquals("Enrolment cancelled: 大模型应用 <开发>", mails.get(0).getSubject());
        assertTrue(mails.get(0).getText().startsWith("Dear Li Na,"));
    }

    @Test
    void onlyAnAdminListsTheMails() {
        given().header("Authorization", TestTokens.bearer("integrator")).get("/api/v1/webhooks/mails").then().statusCode(403);
        given().get("/api/v1/webhooks/mails").then().statusCode(401);
    }

    private static void sleep() {
        try {
            Thread.sleep(700);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package org.aicenter.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole story of the center, only through the gateway: a partner joins, leads a project that
 * becomes ACTIVE, hosts a programme that fills up and starts a waitlist, one participant completes
 * it and anyone can verify the certificate; then the partner's overview and the dashboard summary
 * must show exactly what the story did. The summary is compared as a difference from a reading
 * taken before the story, so data made by other tests does not matter.
 */
@ExtendWith(SystemUnderTest.class)
class EndToEndIT {

    private static final ZoneId CENTER = ZoneId.of("Asia/Shanghai");
    private static final int CAPACITY = 3;
    private static final int PEOPLE = CAPACITY + 2;
    private static final BigDecimal BUDGET = new BigDecimal("1500000.00");

    private static Http gateway;
    private static String admin;
    private static String viewer;

    @BeforeAll
    static void connect() {
        RunningSystem system = SystemUnderTest.system();
        gateway = ContractChecked.gateway(system, Duration.ofSeconds(30));
        admin = system.bearer("story-admin", "admin");
        viewer = system.bearer("story-viewer", "viewer");
    }

    @Test
    void aPartnerLeadsAProjectHostsAProgrammeAndTheViewsAddUp() {
        JsonNode summaryBefore = ok(gateway.get("/api/v1/dashboard/summary", viewer), 200);
        Completion completionBefore = completionOfStartedProgrammes();
        LocalDate today = LocalDate.now(CENTER);
        String suffix = UUID.randomUUID().toString().substring(0, 8);

        // A partner joins: created as a PROSPECT, then activated.
        Map<String, Object> partnerBody = new LinkedHashMap<>();
        partnerBody.put("name", "徐汇端到端测试研究院 " + suffix);
        partnerBody.put("nameEn", "Xuhui End-to-End Institute " + suffix);
        partnerBody.put("type", "RESEARCH_INSTITUTE");
        partnerBody.put("sectors", List.of("SMART_CITY", "EDUCATION"));
        partnerBody.put("website", "https://e2e-" + suffix + ".example.cn");
        partnerBody.put("address", Map.of("district", "徐汇区", "city", "上海市", "province", "上海市", "country", "CN"));
        partnerBody.put("tier", "CORE");
        partnerBody.put("contacts", List.of(Map.of("name", "王芳", "title", "主任", "email", "wang.fang@e2e-" + suffix + ".example.cn",
                "phone", "+86 21 5555 0101", "primary", true)));
        partnerBody.put("agreements", List.of(Map.of("type", "MOU", "title", "合作备忘录", "signedOn", today.minusDays(30).toString(),
                "expiresOn", today.plusYears(3).toString())));
        Http.Reply createdPartner = gateway.request("POST", "/api/v1/partners").auth(admin)
                .header("Idempotency-Key", "story-partner-" + suffix).json(partnerBody).send();
        JsonNode partner = ok(createdPartner, 201);
        String partnerId = partner.path("id").asText();
        assertEquals("PROSPECT", partner.path("status").asText());
        assertNotNull(createdPartner.header("Location"), "Location of the new partner");

        JsonNode activePartner = transition("/api/v1/partners/" + partnerId, createdPartner.etag(), "ACTIVE",
                "签署合作备忘录");
        assertEquals("ACTIVE", activePartner.path("status").asText());
        assertEquals(today.toString(), activePartner.path("joinedOn").asText(), "joinedOn is set on the first activation");

        // The partner leads a project, which is approved and started.
        Map<String, Object> projectBody = new LinkedHashMap<>();
        projectBody.put("title", "城市大脑视觉感知联合研究 " + suffix);
        projectBody.put("summary", "End-to-end story project");
        projectBody.put("researchArea", "COMPUTER_VISION");
        projectBody.put("startDate", today.toString());
        projectBody.put("endDate", today.plusYears(1).toString());
        projectBody.put("budget", Map.of("amount", BUDGET.toPlainString(), "currency", "CNY"));
        projectBody.put("leadPartnerId", partnerId);
        projectBody.put("principalInvestigator", Map.of("name", "李明", "email", "li.ming@e2e-" + suffix + ".example.cn",
                "affiliation", "徐汇端到端测试研究院"));
        projectBody.put("milestones", List.of(Map.of("title", "数据采集", "dueDate", today.plusMonths(3).toString())));
        projectBody.put("tags", List.of("city-brain", "e2e"));
        Http.Reply createdProject = gateway.request("POST", "/api/v1/projects").auth(admin)
                .header("Idempotency-Key", "story-project-" + suffix).json(projectBody).send();
        JsonNode project = ok(createdProject, 201);
        String projectId = project.path("id").asText();
        assertEquals("PROPOSED", project.path("status").asText());
        assertTrue(project.path("code").asText().matches("AIC-\\d{4}-\\d{4,}"), "project code " + project.path("code"));
        assertEquals(1, project.path("participants").size(), "the lead is the only participant");
        assertEquals(partnerId, project.path("participants").get(0).path("partnerId").asText());
        assertEquals("LEAD", project.path("participants").get(0).path("role").asText());

        JsonNode milestone = ok(gateway.postJson("/api/v1/projects/" + projectId + "/milestones", admin,
                Map.of("title", "试点部署", "dueDate", today.plusMonths(6).toString())), 201);
        assertEquals("PLANNED", milestone.path("status").asText());

        JsonNode approved = transition("/api/v1/projects/" + projectId, etagOf("/api/v1/projects/" + projectId), "APPROVED",
                "立项评审通过");
        assertEquals("APPROVED", approved.path("status").asText());
        JsonNode active = transition("/api/v1/projects/" + projectId, etagOf("/api/v1/projects/" + projectId), "ACTIVE",
                "合同签署，项目启动");
        assertEquals("ACTIVE", active.path("status").asText());
        assertEquals(2, active.path("milestones").size(), "milestones of the project");
        List<String> projectMoves = moves(ok(gateway.get("/api/v1/projects/" + projectId + "/history", viewer), 200));
        assertEquals(List.of("PROPOSED->APPROVED", "APPROVED->ACTIVE"), projectMoves);

        // The partner hosts a programme, published for enrolment.
        Map<String, Object> programmeBody = new LinkedHashMap<>();
        programmeBody.put("title", "生成式人工智能政务应用研修班 " + suffix);
        programmeBody.put("description", "End-to-end story programme");
        programmeBody.put("topic", "AI_FOR_GOVERNMENT");
        programmeBody.put("format", "HYBRID");
        programmeBody.put("level", "INTERMEDIATE");
        programmeBody.put("language", "zh");
        programmeBody.put("capacity", CAPACITY);
        programmeBody.put("location", "徐汇区漕河泾 AI 创新中心 3 楼");
        programmeBody.put("startDate", today.plusDays(14).toString());
        programmeBody.put("endDate", today.plusDays(18).toString());
        programmeBody.put("enrolmentDeadline", today.plusDays(7).toString());
        programmeBody.put("instructors", List.of(Map.of("name", "陈静", "email", "chen.jing@e2e-" + suffix + ".example.cn")));
        programmeBody.put("hostPartnerId", partnerId);
        Http.Reply createdProgramme = gateway.request("POST", "/api/v1/programmes").auth(admin)
                .header("Idempotency-Key", "story-programme-" + suffix).json(programmeBody).send();
        JsonNode programme = ok(createdProgramme, 201);
        String programmeId = programme.path("id").asText();
        assertEquals("DRAFT", programme.path("status").asText());
        JsonNode published = transition("/api/v1/programmes/" + programmeId, createdProgramme.etag(), "PUBLISHED",
                "课程安排确定");
        assertEquals("PUBLISHED", published.path("status").asText());
        // Published means public: the catalogue shows it without a token.
        ok(gateway.get("/api/v1/programmes/" + programmeId, null), 200);

        // People enrol until the waitlist starts.
        List<JsonNode> enrolments = new ArrayList<>();
        for (int i = 1; i <= PEOPLE; i++) {
            Map<String, Object> participant = new LinkedHashMap<>();
            participant.put("name", "学员" + i);
            participant.put("email", "learner" + i + "." + suffix + "@example.cn");
            participant.put("organisation", "徐汇端到端测试研究院");
            participant.put("partnerId", partnerId);
            JsonNode enrolment = ok(gateway.request("POST", "/api/v1/programmes/" + programmeId + "/enrolments").auth(admin)
                    .header("Idempotency-Key", "story-enrolment-" + suffix + "-" + i)
                    .json(Map.of("participant", participant)).send(), 201);
            enrolments.add(enrolment);
            if (i <= CAPACITY) {
                assertEquals("ENROLLED", enrolment.path("status").asText(), "enrolment " + i);
                assertTrue(enrolment.path("waitlistPosition").isMissingNode() || enrolment.path("waitlistPosition").isNull());
            } else {
                assertEquals("WAITLISTED", enrolment.path("status").asText(), "enrolment " + i);
                assertEquals(i - CAPACITY, enrolment.path("waitlistPosition").asInt(), "waitlist position of enrolment " + i);
            }
            assertFalse(enrolment.path("cancelToken").asText().isEmpty(), "the participant's cancellation token");
        }
        JsonNode seats = ok(gateway.get("/api/v1/programmes/" + programmeId, viewer), 200).path("seats");
        assertEquals(CAPACITY, seats.path("taken").asInt());
        assertEquals(0, seats.path("free").asInt());
        assertEquals(PEOPLE - CAPACITY, seats.path("waitlisted").asInt());

        // The programme starts; the first participant completes it and gets a certificate.
        JsonNode started = transition("/api/v1/programmes/" + programmeId, etagOf("/api/v1/programmes/" + programmeId),
                "IN_PROGRESS", "开课");
        assertEquals("IN_PROGRESS", started.path("status").asText());
        String firstPath = "/api/v1/programmes/" + programmeId + "/enrolments/" + enrolments.get(0).path("id").asText();
        JsonNode completed = transition(firstPath, etagOf(firstPath), "COMPLETED", "结业考核通过");
        assertEquals("COMPLETED", completed.path("status").asText());
        String certificate = completed.path("certificateCode").asText();
        assertTrue(certificate.matches("CERT-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}"),
                "certificate code " + certificate);

        // Anyone can verify the certificate, without a token, in any case.
        JsonNode verified = ok(gateway.get("/api/v1/certificates/" + certificate.toLowerCase(), null), 200);
        assertEquals(certificate, verified.path("code").asText());
        assertEquals("学员1", verified.path("holderName").asText());
        assertEquals(programme.path("code").asText(), verified.path("programmeCode").asText());
        assertEquals(programmeBody.get("title"), verified.path("programmeTitle").asText());
        assertEquals(today.toString(), verified.path("completedOn").asText());
        assertEquals(404, gateway.get("/api/v1/certificates/CERT-0000-0000-0000", null).status());

        // The partner's overview: the partner, its project, its programme, its people's enrolments.
        JsonNode overview = ok(gateway.get("/api/v1/partners/" + partnerId + "/overview", viewer), 200);
        assertEquals(partnerId, overview.path("partner").path("id").asText());
        assertEquals("ACTIVE", overview.path("partner").path("status").asText());
        assertEquals(partnerBody.get("name"), overview.path("partner").path("name").asText());
        JsonNode projects = overview.path("projects");
        assertTrue(projects.path("available").asBoolean(), "projects part available: " + projects);
        assertEquals(1, projects.path("totalItems").asLong());
        assertEquals(projectId, projects.path("items").get(0).path("id").asText());
        assertEquals("ACTIVE", projects.path("items").get(0).path("status").asText());
        JsonNode programmes = overview.path("programmes");
        assertTrue(programmes.path("available").asBoolean(), "programmes part available: " + programmes);
        assertEquals(1, programmes.path("totalItems").asLong());
        assertEquals(programmeId, programmes.path("items").get(0).path("id").asText());
        assertEquals("IN_PROGRESS", programmes.path("items").get(0).path("status").asText());
        assertEquals(CAPACITY, programmes.path("items").get(0).path("seats").path("taken").asInt());
        assertEquals(PEOPLE - CAPACITY, programmes.path("items").get(0).path("seats").path("waitlisted").asInt());
        JsonNode people = overview.path("enrolments");
        assertTrue(people.path("available").asBoolean(), "enrolments part available: " + people);
        assertEquals(PEOPLE, people.path("totalItems").asLong());
        Map<String, Integer> byStatus = new HashMap<>();
        people.path("items").forEach(e -> byStatus.merge(e.path("status").asText(), 1, Integer::sum));
        assertEquals(Map.of("COMPLETED", 1, "ENROLLED", CAPACITY - 1, "WAITLISTED", PEOPLE - CAPACITY), byStatus);

        // The dashboard: every figure moved by exactly what the story did, and nothing else.
        JsonNode summaryAfter = ok(gateway.get("/api/v1/dashboard/summary", viewer), 200);
        for (String part : List.of("partners", "projects", "programmes")) {
            assertTrue(summaryAfter.path(part).path("available").asBoolean(), part + " available: " + summaryAfter.path(part));
        }
        JsonNode p0 = summaryBefore.path("partners");
        JsonNode p1 = summaryAfter.path("partners");
        assertEquals(1, p1.path("total").asLong() - p0.path("total").asLong(), "partners.total");
        assertDeltas("partners.byType", p0.path("byType"), p1.path("byType"), Map.of("RESEARCH_INSTITUTE", 1L));
        assertDeltas("partners.byStatus", p0.path("byStatus"), p1.path("byStatus"), Map.of("ACTIVE", 1L));

        JsonNode j0 = summaryBefore.path("projects");
        JsonNode j1 = summaryAfter.path("projects");
        assertEquals(1, j1.path("total").asLong() - j0.path("total").asLong(), "projects.total");
        assertDeltas("projects.byStatus", j0.path("byStatus"), j1.path("byStatus"), Map.of("ACTIVE", 1L));
        assertDeltas("projects.byArea", j0.path("byArea"), j1.path("byArea"), Map.of("COMPUTER_VISION", 1L));
        assertEquals(BUDGET, budget(j1, "CNY").subtract(budget(j0, "CNY")), "projects.budgetTotals CNY");

        JsonNode g0 = summaryBefore.path("programmes");
        JsonNode g1 = summaryAfter.path("programmes");
        assertEquals(1, g1.path("total").asLong() - g0.path("total").asLong(), "programmes.total");
        assertDeltas("programmes.byStatus", g0.path("byStatus"), g1.path("byStatus"), Map.of("IN_PROGRESS", 1L));
        assertDeltas("programmes.seats", g0.path("seats"), g1.path("seats"), Map.of("programmes", 1L,
                "capacity", (long) CAPACITY, "taken", (long) CAPACITY, "free", 0L, "waitlisted", (long) (PEOPLE - CAPACITY)));
        assertDeltas("programmes.enrolmentsByStatus", g0.path("enrolmentsByStatus"), g1.path("enrolmentsByStatus"),
                Map.of("ENROLLED", (long) (CAPACITY - 1), "COMPLETED", 1L, "WAITLISTED", (long) (PEOPLE - CAPACITY)));
        // Completed over seats taken in started programmes: the story adds 1 completed and CAPACITY seats.
        double expectedRate = (double) (completionBefore.completed + 1) / (completionBefore.taken + CAPACITY);
        assertEquals(expectedRate, g1.path("completionRate").asDouble(), 1e-4, "programmes.completionRate");
        if (completionBefore.taken == 0) {
            assertTrue(g0.path("completionRate").isMissingNode() || g0.path("completionRate").isNull(),
                    "no completion rate while nobody is counted");
        }
        JsonNode own = programmeFigures(programmeId);
        assertEquals(1.0 / CAPACITY, own.path("completionRate").asDouble(), 1e-4, "the programme's own completion rate");
        assertEquals(0, own.path("free").asLong());

        // Nothing in the story may have been half-done: the history of every lifecycle is complete.
        assertEquals(List.of("PROSPECT->ACTIVE"), moves(ok(gateway.get("/api/v1/partners/" + partnerId + "/history", viewer), 200)));
        assertEquals(List.of("DRAFT->PUBLISHED", "PUBLISHED->IN_PROGRESS"),
                moves(ok(gateway.get("/api/v1/programmes/" + programmeId + "/history", viewer), 200)));
    }

    /** Sums over the programmes that have started, as the dashboard's completion rate counts them (every page). */
    private static Completion completionOfStartedProgrammes() {
        long completed = 0;
        long taken = 0;
        for (JsonNode programme : programmeFigures()) {
            String status = programme.path("status").asText();
            if (status.equals("IN_PROGRESS") || status.equals("COMPLETED")) {
                completed += programme.path("completed").asLong();
                taken += programme.path("enrolled").asLong() + programme.path("completed").asLong()
                        + programme.path("noShow").asLong();
            }
        }
        return new Completion(completed, taken);
    }

    private record Completion(long completed, long taken) {
    }

    private static JsonNode programmeFigures(String programmeId) {
        for (JsonNode programme : programmeFigures()) {
            if (programme.path("id").asText().equals(programmeId)) {
                return programme;
            }
        }
        throw new AssertionError("programme " + programmeId + " is not in the statistics");
    }

    /** Every programme's figures, paged through /statistics/programmes. */
    private static List<JsonNode> programmeFigures() {
        List<JsonNode> all = new java.util.ArrayList<>();
        for (int page = 0; ; page++) {
            JsonNode body = ok(gateway.get("/api/v1/programmes/statistics/programmes?size=200&page=" + page, viewer), 200);
            body.path("items").forEach(all::add);
            if (page + 1 >= body.path("totalPages").asInt()) {
                return all;
            }
        }
    }

    private static BigDecimal budget(JsonNode projects, String currency) {
        for (JsonNode total : projects.path("budgetTotals")) {
            if (total.path("currency").asText().equals(currency)) {
                return new BigDecimal(total.path("amount").asText());
            }
        }
        return BigDecimal.ZERO.setScale(2);
    }

    /** Every key of the counts moved by its expected delta (0 when not named); none appeared or vanished. */
    private static void assertDeltas(String what, JsonNode before, JsonNode after, Map<String, Long> expected) {
        assertTrue(before.isObject() && after.isObject(), what + " present: " + before + " / " + after);
        List<String> keysBefore = new ArrayList<>();
        before.fieldNames().forEachRemaining(keysBefore::add);
        List<String> keysAfter = new ArrayList<>();
        after.fieldNames().forEachRemaining(keysAfter::add);
        assertEquals(keysBefore.stream().sorted().toList(), keysAfter.stream().sorted().toList(), what + " keys");
        for (String key : expected.keySet()) {
            assertTrue(keysAfter.contains(key), what + " has " + key);
        }
        for (String key : keysAfter) {
            long delta = after.path(key).asLong() - before.path(key).asLong();
            assertEquals(expected.getOrDefault(key, 0L).longValue(), delta, what + "." + key + " changed by");
        }
    }

    private static List<String> moves(JsonNode history) {
        List<String> moves = new ArrayList<>();
        history.path("items").forEach(move -> moves.add(move.path("from").asText() + "->" + move.path("to").asText()));
        return moves;
    }

    private static String etagOf(String path) {
        Http.Reply reply = gateway.get(path, admin);
        ok(reply, 200);
        assertNotNull(reply.etag(), "ETag of " + path);
        return reply.etag();
    }

    private static JsonNode transition(String resource, String etag, String to, String reason) {
        return ok(gateway.request("POST", resource + "/transitions").auth(admin).ifMatch(etag)
                .json(Map.of("to", to, "reason", reason)).send(), 200);
    }

    private static JsonNode ok(Http.Reply reply, int expected) {
        assertEquals(expected, reply.status(), () -> "unexpected answer: " + reply);
        return reply.json();
    }
}

package org.aicenter.systemtests.badinput;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.aicenter.systemtests.Http;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Real resources for the bad input to aim at, made through the gateway before the row counts are
 * taken: so a path names something that exists and a body is valid except for what a case breaks.
 * The programme that takes enrolment requests has started (enrolment closed): a valid enrolment is
 * refused there, since an enrolment, once made, cannot be deleted.
 */
public final class Fixtures {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ZoneId CENTER = ZoneId.of("Asia/Shanghai");

    private final Http gateway;
    private final String admin;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final LocalDate today = LocalDate.now(CENTER);

    public String partnerId;
    public String otherPartnerId;
    public String projectId;
    public String milestoneId;
    public String outcomeId;
    public String openProgrammeId;
    public String startedProgrammeId;
    public String sessionId;
    public String enrolmentId;
    public String certificateCode;
    public String webhookId;

    public Fixtures(Http gateway, String admin) {
        this.gateway = gateway;
        this.admin = admin;
    }

    public void create() {
        partnerId = created(gateway.postJson("/api/v1/partners", admin, partner("恶意输入靶标伙伴 " + run)));
        transition("/api/v1/partners/" + partnerId, "ACTIVE");
        otherPartnerId = created(gateway.postJson("/api/v1/partners", admin, partner("恶意输入第二伙伴 " + run)));
        projectId = created(gateway.postJson("/api/v1/projects", admin, project()));
        milestoneId = created(gateway.postJson("/api/v1/projects/" + projectId + "/milestones", admin, milestone()));
        outcomeId = created(gateway.postJson("/api/v1/projects/" + projectId + "/outcomes", admin, outcome()));

        openProgrammeId = created(gateway.postJson("/api/v1/programmes", admin, programme()));
        transition("/api/v1/programmes/" + openProgrammeId, "PUBLISHED");
        sessionId = created(gateway.postJson("/api/v1/programmes/" + openProgrammeId + "/sessions", admin, session()));
        enrolmentId = created(gateway.postJson("/api/v1/programmes/" + openProgrammeId + "/enrolments", admin, enrolment("first")));

        startedProgrammeId = created(gateway.postJson("/api/v1/programmes", admin, programme()));
        transition("/api/v1/programmes/" + startedProgrammeId, "PUBLISHED");
        String graduate = created(gateway.postJson("/api/v1/programmes/" + startedProgrammeId + "/enrolments", admin,
                enrolment("graduate")));
        transition("/api/v1/programmes/" + startedProgrammeId, "IN_PROGRESS");
        JsonNode completed = transition("/api/v1/programmes/" + startedProgrammeId + "/enrolments/" + graduate, "COMPLETED");
        certificateCode = completed.path("certificateCode").asText();
        webhookId = created(gateway.postJson("/api/v1/webhooks", admin, webhook("bad-input target " + run)));
    }

    /** The value of a path parameter that names an existing resource. */
    public String pathValue(Contract.Operation operation, String name) {
        String path = operation.path();
        if (path.startsWith("/api/v1/partners/")) {
            return partnerId;
        }
        if (path.startsWith("/api/v1/projects/")) {
            if (!name.equals("partId")) {
                return projectId;
            }
            return path.contains("/milestones/") ? milestoneId : outcomeId;
        }
        if (path.startsWith("/api/v1/programmes/")) {
            if (name.equals("sessionId")) {
                return sessionId;
            }
            if (name.equals("enrolmentId")) {
                return enrolmentId;
            }
            boolean enrols = operation.method().equals("POST") && path.endsWith("/enrolments");
            return enrols ? startedProgrammeId : openProgrammeId;
        }
        if (path.startsWith("/api/v1/certificates/")) {
            return certificateCode;
        }
        if (path.startsWith("/api/v1/webhooks/{id}") && name.equals("id")) {
            return webhookId;
        }
        return null;
    }

    /** A valid body for the operation, or null when this class does not know it (the schema's own is used). */
    public ObjectNode body(Contract.Operation operation) {
        String path = operation.path();
        if (path.endsWith("/transitions")) {
            String to = path.startsWith("/api/v1/partners") ? "SUSPENDED"
                    : path.startsWith("/api/v1/projects") ? "APPROVED"
                    : path.contains("/enrolments/") ? "CANCELLED" : "IN_PROGRESS";
            return object(Map.of("to", to, "reason", "a reason from the bad-input test"));
        }
        if (path.equals("/api/v1/partners") || path.equals("/api/v1/partners/{id}")) {
            return partner("恶意输入新伙伴 " + run);
        }
        if (path.equals("/api/v1/projects") || path.equals("/api/v1/projects/{id}")) {
            return project();
        }
        if (path.startsWith("/api/v1/projects/{id}/milestones")) {
            return milestone();
        }
        if (path.startsWith("/api/v1/projects/{id}/outcomes")) {
            return outcome();
        }
        if (path.equals("/api/v1/programmes") || path.equals("/api/v1/programmes/{id}")) {
            return programme();
        }
        if (path.startsWith("/api/v1/programmes/{id}/sessions")) {
            return session();
        }
        if (path.equals("/api/v1/programmes/{id}/enrolments")) {
            return enrolment("someone");
        }
        if (path.equals("/api/v1/webhooks")) {
            return webhook("bad-input create " + run);
        }
        if (path.equals("/api/v1/webhooks/{id}") && operation.method().equals("PATCH")) {
            return object(Map.of("description", "bad-input change " + run));
        }
        return null;
    }

    /** A subscription to a public address literal: no lookup, and not a target the SSRF guard refuses. */
    private ObjectNode webhook(String description) {
        return object(Map.of("url", "https://93.184.215.14/aic-bad-input", "types", List.of("org.aicenter.partner.created"),
                "description", description));
    }

    ObjectNode partner(String name) {
        ObjectNode body = NODES.objectNode();
        body.put("name", name);
        body.put("nameEn", "Bad Input Target " + run);
        body.put("type", "UNIVERSITY");
        body.putArray("sectors").add("EDUCATION").add("SMART_CITY");
        body.put("website", "https://bad-input.example.cn");
        body.set("address", object(Map.of("district", "徐汇区", "city", "上海市", "province", "上海市", "country", "CN")));
        body.put("tier", "COMMUNITY");
        ArrayNode contacts = body.putArray("contacts");
        contacts.add(object(Map.of("name", "赵敏", "title", "联络人", "email", "zhao.min@bad-input.example.cn",
                "phone", "+86 21 5555 0199", "primary", true)));
        body.putArray("agreements").add(object(Map.of("type", "NDA", "title", "保密协议",
                "signedOn", today.minusDays(10).toString(), "expiresOn", today.plusYears(1).toString())));
        return body;
    }

    ObjectNode project() {
        ObjectNode body = NODES.objectNode();
        body.put("title", "恶意输入靶标项目 " + run);
        body.put("summary", "a project the bad-input test aims at");
        body.put("researchArea", "RESPONSIBLE_AI");
        body.put("startDate", today.toString());
        body.put("endDate", today.plusYears(1).toString());
        body.set("budget", object(Map.of("amount", "250000.00", "currency", "CNY")));
        body.put("leadPartnerId", partnerId);
        ArrayNode participants = body.putArray("participants");
        participants.add(object(Map.of("partnerId", partnerId, "role", "LEAD")));
        participants.add(object(Map.of("partnerId", otherPartnerId, "role", "FUNDER")));
        body.set("principalInvestigator", object(Map.of("name", "孙浩", "email", "sun.hao@bad-input.example.cn",
                "affiliation", "恶意输入靶标伙伴")));
        body.putArray("tags").add("robustness");
        body.putArray("milestones").add(milestone());
        body.putArray("outcomes").add(outcome());
        return body;
    }

    ObjectNode milestone() {
        return object(Map.of("title", "中期评审", "dueDate", today.plusMonths(2).toString(), "status", "PLANNED"));
    }

    ObjectNode outcome() {
        return object(Map.of("type", "PAPER", "title", "Robustness of public services", "date",
                today.minusDays(5).toString(), "url", "https://papers.example.org/robustness"));
    }

    ObjectNode programme() {
        ObjectNode body = NODES.objectNode();
        body.put("title", "恶意输入靶标课程 " + run);
        body.put("description", "a programme the bad-input test aims at");
        body.put("topic", "RESPONSIBLE_AI");
        body.put("format", "HYBRID");
        body.put("level", "BEGINNER");
        body.put("language", "zh");
        body.put("capacity", 10);
        body.put("location", "徐汇区漕河泾 AI 创新中心 2 楼");
        body.put("startDate", today.plusDays(30).toString());
        body.put("endDate", today.plusDays(32).toString());
        body.put("enrolmentDeadline", today.plusDays(20).toString());
        body.putArray("instructors").add(object(Map.of("name", "周婷", "email", "zhou.ting@bad-input.example.cn")));
        body.put("hostPartnerId", partnerId);
        return body;
    }

    ObjectNode session() {
        // 09:00-12:00 in Shanghai on the programme's first day.
        LocalDate day = today.plusDays(30);
        return object(Map.of("title", "开班", "startsAt", day + "T01:00:00Z", "endsAt", day + "T04:00:00Z",
                "location", "2 楼报告厅"));
    }

    ObjectNode enrolment(String who) {
        ObjectNode participant = object(Map.of("name", "学员 " + who, "email", who + "." + run + "@bad-input.example.cn",
                "organisation", "恶意输入靶标伙伴", "partnerId", partnerId));
        ObjectNode body = NODES.objectNode();
        body.set("participant", participant);
        return body;
    }

    private JsonNode transition(String resource, String to) {
        Http.Reply current = gateway.get(resource, admin);
        require(current, 200);
        Http.Reply moved = gateway.request("POST", resource + "/transitions").auth(admin).ifMatch(current.etag())
                .json(Map.of("to", to, "reason", "bad-input fixture")).send();
        require(moved, 200);
        return moved.json();
    }

    private static String created(Http.Reply reply) {
        require(reply, 201);
        return reply.json().path("id").asText();
    }

    private static void require(Http.Reply reply, int status) {
        if (reply.status() != status) {
            throw new IllegalStateException("fixture request answered " + reply + " instead of " + status);
        }
    }

    static ObjectNode object(Map<String, ?> fields) {
        ObjectNode node = NODES.objectNode();
        fields.forEach((key, value) -> node.set(key, Mutations.JSON.valueToTree(value)));
        // Map.of has no order; sort for stable, readable bodies.
        ObjectNode sorted = NODES.objectNode();
        Iterator<String> names = node.fieldNames();
        java.util.List<String> all = new java.util.ArrayList<>();
        names.forEachRemaining(all::add);
        all.stream().sorted().forEach(name -> sorted.set(name, node.get(name)));
        return sorted;
    }
}

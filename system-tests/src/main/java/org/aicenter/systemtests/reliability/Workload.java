package org.aicenter.systemtests.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import org.aicenter.systemtests.Http;
import org.aicenter.systemtests.RunningSystem;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The mixed traffic of the center through the gateway: reads of lists, single resources, the
 * dashboard and overviews, and writes (partners, projects with participants and milestones,
 * enrolments, partner edits). Every write the system acknowledges (2xx with an id) goes into the
 * ledger, to be looked for afterwards.
 */
final class Workload {

    /** An acknowledged write: what it made and what it must hold. */
    record Ack(String kind, String id, Map<String, String> expected) {
    }

    private static final ZoneId CENTER = ZoneId.of("Asia/Shanghai");

    private final Http gateway;
    private final List<String> tokens = new ArrayList<>();
    private final String admin;
    private final String run = UUID.randomUUID().toString().substring(0, 6);
    private final AtomicLong sequence = new AtomicLong();
    private final LocalDate today = LocalDate.now(CENTER);
    private Traffic traffic;

    final List<String> partners = new CopyOnWriteArrayList<>();
    final List<String> projects = new CopyOnWriteArrayList<>();
    String bigProgramme;
    String smallProgramme;
    final List<String[]> smallEnrolments = new CopyOnWriteArrayList<>();
    final ConcurrentLinkedQueue<Ack> ledger = new ConcurrentLinkedQueue<>();

    Workload(RunningSystem system, Duration timeout) {
        this.gateway = new Http(system.gatewayUrl(), timeout);
        // Many callers, as in real use: the gateway limits each one's rate, not the center's.
        for (int i = 0; i < 64; i++) {
            tokens.add(system.bearer("load-client-" + i, "admin"));
        }
        this.admin = system.bearer("reliability-admin", "admin");
    }

    void attach(Traffic traffic) {
        this.traffic = traffic;
    }

    /** Partners, a project and two programmes for the traffic to name. */
    void seed() {
        for (int i = 0; i < 8; i++) {
            Http.Reply created = gateway.postJson("/api/v1/partners", admin, partner("可靠性伙伴 " + run + "-" + i));
            String id = require(created, 201).path("id").asText();
            require(gateway.request("POST", "/api/v1/partners/" + id + "/transitions").auth(admin).ifMatch(created.etag())
                    .json(Map.of("to", "ACTIVE", "reason", "reliability run")).send(), 200);
            partners.add(id);
        }
        projects.add(require(gateway.postJson("/api/v1/projects", admin, project("可靠性项目 seed " + run)), 201).path("id").asText());
        bigProgramme = programme("可靠性大课程 " + run, 10_000);
        smallProgramme = programme("可靠性小课程 " + run, 20);
    }

    /** A published programme of {@code capacity} seats hosted by the first seeded partner. */
    String programme(String title, int capacity) {
        Http.Reply created = gateway.postJson("/api/v1/programmes", admin, programmeBody(title, capacity));
        String id = require(created, 201).path("id").asText();
        require(gateway.request("POST", "/api/v1/programmes/" + id + "/transitions").auth(admin).ifMatch(created.etag())
                .json(Map.of("to", "PUBLISHED", "reason", "reliability run")).send(), 200);
        return id;
    }

    /** A DRAFT programme's body: {@code capacity} seats from 60 days on, hosted by the first seeded partner. */
    Map<String, Object> programmeBody(String title, int capacity) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", title);
        body.put("topic", "AI_FUNDAMENTALS");
        body.put("format", "ONLINE");
        body.put("level", "BEGINNER");
        body.put("language", "zh");
        body.put("capacity", capacity);
        body.put("startDate", today.plusDays(60).toString());
        body.put("endDate", today.plusDays(61).toString());
        body.put("enrolmentDeadline", today.plusDays(50).toString());
        body.put("hostPartnerId", partners.get(0));
        return body;
    }

    /** A session on the first day of a {@link #programmeBody} programme, 09:00 to 12:00 in Shanghai. */
    Map<String, Object> session(String title) {
        LocalDate day = today.plusDays(60);
        return Map.of("title", title, "startsAt", day + "T01:00:00Z", "endsAt", day + "T04:00:00Z");
    }

    Map<String, Object> milestone(String title) {
        return Map.of("title", title, "dueDate", today.plusMonths(4).toString());
    }

    Map<String, Object> outcome(String title) {
        return Map.of("type", "PAPER", "title", title, "date", today.minusDays(3).toString());
    }

    // ---------------------------------------------------------------- mixes

    /** Reads about 70 %, writes about 30 %. */
    Supplier<Traffic.Action> mixed() {
        return weighted(List.of(
                entry(10, this::listPartners), entry(10, this::readPartner), entry(8, this::listProjects),
                entry(8, this::readProject), entry(6, this::listProgrammes), entry(4, this::readProgramme),
                entry(4, this::partnerEnrolments), entry(3, this::summary), entry(3, this::overview),
                entry(8, this::createProject), entry(8, this::enrol), entry(4, this::createPartner),
                entry(3, this::renamePartner)));
    }

    /** Projects and enrolments written (they both ask partner-service), with some reads. */
    Supplier<Traffic.Action> partnerDependentWrites() {
        return weighted(List.of(entry(10, this::createProject), entry(10, this::enrol), entry(5, this::listPartners),
                entry(5, this::readProject)));
    }

    /** Enrolments into and cancellations out of a programme with a waitlist: seat bookkeeping under way. */
    Supplier<Traffic.Action> seatChurn() {
        return weighted(List.of(entry(10, this::enrolSmall), entry(4, this::cancelSmall), entry(6, this::createProject),
                entry(3, this::readProgramme)));
    }

    private record Weighted(int weight, Supplier<Traffic.Action> action) {
    }

    private static Weighted entry(int weight, Supplier<Traffic.Action> action) {
        return new Weighted(weight, action);
    }

    private static Supplier<Traffic.Action> weighted(List<Weighted> entries) {
        int total = entries.stream().mapToInt(Weighted::weight).sum();
        return () -> {
            int pick = ThreadLocalRandom.current().nextInt(total);
            for (Weighted entry : entries) {
                pick -= entry.weight();
                if (pick < 0) {
                    return entry.action().get();
                }
            }
            throw new IllegalStateException();
        };
    }

    // ---------------------------------------------------------------- actions

    private Traffic.Action listPartners() {
        return read("list partners", "/api/v1/partners?size=20&sort=-updatedAt");
    }

    private Traffic.Action readPartner() {
        return read("read partner", "/api/v1/partners/" + any(partners));
    }

    private Traffic.Action listProjects() {
        return read("list projects", "/api/v1/projects?size=20&partnerId=" + any(partners));
    }

    private Traffic.Action readProject() {
        return read("read project", "/api/v1/projects/" + any(projects));
    }

    private Traffic.Action listProgrammes() {
        return read("list programmes", "/api/v1/programmes?size=20&status=PUBLISHED");
    }

    private Traffic.Action readProgramme() {
        return read("read programme", "/api/v1/programmes/" + (ThreadLocalRandom.current().nextBoolean() ? bigProgramme : smallProgramme));
    }

    private Traffic.Action partnerEnrolments() {
        return read("list enrolments", "/api/v1/enrolments?size=20&partnerId=" + any(partners));
    }

    private Traffic.Action summary() {
        return read("dashboard summary", "/api/v1/dashboard/summary");
    }

    private Traffic.Action overview() {
        return read("partner overview", "/api/v1/partners/" + any(partners) + "/overview");
    }

    private Traffic.Action read(String name, String path) {
        return (at, nanos) -> sample(name, false, at, nanos, gateway.get(path, token()));
    }

    private Traffic.Action createPartner() {
        return (at, nanos) -> {
            String name = "负载伙伴 " + run + "-" + sequence.incrementAndGet();
            Http.Reply reply = gateway.postJson("/api/v1/partners", token(), partner(name));
            if (reply.status() == 201) {
                ledger.add(new Ack("partner", reply.json().path("id").asText(), Map.of("name", name)));
            }
            return sample("create partner", true, at, nanos, reply);
        };
    }

    private Traffic.Action createProject() {
        return (at, nanos) -> {
            String title = "load " + run + "-" + sequence.incrementAndGet();
            Http.Reply reply = gateway.postJson("/api/v1/projects", token(), project(title));
            if (reply.status() == 201) {
                String id = reply.json().path("id").asText();
                projects.add(id);
                ledger.add(new Ack("project", id, Map.of("title", title, "participants", "2", "milestones", "2")));
            }
            return sample("create project", true, at, nanos, reply);
        };
    }

    private Traffic.Action enrol() {
        return (at, nanos) -> {
            Http.Reply reply = enrolIn(bigProgramme);
            return sample("enrol", true, at, nanos, reply);
        };
    }

    private Traffic.Action enrolSmall() {
        return (at, nanos) -> sample("enrol (waitlist)", true, at, nanos, enrolIn(smallProgramme));
    }

    private Http.Reply enrolIn(String programme) {
        String email = "p" + sequence.incrementAndGet() + "." + run + "@load.example.cn";
        Http.Reply reply = gateway.postJson("/api/v1/programmes/" + programme + "/enrolments", token(), enrolment(email));
        if (reply.status() == 201) {
            String id = reply.json().path("id").asText();
            ledger.add(new Ack("enrolment", id, Map.of("email", email, "programmeId", programme)));
            if (programme.equals(smallProgramme)) {
                smallEnrolments.add(new String[] {id, reply.etag()});
            }
        }
        return reply;
    }

    private Traffic.Action cancelSmall() {
        return (at, nanos) -> {
            if (smallEnrolments.isEmpty()) {
                return sample("cancel enrolment", true, at, nanos, gateway.get("/api/v1/programmes/" + smallProgramme, token()));
            }
            String[] enrolment = smallEnrolments.remove(ThreadLocalRandom.current().nextInt(smallEnrolments.size()));
            String path = "/api/v1/programmes/" + smallProgramme + "/enrolments/" + enrolment[0];
            Http.Reply current = gateway.get(path, token());
            if (current.status() != 200) {
                return sample("cancel enrolment", true, at, nanos, current);
            }
            Http.Reply reply = gateway.request("POST", path + "/transitions").auth(token()).ifMatch(current.etag())
                    .json(Map.of("to", "CANCELLED", "reason", "reliability churn")).send();
            if (reply.status() == 200) {
                ledger.add(new Ack("cancellation", enrolment[0], Map.of("status", "CANCELLED")));
            }
            return sample("cancel enrolment", true, at, nanos, reply);
        };
    }

    private Traffic.Action renamePartner() {
        return (at, nanos) -> {
            String path = "/api/v1/partners/" + any(partners);
            Http.Reply current = gateway.get(path, token());
            if (current.status() != 200) {
                return sample("rename partner", true, at, nanos, current);
            }
            Http.Reply reply = gateway.request("PATCH", path).auth(token()).ifMatch(current.etag())
                    .body(("{\"nameEn\":\"Reliability Partner " + sequence.incrementAndGet() + "\"}").getBytes(),
                            "application/merge-patch+json").send();
            return sample("rename partner", true, at, nanos, reply);
        };
    }

    private Traffic.Sample sample(String name, boolean write, long at, long plannedNanos, Http.Reply reply) {
        // A 5xx keeps its problem's detail: which service failed, and how.
        String failure = reply.status() >= 500 && reply.isProblem() ? reply.json().path("detail").asText() : reply.failure();
        return new Traffic.Sample(at, name, write, reply.status(), System.nanoTime() - plannedNanos, failure);
    }

    // ---------------------------------------------------------------- bodies

    Map<String, Object> partner(String name) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("type", "PRIVATE_ENTERPRISE");
        body.put("sectors", List.of("SMART_CITY"));
        body.put("tier", "COMMUNITY");
        body.put("contacts", List.of(Map.of("name", "联系人", "email", "contact@load.example.cn", "primary", true)));
        return body;
    }

    /** An enrolment of a participant of one of the seeded partners. */
    Map<String, Object> enrolment(String email) {
        return enrolment(email, any(partners));
    }

    /** An enrolment of a participant of that partner. */
    Map<String, Object> enrolment(String email, String partnerId) {
        Map<String, Object> participant = new LinkedHashMap<>();
        participant.put("name", "学员 " + email);
        participant.put("email", email);
        participant.put("organisation", "可靠性伙伴");
        participant.put("partnerId", partnerId);
        return Map.of("participant", participant);
    }

    Map<String, Object> project(String title) {
        return project(title, twoPartners());
    }

    /** A project led by the first of {@code two}, with the second as co-researcher, and two milestones. */
    Map<String, Object> project(String title, List<String> two) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", title);
        body.put("researchArea", "SMART_CITY");
        body.put("startDate", today.toString());
        body.put("budget", Map.of("amount", "1000.00", "currency", "CNY"));
        body.put("leadPartnerId", two.get(0));
        body.put("participants", List.of(Map.of("partnerId", two.get(0), "role", "LEAD"),
                Map.of("partnerId", two.get(1), "role", "CO_RESEARCHER")));
        body.put("milestones", List.of(Map.of("title", "第一阶段", "dueDate", today.plusMonths(3).toString()),
                Map.of("title", "第二阶段", "dueDate", today.plusMonths(6).toString())));
        return body;
    }

    private List<String> twoPartners() {
        int first = ThreadLocalRandom.current().nextInt(partners.size());
        int second = (first + 1 + ThreadLocalRandom.current().nextInt(partners.size() - 1)) % partners.size();
        return List.of(partners.get(first), partners.get(second));
    }

    private String token() {
        return tokens.get(ThreadLocalRandom.current().nextInt(tokens.size()));
    }

    private static String any(List<String> ids) {
        return ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
    }

    private static JsonNode require(Http.Reply reply, int status) {
        if (reply.status() != status) {
            throw new IllegalStateException("seeding the reliability run: expected " + status + ", got " + reply);
        }
        return reply.json();
    }

    Http gateway() {
        return gateway;
    }

    String admin() {
        return admin;
    }

    String run() {
        return run;
    }
}

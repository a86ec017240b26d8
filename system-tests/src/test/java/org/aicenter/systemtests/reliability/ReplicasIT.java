package org.aicenter.systemtests.reliability;

import org.aicenter.local.ServiceInstance;
import org.aicenter.systemtests.Http;
import org.aicenter.systemtests.RunningSystem;
import org.aicenter.systemtests.Served;
import org.aicenter.testing.Concurrently;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The concurrency rules across replicas: the system started as {@code ./aic up --replicas 2}
 * starts it (two instances of every service on the same databases, one gateway), and each burst
 * of requests spread over the instances, request i to instance i mod 2, so that the replicas race
 * each other and not only their own threads. As in the services' own concurrency tests, the
 * partners named are known to every replica before a burst (each replica has looked them up once),
 * so a burst races for the seats, codes, keys and versions, not for cold lookups. A 503 with
 * Retry-After (nothing written: every connection of a replica's pool was busy for the pool's whole
 * wait) is retried as a client does, and counted. Then one replica of partner-service killed under
 * load through the gateway (the reliability run's replica-kill scenario).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicasIT {

    private static final int REPLICAS = 2;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static RunningSystem system;
    private static Workload workload;
    private static DataChecks data;
    private static String admin;
    private static final String RUN = UUID.randomUUID().toString().substring(0, 6);
    private static final AtomicInteger RETRIED = new AtomicInteger();
    private static final AtomicInteger WARM_UPS = new AtomicInteger();
    private static List<String> twoPartners;
    private static String warmUpProgramme;

    @BeforeAll
    static void startWithTwoReplicas() throws Exception {
        Path root = Path.of(System.getProperty("aic.root", "..")).toAbsolutePath().normalize();
        Path dataDir = root.resolve("system-tests/target/aic-data-replicas");
        long began = System.nanoTime();
        System.out.println("Starting the system with " + REPLICAS + " instances of every service (data in " + dataDir + ") ...");
        system = RunningSystem.start(root, dataDir, REPLICAS, System.out);
        System.out.printf("Started in %.1f s%n", (System.nanoTime() - began) / 1e9);
        workload = new Workload(system, TIMEOUT);
        workload.seed();
        data = new DataChecks(system);
        admin = system.bearer("replicas-admin", "admin");
        twoPartners = List.of(workload.partners.get(0), workload.partners.get(1));
        warmUpProgramme = workload.programme("副本预热 " + RUN, 10);
    }

    /**
     * Every replica of the module learns the two partners (one write each, kept 30 s by its
     * partner-client) just before a burst.
     */
    private static void partnersKnownTo(String module) {
        List<Http> replicas = instances(module);
        for (int i = 0; i < REPLICAS; i++) {
            String name = "warm-" + i + "-" + WARM_UPS.incrementAndGet() + "." + RUN;
            Http.Reply reply = module.equals("project-service")
                    ? replicas.get(i).postJson("/api/v1/projects", admin, workload.project(name, twoPartners))
                    : replicas.get(i).postJson("/api/v1/programmes/" + warmUpProgramme + "/enrolments", admin,
                    workload.enrolment(name + "@replicas.example.cn", twoPartners.get(0)));
            assertEquals(201, reply.status(), module + " replica " + (i + 1) + ": " + reply);
        }
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    @Order(1)
    void everyServiceRunsTwoInstancesOnTheirOwnPorts() {
        for (String module : List.of("partner-service", "project-service", "training-service")) {
            List<ServiceInstance> instances = system.instancesOf(module);
            assertEquals(REPLICAS, instances.size(), module);
            assertEquals(REPLICAS, instances.stream().map(ServiceInstance::port).distinct().count(), module);
            for (ServiceInstance instance : instances) {
                assertEquals(200, new Http(instance.url(), TIMEOUT).get("/q/health/ready", null).status(), instance.name());
            }
        }
        assertEquals(1, system.instancesOf("gateway").size(), "one gateway in front");
    }

    @Test
    @Order(2)
    void twoHundredEnrolmentsForTwentySeatsOverTheReplicas() throws Exception {
        String programme = workload.programme("副本课程 " + RUN, 20);
        List<Http> training = instances("training-service");
        Map<String, Long> before = Served.byInstance(system, "training-service");
        partnersKnownTo("training-service");
        int retriedBefore = RETRIED.get();
        List<Http.Reply> answers = Concurrently.run(200, i -> retried(() -> training.get(i % REPLICAS)
                .postJson("/api/v1/programmes/" + programme + "/enrolments", admin,
                        workload.enrolment("seat-" + i + "." + RUN + "@replicas.example.cn", twoPartners.get(0)))));
        Map<String, Long> served = Served.since(before, Served.byInstance(system, "training-service"));
        assertEquals(Set.of(201), answers.stream().map(Http.Reply::status).collect(Collectors.toSet()), statuses(answers));

        List<Map<String, Object>> all = enrolments(training.get(1), programme);
        long enrolled = all.stream().filter(e -> "ENROLLED".equals(e.get("status"))).count();
        List<Integer> positions = all.stream().filter(e -> "WAITLISTED".equals(e.get("status")))
                .map(e -> (Integer) e.get("waitlistPosition")).sorted().toList();
        System.out.println("ReplicasIT: 200 concurrent enrolments for 20 seats, " + byReplica(answers, training)
                + " (503 retried: " + (RETRIED.get() - retriedBefore) + "), API requests per replica " + served + ": " + enrolled + " ENROLLED, " + positions.size()
                + " WAITLISTED, positions " + positions.get(0) + ".." + positions.get(positions.size() - 1) + " ("
                + positions.stream().distinct().count() + " distinct)");
        assertEquals(200, all.size());
        assertEquals(20, enrolled, "exactly the capacity is ENROLLED");
        assertEquals(IntStream.rangeClosed(1, 180).boxed().toList(), positions, "waitlist positions 1..180, each once");
        servedByEvery(served);
    }

    @Test
    @Order(3)
    void fiftyConcurrentCreatesOverTheReplicasGetFiftyDistinctCodes() throws Exception {
        List<Http> projects = instances("project-service");
        String prefix = "副本项目 " + RUN + " ";
        partnersKnownTo("project-service");
        int retriedBefore = RETRIED.get();
        List<Http.Reply> answers = Concurrently.run(50, i -> retried(() -> projects.get(i % REPLICAS)
                .postJson("/api/v1/projects", admin, workload.project(prefix + i, twoPartners))));
        assertEquals(Set.of(201), answers.stream().map(Http.Reply::status).collect(Collectors.toSet()), statuses(answers));
        Set<String> codes = answers.stream().map(reply -> reply.json().path("code").asText()).collect(Collectors.toSet());
        Map<String, Integer> rows = data.projectsByTitle(prefix);
        System.out.println("ReplicasIT: 50 concurrent project creates, " + byReplica(answers, projects)
                + " (503 retried: " + (RETRIED.get() - retriedBefore) + "): "
                + codes.size() + " distinct codes, " + rows.size() + " projects in the database");
        assertEquals(50, codes.size(), "every project has its own code: " + codes);
        assertEquals(50, rows.size());
        assertTrue(rows.values().stream().allMatch(count -> count == 1), rows.toString());
    }

    @Test
    @Order(4)
    void twelveRetriesOfOneIdempotencyKeyOverTheReplicasMakeOneRecord() throws Exception {
        List<Http> projects = instances("project-service");
        String title = "副本幂等 " + RUN;
        Map<String, Object> body = workload.project(title, twoPartners);
        String key = "replicas-" + RUN;
        partnersKnownTo("project-service");
        int retriedBefore = RETRIED.get();
        List<Http.Reply> answers = Concurrently.run(12, i -> retried(() -> projects.get(i % REPLICAS)
                .request("POST", "/api/v1/projects").auth(admin).header("Idempotency-Key", key).json(body).send()));
        Set<String> ids = answers.stream().map(reply -> reply.json().path("id").asText()).collect(Collectors.toSet());
        long replayed = answers.stream().filter(reply -> "true".equals(reply.header("Idempotent-Replayed"))).count();
        Map<String, Integer> rows = data.projectsByTitle(title);
        System.out.println("ReplicasIT: 12 concurrent retries of one Idempotency-Key, " + byReplica(answers, projects)
                + " (503 retried: " + (RETRIED.get() - retriedBefore) + "): "
                + ids.size() + " distinct id, " + replayed + " replayed answers, records " + rows);
        assertTrue(answers.stream().allMatch(reply -> reply.status() == 201), statuses(answers));
        assertEquals(1, ids.size(), "every answer names the one record: " + ids);
        assertEquals(11, replayed, "one created it, the eleven others were given its answer again");
        assertEquals(Map.of(title, 1), rows, "one record for the key");
    }

    @Test
    @Order(5)
    void twentyRacingPutsWithOneEtagOverTheReplicasHaveOneWinner() throws Exception {
        List<Http> partners = instances("partner-service");
        Http.Reply created = partners.get(0).postJson("/api/v1/partners", admin, workload.partner("副本竞争 " + RUN));
        assertEquals(201, created.status(), created.toString());
        String path = "/api/v1/partners/" + created.json().path("id").asText();
        List<Http.Reply> answers = Concurrently.run(20, i -> {
            Map<String, Object> body = new java.util.LinkedHashMap<>(workload.partner("副本竞争 " + RUN + " " + i));
            body.put("nameEn", "writer-" + i);
            return retried(() -> partners.get(i % REPLICAS).request("PUT", path).auth(admin).ifMatch(created.etag())
                    .json(body).send());
        });
        List<Integer> statuses = answers.stream().map(Http.Reply::status).toList();
        Http.Reply winner = answers.stream().filter(reply -> reply.status() == 200).findFirst().orElseThrow(
                () -> new AssertionError("no PUT won: " + statuses));
        Http.Reply after = partners.get(1).get(path, admin);
        System.out.println("ReplicasIT: 20 racing PUTs with one ETag, " + byReplica(answers, partners) + ": "
                + statuses.stream().filter(s -> s == 200).count() + " won, " + statuses.stream().filter(s -> s == 412).count()
                + " refused with 412; the partner holds " + after.json().path("nameEn").asText() + ", version "
                + after.json().path("version").asInt());
        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        assertEquals(19, statuses.stream().filter(s -> s == 412).count(), statuses.toString());
        assertEquals(winner.json().path("nameEn").asText(), after.json().path("nameEn").asText());
        assertEquals(1, after.json().path("version").asInt());
    }

    @Test
    @Order(6)
    void oneReplicaKilledUnderLoadLosesNoWriteAndTheGatewayAnswersThroughTheOther() {
        Reliability.Outcome outcome = Reliability.replicaKill(system, "partner-service");
        outcome.summary().forEach(line -> System.out.println("ReplicasIT: " + line));
        assertEquals(List.of(), outcome.failures());
    }

    /**
     * The answer, after retrying (up to 20 times, as Retry-After says, at most 1 s apart) a 503
     * that says to retry: nothing was written, so the same request again is what a client sends.
     */
    private static Http.Reply retried(java.util.function.Supplier<Http.Reply> request) {
        Http.Reply reply = request.get();
        for (int attempt = 0; attempt < 20 && reply.status() == 503 && reply.header("Retry-After") != null; attempt++) {
            RETRIED.incrementAndGet();
            Processes.sleep(Math.min(1_000, 1_000L * Long.parseLong(reply.header("Retry-After").trim())));
            reply = request.get();
        }
        return reply;
    }

    private static List<Http> instances(String module) {
        List<Http> clients = new ArrayList<>();
        system.instancesOf(module).forEach(instance -> clients.add(new Http(instance.url(), TIMEOUT)));
        assertEquals(REPLICAS, clients.size(), module + " runs " + REPLICAS + " instances");
        return clients;
    }

    /** Every programme's enrolment, page by page, read from {@code replica}. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> enrolments(Http replica, String programme) {
        List<Map<String, Object>> all = new ArrayList<>();
        for (int page = 0; ; page++) {
            Http.Reply reply = replica.get("/api/v1/programmes/" + programme + "/enrolments?size=200&page=" + page, admin);
            assertEquals(200, reply.status(), reply.toString());
            reply.json().path("items").forEach(item -> all.add(Http.JSON.convertValue(item, Map.class)));
            if (page + 1 >= reply.json().path("totalPages").asInt()) {
                return all;
            }
        }
    }

    /** How the answers came back from each replica: {@code replica 1 {201=100}, replica 2 {201=100}}. */
    private static String byReplica(List<Http.Reply> answers, List<Http> replicas) {
        Map<Integer, Map<Integer, Integer>> counts = new TreeMap<>();
        for (int i = 0; i < answers.size(); i++) {
            counts.computeIfAbsent(i % replicas.size() + 1, k -> new TreeMap<>()).merge(answers.get(i).status(), 1, Integer::sum);
        }
        return counts.entrySet().stream().map(e -> "replica " + e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }

    private static void servedByEvery(Map<String, Long> served) {
        assertTrue(served.values().stream().allMatch(count -> count > 0), "every replica served requests: " + served);
    }

    private static String statuses(List<Http.Reply> answers) {
        return answers.stream().filter(reply -> reply.status() != 201).limit(5).map(Http.Reply::toString).toList().toString();
    }
}

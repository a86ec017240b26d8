package org.aicenter.systemtests.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import org.aicenter.systemtests.Http;
import org.aicenter.systemtests.RunningSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The change feeds and the webhooks on them, end to end on a system of its own: concurrent random
 * creates, updates, transitions and deletions of every kind that has events (partners, projects,
 * milestones, outcomes, programmes, sessions, enrolments), project- and training-service each
 * SIGKILLed while writers are in the middle of their requests and started again; then a copy of
 * every such table built from the three feeds alone, read from their beginning through the gateway,
 * is compared with the services' own tables. Meanwhile a webhook receiver subscribed to every event
 * type is down for the first minute; afterwards it must have every event of the feeds since it
 * subscribed, each acknowledged once, every signature verified, in each feed's order.
 *
 * <p>The launched services inherit this JVM's environment; the module's failsafe configuration
 * sets AIC_WEBHOOKS_ALLOWED_HOSTS=localhost so that notification-service may deliver to this
 * receiver (outside such an allow-list, a loopback target is refused), and AIC_WEBHOOKS_RETRY_SCHEDULE
 * to retries at most 10 s apart (by the default schedule the head's next try may be 10 minutes after
 * the receiver came back).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChangeFeedIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int WRITERS = 6;
    private static final Duration WRITING = Duration.ofSeconds(75);
    private static final Duration RECEIVER_DOWN = Duration.ofSeconds(60);
    private static final List<String> FEEDS = List.of("/api/v1/partners/changes", "/api/v1/projects/changes",
            "/api/v1/programmes/changes");
    private static final List<String> THINGS = List.of("partner", "project", "milestone", "outcome", "programme",
            "session", "enrolment");

    private static RunningSystem system;
    private static Workload workload;
    private static Http gateway;
    private static String admin;
    private static WebhookReceiver receiver;
    /** Started again after a SIGKILL: kept until the last test has read the feeds. */
    private static Processes processes;
    /** Each feed's cursor just before the receiver subscribed: what it must receive starts after it. */
    private static final Map<String, String> SUBSCRIBED_AT = new LinkedHashMap<>();
    /** Every feed's events from its beginning, read after the writers stopped. */
    private static final Map<String, List<JsonNode>> EVENTS = new LinkedHashMap<>();

    private final Map<String, Map<Integer, AtomicInteger>> answers = new ConcurrentHashMap<>();
    private final List<String> partners = new CopyOnWriteArrayList<>();
    private final List<String> projects = new CopyOnWriteArrayList<>();
    private final List<String> drafts = new CopyOnWriteArrayList<>();
    private final List<String> published = new CopyOnWriteArrayList<>();
    /** {@code programmeId/enrolmentId} */
    private final List<String> enrolments = new CopyOnWriteArrayList<>();
    private final AtomicInteger sequence = new AtomicInteger();
    private static final AtomicInteger FAILED = new AtomicInteger();
    private static final List<String> FAILED_EXAMPLES = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        Path root = Path.of(System.getProperty("aic.root", "..")).toAbsolutePath().normalize();
        Path dataDir = root.resolve("system-tests/target/aic-data-feeds");
        long began = System.nanoTime();
        System.out.println("Starting the system for the change feeds (data in " + dataDir + ") ...");
        system = RunningSystem.start(root, dataDir, System.out);
        System.out.printf("Started in %.1f s%n", (System.nanoTime() - began) / 1e9);
        workload = new Workload(system, TIMEOUT);
        workload.seed();
        gateway = workload.gateway();
        admin = workload.admin();
        receiver = new WebhookReceiver(RunningSystem.freePorts(1).get(0));
    }

    @AfterAll
    static void stop() {
        if (processes != null) {
            processes.close();
        }
        if (receiver != null) {
            receiver.close();
        }
        if (system != null) {
            system.close();
        }
    }

    @Test
    @Order(1)
    void aCopyOfEveryTableBuiltFromTheFeedsAloneEqualsTheTablesAfterRandomWritesAndKills() throws Exception {
        for (String feed : FEEDS) {
            SUBSCRIBED_AT.put(feed, readAll(feed, null).next());
        }
        receiver.up();
        Http.Reply subscribed = gateway.postJson("/api/v1/webhooks", admin, Map.of("url", receiver.url(),
                "types", THINGS.stream().flatMap(thing -> List.of("created", "updated", "status-changed", "deleted").stream()
                        .map(change -> "org.aicenter." + thing + "." + change)).toList(),
                "description", "the change-feed system test's receiver"));
        assertEquals(201, subscribed.status(), subscribed.toString());
        receiver.trust(subscribed.json().path("secret").asText());
        receiver.down();
        Instant downAt = Instant.now();
        System.out.println("ChangeFeedIT: the webhook receiver subscribed to every type and went down at " + downAt);

        for (int i = 0; i < 3; i++) {
            published.add(workload.programme("变更流课程 " + workload.run() + "-" + i, 3));
        }
        Map<String, Duration> restarts = new LinkedHashMap<>();
        processes = new Processes(system);
        {
            ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
            Instant until = Instant.now().plus(WRITING);
            List<java.util.concurrent.Future<Integer>> written = new ArrayList<>();
            for (int i = 0; i < WRITERS; i++) {
                written.add(writers.submit(() -> {
                    int changes = 0;
                    while (Instant.now().isBefore(until)) {
                        randomChange();
                        changes++;
                    }
                    return changes;
                }));
            }
            Processes.sleep(15_000);
            processes.kill("project-service");
            restarts.put("project-service", processes.restart("project-service"));
            Processes.sleep(10_000);
            processes.kill("training-service");
            restarts.put("training-service", processes.restart("training-service"));
            long untilUp = Duration.between(Instant.now(), downAt.plus(RECEIVER_DOWN)).toMillis();
            Processes.sleep(Math.max(0, untilUp));
            receiver.up();
            System.out.println("ChangeFeedIT: the webhook receiver came back up at " + Instant.now());
            writers.shutdown();
            assertTrue(writers.awaitTermination(2, TimeUnit.MINUTES), "the writers stopped");
            List<Integer> perWriter = new ArrayList<>();
            for (java.util.concurrent.Future<Integer> writer : written) {
                perWriter.add(writer.get()); // a writer that died would throw here
            }
            System.out.println("ChangeFeedIT: " + WRITERS + " writers made " + perWriter + " random changes in "
                    + WRITING.toSeconds() + " s; unanswered (status 0, while a service was down): " + FAILED.get()
                    + (FAILED_EXAMPLES.isEmpty() ? "" : ", e.g. " + FAILED_EXAMPLES));

            System.out.println("ChangeFeedIT: answers to the random writes " + new TreeMap<>(answers)
                    + "; SIGKILLed mid-write and started again: " + restarts);
            List<String> serverErrors = answers.entrySet().stream()
                    .filter(e -> e.getValue().containsKey(500)).map(Map.Entry::getKey).toList();
            assertEquals(List.of(), serverErrors, "no request answered 500");

            for (String feed : FEEDS) {
                EVENTS.put(feed, readAll(feed, null).events());
            }
            Map<String, Map<String, String>> copy = new TreeMap<>();
            List<String> disorder = new ArrayList<>();
            Set<String> ids = new HashSet<>();
            List<String> duplicates = new ArrayList<>();
            Map<String, Integer> byType = new TreeMap<>();
            Map<String, List<String>> readAt = new HashMap<>();
            for (Map.Entry<String, List<JsonNode>> feed : EVENTS.entrySet()) {
                for (int i = 0; i < feed.getValue().size(); i++) {
                    readAt.computeIfAbsent(feed.getValue().get(i).path("id").asText(), k -> new ArrayList<>())
                            .add(feed.getKey() + "#" + i + "@" + feed.getValue().get(i).path("type").asText());
                }
            }
            for (List<JsonNode> events : EVENTS.values()) {
                Map<String, Long> versions = new HashMap<>();
                Set<String> gone = new HashSet<>();
                for (JsonNode event : events) {
                    String id = event.path("id").asText();
                    if (!ids.add(id)) {
                        duplicates.add(id);
                    }
                    String type = event.path("type").asText();
                    byType.merge(type, 1, Integer::sum);
                    String thing = type.substring("org.aicenter.".length(), type.lastIndexOf('.'));
                    String subject = thing + " " + event.path("subject").asText();
                    long version = event.path("version").asLong();
                    Long before = versions.put(subject, version);
                    if (gone.contains(subject)) {
                        disorder.add(subject + ": " + type + " after its deletion");
                    } else if (before != null && version < before) {
                        disorder.add(subject + ": version " + version + " after " + before);
                    }
                    Map<String, String> table = copy.computeIfAbsent(table(thing), t -> new TreeMap<>());
                    if (type.endsWith(".deleted")) {
                        gone.add(subject);
                        table.remove(event.path("subject").asText());
                    } else {
                        table.put(event.path("subject").asText(), row(thing, event));
                    }
                }
            }
            Map<String, Map<String, String>> tables = tables();
            System.out.println("ChangeFeedIT: " + ids.size() + " events in the three feeds " + byType);
            System.out.println("ChangeFeedIT: rows built from the feeds "
                    + copy.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().size(), (a, b) -> a, TreeMap::new))
                    + ", rows in the tables "
                    + tables.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().size(), (a, b) -> a, TreeMap::new)));
            assertEquals(List.of(), duplicates.stream().limit(20).map(id -> id + " read at " + readAt.get(id)).toList(),
                    duplicates.size() + " events read twice");
            assertEquals(List.of(), disorder.stream().limit(20).toList(), "each resource's events in the order of its versions");
            for (String table : tables.keySet()) {
                Map<String, String> built = copy.getOrDefault(table, Map.of());
                assertEquals(differences(tables.get(table), built), List.of(), table + ": the copy from the feeds differs");
            }
            assertTrue(tables.values().stream().allMatch(rows -> !rows.isEmpty()), "every table has rows: " + tables.keySet());
            for (String thing : THINGS) {
                assertTrue(byType.containsKey("org.aicenter." + thing + ".deleted") || thing.equals("enrolment"),
                        "the run deleted a " + thing + ": " + byType.keySet());
            }
        }
    }

    @Test
    @Order(2)
    void theWebhookReceiverGetsEveryEventOnceSignedAndInFeedOrderAfterBeingDownAMinute() {
        assertFalse(EVENTS.isEmpty(), "the feeds were read by the test before");
        Map<String, List<String>> expected = new LinkedHashMap<>();
        Set<String> all = new HashSet<>();
        for (String feed : FEEDS) {
            List<String> after = new ArrayList<>();
            for (JsonNode event : readAll(feed, SUBSCRIBED_AT.get(feed)).events()) {
                after.add(event.path("id").asText());
            }
            expected.put(feed, after);
            all.addAll(after);
        }
        int count = all.size();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(6));
        while (Instant.now().isBefore(deadline)
                && !receiver.accepted().stream().map(WebhookReceiver.Delivery::id).collect(Collectors.toSet()).containsAll(all)) {
            Processes.sleep(1_000);
        }
        List<WebhookReceiver.Delivery> accepted = receiver.accepted();
        Map<String, Long> perId = accepted.stream().collect(Collectors.groupingBy(WebhookReceiver.Delivery::id, Collectors.counting()));
        String drained = "";
        if (!accepted.isEmpty()) {
            long millis = Duration.between(accepted.get(0).at(), accepted.get(accepted.size() - 1).at()).toMillis();
            drained = String.format("; the first acknowledged %s, the last %.1f s later (%.0f deliveries/s)",
                    accepted.get(0).at(), millis / 1e3, accepted.size() * 1e3 / Math.max(1, millis));
        }
        System.out.println("ChangeFeedIT: the receiver was down " + RECEIVER_DOWN.toSeconds() + " s; " + count
                + " events expected, " + accepted.size() + " deliveries acknowledged (" + perId.size() + " ids), "
                + receiver.refused().size() + " refused by verification, " + receiver.attempts() + " requests reached it" + drained);
        assertEquals(List.of(), receiver.refused(), "every delivery's signature verifies");
        assertEquals(List.of(), all.stream().filter(id -> !perId.containsKey(id)).limit(10).toList(), "every event arrived");
        assertEquals(List.of(), perId.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList(),
                "each event acknowledged once");
        List<String> arrival = accepted.stream().map(WebhookReceiver.Delivery::id).toList();
        for (Map.Entry<String, List<String>> feed : expected.entrySet()) {
            List<String> inOrder = arrival.stream().filter(new HashSet<>(feed.getValue())::contains).toList();
            assertEquals(feed.getValue(), inOrder, feed.getKey() + ": delivered in the feed's order");
        }
        for (WebhookReceiver.Delivery delivery : accepted) {
            JsonNode event = Http.JSON.valueToTree(parse(delivery.body()));
            assertEquals(delivery.id(), event.path("id").asText(), "webhook-id is the event's id");
        }

        WebhookReceiver.Delivery one = accepted.get(accepted.size() / 2);
        String secret = subscriptionSecretCheck(one);
        String tampered = one.body().replaceFirst("\"version\":(\\d+)", "\"version\":9$1");
        assertTrue(!tampered.equals(one.body()), "the body was changed");
        assertFalse(WebhookReceiver.verifies(secret, one.id(), one.timestamp(), tampered, one.signatures()),
                "a tampered body fails verification");
        assertFalse(WebhookReceiver.verifies(secret, one.id(), one.timestamp() + 1, one.body(), one.signatures()),
                "a changed timestamp fails verification");
        assertFalse(WebhookReceiver.verifies("whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]),
                one.id(), one.timestamp(), one.body(), one.signatures()), "another secret fails verification");
    }

    /** The secret the receiver trusts, checked to verify {@code delivery} as it came. */
    private static String subscriptionSecretCheck(WebhookReceiver.Delivery delivery) {
        String secret = receiver.secret();
        assertTrue(WebhookReceiver.verifies(secret, delivery.id(), delivery.timestamp(), delivery.body(), delivery.signatures()),
                "the delivery as it came verifies");
        return secret;
    }

    private static Object parse(String body) {
        try {
            return Http.JSON.readTree(body.getBytes(StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new AssertionError("a delivery's body is not JSON: " + body, e);
        }
    }

    // ---------------------------------------------------------------- the random writes

    private record Change(String name, int weight, Supplier<Http.Reply> request) {
    }

    private void randomChange() {
        List<Change> changes = List.of(
                new Change("partner create", 8, () -> created(partners,
                        gateway.postJson("/api/v1/partners", admin, workload.partner("变更流伙伴 " + unique())))),
                new Change("partner patch", 6, () -> patch(resource("/api/v1/partners/", partners),
                        Map.of("nameEn", "Feed partner " + unique()))),
                new Change("partner transition", 6, () -> transition(resource("/api/v1/partners/", partners),
                        pick(List.of("ACTIVE", "SUSPENDED", "ENDED")))),
                new Change("partner delete", 4, () -> delete(resource("/api/v1/partners/", partners), partners)),
                new Change("project create", 6, () -> created(projects,
                        gateway.postJson("/api/v1/projects", admin, workload.project("变更流项目 " + unique())))),
                new Change("project patch", 4, () -> patch(resource("/api/v1/projects/", projects),
                        Map.of("title", "变更流项目 " + unique()))),
                new Change("project transition", 3, () -> transition(resource("/api/v1/projects/", projects),
                        pick(List.of("APPROVED", "ACTIVE", "CANCELLED")))),
                new Change("project delete", 3, () -> delete(resource("/api/v1/projects/", projects), projects)),
                new Change("milestone create", 4, () -> createIn(resource("/api/v1/projects/", projects), "milestones",
                        workload.milestone("变更流里程碑 " + unique()))),
                new Change("milestone patch", 4, () -> patch(part(resource("/api/v1/projects/", projects), "milestones"),
                        ThreadLocalRandom.current().nextBoolean() ? Map.of("title", "变更流里程碑 " + unique())
                                : Map.of("status", pick(List.of("IN_PROGRESS", "DONE"))))),
                new Change("milestone delete", 3, () -> delete(part(resource("/api/v1/projects/", projects), "milestones"), null)),
                new Change("outcome create", 4, () -> createIn(resource("/api/v1/projects/", projects), "outcomes",
                        workload.outcome("Feed outcome " + unique()))),
                new Change("outcome patch", 3, () -> patch(part(resource("/api/v1/projects/", projects), "outcomes"),
                        Map.of("title", "Feed outcome " + unique()))),
                new Change("outcome delete", 3, () -> delete(part(resource("/api/v1/projects/", projects), "outcomes"), null)),
                new Change("programme create", 4, () -> created(drafts,
                        gateway.postJson("/api/v1/programmes", admin, workload.programmeBody("变更流草稿 " + unique(), 3)))),
                new Change("programme publish", 3, () -> publish(resource("/api/v1/programmes/", drafts))),
                new Change("programme patch", 3, () -> patch(resource("/api/v1/programmes/", ThreadLocalRandom.current().nextBoolean()
                        ? drafts : published), Map.of("title", "变更流课程 " + unique()))),
                new Change("programme delete", 3, () -> delete(resource("/api/v1/programmes/", drafts), drafts)),
                new Change("session create", 4, () -> createIn(resource("/api/v1/programmes/", programmes()), "sessions",
                        workload.session("变更流课时 " + unique()))),
                new Change("session put", 3, () -> put(part(resource("/api/v1/programmes/", programmes()), "sessions"),
                        workload.session("变更流课时 " + unique()))),
                new Change("session delete", 3, () -> delete(part(resource("/api/v1/programmes/", programmes()), "sessions"), null)),
                new Change("enrol", 10, this::enrol),
                new Change("enrolment cancel", 5, () -> transition(resource("/api/v1/programmes/", enrolments), "CANCELLED")));
        int total = changes.stream().mapToInt(Change::weight).sum();
        int draw = ThreadLocalRandom.current().nextInt(total);
        for (Change change : changes) {
            draw -= change.weight();
            if (draw < 0) {
                Http.Reply reply = change.request().get();
                if (reply != null && reply.status() == 0) {
                    FAILED.incrementAndGet();
                    if (FAILED_EXAMPLES.size() < 3) {
                        FAILED_EXAMPLES.add(change.name() + ": " + reply.failure());
                    }
                }
                answers.computeIfAbsent(change.name(), k -> new ConcurrentHashMap<>())
                        .computeIfAbsent(reply == null ? -1 : reply.status(), k -> new AtomicInteger()).incrementAndGet();
                return;
            }
        }
    }

    private Http.Reply enrol() {
        String programme = pick(published);
        Http.Reply reply = gateway.postJson("/api/v1/programmes/" + programme + "/enrolments", admin,
                workload.enrolment("feed-" + unique() + "@feeds.example.cn", workload.partners.get(0)));
        if (reply.status() == 201) {
            enrolments.add(programme + "/enrolments/" + reply.json().path("id").asText());
        }
        return reply;
    }

    private Http.Reply publish(String path) {
        Http.Reply reply = transition(path, "PUBLISHED");
        if (reply != null && reply.status() == 200) {
            String id = path.substring(path.lastIndexOf('/') + 1);
            drafts.remove(id);
            published.add(id);
        }
        return reply;
    }

    private List<String> programmes() {
        return ThreadLocalRandom.current().nextBoolean() ? drafts : published;
    }

    private String unique() {
        return workload.run() + "-" + sequence.incrementAndGet();
    }

    private static Http.Reply created(List<String> into, Http.Reply reply) {
        if (reply.status() == 201) {
            into.add(reply.json().path("id").asText());
        }
        return reply;
    }

    /** The path of a random one of {@code ids} under {@code collection}, or null when there is none yet. */
    private static String resource(String collection, List<String> ids) {
        String id = pick(ids);
        return id == null ? null : collection + id;
    }

    /** A new part of the resource ({@code milestones} of a project, say); null when there is no resource. */
    private static Http.Reply createIn(String resource, String parts, Object body) {
        return resource == null ? null : gateway.postJson(resource + "/" + parts, admin, body);
    }

    /** The path of a random part of the resource ({@code milestones} of a project, say), or null. */
    private static String part(String resource, String parts) {
        if (resource == null) {
            return null;
        }
        Http.Reply list = gateway.get(resource + "/" + parts + "?size=50", admin);
        if (list.status() != 200 || list.json().path("items").isEmpty()) {
            return null;
        }
        JsonNode items = list.json().path("items");
        return resource + "/" + parts + "/" + items.get(ThreadLocalRandom.current().nextInt(items.size())).path("id").asText();
    }

    private static Http.Reply patch(String path, Map<String, ?> changes) {
        return withEtag(path, etag -> gateway.request("PATCH", path).auth(admin).ifMatch(etag)
                .body(Http.JSON.valueToTree(changes).toString().getBytes(StandardCharsets.UTF_8), "application/merge-patch+json").send());
    }

    private static Http.Reply put(String path, Map<String, ?> body) {
        return withEtag(path, etag -> gateway.request("PUT", path).auth(admin).ifMatch(etag).json(body).send());
    }

    private static Http.Reply transition(String path, String to) {
        return withEtag(path, etag -> gateway.request("POST", path + "/transitions").auth(admin).ifMatch(etag)
                .json(Map.of("to", to, "reason", "change-feed system test")).send());
    }

    private static Http.Reply delete(String path, List<String> from) {
        Http.Reply reply = withEtag(path, etag -> gateway.request("DELETE", path).auth(admin).ifMatch(etag).send());
        if (reply != null && reply.status() == 204 && from != null) {
            from.remove(path.substring(path.lastIndexOf('/') + 1));
        }
        return reply;
    }

    /** The change made with the resource's current ETag; null when there is no resource to change. */
    private static Http.Reply withEtag(String path, java.util.function.Function<String, Http.Reply> change) {
        if (path == null) {
            return null;
        }
        Http.Reply current = gateway.get(path, admin);
        if (current.status() != 200) {
            return current;
        }
        return change.apply(current.etag());
    }

    /** A random element, or null when there is none; safe while other writers add and remove. */
    private static <T> T pick(List<T> from) {
        List<T> now = List.copyOf(from);
        return now.isEmpty() ? null : now.get(ThreadLocalRandom.current().nextInt(now.size()));
    }

    // ---------------------------------------------------------------- feeds and tables

    private record Read(List<JsonNode> events, String next) {
    }

    /** Every event of the feed after {@code cursor} (from the beginning when null), page by page through the gateway. */
    private static Read readAll(String feed, String cursor) {
        List<JsonNode> events = new ArrayList<>();
        String after = cursor;
        while (true) {
            Http.Reply page = gateway.get(feed + "?limit=1000" + (after == null ? "" : "&after=" + after), admin);
            assertEquals(200, page.status(), feed + ": " + page);
            page.json().path("events").forEach(events::add);
            String next = page.json().path("next").asText();
            if (page.json().path("events").isEmpty()) {
                return new Read(events, next);
            }
            after = next;
        }
    }

    private static String table(String thing) {
        return switch (thing) {
            case "partner" -> "partners.partners";
            case "project" -> "projects.projects";
            case "milestone" -> "projects.project_milestones";
            case "outcome" -> "projects.project_outcomes";
            case "programme" -> "training.programmes";
            case "session" -> "training.programme_sessions";
            case "enrolment" -> "training.enrolments";
            default -> throw new IllegalArgumentException("an event of an unknown thing: " + thing);
        };
    }

    /** The row the event leaves: version, parent, status and name, as {@link #tables()} reads them from the tables. */
    private static String row(String thing, JsonNode event) {
        JsonNode data = event.path("data");
        String source = event.path("source").asText();
        String[] parts = source.split("/");
        String parent = parts.length > 5 ? parts[4] : "-";
        String name = text(data, thing.equals("partner") ? "name" : "title");
        String status = text(data, "status");
        if (thing.equals("enrolment")) {
            name = text(data, "waitlistPosition");
        }
        return event.path("version").asLong() + "|" + parent + "|" + status + "|" + name;
    }

    private static String text(JsonNode data, String field) {
        JsonNode value = data.path(field);
        return value.isMissingNode() || value.isNull() ? "-" : value.asText();
    }

    /** The same rows read from the services' databases. */
    private static Map<String, Map<String, String>> tables() throws SQLException {
        Map<String, String> queries = new LinkedHashMap<>();
        queries.put("partners.partners", "select id, version, null, status, name from partners");
        queries.put("projects.projects", "select id, version, null, status, title from projects");
        queries.put("projects.project_milestones", "select id, version, project_id, status, title from project_milestones");
        queries.put("projects.project_outcomes", "select id, version, project_id, null, title from project_outcomes");
        queries.put("training.programmes", "select id, version, null, status, title from programmes");
        queries.put("training.programme_sessions", "select id, version, programme_id, null, title from programme_sessions");
        queries.put("training.enrolments", "select id, version, programme_id, status, waitlist_position from enrolments");
        Map<String, Map<String, String>> tables = new TreeMap<>();
        for (Map.Entry<String, String> query : queries.entrySet()) {
            String database = query.getKey().substring(0, query.getKey().indexOf('.'));
            Map<String, String> rows = new TreeMap<>();
            try (Connection connection = system.connect(database); Statement statement = connection.createStatement();
                 ResultSet result = statement.executeQuery(query.getValue())) {
                while (result.next()) {
                    rows.put(result.getString(1), result.getLong(2) + "|" + orDash(result.getString(3)) + "|"
                            + orDash(result.getString(4)) + "|" + orDash(result.getString(5)));
                }
            }
            tables.put(query.getKey(), rows);
        }
        return tables;
    }

    private static String orDash(String value) {
        return value == null ? "-" : value;
    }

    /** Up to 20 rows that differ, as {@code id: table row / copy row}. */
    private static List<String> differences(Map<String, String> table, Map<String, String> copy) {
        Set<String> ids = new java.util.TreeSet<>(table.keySet());
        ids.addAll(copy.keySet());
        return ids.stream().filter(id -> !java.util.Objects.equals(table.get(id), copy.get(id)))
                .map(id -> id + ": table " + table.get(id) + " / feeds " + copy.get(id)).limit(20).toList();
    }
}

package org.aicenter.systemtests.reliability;

import org.aicenter.local.ServiceInstance;
import org.aicenter.local.ServiceModule;
import org.aicenter.systemtests.Http;
import org.aicenter.systemtests.RunningSystem;
import org.aicenter.systemtests.Served;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Faults and load against the real system, started as {@code ./aic up} starts it (its own data
 * folder, free ports). Each fault scenario runs under a steady mixed load through the gateway and
 * reports what clients saw, the acknowledged writes that were lost (must be 0) and the time to
 * recover; then N minutes of mixed load at about half the measured maximum rate, with figures per
 * minute. Exits 0 only when every check passed. Run by {@code reliability/run}.
 */
public final class Reliability {

    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(10);
    /** A 503 counts as quick when it comes within this (the services' pool waits up to 5 s for a connection). */
    private static final double QUICK_MILLIS = 6_000;
    private static final List<String> SERVICES = ServiceModule.withDatabase().stream().map(ServiceModule::name).toList();

    private final RunningSystem system;
    private final Processes processes;
    private final Workload workload;
    private final DataChecks data;
    private final Traffic traffic = new Traffic();
    private final List<String> failures = new ArrayList<>();
    private final List<String> summary = new ArrayList<>();

    private Reliability(RunningSystem system) {
        this.system = system;
        this.processes = new Processes(system);
        this.workload = new Workload(system, CLIENT_TIMEOUT);
        this.workload.attach(traffic);
        this.data = new DataChecks(system);
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("aic.root", ".")).toAbsolutePath().normalize();
        Path dataDir = Path.of(env("RELIABILITY_DATA_DIR", root.resolve("reliability/target/aic-data").toString()));
        double loadMinutes = Double.parseDouble(env("RELIABILITY_LOAD_MINUTES", "10"));
        List<String> scenarios = List.of(env("RELIABILITY_SCENARIOS",
                "partner-kill,postgres,service-kill,idempotency,load,replica-kill").split(","));
        System.out.println("Reliability run: scenarios " + scenarios + ", load " + loadMinutes + " min; data in " + dataDir);
        List<String> failures = new ArrayList<>();
        List<String> summary = new ArrayList<>();
        if (scenarios.stream().anyMatch(name -> !name.equals("replica-kill"))) {
            runOn(RunningSystem.start(root, dataDir, System.out), failures, summary, run -> {
                run.workload.seed();
                if (scenarios.contains("partner-kill")) {
                    run.partnerServiceKilled();
                }
                if (scenarios.contains("postgres")) {
                    run.postgresStoppedAndStarted();
                }
                if (scenarios.contains("service-kill")) {
                    run.serviceKilledMidWrites("project-service", run.workload.partnerDependentWrites());
                    run.serviceKilledMidWrites("training-service", run.workload.seatChurn());
                }
                if (scenarios.contains("idempotency")) {
                    run.retriesWhileSlow();
                }
                if (scenarios.contains("load")) {
                    run.load(loadMinutes);
                }
            });
        }
        if (scenarios.contains("replica-kill")) {
            // The other scenarios take a service away entirely; this one needs a second instance of each.
            Path replicasData = dataDir.resolveSibling(dataDir.getFileName() + "-replicas");
            System.out.println();
            System.out.println("Starting the system again with 2 instances of every service (./aic up --replicas 2), data in "
                    + replicasData);
            runOn(RunningSystem.start(root, replicasData, 2, System.out), failures, summary,
                    run -> run.replicasKilled(SERVICES));
        }
        System.out.println();
        System.out.println("==== Summary ====");
        summary.forEach(line -> System.out.println("  " + line));
        if (!failures.isEmpty()) {
            System.out.println("FAILED:");
            failures.forEach(f -> System.out.println("  - " + f));
        } else {
            System.out.println("PASSED: every scenario recovered by itself with 0 lost acknowledged writes.");
        }
        System.exit(failures.isEmpty() ? 0 : 1);
    }

    private interface Scenarios {
        void run(Reliability run) throws Exception;
    }

    /** Runs scenarios on a started system, then the check over all its writes, then stops it; collects what failed. */
    private static void runOn(RunningSystem system, List<String> failures, List<String> summary, Scenarios scenarios) {
        try {
            Outcome outcome = run(system, scenarios);
            failures.addAll(outcome.failures());
            summary.addAll(outcome.summary());
        } finally {
            system.close();
        }
    }

    /** Runs scenarios on a running system, then the check over all their writes; stops only what it restarted. */
    private static Outcome run(RunningSystem system, Scenarios scenarios) {
        Reliability run = new Reliability(system);
        // Ctrl-C: the services restarted here go too (the launcher's own hook stops the rest).
        Thread hook = new Thread(run.processes::close, "stop-restarted-services");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            scenarios.run(run);
            run.finalCheck();
        } catch (Exception | AssertionError e) {
            run.failures.add("the run stopped: " + e);
            e.printStackTrace(System.out);
        } finally {
            run.processes.close();
            Runtime.getRuntime().removeShutdownHook(hook);
        }
        return new Outcome(List.copyOf(run.failures), List.copyOf(run.summary));
    }

    /**
     * One replica of each of {@code modules} SIGKILLed in turn under load through the gateway, on
     * a system started with replicas ({@code RunningSystem.start(..., 2, ...)}); the system stays
     * up. Answers what failed (empty: passed) and a summary, after printing the counts.
     * {@code reliability/run} kills a replica of every service in turn (scenario replica-kill).
     */
    public static Outcome replicaKill(RunningSystem system, String... modules) {
        return run(system, run -> run.replicasKilled(List.of(modules)));
    }

    /** What a scenario run found: the checks that failed and one summary line per scenario. */
    public record Outcome(List<String> failures, List<String> summary) {
    }

    private void replicasKilled(List<String> modules) throws Exception {
        workload.seed();
        for (String module : modules) {
            replicaKilledUnderLoad(module);
        }
    }

    // ---------------------------------------------------------------- scenarios

    /** partner-service SIGKILLed while projects and enrolments are written; restarted; writes work again. */
    private void partnerServiceKilled() throws Exception {
        header("1. partner-service killed (SIGKILL) while projects and enrolments are written");
        int ledgerBefore = workload.ledger.size();
        Traffic.Running load = traffic.open(25, workload.partnerDependentWrites());
        long from = traffic.nowMillis();
        sleep(8_000);
        long killedAt = traffic.nowMillis();
        processes.kill("partner-service");
        System.out.println("  killed partner-service at +" + seconds(killedAt - from));
        // Longer than the services' cache of found partners (30 s), so writes must ask partner-service.
        sleep(40_000);
        long restartAt = traffic.nowMillis();
        Duration start = processes.restart("partner-service");
        long readyAt = traffic.nowMillis();
        System.out.println("  restarted it; ready after " + start.toMillis() / 1000.0 + " s");
        sleep(15_000);
        load.stop();
        long to = traffic.nowMillis();

        List<Traffic.Sample> all = traffic.between(from, to);
        List<Traffic.Sample> outage = traffic.between(killedAt, readyAt);
        Predicate<Traffic.Sample> dependent = s -> s.action().equals("create project") || s.action().equals("enrol");
        List<Traffic.Sample> outageWrites = outage.stream().filter(dependent).toList();
        long recoveredAt = recoveredAfter(readyAt, to, dependent, 3);
        report(all, outage);
        check(Traffic.count(outageWrites, s -> s.status() == 503) > 0, "writes got 503 while partner-service was down");
        check(Traffic.count(all, s -> s.status() >= 500 && s.status() != 503) == 0, "no 5xx other than 503");
        check(Traffic.count(all, s -> s.status() == 0) == 0, "every request was answered (none hung past "
                + CLIENT_TIMEOUT.toSeconds() + " s)");
        double slowest503 = outageWrites.stream().filter(s -> s.status() == 503).mapToLong(Traffic.Sample::latencyNanos).max().orElse(0) / 1e6;
        System.out.printf("  slowest 503 while it was down: %.0f ms%n", slowest503);
        check(slowest503 <= QUICK_MILLIS, "503s came quickly (slowest " + Math.round(slowest503) + " ms)");
        double recovery = recoveredAt < 0 ? Double.POSITIVE_INFINITY : (recoveredAt - readyAt) / 1000.0;
        System.out.printf("  writes succeed again %.1f s after partner-service was ready (limit 10 s), nothing else restarted%n", recovery);
        check(recovery <= 10, "writes succeed within 10 s of partner-service's restart");
        lostWrites(ledgerBefore, "partner-kill", recovery);
    }

    /** PostgreSQL stopped: 503, readiness DOWN, no thread pile-up; started: the services recover by themselves. */
    private void postgresStoppedAndStarted() throws Exception {
        header("2. PostgreSQL stopped and started again");
        int ledgerBefore = workload.ledger.size();
        Traffic.Running load = traffic.open(25, workload.mixed());
        long from = traffic.nowMillis();
        sleep(8_000);
        Map<String, Long> threadsBefore = threads();
        long stoppedAt = traffic.nowMillis();
        processes.stopPostgres();
        System.out.println("  stopped PostgreSQL at +" + seconds(stoppedAt - from) + " (fast shutdown)");
        sleep(8_000);
        Map<String, Integer> readiness = readiness();
        Map<String, Long> threadsDuring = threads();
        sleep(7_000);
        Map<String, Long> threadsLate = threads();
        long startAt = traffic.nowMillis();
        processes.startPostgres();
        long startedAt = traffic.nowMillis();
        System.out.println("  started PostgreSQL again at +" + seconds(startAt - from) + " (up after " + seconds(startedAt - startAt) + ")");
        sleep(20_000);
        load.stop();
        long to = traffic.nowMillis();
        List<Traffic.Sample> all = traffic.between(from, to);
        List<Traffic.Sample> outage = traffic.between(stoppedAt + 1_000, startAt);
        report(all, outage);
        System.out.println("  readiness while it was down: " + readiness);
        System.out.println("  threads under load before / 8 s down / 15 s down: " + threadsBefore + " / " + threadsDuring + " / " + threadsLate);
        check(readiness.values().stream().allMatch(status -> status == 503), "every service's readiness is DOWN (503) without the database");
        check(Traffic.count(all, s -> s.status() >= 500 && s.status() != 503) == 0,
                "503, never another 5xx, while it goes down, is down and comes back");
        check(Traffic.count(all, s -> s.status() == 0) == 0, "every request was answered");
        check(Traffic.maxMillis(outage) <= QUICK_MILLIS + 2_000, "answers stay quick while it is down (slowest "
                + Math.round(Traffic.maxMillis(outage)) + " ms)");
        for (String service : SERVICES) {
            // Requests wait at most the pool's 5 s for a connection, so the workers needed level off
            // instead of growing while the database stays away.
            long during = threadsDuring.getOrDefault(service, 0L);
            long late = threadsLate.getOrDefault(service, 0L);
            check(late <= during + 10 && late <= 200, service + " threads level off while the database is down ("
                    + threadsBefore.getOrDefault(service, 0L) + " -> " + during + " -> " + late + ")");
        }
        Predicate<Traffic.Sample> writes = Traffic.Sample::write;
        long recoveredAt = recoveredAfter(startedAt, to, writes, 5);
        double recovery = recoveredAt < 0 ? Double.POSITIVE_INFINITY : (recoveredAt - startedAt) / 1000.0;
        System.out.printf("  reads and writes succeed again %.1f s after PostgreSQL was back, nothing restarted%n", recovery);
        check(recovery <= 15, "the services recover by themselves within 15 s");
        Map<String, Integer> readyAfter = readiness();
        check(readyAfter.values().stream().allMatch(status -> status == 200), "every service is ready again: " + readyAfter);
        lostWrites(ledgerBefore, "postgres", recovery);
    }

    /** A service SIGKILLed in the middle of writes: after its restart nothing is half-written or lost. */
    private void serviceKilledMidWrites(String module, java.util.function.Supplier<Traffic.Action> mix) throws Exception {
        header("3. " + module + " killed (SIGKILL) in the middle of writes");
        int ledgerBefore = workload.ledger.size();
        Traffic.Running load = traffic.open(30, mix);
        long from = traffic.nowMillis();
        sleep(10_000);
        long killedAt = traffic.nowMillis();
        processes.kill(module);
        System.out.println("  killed " + module + " at +" + seconds(killedAt - from));
        Duration start = processes.restart(module);
        long readyAt = traffic.nowMillis();
        System.out.println("  restarted it; ready after " + start.toMillis() / 1000.0 + " s");
        sleep(10_000);
        load.stop();
        long to = traffic.nowMillis();
        List<Traffic.Sample> all = traffic.between(from, to);
        List<Traffic.Sample> outage = traffic.between(killedAt, readyAt);
        report(all, outage);
        check(Traffic.count(all, s -> s.status() >= 500 && s.status() != 503) == 0, "no 5xx other than 503");
        check(Traffic.count(all, s -> s.status() == 0) == 0, "every request was answered");
        long recoveredAt = recoveredAfter(readyAt, to, Traffic.Sample::write, 3);
        double recovery = recoveredAt < 0 ? Double.POSITIVE_INFINITY : (recoveredAt - readyAt) / 1000.0;
        System.out.printf("  writes succeed again %.1f s after %s was ready%n", recovery, module);
        check(recovery <= 10, "writes succeed again after the restart");
        List<String> broken = data.halfWritten("load " + workload.run());
        System.out.println("  half-written aggregates: " + broken.size() + (broken.isEmpty() ? "" : " " + broken.stream().limit(10).toList()));
        check(broken.isEmpty(), "no half-written aggregate after killing " + module);
        lostWrites(ledgerBefore, module + "-kill", recovery);
    }

    /**
     * The second of two replicas of {@code module} SIGKILLed under mixed load through the gateway:
     * the gateway takes it out of the turn and answers through the first, no acknowledged write
     * is lost; the requests in flight to it at the kill may fail, and are counted; restarted, it
     * serves again.
     */
    private void replicaKilledUnderLoad(String module) throws Exception {
        List<ServiceInstance> instances = system.instancesOf(module);
        if (instances.size() < 2) {
            throw new IllegalStateException("replica-kill needs 2 instances of " + module + ", the system runs " + instances.size());
        }
        String victim = instances.get(1).name();
        header("6. " + victim + " (one of " + instances.size() + " replicas of " + module + ") killed (SIGKILL) under load through the gateway");
        int ledgerBefore = workload.ledger.size();
        Traffic.Running load = traffic.open(30, workload.mixed());
        long from = traffic.nowMillis();
        Map<String, Long> start = Served.byInstance(system, module);
        sleep(8_000);
        Map<String, Long> beforeKill = Served.since(start, Served.byInstance(system, module));
        System.out.println("  API requests each replica served before the kill: " + beforeKill);
        check(beforeKill.values().stream().allMatch(count -> count > 0), "the gateway spread the load over every replica of " + module);
        long killedAt = traffic.nowMillis();
        processes.kill(victim);
        System.out.println("  killed " + victim + " at +" + seconds(killedAt - from));
        Map<String, Long> servedAtKill = Served.byInstance(system, module);
        sleep(12_000);
        long restartAt = traffic.nowMillis();
        Map<String, Long> whileDown = Served.since(servedAtKill, Served.byInstance(system, module));
        whileDown.remove(victim);
        System.out.println("  API requests the other replicas served while it was down: " + whileDown);
        Duration restart = processes.restart(victim);
        long readyAt = traffic.nowMillis();
        System.out.println("  restarted it; ready after " + restart.toMillis() / 1000.0 + " s");
        Map<String, Long> atReady = Served.byInstance(system, module);
        sleep(8_000);
        load.stop();
        long to = traffic.nowMillis();
        Map<String, Long> afterRestart = Served.since(atReady, Served.byInstance(system, module));
        System.out.println("  API requests each replica served after the restart: " + afterRestart);

        List<Traffic.Sample> all = traffic.between(from, to);
        List<Traffic.Sample> down = traffic.between(killedAt, restartAt);
        Predicate<Traffic.Sample> failed = s -> s.status() == 0 || s.status() >= 500;
        // What the dead replica itself makes clients see: the gateway's 503 for a connection it
        // closed (in flight) or refused. Timeouts and the like are the machine's load, counted apart.
        Predicate<Traffic.Sample> deadReplica = s -> s.status() >= 500 && s.failure() != null && s.failure().startsWith(module)
                && (s.failure().contains("closed the connection") || s.failure().contains("connection refused"));
        List<Traffic.Sample> before = traffic.between(from, killedAt - 2_000);
        List<Traffic.Sample> atKill = traffic.between(killedAt - 2_000, killedAt + 3_000);
        List<Traffic.Sample> alone = traffic.between(killedAt + 3_000, restartAt);
        List<Traffic.Sample> later = traffic.between(killedAt + 3_000, to);
        report(all, down);
        long twoXx = Traffic.count(down, s -> s.status() >= 200 && s.status() < 300);
        System.out.printf("  while it was down: %d of %d answers 2xx, %d 4xx (conflicts of the mix), %d 5xx or none%n", twoXx,
                down.size(), Traffic.count(down, s -> s.status() >= 400 && s.status() < 500), Traffic.count(down, failed));
        long failedAtKill = Traffic.count(atKill, failed);
        long deadAfter = Traffic.count(later, deadReplica);
        double rateBefore = rate(before, failed);
        double rateAlone = rate(alone, failed);
        System.out.printf("  5xx or no answer: %d of %d before the kill (%.1f %%), %d of %d within 2 s before to 3 s after it"
                        + " (%d of them the gateway's for %s), %d of %d from then until the restart (%.1f %%), %d of %d from the"
                        + " restart to the end; answers naming a closed or refused connection to %s after the kill window: %d%n",
                Traffic.count(before, failed), before.size(), rateBefore * 100, failedAtKill, atKill.size(),
                Traffic.count(atKill, deadReplica), module, Traffic.count(alone, failed), alone.size(), rateAlone * 100,
                Traffic.count(traffic.between(restartAt, to), failed), traffic.between(restartAt, to).size(), module, deadAfter);
        // About a second of requests to one of two replicas: what was in flight when it died. Reckoned from the
        // rate the window really had (the load aims at 30 requests/s, 15 to each replica; a busy machine drifts).
        long bound = Math.max(15, Math.round(Math.ceil(atKill.size() / 5.0 / 2)));
        check(failedAtKill <= bound, "the failures at the kill are the requests in flight to it: " + failedAtKill + " <= " + bound);
        check(deadAfter == 0, "after the kill no request is sent to the dead replica: 0 answers for a closed or refused"
                + " connection to " + module + " (" + deadAfter + ")");
        check(rateAlone <= rateBefore + 0.02, String.format("with one replica the answers are as good as with both: 5xx or none"
                + " %.1f %% alone, %.1f %% before the kill", rateAlone * 100, rateBefore * 100));
        check(whileDown.values().stream().allMatch(count -> count > 0), "the other replica served while " + victim + " was down");
        check(afterRestart.getOrDefault(victim, 0L) > 0, victim + " serves again once it is ready");
        List<String> broken = data.halfWritten("load " + workload.run());
        System.out.println("  half-written aggregates: " + broken.size() + (broken.isEmpty() ? "" : " " + broken.stream().limit(10).toList()));
        check(broken.isEmpty(), "no half-written aggregate after killing " + victim);
        summary.add(String.format("%s-kill: %d requests, %d failed at the kill (in flight), %d sent to the dead replica after it,"
                        + " %d 2xx of %d while it was down; 5xx or none %.1f %% before the kill, %.1f %% on one replica",
                victim, all.size(), failedAtKill, deadAfter, twoXx, down.size(), rateBefore * 100, rateAlone * 100));
        lostWrites(ledgerBefore, victim + "-kill", Double.NaN);
    }

    /** Clients time out and retry POSTs with the same Idempotency-Key while the service is slow: one record per key. */
    private void retriesWhileSlow() throws Exception {
        header("4. clients time out and retry POSTs with the same Idempotency-Key while the service is slow");
        Http impatient = new Http(system.gatewayUrl(), Duration.ofMillis(1_500));
        Http patient = new Http(system.gatewayUrl(), Duration.ofSeconds(30));
        String prefix = "idem " + workload.run() + " ";
        int keys = 12;
        Map<String, Integer> statuses = new ConcurrentHashMap<>();
        Map<String, List<String>> idsPerKey = new ConcurrentHashMap<>();
        long[] attempts = {0};
        // The service is slow: its table is locked, so every insert waits (reads still work).
        try (Connection lock = system.connect("projects"); Statement statement = lock.createStatement()) {
            lock.setAutoCommit(false);
            statement.execute("lock table projects in share row exclusive mode");
            long lockedAt = System.nanoTime();
            ExecutorService clients = Executors.newFixedThreadPool(keys);
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < keys; i++) {
                String title = prefix + i;
                String key = "retry-" + workload.run() + "-" + i;
                done.add(clients.submit(() -> {
                    Map<String, Object> body = workload.project(title);
                    String token = system.bearer("impatient-client-" + title.hashCode(), "admin");
                    for (int attempt = 0; attempt < 6; attempt++) {
                        Http.Reply reply = impatient.request("POST", "/api/v1/projects").auth(token)
                                .header("Idempotency-Key", key).json(body).send();
                        synchronized (attempts) {
                            attempts[0]++;
                        }
                        statuses.merge(reply.status() == 0 ? "timed out" : Integer.toString(reply.status()), 1, Integer::sum);
                        if (reply.status() == 201 || reply.status() == 200) {
                            idsPerKey.computeIfAbsent(title, k -> new java.util.concurrent.CopyOnWriteArrayList<>())
                                    .add(reply.json().path("id").asText());
                        }
                        sleep(300);
                    }
                    // A patient last retry after the service is fast again: it must get the one record back.
                    Http.Reply last = patient.request("POST", "/api/v1/projects").auth(token)
                            .header("Idempotency-Key", key).json(body).send();
                    statuses.merge("final " + last.status(), 1, Integer::sum);
                    if (last.status() == 201 || last.status() == 200) {
                        idsPerKey.computeIfAbsent(title, k -> new java.util.concurrent.CopyOnWriteArrayList<>())
                                .add(last.json().path("id").asText());
                    }
                    return null;
                }));
            }
            sleep(6_000);
            lock.commit();
            System.out.printf("  projects table locked for %.1f s while %d clients (1.5 s timeout) retried%n",
                    (System.nanoTime() - lockedAt) / 1e9, keys);
            for (Future<?> f : done) {
                f.get(3, TimeUnit.MINUTES);
            }
            clients.shutdown();
        }
        sleep(2_000);
        Map<String, Integer> rows = data.projectsByTitle(prefix);
        System.out.println("  requests sent: " + attempts[0] + " + " + keys + " final retries; by status " + new TreeMap<>(statuses));
        System.out.println("  records per key: " + new TreeMap<>(rows));
        long wrong = rows.values().stream().filter(count -> count != 1).count() + (keys - rows.size());
        long inconsistent = idsPerKey.values().stream().filter(ids -> ids.stream().distinct().count() > 1).count();
        check(wrong == 0, "exactly one record per Idempotency-Key (" + rows.size() + " keys with a record, " + wrong + " wrong)");
        check(inconsistent == 0, "every answer for a key names the same record");
        check(idsPerKey.size() == keys, "every client learned its record's id (" + idsPerKey.size() + " of " + keys + ")");
        summary.add(String.format("idempotency: %d requests, %d keys, records per key all 1: %s, lost acknowledged writes 0",
                attempts[0] + keys, keys, wrong == 0));
    }

    /** N minutes of mixed load at about half the measured maximum rate, figures per minute. */
    private void load(double minutes) throws Exception {
        header("5. load: " + minutes + " min of mixed reads and writes at about half the maximum rate");
        // Warm-up: services restarted by the scenarios above run cold code until the JIT has seen it.
        traffic.closed(16, Duration.ofSeconds(30), workload.mixed());
        long measureFrom = traffic.nowMillis();
        double max = traffic.closed(32, Duration.ofSeconds(30), workload.mixed());
        Collection<Traffic.Sample> measured = traffic.between(measureFrom, traffic.nowMillis());
        System.out.printf("  maximum (32 clients, closed loop, 30 s): %.0f requests/s, p99 %.0f ms, statuses %s%n",
                max, Traffic.percentile(measured, 99), Traffic.byStatus(measured));
        Map<String, List<Traffic.Sample>> perAction = new TreeMap<>();
        measured.forEach(sample -> perAction.computeIfAbsent(sample.action(), k -> new ArrayList<>()).add(sample));
        perAction.forEach((action, samples) -> System.out.printf("    %-18s %5d requests  p50 %5.0f ms  p99 %5.0f ms%n", action,
                samples.size(), Traffic.percentile(samples, 50), Traffic.percentile(samples, 99)));
        double rate = Math.max(5, max / 2);
        int ledgerBefore = workload.ledger.size();
        System.out.printf("  running at %.0f requests/s for %.1f min%n", rate, minutes);
        System.out.println("  minute  requests  rps    p50 ms  p99 ms  max ms  5xx  none  4xx   RSS MiB (partner/project/training/gateway)  PG connections (partners/projects/training, pool 24 each)");
        long start = traffic.nowMillis();
        Traffic.Running running = traffic.open(rate, workload.mixed());
        int total = (int) Math.ceil(minutes * 60);
        List<Map<String, Long>> rssPerMinute = new ArrayList<>();
        List<Double> p99s = new ArrayList<>();
        int maxConnections = 0;
        long fiveXx = 0;
        for (int second = 0, minute = 1; second < total; minute++) {
            int length = Math.min(60, total - second);
            long windowStart = start + second * 1000L;
            int peak = 0;
            for (int s = 0; s < length; s += 5) {
                sleep(Math.min(5, length - s) * 1000L);
                peak = Math.max(peak, data.connections().values().stream().mapToInt(Integer::intValue).max().orElse(0));
            }
            second += length;
            List<Traffic.Sample> window = traffic.between(windowStart, start + second * 1000L);
            Map<String, Long> rss = rss();
            Map<String, Integer> connections = data.connections();
            rssPerMinute.add(rss);
            double p99 = Traffic.percentile(window, 99);
            p99s.add(p99);
            long errors = Traffic.count(window, s -> s.status() >= 500);
            fiveXx += errors;
            maxConnections = Math.max(maxConnections, peak);
            System.out.printf("  %6d  %8d  %5.0f  %6.0f  %6.0f  %6.0f  %3d  %4d  %3d   %s   %s (peak %d)%n", minute, window.size(),
                    window.size() / (double) length, Traffic.percentile(window, 50), p99, Traffic.maxMillis(window), errors,
                    Traffic.count(window, s -> s.status() == 0), Traffic.count(window, s -> s.status() >= 400 && s.status() < 500),
                    rss.values().stream().map(v -> Long.toString(v / 1024)).toList(),
                    List.of(connections.getOrDefault("partners", 0), connections.getOrDefault("projects", 0),
                            connections.getOrDefault("training", 0)), peak);
        }
        running.stop();
        List<Traffic.Sample> all = traffic.between(start, traffic.nowMillis());
        System.out.println("  all: " + all.size() + " requests, by status " + Traffic.byStatus(all) + ", dropped by the client (queue full): "
                + running.dropped());
        check(fiveXx == 0, "zero 5xx under load (" + fiveXx + ")");
        check(Traffic.count(all, s -> s.status() == 0) == 0, "every request under load was answered");
        if (rssPerMinute.size() >= 2) {
            Map<String, Long> first = rssPerMinute.get(0);
            Map<String, Long> last = rssPerMinute.get(rssPerMinute.size() - 1);
            for (String name : first.keySet()) {
                double growth = (last.getOrDefault(name, 0L) - first.get(name)) / (double) first.get(name);
                System.out.printf("  %s resident memory: %d MiB after minute 1, %d MiB at the end (%+.1f %%)%n", name,
                        first.get(name) / 1024, last.getOrDefault(name, 0L) / 1024, growth * 100);
                check(growth < 0.15, name + " resident memory grows less than 15 % after the first minute");
            }
            double firstP99 = p99s.get(0);
            double lastP99 = p99s.get(p99s.size() - 1);
            System.out.printf("  p99 first minute %.0f ms, last minute %.0f ms%n", firstP99, lastP99);
            check(lastP99 <= Math.max(2 * firstP99, firstP99 + 100), "p99 stable from the first minute to the last");
        }
        int pool = Integer.parseInt(env("QUARKUS_DATASOURCE_JDBC_MAX_SIZE", "24"));
        check(maxConnections <= pool, "PostgreSQL connections per database stay within the pool (" + maxConnections + " <= " + pool + ")");
        lostWrites(ledgerBefore, "load", Double.NaN);
    }

    private void finalCheck() throws SQLException {
        header("Data check over the whole run");
        List<Workload.Ack> acks = List.copyOf(workload.ledger);
        List<String> lost = data.lost(acks);
        List<String> broken = data.halfWritten("load " + workload.run());
        System.out.println("  acknowledged writes: " + acks.size() + ", lost or changed: " + lost.size()
                + (lost.isEmpty() ? "" : " " + lost.stream().limit(10).toList()));
        System.out.println("  half-written aggregates: " + broken.size() + (broken.isEmpty() ? "" : " " + broken.stream().limit(10).toList()));
        check(lost.isEmpty(), "0 lost acknowledged writes over the whole run");
        check(broken.isEmpty(), "no half-written aggregate at the end");
        summary.add("whole run: " + acks.size() + " acknowledged writes, lost " + lost.size() + ", half-written aggregates " + broken.size());
    }

    // ---------------------------------------------------------------- helpers

    private void lostWrites(int ledgerBefore, String scenario, double recovery) throws SQLException {
        List<Workload.Ack> acks = new ArrayList<>(workload.ledger).subList(ledgerBefore, workload.ledger.size());
        List<String> lost = data.lost(acks);
        System.out.println("  acknowledged writes: " + acks.size() + ", lost: " + lost.size()
                + (lost.isEmpty() ? "" : " " + lost.stream().limit(10).toList()));
        check(lost.isEmpty(), scenario + ": 0 lost acknowledged writes");
        summary.add(String.format("%s: %d acknowledged writes, lost %d%s", scenario, acks.size(), lost.size(),
                Double.isNaN(recovery) ? "" : Double.isInfinite(recovery) ? ", never recovered"
                        : String.format(", recovered in %.1f s", recovery)));
    }

    /** The first moment after {@code after} from which {@code needed} answers in a row of the kind succeeded. */
    private long recoveredAfter(long after, long until, Predicate<Traffic.Sample> kind, int needed) {
        List<Traffic.Sample> later = new ArrayList<>(traffic.between(after, until).stream().filter(kind).toList());
        later.sort(java.util.Comparator.comparingLong(Traffic.Sample::plannedAtMillis));
        int run = 0;
        long firstOfRun = -1;
        for (Traffic.Sample sample : later) {
            if (sample.status() >= 200 && sample.status() < 300) {
                if (run == 0) {
                    firstOfRun = sample.plannedAtMillis();
                }
                if (++run >= needed) {
                    return firstOfRun;
                }
            } else if (sample.status() >= 500 || sample.status() == 0) {
                run = 0;
            }
        }
        return -1;
    }

    private static double rate(List<Traffic.Sample> samples, Predicate<Traffic.Sample> kind) {
        return samples.isEmpty() ? 0 : Traffic.count(samples, kind) / (double) samples.size();
    }

    private void report(List<Traffic.Sample> all, List<Traffic.Sample> outage) {
        System.out.println("  requests sent: " + all.size() + ", by status " + Traffic.byStatus(all));
        System.out.println("  during the fault: " + outage.size() + ", by status " + Traffic.byStatus(outage));
        Map<String, Map<String, Integer>> byAction = new TreeMap<>();
        for (Traffic.Sample sample : outage) {
            byAction.computeIfAbsent(sample.action(), k -> new TreeMap<>())
                    .merge(sample.status() == 0 ? "none" : Integer.toString(sample.status()), 1, Integer::sum);
        }
        byAction.forEach((action, counts) -> System.out.println("    " + action + ": " + counts));
        all.stream().filter(s -> s.status() == 0 || (s.status() >= 500 && s.status() != 503)).limit(5)
                .forEach(s -> System.out.println("    e.g. " + s.action() + " -> " + (s.status() == 0 ? s.failure() : s.status())));
    }

    private Map<String, Integer> readiness() {
        Map<String, Integer> status = new LinkedHashMap<>();
        for (String service : SERVICES) {
            status.put(service, new Http(system.urlOf(service), Duration.ofSeconds(8)).get("/q/health/ready", null).status());
        }
        return status;
    }

    private Map<String, Long> threads() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String service : SERVICES) {
            Processes.threads(processes.pidOf(service)).ifPresent(n -> counts.put(service, n));
        }
        return counts;
    }

    private Map<String, Long> rss() {
        Map<String, Long> rss = new LinkedHashMap<>();
        for (String module : ServiceModule.ALL.stream().map(ServiceModule::name).toList()) {
            rss.put(module, Processes.rssKib(processes.pidOf(module)).orElse(0L));
        }
        return rss;
    }

    private void check(boolean ok, String what) {
        System.out.println("  " + (ok ? "ok    " : "FAILED") + " " + what);
        if (!ok) {
            failures.add(what);
        }
    }

    private static void header(String title) {
        System.out.println();
        System.out.println("---- " + title + " ----");
    }

    private static String seconds(long millis) {
        return String.format("%.1f s", millis / 1000.0);
    }

    private static void sleep(long millis) {
        Processes.sleep(millis);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}

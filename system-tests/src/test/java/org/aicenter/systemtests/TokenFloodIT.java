package org.aicenter.systemtests;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The attack that once took the front door down, replayed against a gateway started exactly as
 * the launcher starts it in production (its JVM options, 64 MB heap included; the production rate
 * limits, not the raised ones the other system tests use): 8 clients without credentials send
 * 12,000 {@code GET /api/v1/partners}, each with a different 15 KB junk bearer token, over
 * keep-alive connections from their own loopback addresses. Meanwhile and right after, a user
 * with a valid token must get 200 within a second, the gateway must not run out of memory, and
 * what it holds on to after a full collection must stay where it was before the attack.
 */
@ExtendWith(SystemUnderTest.class)
class TokenFloodIT {

    private static final int CLIENTS = 8;
    private static final int REQUESTS = 12_000;
    private static final int TOKEN_CHARS = 15 * 1024;
    private static final Duration ATTACK_LIMIT = Duration.ofMinutes(2);
    private static final long VALID_WITHIN_MILLIS = 1_000;
    /** What the gateway may keep after the attack beyond what it kept before it (after a full GC both times). */
    private static final long RETAINED_LIMIT_KIB = 12 * 1024;

    @Test
    void twelveThousandJunkTokensLeaveTheGatewayAnsweringValidRequests() throws Exception {
        RunningSystem system = SystemUnderTest.system();
        try (SpareGateway gateway = SpareGateway.start(system)) {
            String valid = system.bearer("flood-bystander", "viewer");
            Http http = new Http(gateway.url(), Duration.ofSeconds(10));
            Http.Reply warm = http.get("/api/v1/partners?size=1", valid);
            assertEquals(200, warm.status(), "before the attack: " + warm);
            long baselineKib = gateway.heapAfterFullGcKib();

            AtomicBoolean attacking = new AtomicBoolean(true);
            List<Probe> during = Collections.synchronizedList(new ArrayList<>());
            AtomicLong heapMaxKib = new AtomicLong();
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS + 2);
            Future<?> prober = pool.submit(() -> {
                while (attacking.get()) {
                    during.add(Probe.of(http.get("/api/v1/partners?size=1", valid)));
                    pause(250);
                }
            });
            Future<?> sampler = pool.submit(() -> {
                while (attacking.get()) {
                    gateway.heapUsedKib().ifPresent(used -> heapMaxKib.accumulateAndGet(used, Math::max));
                    pause(200);
                }
            });
            Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
            long deadline = System.nanoTime() + ATTACK_LIMIT.toNanos();
            long began = System.nanoTime();
            List<Future<?>> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                String address = "127.0.0." + (2 + c);
                clients.add(pool.submit(() -> new JunkClient(gateway.uri(), address, statuses, deadline)
                        .send(REQUESTS / CLIENTS)));
            }
            for (Future<?> client : clients) {
                client.get(ATTACK_LIMIT.toSeconds() + 60, TimeUnit.SECONDS);
            }
            double attackSeconds = (System.nanoTime() - began) / 1e9;
            attacking.set(false);
            prober.get(30, TimeUnit.SECONDS);
            sampler.get(30, TimeUnit.SECONDS);
            pool.shutdownNow();

            List<Probe> after = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                after.add(Probe.of(http.get("/api/v1/partners?size=1", valid)));
            }
            boolean alive = gateway.process().isAlive();
            long retainedKib = alive ? gateway.heapAfterFullGcKibOrMinusOne() : -1;
            String log = Files.readString(gateway.log(), StandardCharsets.UTF_8);
            long outOfMemory = log.lines().filter(line -> line.contains("OutOfMemoryError")).count();

            Map<Integer, Long> counted = new TreeMap<>();
            statuses.forEach((status, count) -> counted.put(status, count.sum()));
            long answered = counted.entrySet().stream().filter(e -> e.getKey() > 0).mapToLong(Map.Entry::getValue).sum();
            System.out.printf(Locale.ROOT, "token flood: %d requests from %d clients in %.1f s, answers by status %s "
                            + "(0: none); gateway heap: %d KiB after a full GC before, at most %d KiB used during, "
                            + "%d KiB after a full GC after; OutOfMemoryError lines in its log: %d%n",
                    counted.values().stream().mapToLong(Long::longValue).sum(), CLIENTS, attackSeconds, counted,
                    baselineKib, heapMaxKib.get(), retainedKib, outOfMemory);
            System.out.println("token flood: valid requests during the attack (status ms): " + during);
            System.out.println("token flood: valid requests right after it (status ms): " + after);

            assertTrue(alive, "the gateway died; its log: " + gateway.log());
            assertEquals(0, outOfMemory, "the gateway ran out of memory; its log: " + gateway.log());
            assertEquals(REQUESTS, answered, "every junk request is answered within " + ATTACK_LIMIT + ": " + counted);
            assertTrue(counted.keySet().stream().allMatch(s -> s == 401 || s == 429),
                    "junk tokens get 401 (or 429 once the address is over its rate): " + counted);
            assertFalse(during.isEmpty(), "valid requests were made during the attack");
            for (List<Probe> probes : List.of(during, after)) {
                for (Probe probe : probes) {
                    assertTrue(probe.status() == 200 && probe.millis() <= VALID_WITHIN_MILLIS,
                            "a valid request gets 200 within " + VALID_WITHIN_MILLIS + " ms: during " + during + ", after " + after);
                }
            }
            assertTrue(retainedKib >= 0 && retainedKib - baselineKib <= RETAINED_LIMIT_KIB, "the attack left " + (retainedKib - baselineKib)
                    + " KiB more on the heap after a full GC (" + baselineKib + " -> " + retainedKib + " KiB)");
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One valid request's answer: status (0 for none) and time. */
    record Probe(int status, long millis) {
        static Probe of(Http.Reply reply) {
            return new Probe(reply.status(), TimeUnit.NANOSECONDS.toMillis(reply.nanos()));
        }

        @Override
        public String toString() {
            return status + " " + millis;
        }
    }

    /**
     * A client without credentials on its own loopback address: keep-alive requests, each with a
     * fresh junk token, read to the end of each answer; a connection the gateway closes is opened again.
     */
    static final class JunkClient {
        private static final byte[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
                .getBytes(StandardCharsets.US_ASCII);

        private final URI gateway;
        private final String address;
        private final Map<Integer, LongAdder> statuses;
        private final long deadline;
        private Socket socket;
        private InputStream in;
        private OutputStream out;

        JunkClient(URI gateway, String address, Map<Integer, LongAdder> statuses, long deadline) {
            this.gateway = gateway;
            this.address = address;
            this.statuses = statuses;
            this.deadline = deadline;
        }

        void send(int requests) {
            byte[] head = ("GET /api/v1/partners HTTP/1.1\r\nHost: " + gateway.getHost() + ":" + gateway.getPort()
                    + "\r\nAccept: application/json\r\nAuthorization: Bearer ").getBytes(StandardCharsets.US_ASCII);
            byte[] token = new byte[TOKEN_CHARS];
            byte[] end = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            try {
                for (int i = 0; i < requests && System.nanoTime() < deadline; i++) {
                    junk(token);
                    int status;
                    try {
                        if (socket == null) {
                            connect();
                        }
                        out.write(head);
                        out.write(token);
                        out.write(end);
                        out.flush();
                        status = readAnswer();
                    } catch (IOException e) {
                        status = 0;
                        close();
                    }
                    statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
                }
            } finally {
                close();
            }
        }

        /** Three dot-separated parts of random base64url, like a JWT but no JWT: every one different. */
        private static void junk(byte[] token) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            for (int i = 0; i < token.length; i++) {
                token[i] = ALPHABET[random.nextInt(ALPHABET.length)];
            }
            token[token.length / 3] = '.';
            token[2 * token.length / 3] = '.';
        }

        private void connect() throws IOException {
            socket = new Socket();
            socket.bind(new InetSocketAddress(address, 0));
            socket.connect(new InetSocketAddress(gateway.getHost(), gateway.getPort()), 5_000);
            socket.setSoTimeout(15_000);
            socket.setTcpNoDelay(true);
            in = new BufferedInputStream(socket.getInputStream());
            out = socket.getOutputStream();
        }

        /** The status of the answer, having read it whole; closes the connection when the gateway will. */
        private int readAnswer() throws IOException {
            String statusLine = line();
            if (!statusLine.startsWith("HTTP/1.1 ")) {
                throw new IOException("not an HTTP answer: " + statusLine);
            }
            int status = Integer.parseInt(statusLine.substring(9, 12));
            long length = 0;
            boolean chunked = false;
            boolean closing = false;
            for (String header = line(); !header.isEmpty(); header = line()) {
                String lower = header.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(lower.substring(15).trim());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                } else if (lower.startsWith("connection:") && lower.contains("close")) {
                    closing = true;
                }
            }
            if (chunked) {
                for (long size = Long.parseLong(line().split(";")[0].trim(), 16); size > 0;
                     size = Long.parseLong(line().split(";")[0].trim(), 16)) {
                    skip(size);
                    line();
                }
                line();
            } else {
                skip(length);
            }
            if (closing) {
                close();
            }
            return status;
        }

        private String line() throws IOException {
            StringBuilder text = new StringBuilder();
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new IOException("connection closed");
                }
                if (b != '\r') {
                    text.append((char) b);
                }
            }
            return text.toString();
        }

        private void skip(long bytes) throws IOException {
            for (long left = bytes; left > 0; ) {
                long skipped = in.skip(left);
                if (skipped <= 0) {
                    if (in.read() < 0) {
                        throw new IOException("connection closed");
                    }
                    skipped = 1;
                }
                left -= skipped;
            }
        }

        private void close() {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // Closing anyway.
                }
            }
            socket = null;
        }
    }

    /**
     * A second gateway beside the system's own, launched exactly like it (command line with the
     * production JVM options, environment, folder), on ports of its own and with the production
     * rate limits instead of the raised ones the other system tests run with.
     */
    static final class SpareGateway implements AutoCloseable {
        private static final List<String> RAISED_LIMITS = List.of("AIC_GATEWAY_RATE_LIMIT_RATE", "AIC_GATEWAY_RATE_LIMIT_BURST");

        private final Process process;
        private final URI uri;
        private final Path log;

        private SpareGateway(Process process, URI uri, Path log) {
            this.process = process;
            this.uri = uri;
            this.log = log;
        }

        static SpareGateway start(RunningSystem system) throws IOException {
            long pid = system.pidOf("gateway").orElseThrow(() -> new IllegalStateException("the gateway has no pid file"));
            List<Integer> ports = RunningSystem.freePorts(2);
            int port = ports.get(0);
            int managementPort = ports.get(1);
            Launch launch = Launch.of(pid)
                    // The class data (AOT cache or AppCDS archive) belongs to the system's gateway: only it writes at exit.
                    .without(argument -> argument.startsWith("-XX:ArchiveClassesAtExit=") || argument.startsWith("-XX:AOTCacheOutput="))
                    .withEnvironment(Map.of("QUARKUS_HTTP_PORT", Integer.toString(port),
                            "QUARKUS_MANAGEMENT_PORT", Integer.toString(managementPort)), RAISED_LIMITS);
            assertTrue(jvmArguments(launch.command()).contains("-Xmx64m"),
                    "the gateway runs with its production heap: " + launch.command());
            Path log = system.logOf("gateway-token-flood");
            Process process = launch.start(log, "gateway for TokenFloodIT on port " + port);
            SpareGateway gateway = new SpareGateway(process, URI.create("http://127.0.0.1:" + port), log);
            try {
                gateway.awaitLive(Duration.ofSeconds(120));
            } catch (RuntimeException e) {
                gateway.close();
                throw e;
            }
            return gateway;
        }

        Process process() {
            return process;
        }

        URI uri() {
            return uri;
        }

        String url() {
            return uri.toString();
        }

        Path log() {
            return log;
        }

        private void awaitLive(Duration timeout) {
            Http http = new Http(url(), Duration.ofSeconds(3));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the spare gateway exited with " + process.exitValue() + "; its log: " + log);
                }
                if (http.get("/q/health/live", null).status() == 200) {
                    return;
                }
                pause(300);
            }
            throw new IllegalStateException("the spare gateway was not live within " + timeout.toSeconds() + " s; its log: " + log);
        }

        /** Heap in use now (survivors, eden and the old generation), from jstat, which only reads the JVM's counters. */
        java.util.Optional<Long> heapUsedKib() {
            try {
                List<String> lines = run("jstat", "-gc", Long.toString(process.pid()));
                if (lines.size() < 2) {
                    return java.util.Optional.empty();
                }
                String[] names = lines.get(0).trim().split("\\s+");
                String[] values = lines.get(1).trim().split("\\s+");
                double used = 0;
                for (int i = 0; i < names.length && i < values.length; i++) {
                    if (List.of("S0U", "S1U", "EU", "OU").contains(names[i])) {
                        used += Double.parseDouble(values[i]);
                    }
                }
                return java.util.Optional.of((long) used);
            } catch (IOException | RuntimeException e) {
                return java.util.Optional.empty();
            }
        }

        /** The heap still in use after a full collection: what the gateway holds on to. */
        long heapAfterFullGcKib() throws IOException {
            run("jcmd", Long.toString(process.pid()), "GC.run");
            return heapUsedKib().orElseThrow(() -> new IllegalStateException("jstat could not read the gateway's heap"));
        }

        long heapAfterFullGcKibOrMinusOne() {
            try {
                return heapAfterFullGcKib();
            } catch (IOException | RuntimeException e) {
                System.out.println("token flood: cannot read the heap after the attack: " + e.getMessage());
                return -1;
            }
        }

        private static List<String> run(String tool, String... arguments) throws IOException {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", tool).toString());
            command.addAll(List.of(arguments));
            Process run = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            try {
                if (!run.waitFor(30, TimeUnit.SECONDS) || run.exitValue() != 0) {
                    throw new IOException(String.join(" ", command) + " failed: " + output);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            return output.lines().toList();
        }

        /** The JVM's arguments, those of an {@code @argfile} (runtime/jvm.options) read in. */
        private static List<String> jvmArguments(List<String> command) throws IOException {
            List<String> arguments = new ArrayList<>();
            for (String argument : command) {
                if (argument.startsWith("@")) {
                    for (String line : Files.readAllLines(Path.of(argument.substring(1)))) {
                        if (!line.isBlank() && !line.strip().startsWith("#")) {
                            arguments.addAll(List.of(line.strip().split("\\s+")));
                        }
                    }
                } else {
                    arguments.add(argument);
                }
            }
            return arguments;
        }

        @Override
        public void close() {
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

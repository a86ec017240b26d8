package org.aicenter.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Loads a service's demo data through its HTTP API with an admin token, once: a marker file in
 * the data folder remembers that it was loaded. Progress is kept per request, so a run that
 * stopped half way (Ctrl-C, a bad step) goes on where it stopped; creates also carry an
 * Idempotency-Key, so the one request that may have been sent without its progress being saved
 * is replayed by the service rather than done twice.
 */
final class DemoLoader {

    enum Outcome { LOADED, ALREADY_LOADED, NO_DEMO_DATA, FAILED, ABORTED }

    record Result(Outcome outcome, String message) {
    }

    private final ObjectMapper json;
    private final HttpClient http;
    private final Supplier<String> adminToken;
    private final Path demoDir;
    private final Path requestLog;
    private final BooleanSupplier stopping;

    DemoLoader(ObjectMapper json, Supplier<String> adminToken, Path demoDir, Path requestLog, BooleanSupplier stopping) {
        this.json = json;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        this.adminToken = adminToken;
        this.demoDir = demoDir;
        this.requestLog = requestLog;
        this.stopping = stopping;
    }

    Path markerOf(ServiceModule module) {
        return demoDir.resolve(module.name() + ".loaded");
    }

    private Path progressOf(ServiceModule module) {
        return demoDir.resolve(module.name() + ".progress");
    }

    Result load(ServiceModule module, String baseUrl) throws IOException {
        if (module.demoResource() == null) {
            return new Result(Outcome.NO_DEMO_DATA, "no demo data");
        }
        if (Files.exists(markerOf(module))) {
            return new Result(Outcome.ALREADY_LOADED, "demo data loaded on an earlier run (" + Files.readString(markerOf(module)).trim() + ")");
        }
        Optional<DemoPlan> found = DemoPlan.load(module.demoResource(), json);
        if (found.isEmpty()) {
            return new Result(Outcome.NO_DEMO_DATA, "no demo data (no " + module.demoResource() + " in local/src/main/resources)");
        }
        DemoPlan plan = found.get();
        DemoRefs refs = DemoRefs.open(demoDir.resolve("refs.json"), json);
        int done = readProgress(module);
        Files.createDirectories(requestLog.getParent());
        try (PrintWriter log = new PrintWriter(Files.newBufferedWriter(requestLog, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND), true)) {
            log.println("==== " + module.name() + " demo data from " + plan.resource() + " at " + Instant.now()
                    + (done > 0 ? ", going on after step " + done : ""));
            for (int index = done; index < plan.steps().size(); index++) {
                if (stopping.getAsBoolean()) {
                    return new Result(Outcome.ABORTED, "demo data stopped after step " + index + " of " + plan.steps().size());
                }
                DemoPlan.Step step = plan.steps().get(index);
                try {
                    run(module, index, step, baseUrl, refs, log);
                } catch (StepFailure | IllegalArgumentException e) {
                    log.println("FAILED: " + e.getMessage());
                    return new Result(Outcome.FAILED, "demo data stopped at step " + (index + 1) + " of "
                            + plan.steps().size() + " (" + step.describe() + "): " + e.getMessage()
                            + "\n    Fix " + plan.resource() + "; the next ./aic up goes on from that step.");
                } catch (IOException e) {
                    if (stopping.getAsBoolean()) {
                        return new Result(Outcome.ABORTED, "demo data stopped after step " + index + " of " + plan.steps().size());
                    }
                    log.println("FAILED: " + e);
                    return new Result(Outcome.FAILED, "demo data stopped at step " + (index + 1) + " of "
                            + plan.steps().size() + " (" + step.describe() + "): no answer from the service (" + e
                            + "); the next ./aic up goes on from that step.");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return new Result(Outcome.ABORTED, "demo data interrupted after step " + index);
                }
                writeProgress(module, index + 1);
            }
        }
        String summary = plan.count(DemoPlan.Kind.CREATE) + " created, " + plan.count(DemoPlan.Kind.TRANSITION)
                + " transitions, " + plan.count(DemoPlan.Kind.REQUEST) + " other requests";
        Files.writeString(markerOf(module), Instant.now() + ": " + summary + " from " + plan.resource() + "\n");
        Files.deleteIfExists(progressOf(module));
        return new Result(Outcome.LOADED, "demo data loaded: " + summary);
    }

    private void run(ServiceModule module, int index, DemoPlan.Step step, String baseUrl, DemoRefs refs, PrintWriter log)
            throws IOException, InterruptedException, StepFailure {
        String path = refs.resolve(step.path());
        JsonNode body = refs.resolve(step.body());
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + adminToken.get())
                .header("Accept", "application/json")
                .header("X-Request-Id", "aic-demo-" + module.name() + "-" + (index + 1));
        if (step.ifMatch() != null) {
            request.header("If-Match", currentETag(step.ifMatch(), baseUrl, refs));
        }
        if (step.kind() == DemoPlan.Kind.CREATE && step.method().equals("POST")) {
            // Stable per step: a request repeated after a crash is answered from the service's idempotency store.
            request.header("Idempotency-Key", "aic-demo-" + module.name() + "-" + (index + 1));
        }
        if (body != null) {
            String type = step.method().equals("PATCH") ? "application/merge-patch+json" : "application/json";
            request.header("Content-Type", type)
                    .method(step.method(), HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body), StandardCharsets.UTF_8));
        } else {
            request.method(step.method(), HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        boolean expected = step.expect().isEmpty()
                ? answer.statusCode() / 100 == 2
                : step.expect().contains(answer.statusCode());
        log.println((index + 1) + " " + step.method() + " " + path + " -> " + answer.statusCode());
        if (!expected) {
            throw new StepFailure("the service answered " + answer.statusCode() + ": " + problemText(answer.body()));
        }
        if (step.ref() != null) {
            JsonNode created = json.readTree(answer.body().isEmpty() ? "{}" : answer.body());
            if (!created.hasNonNull("id")) {
                throw new StepFailure("the answer has no id to remember as " + step.ref() + ": " + abbreviate(answer.body()));
            }
            String self = answer.headers().firstValue("Location").map(location -> URI.create(location).getRawPath())
                    .orElse(path + "/" + created.get("id").asText());
            refs.remember(step.ref(), self, created);
        }
    }

    /** The ETag of the resource a ref made (or of a path), read fresh so that earlier steps' changes count. */
    private String currentETag(String refOrPath, String baseUrl, DemoRefs refs)
            throws IOException, InterruptedException, StepFailure {
        String path = refOrPath.startsWith("/") ? refs.resolve(refOrPath) : refs.selfOf(refOrPath);
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + adminToken.get())
                .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (answer.statusCode() != 200) {
            throw new StepFailure("reading " + path + " for its ETag gave " + answer.statusCode() + ": " + problemText(answer.body()));
        }
        Optional<String> etag = answer.headers().firstValue("ETag");
        if (etag.isPresent()) {
            return etag.get();
        }
        JsonNode version = json.readTree(answer.body()).get("version");
        if (version == null) {
            throw new StepFailure(path + " has neither an ETag header nor a version field");
        }
        return "\"" + version.asText() + "\"";
    }

    private String problemText(String body) {
        try {
            JsonNode problem = json.readTree(body);
            StringBuilder text = new StringBuilder();
            text.append(problem.path("title").asText(""));
            if (problem.hasNonNull("detail")) {
                text.append(text.length() > 0 ? ": " : "").append(problem.get("detail").asText());
            }
            for (JsonNode error : problem.path("errors")) {
                text.append("; ").append(error.path("field").asText("?")).append(' ').append(error.path("message").asText(""));
            }
            return text.length() > 0 ? text.toString() : abbreviate(body);
        } catch (IOException notJson) {
            return abbreviate(body);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }

    private int readProgress(ServiceModule module) throws IOException {
        Path file = progressOf(module);
        if (!Files.isRegularFile(file)) {
            return 0;
        }
        try {
            return Integer.parseInt(Files.readString(file).trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private void writeProgress(ServiceModule module, int done) throws IOException {
        Files.createDirectories(demoDir);
        Files.writeString(progressOf(module), done + "\n");
    }

    static final class StepFailure extends Exception {
        StepFailure(String message) {
            super(message);
        }
    }
}

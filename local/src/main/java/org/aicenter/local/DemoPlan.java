package org.aicenter.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A service's demo data: the HTTP requests that make it, read from a JSON file on the class path
 * ({@code demo/partners.json}, ...). The format is described in docs/local.md:
 *
 * <pre>
 * {"steps": [
 *   {"ref": "partner:INESA", "path": "/api/v1/partners", "body": {...},
 *    "transitions": [{"to": "ACTIVE", "reason": "..."}]},
 *   {"method": "POST", "path": "/api/v1/programmes/$programme:AI-101/enrolments", "body": {...}}
 * ]}
 * </pre>
 *
 * A step's {@code transitions} become requests of their own here, so that progress can be kept
 * per request.
 */
record DemoPlan(String resource, List<Step> steps) {

    private static final Set<String> STEP_FIELDS = Set.of("about", "ref", "method", "path", "body", "ifMatch",
            "expect", "transitions");
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");

    enum Kind { CREATE, TRANSITION, REQUEST }

    /**
     * One request. {@code ref} names the created resource for later steps; {@code ifMatch} is a
     * ref or a path whose current ETag is sent as If-Match; {@code expect} lists the statuses that
     * count as success (empty: any 2xx).
     */
    record Step(Kind kind, String method, String path, JsonNode body, String ref, String ifMatch,
                List<Integer> expect) {

        String describe() {
            return method + " " + path;
        }
    }

    /** The plan in {@code resource}, or empty when the file is absent (the service has no demo data yet). */
    static Optional<DemoPlan> load(String resource, ObjectMapper json) throws IOException {
        ClassLoader loader = DemoPlan.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                return Optional.empty();
            }
            return Optional.of(parse(resource, json.readTree(in)));
        }
    }

    static DemoPlan parse(String resource, JsonNode root) {
        JsonNode steps = root.path("steps");
        if (!steps.isArray()) {
            throw new IllegalArgumentException(resource + ": needs a \"steps\" array");
        }
        List<Step> flat = new ArrayList<>();
        int number = 0;
        for (JsonNode step : steps) {
            number++;
            String where = resource + " step " + number;
            if (!step.isObject()) {
                throw new IllegalArgumentException(where + ": must be an object");
            }
            for (Iterator<String> names = step.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!STEP_FIELDS.contains(name)) {
                    throw new IllegalArgumentException(where + ": unknown field \"" + name + "\" (known: " + STEP_FIELDS + ")");
                }
            }
            String path = text(step, "path");
            if (path == null || !path.startsWith("/")) {
                throw new IllegalArgumentException(where + ": \"path\" must be a path starting with /");
            }
            String method = Optional.ofNullable(text(step, "method")).orElse("POST").toUpperCase(Locale.ROOT);
            if (!METHODS.contains(method)) {
                throw new IllegalArgumentException(where + ": method must be one of " + METHODS);
            }
            String ref = text(step, "ref");
            if (ref != null && !DemoRefs.isRefName(ref)) {
                throw new IllegalArgumentException(where + ": ref \"" + ref + "\" must look like kind:name, e.g. partner:INESA");
            }
            List<Integer> expect = new ArrayList<>();
            for (JsonNode status : step.path("expect")) {
                expect.add(status.asInt());
            }
            JsonNode body = step.get("body");
            Kind kind = ref != null ? Kind.CREATE : Kind.REQUEST;
            flat.add(new Step(kind, method, path, body, ref, text(step, "ifMatch"), List.copyOf(expect)));
            JsonNode transitions = step.path("transitions");
            if (!transitions.isMissingNode()) {
                if (ref == null || !transitions.isArray()) {
                    throw new IllegalArgumentException(where + ": \"transitions\" must be an array on a step with a \"ref\"");
                }
                for (JsonNode transition : transitions) {
                    if (!transition.isObject() || !transition.hasNonNull("to")) {
                        throw new IllegalArgumentException(where + ": each transition needs \"to\" (and a \"reason\")");
                    }
                    // The lifecycle convention of every service: POST <collection>/{id}/transitions with If-Match.
                    String transitionPath = stripTrailingSlash(path) + "/$" + ref + "/transitions";
                    flat.add(new Step(Kind.TRANSITION, "POST", transitionPath, (ObjectNode) transition, null, ref,
                            List.of()));
                }
            }
        }
        return new DemoPlan(resource, List.copyOf(flat));
    }

    long count(Kind kind) {
        return steps.stream().filter(step -> step.kind() == kind).count();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String stripTrailingSlash(String path) {
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}

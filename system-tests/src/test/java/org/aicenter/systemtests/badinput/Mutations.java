package org.aicenter.systemtests.badinput;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What a careless or hostile client puts in a JSON body, derived from the operation's schema and a
 * valid body: each field missing, null, of the wrong JSON type, too long, empty, out of range, an
 * unknown enum value, an invalid date or UUID, NUL characters, unpaired surrogates, right-to-left
 * text and emoji, SQL and script fragments; and whole bodies that are malformed, truncated, an
 * array, nested 10,000 levels deep, or 2 MiB long.
 */
public final class Mutations {

    /** One body to send. {@code mustReject}: no valid request looks like this, so a 2xx is a defect. */
    public record Case(String label, byte[] body, boolean mustReject, String contentType, boolean chunked) {

        static Case json(String label, String text, boolean mustReject) {
            return new Case(label, text.getBytes(StandardCharsets.UTF_8), mustReject, null, false);
        }
    }

    static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Jackson cannot write an unpaired surrogate; this marker is replaced by its JSON escape in the text. */
    private static final String SURROGATE_MARK = "@@UNPAIRED-SURROGATE@@";
    public static final String SQL = "x'; DROP TABLE partners; --";
    public static final String SCRIPT = "<script>alert(document.cookie)</script>";
    public static final String RTL_EMOJI = "\u202Eمرحبا 🚀👩‍💻 שלום\u202C";
    public static final String NUL = "a\u0000b";
    public static final int DEEP = 10_000;
    public static final int TWO_MIB = 2 * 1024 * 1024;

    private final Contract contract;

    public Mutations(Contract contract) {
        this.contract = contract;
    }

    /**
     * Every field-level case for {@code base} under {@code schema}.
     *
     * @param patch the body is a JSON merge patch: a missing field changes nothing, null removes it
     */
    public List<Case> fieldCases(JsonNode schema, JsonNode base, boolean patch) {
        List<Case> cases = new ArrayList<>();
        walk(schema, base, new ArrayList<>(), patch, cases, 0);
        ObjectNode unknown = base.deepCopy();
        unknown.put("unknownField", "ignored or refused, never stored");
        cases.add(Case.json("unknown property", write(unknown), false));
        ObjectNode status = base.deepCopy();
        status.put("status", "ENDED");
        cases.add(Case.json("status in the body", write(status), false));
        return cases;
    }

    /** Whole-body cases: not JSON, not an object, too deep, too big. */
    public List<Case> bodyCases(JsonNode base, String contentType) {
        String valid = write(base);
        List<Case> cases = new ArrayList<>();
        cases.add(Case.json("empty body", "", true));
        cases.add(Case.json("malformed JSON", "{\"name\": ", true));
        cases.add(Case.json("truncated JSON", valid.substring(0, Math.max(1, valid.length() / 2)), true));
        cases.add(Case.json("JSON array instead of an object", "[" + valid + "]", true));
        cases.add(Case.json("empty JSON array", "[]", true));
        cases.add(Case.json("JSON string instead of an object", "\"" + SQL + "\"", true));
        cases.add(Case.json("JSON number instead of an object", "42", true));
        cases.add(Case.json("JSON null", "null", true));
        cases.add(Case.json("trailing garbage", valid + " }{ garbage", true));
        cases.add(Case.json("comment in JSON", "/* comment */ " + valid, true));
        cases.add(Case.json("single quotes", valid.replace('"', '\''), true));
        cases.add(Case.json("raw NUL byte", valid.replaceFirst("\"", "\"\u0000"), true));
        cases.add(new Case("invalid UTF-8", invalidUtf8(valid), true, null, false));
        cases.add(Case.json("duplicate keys", valid.replaceFirst("\\{", "{\"a\":1,\"a\":2,"), false));
        cases.add(Case.json("nested arrays " + DEEP + " deep", "[".repeat(DEEP) + "]".repeat(DEEP), true));
        cases.add(Case.json("nested objects " + DEEP + " deep", "{\"a\":".repeat(DEEP) + "1" + "}".repeat(DEEP), true));
        String deepField = valid.replaceFirst("\\{", "{\"deep\":" + "[".repeat(DEEP) + "]".repeat(DEEP) + ",");
        cases.add(Case.json("a field nested " + DEEP + " deep", deepField, false));
        cases.add(Case.json("2 MiB body", "{\"name\":\"" + "x".repeat(TWO_MIB) + "\"}", true));
        cases.add(new Case("2 MiB body, chunked", ("{\"name\":\"" + "x".repeat(TWO_MIB) + "\"}").getBytes(StandardCharsets.UTF_8),
                true, null, true));
        cases.add(Case.json("900 KiB string in a field", valid.replaceFirst("\\{", "{\"padding\":\"" + "y".repeat(900 * 1024) + "\","),
                false));
        cases.add(Case.json("huge number", valid.replaceFirst("\\{", "{\"n\":1" + "0".repeat(5000) + ","), false));
        cases.add(Case.json("huge exponent", valid.replaceFirst("\\{", "{\"n\":1e999999999,"), false));
        String own = contentType == null ? "application/json" : contentType;
        cases.add(new Case("Content-Type text/plain", valid.getBytes(StandardCharsets.UTF_8), true, "text/plain", false));
        cases.add(new Case("Content-Type application/xml", "<request><name>x</name></request>".getBytes(StandardCharsets.UTF_8),
                true, "application/xml", false));
        cases.add(new Case("form-encoded body", "name=x&type=UNIVERSITY".getBytes(StandardCharsets.UTF_8), true,
                "application/x-www-form-urlencoded", false));
        cases.add(new Case("multipart body", ("--b\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nx\r\n--b--\r\n")
                .getBytes(StandardCharsets.UTF_8), true, "multipart/form-data; boundary=b", false));
        cases.add(new Case("no Content-Type", valid.getBytes(StandardCharsets.UTF_8), false, "", false));
        cases.add(new Case("garbage Content-Type", valid.getBytes(StandardCharsets.UTF_8), true, "%%%/;;;", false));
        cases.add(new Case("charset ISO-8859-1 declared", valid.getBytes(StandardCharsets.UTF_8), false, own + "; charset=ISO-8859-1", false));
        cases.add(new Case("charset UTF-16 declared, UTF-8 sent", valid.getBytes(StandardCharsets.UTF_8), false,
                own + "; charset=UTF-16", false));
        cases.add(new Case("unknown charset", valid.getBytes(StandardCharsets.UTF_8), false, own + "; charset=x-no-such-charset", false));
        if (own.equals("application/merge-patch+json")) {
            cases.add(new Case("application/json instead of merge-patch", valid.getBytes(StandardCharsets.UTF_8), true,
                    "application/json", false));
        } else {
            cases.add(new Case("merge-patch+json instead of JSON", valid.getBytes(StandardCharsets.UTF_8), false,
                    "application/merge-patch+json", false));
        }
        return cases;
    }

    private void walk(JsonNode schemaNode, JsonNode base, List<Object> at, boolean patch, List<Case> cases, int depth) {
        JsonNode schema = contract.resolve(schemaNode);
        if (depth > 6 || !schema.path("properties").isObject()) {
            return;
        }
        List<String> required = new ArrayList<>();
        schema.path("required").forEach(r -> required.add(r.asText()));
        Iterator<String> names = schema.path("properties").fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            JsonNode property = contract.resolve(schema.path("properties").path(name));
            List<Object> path = new ArrayList<>(at);
            path.add(name);
            boolean isRequired = required.contains(name);
            String label = label(path);
            JsonNode current = valueAt(base, path);
            // Missing: a merge patch that leaves a field out changes nothing.
            cases.add(Case.json(label + " missing", write(without(base, path)), isRequired && !patch));
            cases.add(Case.json(label + " null", write(with(base, path, NODES.nullNode())), isRequired));
            valueCases(property, base, path, label, cases, patch);
            if (current != null && current.isObject()) {
                walk(property, base, path, patch, cases, depth + 1);
            }
            JsonNode items = contract.resolve(property.path("items"));
            if (current != null && current.isArray() && current.size() > 0) {
                List<Object> first = new ArrayList<>(path);
                first.add(0);
                valueCases(items, base, first, label(first), cases, patch);
                if (current.get(0).isObject()) {
                    walk(items, base, first, patch, cases, depth + 1);
                }
            }
        }
    }

    /** Cases that replace the value at {@code path} according to its schema. */
    private void valueCases(JsonNode schema, JsonNode base, List<Object> path, String label, List<Case> cases,
                            boolean patch) {
        String type = typeOf(schema);
        JsonNode current = valueAt(base, path);
        for (JsonNode wrong : type.equals("any") ? List.<JsonNode>of() : wrongTypes(type)) {
            // A decimal in a string (money) may also come as a JSON number of the same value.
            boolean sameValue = wrong.isNumber() && type.equals("string") && schema.has("pattern")
                    && !"\\S".equals(schema.path("pattern").asText()) && matches(schema.path("pattern").asText(), wrong.asText());
            cases.add(Case.json(label + " as " + kind(wrong), write(with(base, path, wrong)), !sameValue));
        }
        if (schema.has("enum")) {
            cases.add(Case.json(label + " as the number 0", write(with(base, path, NODES.numberNode(0))), true));
        }
        if (type.equals("boolean")) {
            cases.add(Case.json(label + " as the string \"true\"", write(with(base, path, NODES.textNode("true"))), true));
            cases.add(Case.json(label + " as the number 1", write(with(base, path, NODES.numberNode(1))), true));
        }
        if (type.equals("integer")) {
            cases.add(Case.json(label + " as 10.0", writeRaw(base, path, "10.0"), false));
        }
        switch (type) {
            case "string" -> stringCases(schema, base, path, label, cases);
            case "integer", "number" -> numberCases(schema, type, base, path, label, cases);
            case "array" -> {
                int maxItems = schema.path("maxItems").asInt(-1);
                if (maxItems >= 0 && current != null && current.isArray() && current.size() > 0) {
                    ArrayNode many = NODES.arrayNode();
                    for (int i = 0; i <= maxItems; i++) {
                        many.add(current.get(0).deepCopy());
                    }
                    cases.add(Case.json(label + " with " + (maxItems + 1) + " items", write(with(base, path, many)),
                            !schema.path("uniqueItems").asBoolean(false)));
                }
                ArrayNode withNull = NODES.arrayNode().addNull();
                cases.add(Case.json(label + " holding null", write(with(base, path, withNull)), false));
                ArrayNode nested = NODES.arrayNode();
                nested.addArray().addArray();
                cases.add(Case.json(label + " holding arrays", write(with(base, path, nested)), true));
            }
            // In a merge patch an empty object changes nothing.
            case "object" -> cases.add(Case.json(label + " empty object", write(with(base, path, NODES.objectNode())),
                    !patch && contract.resolve(schema).path("required").size() > 0));
            default -> {
                // boolean: its wrong types above are all there is
            }
        }
    }

    private void stringCases(JsonNode schema, JsonNode base, List<Object> path, String label, List<Case> cases) {
        int maxLength = schema.path("maxLength").asInt(-1);
        String pattern = schema.path("pattern").asText(null);
        String format = schema.path("format").asText("");
        List<String> values = new ArrayList<>();
        schema.path("enum").forEach(v -> values.add(v.asText()));
        if (maxLength >= 0) {
            cases.add(text(base, path, label + " of " + (maxLength + 1) + " characters", "x".repeat(maxLength + 1), true));
            // Outside the BMP a character is two Java chars but one for PostgreSQL: either count may be the limit.
            String emoji = "😀".repeat(Math.min(maxLength, 5000));
            cases.add(text(base, path, label + " of " + maxLength + " emoji", emoji, rejects(schema, "x".repeat(Math.min(maxLength, 5000)))));
        }
        for (String value : List.of("z".repeat(100_000), "", "   \t ", RTL_EMOJI, SQL, SCRIPT, "' OR '1'='1", "%_\\")) {
            cases.add(text(base, path, label + " " + describe(value), value, rejects(schema, value)));
        }
        cases.add(text(base, path, label + " with NUL", NUL, true));
        cases.add(text(base, path, label + " with an unpaired surrogate", "a" + SURROGATE_MARK + "b", true));
        if (!values.isEmpty()) {
            cases.add(text(base, path, label + " unknown enum value", "NOT_A_VALUE", true));
            cases.add(text(base, path, label + " enum value in lower case", values.get(0).toLowerCase(), false));
        }
        if (pattern != null && !"\\S".equals(pattern) && !matches(pattern, "@@ nope @@")) {
            cases.add(text(base, path, label + " not matching " + pattern, "@@ nope @@", true));
        }
        switch (format) {
            case "date" -> {
                for (String bad : List.of("2026-02-30", "2026-13-01", "not-a-date", "20260301", "2026-3-1", "01/03/2026")) {
                    cases.add(text(base, path, label + " invalid date " + bad, bad, true));
                }
                for (String odd : List.of("+999999999-12-31", "-999999999-01-01", "0000-01-01", "9999-12-31")) {
                    cases.add(text(base, path, label + " extreme date " + odd, odd, false));
                }
            }
            case "date-time" -> {
                for (String bad : List.of("2026-13-40T25:61:00Z", "yesterday", "2026-03-01 08:00", "1700000000")) {
                    cases.add(text(base, path, label + " invalid instant " + bad, bad, true));
                }
                for (String odd : List.of("+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z", "2026-03-01T08:00:00+14:00")) {
                    cases.add(text(base, path, label + " extreme instant " + odd, odd, false));
                }
            }
            case "uuid" -> {
                for (String bad : List.of("not-a-uuid", "12345", "00000000-0000-0000-0000-00000000000g",
                        "00000000000000000000000000000000", "{00000000-0000-0000-0000-000000000000}")) {
                    cases.add(text(base, path, label + " invalid UUID " + bad, bad, true));
                }
                cases.add(text(base, path, label + " nil UUID", "00000000-0000-0000-0000-000000000000", false));
                cases.add(text(base, path, label + " unknown UUID", UUID.randomUUID().toString(), false));
            }
            default -> {
                // free text: the cases above
            }
        }
    }

    /** Whether the schema itself forbids {@code value} (length, blankness, enum, pattern, format). */
    static boolean rejects(JsonNode schema, String value) {
        int maxLength = schema.path("maxLength").asInt(-1);
        int minLength = schema.path("minLength").asInt(0);
        String pattern = schema.path("pattern").asText(null);
        if (maxLength >= 0 && value.length() > maxLength) {
            return true;
        }
        if (value.length() < minLength || ("\\S".equals(pattern) && value.isBlank())) {
            return true;
        }
        if (schema.has("enum")) {
            boolean known = false;
            for (JsonNode v : schema.path("enum")) {
                known |= v.asText().equals(value);
            }
            if (!known) {
                return true;
            }
        }
        if (!matches(pattern, value)) {
            return true;
        }
        try {
            switch (schema.path("format").asText("")) {
                case "date" -> java.time.LocalDate.parse(value);
                case "date-time" -> java.time.OffsetDateTime.parse(value);
                case "uuid" -> {
                    if (value.length() != 36) {
                        return true;
                    }
                    UUID.fromString(value);
                }
                default -> {
                    // no format to check
                }
            }
        } catch (RuntimeException e) {
            return true;
        }
        return false;
    }

    private static String describe(String value) {
        if (value.isEmpty()) {
            return "empty";
        }
        if (value.isBlank()) {
            return "blank";
        }
        if (value.length() > 1000) {
            return "of " + value.length() + " characters";
        }
        if (value.equals(RTL_EMOJI)) {
            return "right-to-left and emoji";
        }
        return "'" + value + "'";
    }

    private void numberCases(JsonNode schema, String type, JsonNode base, List<Object> path, String label, List<Case> cases) {
        if (schema.has("minimum")) {
            long min = schema.path("minimum").asLong();
            cases.add(Case.json(label + " below minimum", write(with(base, path, NODES.numberNode(min - 1))), true));
        }
        if (schema.has("maximum")) {
            long max = schema.path("maximum").asLong();
            cases.add(Case.json(label + " above maximum", write(with(base, path, NODES.numberNode(max + 1))), true));
        }
        boolean int32 = "int32".equals(schema.path("format").asText()) || schema.has("maximum");
        cases.add(Case.json(label + " 2^31", write(with(base, path, NODES.numberNode(2147483648L))), int32));
        cases.add(Case.json(label + " -2^63-1", write(with(base, path, NODES.numberNode(new java.math.BigInteger("-9223372036854775809")))),
                true));
        cases.add(Case.json(label + " 1e400", writeRaw(base, path, "1e400"), true));
        cases.add(Case.json(label + " NaN", writeRaw(base, path, "NaN"), true));
        if (type.equals("integer")) {
            cases.add(Case.json(label + " 1.5", write(with(base, path, NODES.numberNode(1.5))), true));
        }
    }

    private static Case text(JsonNode base, List<Object> path, String label, String value, boolean mustReject) {
        return Case.json(label, write(with(base, path, NODES.textNode(value))), mustReject);
    }

    private static List<JsonNode> wrongTypes(String type) {
        List<JsonNode> wrong = new ArrayList<>();
        if (!type.equals("string")) {
            wrong.add(NODES.textNode("not a " + type));
        }
        if (!type.equals("integer") && !type.equals("number")) {
            wrong.add(NODES.numberNode(12345));
        }
        if (!type.equals("boolean")) {
            wrong.add(NODES.booleanNode(true));
        }
        if (!type.equals("object")) {
            wrong.add(NODES.objectNode().put("x", 1));
        }
        if (!type.equals("array")) {
            wrong.add(NODES.arrayNode().add(1));
        }
        return wrong;
    }

    private static String kind(JsonNode value) {
        if (value.isTextual()) {
            return "string";
        }
        if (value.isNumber()) {
            return "number";
        }
        if (value.isBoolean()) {
            return "boolean";
        }
        return value.isArray() ? "array" : "object";
    }

    static String typeOf(JsonNode schema) {
        if (schema.has("enum")) {
            return "string";
        }
        String type = schema.path("type").asText("");
        if (!type.isEmpty()) {
            return type;
        }
        if (schema.has("properties")) {
            return "object";
        }
        if (schema.has("items")) {
            return "array";
        }
        return "any";
    }

    private static boolean matches(String pattern, String value) {
        if (pattern == null || "\\S".equals(pattern)) {
            return true;
        }
        try {
            return Pattern.compile(pattern).matcher(value).matches();
        } catch (PatternSyntaxException e) {
            return true;
        }
    }

    static String label(List<Object> path) {
        StringBuilder text = new StringBuilder();
        for (Object part : path) {
            if (part instanceof Integer index) {
                text.append('[').append(index).append(']');
            } else {
                if (!text.isEmpty()) {
                    text.append('.');
                }
                text.append(part);
            }
        }
        return text.toString();
    }

    static JsonNode valueAt(JsonNode root, List<Object> path) {
        JsonNode node = root;
        for (Object part : path) {
            if (node == null) {
                return null;
            }
            node = part instanceof Integer index ? node.get(index) : node.get((String) part);
        }
        return node;
    }

    static JsonNode with(JsonNode base, List<Object> path, JsonNode value) {
        JsonNode copy = base.deepCopy();
        JsonNode parent = ensureParent(copy, path);
        Object last = path.get(path.size() - 1);
        if (last instanceof Integer index && parent instanceof ArrayNode array) {
            while (array.size() <= index) {
                array.addNull();
            }
            array.set(index, value);
        } else if (parent instanceof ObjectNode object) {
            object.set((String) last, value);
        }
        return copy;
    }

    static JsonNode without(JsonNode base, List<Object> path) {
        JsonNode copy = base.deepCopy();
        JsonNode parent = valueAt(copy, path.subList(0, path.size() - 1));
        Object last = path.get(path.size() - 1);
        if (parent instanceof ObjectNode object && last instanceof String name) {
            object.remove(name);
        } else if (parent instanceof ArrayNode array && last instanceof Integer index && index < array.size()) {
            array.remove(index);
        }
        return copy;
    }

    private static JsonNode ensureParent(JsonNode root, List<Object> path) {
        JsonNode node = root;
        for (int i = 0; i < path.size() - 1; i++) {
            Object part = path.get(i);
            Object next = path.get(i + 1);
            JsonNode child = part instanceof Integer index ? node.get(index) : node.get((String) part);
            if (child == null || child.isNull() || !child.isContainerNode()) {
                child = next instanceof Integer ? NODES.arrayNode() : NODES.objectNode();
                if (node instanceof ObjectNode object) {
                    object.set((String) part, child);
                } else if (node instanceof ArrayNode array) {
                    int index = (Integer) part;
                    while (array.size() <= index) {
                        array.addNull();
                    }
                    array.set(index, child);
                }
            }
            node = child;
        }
        return node;
    }

    /** The body with the value at {@code path} written as raw JSON text (numbers JSON cannot hold). */
    private static String writeRaw(JsonNode base, List<Object> path, String raw) {
        String marker = "@@RAW-" + UUID.randomUUID() + "@@";
        return write(with(base, path, NODES.textNode(marker))).replace("\"" + marker + "\"", raw);
    }

    public static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node).replace(SURROGATE_MARK, "\\ud800");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] invalidUtf8(String valid) {
        byte[] text = valid.getBytes(StandardCharsets.UTF_8);
        int quote = valid.indexOf(":\"");
        if (quote < 0) {
            return new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'};
        }
        byte[] broken = new byte[text.length + 2];
        int at = valid.substring(0, quote + 2).getBytes(StandardCharsets.UTF_8).length;
        System.arraycopy(text, 0, broken, 0, at);
        broken[at] = (byte) 0xC3;
        broken[at + 1] = (byte) 0x28;
        System.arraycopy(text, at, broken, at + 2, text.length - at);
        return broken;
    }
}

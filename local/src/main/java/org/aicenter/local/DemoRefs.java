package org.aicenter.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What demo steps made, by symbolic name ({@code partner:INESA} -> its id, its path, its scalar
 * fields), kept in a file so that a service whose demo data loads on a later run can still name
 * the partners of an earlier one. Also resolves the placeholders of a step:
 * <ul>
 *   <li>{@code $partner:INESA} - the id of what that ref made; {@code $project:P1.code} - a field of it;</li>
 *   <li>{@code $date:+30} / {@code $date:-400} - a date relative to today (Shanghai time);</li>
 *   <li>{@code $datetime:+30@09:30} - a date-time with offset, at that local time on that day.</li>
 * </ul>
 */
final class DemoRefs {

    /** A ref name: kind:name, e.g. partner:INESA, programme:AI-101 (kinds date and datetime are taken). */
    static final String NAME = "[a-z][a-z0-9-]*:[A-Za-z0-9_-]+";

    static boolean isRefName(String name) {
        return name.matches(NAME) && !name.startsWith("date:") && !name.startsWith("datetime:");
    }

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private static final Pattern DATE = Pattern.compile("\\$(date|datetime):([+-]?\\d+)(?:@(\\d{2}:\\d{2}))?");
    // date and datetime are placeholders of their own, never ref kinds.
    private static final Pattern REF = Pattern.compile("\\$((?!date:|datetime:)" + NAME + ")(?:\\.([A-Za-z][A-Za-z0-9_]*))?");

    private final Path file;
    private final ObjectMapper json;
    private final ObjectNode refs;
    private final LocalDate today;

    private DemoRefs(Path file, ObjectMapper json, ObjectNode refs, LocalDate today) {
        this.file = file;
        this.json = json;
        this.refs = refs;
        this.today = today;
    }

    static DemoRefs open(Path file, ObjectMapper json) throws IOException {
        ObjectNode refs = Files.isRegularFile(file) ? (ObjectNode) json.readTree(file.toFile()) : json.createObjectNode();
        return new DemoRefs(file, json, refs, LocalDate.now(ZONE));
    }

    /** In memory only, for a fixed day: for tests. */
    static DemoRefs inMemory(ObjectMapper json, LocalDate today) {
        return new DemoRefs(null, json, json.createObjectNode(), today);
    }

    /** Remembers what {@code ref} made: the id, its path, and the scalar fields of the answer. */
    void remember(String ref, String self, JsonNode created) throws IOException {
        ObjectNode entry = json.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> fields = created.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getValue().isValueNode()) {
                entry.set(field.getKey(), field.getValue());
            }
        }
        entry.put("self", self);
        refs.set(ref, entry);
        if (file != null) {
            Files.createDirectories(file.getParent());
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            json.writerWithDefaultPrettyPrinter().writeValue(temp.toFile(), refs);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    boolean knows(String ref) {
        return refs.has(ref);
    }

    /** The path of what {@code ref} made, e.g. /api/v1/partners/3f2c... */
    String selfOf(String ref) {
        JsonNode entry = refs.get(ref);
        if (entry == null) {
            throw unknown(ref);
        }
        return entry.path("self").asText();
    }

    /** The text with every placeholder replaced. */
    String resolve(String text) {
        Matcher dates = DATE.matcher(text);
        StringBuilder withDates = new StringBuilder();
        while (dates.find()) {
            dates.appendReplacement(withDates, Matcher.quoteReplacement(date(dates)));
        }
        dates.appendTail(withDates);
        Matcher refsIn = REF.matcher(withDates);
        StringBuilder resolved = new StringBuilder();
        while (refsIn.find()) {
            refsIn.appendReplacement(resolved, Matcher.quoteReplacement(value(refsIn.group(1), refsIn.group(2)).asText()));
        }
        refsIn.appendTail(resolved);
        return resolved.toString();
    }

    /**
     * A copy of the JSON with placeholders replaced in every string; a string that is one
     * placeholder alone takes the value's own JSON type (a number stays a number).
     */
    JsonNode resolve(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isTextual()) {
            String text = node.asText();
            Matcher whole = REF.matcher(text);
            if (whole.matches()) {
                return value(whole.group(1), whole.group(2));
            }
            return TextNode.valueOf(resolve(text));
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> copy.add(resolve(item)));
            return copy;
        }
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            node.fields().forEachRemaining(field -> copy.set(field.getKey(), resolve(field.getValue())));
            return copy;
        }
        return node;
    }

    private JsonNode value(String ref, String field) {
        JsonNode entry = refs.get(ref);
        if (entry == null) {
            throw unknown(ref);
        }
        String name = field == null ? "id" : field;
        JsonNode value = entry.get(name);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("$" + ref + (field == null ? "" : "." + field)
                    + ": what " + ref + " made has no field " + name);
        }
        return value;
    }

    private String date(Matcher match) {
        LocalDate day = today.plusDays(Long.parseLong(match.group(2)));
        if (match.group(1).equals("date")) {
            if (match.group(3) != null) {
                throw new IllegalArgumentException(match.group() + ": a $date has no time; use $datetime:N@HH:MM");
            }
            return day.toString();
        }
        LocalTime time = match.group(3) == null ? LocalTime.of(9, 0) : LocalTime.parse(match.group(3));
        return ZonedDateTime.of(day, time, ZONE).toOffsetDateTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    private static IllegalArgumentException unknown(String ref) {
        return new IllegalArgumentException("$" + ref + " names nothing made so far: no earlier demo step has \"ref\": \""
                + ref + "\"");
    }
}

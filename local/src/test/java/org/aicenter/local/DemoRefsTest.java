package org.aicenter.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DemoRefsTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void placeholdersBecomeIdsFieldsAndDatesRelativeToToday() throws Exception {
        DemoRefs refs = DemoRefs.inMemory(json, LocalDate.of(2026, 3, 10));
        refs.remember("partner:INESA", "/api/v1/partners/p-1", json.readTree(
                "{\"id\": \"p-1\", \"version\": 3, \"name\": \"上海仪电（集团）有限公司\", \"contacts\": [{\"name\": \"x\"}]}"));

        assertEquals("/api/v1/partners/p-1/transitions", refs.resolve("/api/v1/partners/$partner:INESA/transitions"));
        JsonNode body = refs.resolve(json.readTree("""
                {"leadPartnerId": "$partner:INESA", "version": "$partner:INESA.version",
                 "title": "与 $partner:INESA.name 合作", "participants": [{"partnerId": "$partner:INESA"}],
                 "startDate": "$date:+30", "endDate": "$date:-1", "startsAt": "$datetime:+2@14:30", "opensAt": "$datetime:0",
                 "capacity": 20}"""));
        assertEquals("p-1", body.get("leadPartnerId").asText());
        assertTrue(body.get("version").isNumber(), "a lone placeholder keeps the value's JSON type");
        assertEquals(3, body.get("version").asInt());
        assertEquals("与 上海仪电（集团）有限公司 合作", body.get("title").asText());
        assertEquals("p-1", body.get("participants").get(0).get("partnerId").asText());
        assertEquals("2026-04-09", body.get("startDate").asText());
        assertEquals("2026-03-09", body.get("endDate").asText());
        assertEquals("2026-03-12T14:30:00+08:00", body.get("startsAt").asText());
        assertEquals("2026-03-10T09:00:00+08:00", body.get("opensAt").asText());
        assertEquals(20, body.get("capacity").asInt());
        assertEquals("/api/v1/partners/p-1", refs.selfOf("partner:INESA"));
    }

    @Test
    void aNameNoEarlierStepMadeIsAClearError() {
        DemoRefs refs = DemoRefs.inMemory(json, LocalDate.of(2026, 3, 10));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> refs.resolve("/api/v1/partners/$partner:NOBODY"));
        assertTrue(e.getMessage().contains("$partner:NOBODY names nothing made so far"), e.getMessage());
    }

    @Test
    void refsAreKeptInTheDataFolderForLaterRuns(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("demo/refs.json");
        DemoRefs.open(file, json).remember("partner:FUDAN", "/api/v1/partners/f-9", json.readTree("{\"id\": \"f-9\"}"));
        DemoRefs reopened = DemoRefs.open(file, json);
        assertTrue(reopened.knows("partner:FUDAN"));
        assertEquals("f-9", reopened.resolve("$partner:FUDAN"));
    }
}

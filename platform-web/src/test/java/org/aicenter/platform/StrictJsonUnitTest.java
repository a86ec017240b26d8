package org.aicenter.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.aicenter.platform.problem.ProblemException;
import org.aicenter.platform.web.Params;
import org.aicenter.platform.web.SafeText;
import org.aicenter.platform.web.StrictJson;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A body of the wrong JSON type is refused, never converted; dates stay within 0001-9999. */
class StrictJsonUnitTest {

    enum Kind { A, B }

    record Body(String text, Integer count, Boolean flag, LocalDate day, Instant at, UUID id, Kind kind,
                @com.fasterxml.jackson.annotation.JsonFormat(shape = com.fasterxml.jackson.annotation.JsonFormat.Shape.STRING)
                BigDecimal amount, List<String> tags) {
    }

    private static ObjectMapper mapper() {
        // As Quarkus builds it: the time module first, then the customizers.
        ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule());
        new SafeText().customize(mapper);
        new StrictJson().customize(mapper);
        return mapper;
    }

    @Test
    void validBodiesStillRead() throws Exception {
        Body body = mapper().readValue("""
                {"text":"文本","count":40,"flag":true,"day":"2026-03-01","at":"2026-03-01T08:00:00Z",
                 "id":"0190f6c2-0000-7000-8000-000000000001","kind":"A","amount":"1500000.00","tags":["x"]}""", Body.class);
        assertEquals(LocalDate.of(2026, 3, 1), body.day());
        assertEquals(new BigDecimal("1500000.00"), body.amount());
        assertEquals(new BigDecimal("12.5"), mapper().readValue("{\"amount\":12.5}", Body.class).amount());
        assertEquals(LocalDate.of(9999, 12, 31), mapper().readValue("{\"day\":\"9999-12-31\"}", Body.class).day());
    }

    @Test
    void wrongTypesEmptyStringsTrailingTokensAndFarDatesAreRefused() {
        ObjectMapper mapper = mapper();
        for (String bad : List.of("{\"text\":12345}", "{\"text\":true}", "{\"tags\":[1]}", "{\"count\":1.5}",
                "{\"flag\":1}", "{\"flag\":\"true\"}", "{\"day\":12345}", "{\"day\":\"\"}", "{\"day\":\"  \"}",
                "{\"day\":[2026,3,1]}", "{\"at\":12345}", "{\"at\":\"\"}", "{\"id\":\"\"}", "{\"kind\":0}", "{\"kind\":\"\"}",
                "{\"amount\":\"\"}", "{\"text\":\"ok\"} {}", "{\"day\":\"+999999999-12-31\"}", "{\"day\":\"-0001-01-01\"}",
                "{\"at\":\"+999999999-12-31T23:59:59Z\"}", "{\"at\":\"10000-01-01T00:00:00Z\"}")) {
            assertThrows(MismatchedInputException.class, () -> mapper.readValue(bad, Body.class), bad);
        }
    }

    @Test
    void queryDatesOutsideTheStorableYearsAreBadQueries() {
        assertThrows(ProblemException.class, () -> Params.date("from", "+999999999-12-31"));
        assertThrows(ProblemException.class, () -> Params.instant("updatedSince", "-999999999-01-01T00:00:00Z"));
        assertEquals(Instant.parse("9999-12-31T23:59:59Z"), Params.instant("updatedSince", "9999-12-31T23:59:59Z"));
        assertEquals(StrictJson.FIRST_DAY, Params.date("from", "0001-01-01"));
    }
}

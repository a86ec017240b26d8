package org.aicenter.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.aicenter.platform.json.IsoDates;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class IsoDatesUnitTest {

    private final ObjectMapper fast = new ObjectMapper().registerModule(new JavaTimeModule()).registerModule(IsoDates.module());

    @Test
    void everyDayOfFourCenturiesReadsAndWritesAsTheIsoFormatterDoes() throws Exception {
        for (LocalDate day = LocalDate.of(1900, 1, 1); day.isBefore(LocalDate.of(2300, 1, 1)); day = day.plusDays(1)) {
            String iso = DateTimeFormatter.ISO_LOCAL_DATE.format(day);
            assertEquals(day, IsoDates.parse(iso));
            assertEquals('"' + iso + '"', fast.writeValueAsString(day));
            assertEquals(day, fast.readValue('"' + iso + '"', LocalDate.class));
        }
        assertEquals(LocalDate.of(1, 1, 1), IsoDates.parse("0001-01-01"));
        assertEquals(LocalDate.of(9999, 12, 31), IsoDates.parse("9999-12-31"));
    }

    @Test
    void otherShapesAndImpossibleDaysAreLeftToJackson() throws Exception {
        for (String text : new String[] {"2023-02-29", "2024-13-01", "2024-00-10", "2024-1-05", "2024/01/05",
                "+10000-01-01", "2024-01-0a", " 2024-01-05", "2024-01-05T00:00", ""}) {
            assertNull(IsoDates.parse(text), text);
        }
        assertThrows(InvalidFormatException.class, () -> fast.readValue("\"2023-02-29\"", LocalDate.class));
        assertThrows(InvalidFormatException.class, () -> fast.readValue("\"2024/01/05\"", LocalDate.class));
        // what Jackson's own deserializer accepts besides, it still accepts
        assertEquals(LocalDate.of(2024, 1, 5), fast.readValue("\"2024-01-05T10:15:30\"", LocalDate.class));
        assertEquals(LocalDate.of(2024, 1, 5), fast.readValue("[2024,1,5]", LocalDate.class));
    }
}

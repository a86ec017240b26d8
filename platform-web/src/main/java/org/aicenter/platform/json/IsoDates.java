package org.aicenter.platform.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import com.fasterxml.jackson.datatype.jsr310.deser.LocalDateDeserializer;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * {@code LocalDate} as {@code yyyy-MM-dd} without a {@code DateTimeFormatter} for the common
 * shape: every list page reads and writes dozens of dates (agreements, joining days), and the
 * formatter's general parse was a tenth of a list request's CPU. Anything else (another shape, an
 * invalid day) goes to Jackson's own deserializer, so its answers and errors are unchanged.
 */
public final class IsoDates {

    public static final StdScalarDeserializer<LocalDate> DESERIALIZER = new Deserializer();
    public static final StdScalarSerializer<LocalDate> SERIALIZER = new Serializer();

    private IsoDates() {
    }

    /** Both directions, to register after Jackson's Java time module. */
    public static SimpleModule module() {
        return new SimpleModule("iso-dates")
                .addDeserializer(LocalDate.class, DESERIALIZER)
                .addSerializer(LocalDate.class, SERIALIZER);
    }

    /** The date of an exact {@code yyyy-MM-dd}, or null when the text has another shape or is no date. */
    public static LocalDate parse(String text) {
        if (text.length() != 10 || text.charAt(4) != '-' || text.charAt(7) != '-') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        if (year < 0 || month < 0 || day < 0) {
            return null;
        }
        try {
            return LocalDate.of(year, month, day);
        } catch (DateTimeException noSuchDay) {
            return null;
        }
    }

    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static final class Deserializer extends StdScalarDeserializer<LocalDate> {
        Deserializer() {
            super(LocalDate.class);
        }

        @Override
        public LocalDate deserialize(JsonParser p, DeserializationContext context) throws IOException {
            if (p.hasToken(JsonToken.VALUE_STRING)) {
                LocalDate date = parse(p.getText());
                if (date != null) {
                    return date;
                }
            }
            return LocalDateDeserializer.INSTANCE.deserialize(p, context);
        }
    }

    private static final class Serializer extends StdScalarSerializer<LocalDate> {
        Serializer() {
            super(LocalDate.class);
        }

        @Override
        public void serialize(LocalDate value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            generator.writeString(value.toString());
        }
    }
}

package org.aicenter.platform.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import org.aicenter.platform.json.IsoDates;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.function.Predicate;

/**
 * JSON bodies mean what they say. Jackson's defaults quietly turn a wrong value into another one:
 * a number or boolean becomes a string ({@code "name": 12345}), a fraction is cut to a whole
 * number ({@code "capacity": 1.5} is 1), a number becomes a date (days since 1970) or an enum (its
 * position), an empty string becomes null (an optional date or id silently dropped), and anything
 * after the first JSON value is ignored. Each of these is a 400 naming the field instead.
 * Dates and instants must lie in years 0001-9999 (RFC 3339, and what the databases store): a
 * date such as {@code +999999999-12-31} is a 400 here, not a failed insert.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    public static final LocalDate FIRST_DAY = LocalDate.of(1, 1, 1);
    public static final LocalDate LAST_DAY = LocalDate.of(9999, 12, 31);
    static final Instant FIRST_INSTANT = FIRST_DAY.atStartOfDay(ZoneOffset.UTC).toInstant();
    static final Instant AFTER_LAST_INSTANT = LAST_DAY.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    public static final String RANGE = "must lie between 0001-01-01 and 9999-12-31";

    /**
     * Last of all customizers: Quarkus registers its Java time module at
     * {@link #QUARKUS_CUSTOMIZER_PRIORITY}, and the module registered last serves a type.
     */
    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        for (LogicalType type : new LogicalType[] {LogicalType.DateTime, LogicalType.OtherScalar, LogicalType.Integer,
                LogicalType.Float, LogicalType.Boolean, LogicalType.Enum}) {
            mapper.coercionConfigFor(type).setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        }
        // Registered after Quarkus's JavaTimeModule (see priority()), so these serve the two types.
        mapper.registerModule(new SimpleModule("strict-dates")
                .addDeserializer(LocalDate.class, new TextOnly<>(LocalDate.class, IsoDates.DESERIALIZER,
                        StrictJson::inRange))
                .addSerializer(LocalDate.class, IsoDates.SERIALIZER)
                .addDeserializer(Instant.class, new TextOnly<>(Instant.class, InstantDeserializer.INSTANT,
                        StrictJson::inRange)));
    }

    public static boolean inRange(LocalDate date) {
        return !date.isBefore(FIRST_DAY) && !date.isAfter(LAST_DAY);
    }

    public static boolean inRange(Instant instant) {
        return !instant.isBefore(FIRST_INSTANT) && instant.isBefore(AFTER_LAST_INSTANT);
    }

    /** Reads the type from a JSON string only (never a number or an array), and only within range. */
    static final class TextOnly<T> extends StdScalarDeserializer<T> {
        private final JsonDeserializer<T> parser;
        private final Predicate<T> inRange;

        TextOnly(Class<T> type, JsonDeserializer<T> parser, Predicate<T> inRange) {
            super(type);
            this.parser = parser;
            this.inRange = inRange;
        }

        @Override
        @SuppressWarnings("unchecked")
        public T deserialize(JsonParser p, DeserializationContext context) throws IOException {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                return (T) context.handleUnexpectedToken(handledType(), p);
            }
            String text = p.getText();
            T value = parser.deserialize(p, context);
            if (value != null && !inRange.test(value)) {
                return (T) context.handleWeirdStringValue(handledType(), text, RANGE);
            }
            return value;
        }
    }
}

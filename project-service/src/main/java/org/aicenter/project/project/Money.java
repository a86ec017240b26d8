package org.aicenter.project.project;

import com.fasterxml.jackson.annotation.JsonFormat;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Money as the API writes it: {@code {"amount":"1500000.00","currency":"CNY"}}. The amount is a
 * decimal string (a JSON number is accepted on input) so no client ever rounds it through a float.
 */
@Schema(name = "Money", description = "An amount with at most 2 decimals (answered with exactly 2, as a string) "
        + "and an ISO 4217 currency (CNY when left out)")
public record Money(
        @NotNull
        @DecimalMin(value = "0.00", message = "must be 0 or more")
        @Digits(integer = 17, fraction = 2, message = "must have at most 17 digits before and 2 after the point")
        @JsonFormat(shape = JsonFormat.Shape.STRING)
        @Schema(type = SchemaType.STRING, required = true, pattern = "^[0-9]{1,17}(\\.[0-9]{1,2})?$",
                examples = "1500000.00")
        BigDecimal amount,
        @Pattern(regexp = "[A-Z]{3}", message = "must be a 3-letter ISO 4217 code such as CNY")
        @Schema(pattern = "^[A-Z]{3}$", defaultValue = "CNY", examples = "CNY")
        String currency) {

    public static final String DEFAULT_CURRENCY = "CNY";

    public static Money of(BigDecimal amount, String currency) {
        return amount == null ? null : new Money(amount.setScale(2, RoundingMode.UNNECESSARY), currency);
    }
}

package org.aicenter.partner;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A Unified Social Credit Code (统一社会信用代码): 18 characters whose last is the check character
 * of GB 32100-2015 (weights 3^i mod 31 over the 31-character alphabet without I, O, Z, S, V).
 */
@Documented
@Constraint(validatedBy = CreditCode.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface CreditCode {

    String message() default "must be an 18-character Unified Social Credit Code with a valid check character";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<CreditCode, String> {

        static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || isValid(value);
        }

        public static boolean isValid(String code) {
            if (code == null || code.length() != 18) {
                return false;
            }
            int sum = 0;
            for (int i = 0; i < 17; i++) {
                int value = ALPHABET.indexOf(code.charAt(i));
                if (value < 0) {
                    return false;
                }
                sum += value * WEIGHTS[i];
            }
            return code.charAt(17) == checkCharacter(sum);
        }

        /** The full code for the first 17 characters: used by tests and demo data. */
        public static String withCheckCharacter(String first17) {
            int sum = 0;
            for (int i = 0; i < 17; i++) {
                sum += ALPHABET.indexOf(first17.charAt(i)) * WEIGHTS[i];
            }
            return first17 + checkCharacter(sum);
        }

        private static char checkCharacter(int weightedSum) {
            return ALPHABET.charAt((31 - weightedSum % 31) % 31);
        }
    }
}

package org.aicenter.partner;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CreditCodeTest {

    @Test
    void acceptsCodesWhoseCheckCharacterIsRight() {
        assertTrue(CreditCode.Validator.isValid("91350100M000100Y43"));
        assertTrue(CreditCode.Validator.isValid("91310000132200821H"));
        assertTrue(CreditCode.Validator.isValid("91110108551385082Q"));
    }

    @Test
    void refusesAWrongCheckCharacterLengthOrAlphabet() {
        assertFalse(CreditCode.Validator.isValid("91350100M000100Y44"));
        assertFalse(CreditCode.Validator.isValid("91350100M000100Y4"));
        assertFalse(CreditCode.Validator.isValid("91350100M000100Y433"));
        assertFalse(CreditCode.Validator.isValid("91350100I000100Y43"), "I is not in the alphabet");
        assertFalse(CreditCode.Validator.isValid("91350100m000100Y43"), "lower case is not in the alphabet");
        assertFalse(CreditCode.Validator.isValid(null));
    }

    @Test
    void computesTheCheckCharacterIncludingZero() {
        assertEquals("91350100M000100Y43", CreditCode.Validator.withCheckCharacter("91350100M000100Y4"));
        for (int i = 0; i < 31; i++) {
            String body = String.format("9131000013220%04d", i);
            String code = CreditCode.Validator.withCheckCharacter(body);
            assertTrue(CreditCode.Validator.isValid(code), code);
        }
    }
}

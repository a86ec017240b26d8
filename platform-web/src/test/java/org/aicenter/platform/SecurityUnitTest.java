package org.aicenter.platform;

import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.aicenter.platform.security.TokenTrust;
import org.aicenter.platform.web.LogLines;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Token trust with no defaults, and log lines no client text can break. */
class SecurityUnitTest {

    @Test
    void theTokenTrustNamesEachSettingThatIsMissing() {
        assertEquals(List.of(), TokenTrust.missing(config(Map.of("mp.jwt.verify.issuer", "https://idp.example",
                "mp.jwt.verify.audiences", "aic-platform", "mp.jwt.verify.publickey.location", "https://idp.example/jwks"))));
        List<String> missing = TokenTrust.missing(config(Map.of("mp.jwt.verify.issuer", "https://idp.example",
                "mp.jwt.verify.audiences", " ")));
        assertEquals(2, missing.size(), missing.toString());
        assertTrue(missing.get(0).startsWith("JWT_AUDIENCE (mp.jwt.verify.audiences)"), missing.toString());
        assertTrue(missing.get(1).startsWith("JWT_PUBLIC_KEY_LOCATION (mp.jwt.verify.publickey.location)"), missing.toString());
        assertEquals(3, TokenTrust.missing(config(Map.of())).size());
    }

    @Test
    void controlCharactersInAMessageAreEscapedSoTheRecordStaysOneLine() {
        ExtLogRecord record = new ExtLogRecord(Level.INFO, "partner %s created by %s", ExtLogRecord.FormatStyle.PRINTF,
                "test");
        record.setParameters(new Object[]{"x\r\n2026-01-01 00:00:00.000 INFO  [forged] admin logged in", "a\u0085b\u2028c\u0000"});
        assertTrue(new LogLines().isLoggable(record));
        String message = record.getFormattedMessage();
        assertFalse(message.chars().anyMatch(c -> c == '\n' || c == '\r' || c == 0x85 || c == 0x2028 || c == 0),
                message);
        assertEquals("partner x\\r\\n2026-01-01 00:00:00.000 INFO  [forged] admin logged in created by a\\u0085b\\u2028c\\u0000",
                message);
        ExtLogRecord plain = new ExtLogRecord(Level.INFO, "nothing to escape: %s", ExtLogRecord.FormatStyle.PRINTF, "test");
        plain.setParameters(new Object[]{"tab\tkept"});
        new LogLines().isLoggable(plain);
        assertEquals("nothing to escape: tab\tkept", plain.getFormattedMessage());
    }

    private static SmallRyeConfig config(Map<String, String> values) {
        return new SmallRyeConfigBuilder().withDefaultValues(values).build();
    }
}

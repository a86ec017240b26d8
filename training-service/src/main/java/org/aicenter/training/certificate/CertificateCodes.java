package org.aicenter.training.certificate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Certificate codes such as {@code CERT-7KQ2-M9XD-4RT8}: 12 symbols of Crockford's base32 (no I,
 * L, O or U, so a code read aloud or retyped is not misread), 60 random bits from SecureRandom, so
 * codes cannot be guessed or enumerated. Lookups accept any case.
 */
@ApplicationScoped
public class CertificateCodes {

    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final Pattern FORMAT = Pattern.compile("CERT-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}");
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    EntityManager em;

    /** A fresh code no certificate has yet (a clash of 60 random bits is practically impossible, but checked). */
    public String issue() {
        while (true) {
            String code = random();
            Long taken = em.createQuery("select count(e) from Enrolment e where e.certificateCode = :code", Long.class)
                    .setParameter("code", code).getSingleResult();
            if (taken == 0) {
                return code;
            }
        }
    }

    static String random() {
        StringBuilder code = new StringBuilder("CERT");
        for (int group = 0; group < 3; group++) {
            code.append('-');
            for (int i = 0; i < 4; i++) {
                code.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
            }
        }
        return code.toString();
    }

    /** The code in its stored form, or null when it cannot be a code at all. */
    static String normalise(String code) {
        if (code == null) {
            return null;
        }
        String upper = code.strip().toUpperCase(Locale.ROOT);
        return FORMAT.matcher(upper).matches() ? upper : null;
    }
}

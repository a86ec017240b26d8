package org.aicenter.platform.persistence;

import jakarta.persistence.EntityManager;

/**
 * Human-readable keys {@code <PREFIX>-<year>-<sequence>} (AIC-2026-0042): one counter row per year
 * in the service's own table, bumped by an upsert that keeps the row locked until the creating
 * transaction ends. Concurrent creates therefore queue for the next number instead of sharing one,
 * and a rolled-back create gives its number back. The sequence has at least 4 digits and grows past
 * 9999 rather than wrapping.
 */
public final class YearlyCodes {

    private final String prefix;
    private final String bump;

    /** {@code table} has a primary-key {@code year} and a {@code column} holding the last number handed out. */
    public YearlyCodes(String prefix, String table, String column) {
        this.prefix = prefix;
        this.bump = "insert into " + table + " (year, " + column + ") values (?1, 1) on conflict (year) do update set "
                + column + " = " + table + "." + column + " + 1 returning " + column;
    }

    /** The next code of {@code year}; must run inside the creating transaction. */
    public String next(EntityManager em, int year) {
        if (!em.isJoinedToTransaction()) {
            throw new IllegalStateException("a code is taken inside the transaction that creates the record");
        }
        Number value = (Number) em.createNativeQuery(bump).setParameter(1, year).getSingleResult();
        return String.format("%s-%d-%04d", prefix, year, value.intValue());
    }
}

package org.aicenter.project.project;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Makes {@code AIC-<year>-<sequence>} codes: one counter row per year, bumped by an upsert that
 * keeps the row locked until the creating transaction ends. Concurrent creates therefore queue
 * for the next number instead of sharing one; a rolled-back create gives its number back. The
 * sequence has at least 4 digits (AIC-2026-0042) and grows past 9999 rather than wrapping.
 */
@ApplicationScoped
public class ProjectCodes {

    @Inject
    EntityManager em;

    @Transactional(Transactional.TxType.MANDATORY)
    public String next(int year) {
        Number value = (Number) em.createNativeQuery("""
                        insert into project_code_counters (year, last_value) values (?1, 1)
                        on conflict (year) do update set last_value = project_code_counters.last_value + 1
                        returning last_value""")
                .setParameter(1, year)
                .getSingleResult();
        return String.format("AIC-%d-%04d", year, value.intValue());
    }
}

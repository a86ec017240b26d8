package org.aicenter.training.programme;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * Hands out {@code TRN-<year>-<number>} codes: the year's counter row is bumped in the caller's
 * transaction, so concurrent creations queue on that row and each gets its own number, and a
 * creation that rolls back leaves no gap.
 */
@ApplicationScoped
class ProgrammeCodes {

    @Inject
    EntityManager em;

    String next(int year) {
        Number number = (Number) em.createNativeQuery("""
                        insert into programme_code_counters (year, last_number) values (?1, 1)
                        on conflict (year) do update set last_number = programme_code_counters.last_number + 1
                        returning last_number""")
                .setParameter(1, year)
                .getSingleResult();
        return String.format("TRN-%d-%04d", year, number.intValue());
    }
}

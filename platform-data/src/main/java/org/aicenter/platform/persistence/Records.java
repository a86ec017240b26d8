package org.aicenter.platform.persistence;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.persistence.LockModeType;
import org.aicenter.platform.problem.ProblemException;

/** A record by its id, or the 404 problem that names what is missing. */
public final class Records {

    private Records() {
    }

    /** The {@code type} record with {@code id}; a 404 naming {@code noun} when there is none. */
    public static <T> T find(Class<T> type, String noun, Object id) {
        return found(Panache.getEntityManager(type).find(type, id), noun, id);
    }

    /**
     * The same, locked for this transaction ({@code select ... for update}): writers of one record
     * take turns, so a check made under the lock still holds when the transaction commits.
     */
    public static <T> T lock(Class<T> type, String noun, Object id) {
        return found(Panache.getEntityManager(type).find(type, id, LockModeType.PESSIMISTIC_WRITE), noun, id);
    }

    private static <T> T found(T record, String noun, Object id) {
        if (record == null) {
            throw ProblemException.notFound(noun, id);
        }
        return record;
    }
}

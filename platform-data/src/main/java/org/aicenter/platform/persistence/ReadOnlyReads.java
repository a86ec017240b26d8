package org.aicenter.platform.persistence;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

/**
 * A {@code @Transactional(SUPPORTS)} method called without a transaction is a plain read (nothing
 * can be written without one), so it loads entities read-only: Hibernate then keeps no copy of
 * each entity's state for dirty checking, which for the JSON columns (contacts, agreements, ...)
 * means a serialise and parse of every one loaded. Called inside a write's transaction it changes
 * nothing: an entity it loaded there may be the one the write goes on to change. Puts the
 * session's setting back afterwards.
 */
@Transactional(Transactional.TxType.SUPPORTS)
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 300)
public class ReadOnlyReads {

    @AroundInvoke
    Object readOnly(InvocationContext invocation) throws Exception {
        if (QuarkusTransaction.isActive()) {
            return invocation.proceed();
        }
        Session session = Panache.getSession();
        boolean before = session.isDefaultReadOnly();
        session.setDefaultReadOnly(true);
        try {
            return invocation.proceed();
        } finally {
            session.setDefaultReadOnly(before);
        }
    }
}

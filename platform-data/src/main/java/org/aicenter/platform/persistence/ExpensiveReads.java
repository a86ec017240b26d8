package org.aicenter.platform.persistence;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.aicenter.platform.problem.ProblemException;
import org.aicenter.platform.problem.ProblemType;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Reads that scan and group whole tables (statistics, trends) run under two bounds, so that a
 * flood of them leaves the service answering everything else: at most
 * {@code aic.expensive-reads.concurrency} at once (the others wait up to {@code queue-wait}, then
 * get a 503 with Retry-After), each with a statement timeout ({@code statement-timeout}; a
 * statement stopped by it is a 503 with Retry-After too, see {@link DatabaseProblems}). The
 * writes and plain reads keep the rest of the connection pool and the CPU.
 */
@ApplicationScoped
public class ExpensiveReads {

    /** One at a time: on the two cores a service is given, the other stays free for everything else. */
    @ConfigProperty(name = "aic.expensive-reads.concurrency", defaultValue = "1")
    int concurrency;

    @ConfigProperty(name = "aic.expensive-reads.queue-wait", defaultValue = "PT2S")
    Duration queueWait;

    @ConfigProperty(name = "aic.expensive-reads.statement-timeout", defaultValue = "PT5S")
    Duration statementTimeout;

    @Inject
    EntityManager em;

    private Semaphore permits;

    @PostConstruct
    void init() {
        permits = new Semaphore(Math.max(1, concurrency), true);
    }

    /**
     * Runs {@code read} in a read-only, repeatable-read transaction of its own, within the bounds;
     * {@code what} names it in a refusal ("Partner statistics").
     */
    public <T> T run(String what, Supplier<T> read) {
        boolean acquired;
        try {
            acquired = permits.tryAcquire(queueWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (!acquired) {
            throw new ProblemException(ProblemType.SERVICE_UNAVAILABLE,
                    what + " are being computed for as many callers as the service allows at once; retry in a second")
                    .header("Retry-After", "1");
        }
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                // One read-only snapshot for every query of the read, so its figures agree with each other.
                em.createNativeQuery("set transaction isolation level repeatable read, read only").executeUpdate();
                // Local to this transaction: the connection goes back to the pool without it.
                em.createNativeQuery("select set_config('statement_timeout', :limit, true)")
                        .setParameter("limit", Long.toString(Math.max(1, statementTimeout.toMillis())))
                        .getSingleResult();
                return read.get();
            });
        } finally {
            permits.release();
        }
    }
}

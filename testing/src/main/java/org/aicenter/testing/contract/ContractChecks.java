package org.aicenter.testing.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs every exchange of a test run through a {@link ContractValidator} and keeps count. A
 * response the contract does not describe fails the exchange ({@link AssertionError} naming what
 * differs); a request outside the contract is counted and listed, since tests send bad input on
 * purpose, and must be answered with a 4xx. The counts are written to {@code report}.
 */
public final class ContractChecks {

    private final ContractValidator validator;
    private final Path report;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong responses = new AtomicLong();
    private final AtomicLong invalidRequests = new AtomicLong();
    private final AtomicLong outside = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final Map<String, AtomicLong> perOperation = new ConcurrentHashMap<>();
    private final Map<String, String> acceptedInvalid = new ConcurrentHashMap<>();

    public ContractChecks(ContractValidator validator, Path report) {
        this.validator = validator;
        this.report = report;
    }

    public ContractValidator validator() {
        return validator;
    }

    /** Counts an exchange the contract does not cover (health, metrics, the document itself, a stub's answer). */
    public void skip() {
        skipped.incrementAndGet();
    }

    /** Checks one exchange; throws {@link AssertionError} when the response breaks the contract. */
    public void check(Exchange exchange) {
        ContractValidator.Result result = validator.check(exchange);
        requests.incrementAndGet();
        responses.incrementAndGet();
        if (result.operation() == null) {
            outside.incrementAndGet();
        } else {
            perOperation.computeIfAbsent(result.operation(), k -> new AtomicLong()).incrementAndGet();
        }
        List<String> problems = new java.util.ArrayList<>(result.response());
        if (!result.request().isEmpty() && result.operation() != null) {
            invalidRequests.incrementAndGet();
            if (exchange.status() < 400) {
                acceptedInvalid.putIfAbsent(result.operation() + ": " + result.request().get(0), exchange.toString());
            }
        }
        if (!problems.isEmpty()) {
            throw new AssertionError(exchange + " does not match the contract " + validator.name() + ": "
                    + String.join("; ", problems));
        }
    }

    public long validated() {
        return responses.get();
    }

    public synchronized void writeReport() {
        StringBuilder text = new StringBuilder();
        text.append("contract: ").append(validator.name()).append('\n');
        text.append("exchanges validated against it: ").append(responses.get()).append(" responses, ")
                .append(requests.get()).append(" requests (").append(invalidRequests.get())
                .append(" requests outside the contract on purpose or not, ").append(outside.get())
                .append(" to routes it does not have, answered with a problem)\n");
        text.append("exchanges not covered by a contract (health, metrics, documents, stubs): ").append(skipped.get()).append('\n');
        text.append("operations exercised: ").append(perOperation.size()).append(" of ").append(operationCount()).append('\n');
        new TreeMap<>(perOperation).forEach((op, n) -> text.append("  ").append(n.get()).append('\t').append(op).append('\n'));
        if (!acceptedInvalid.isEmpty()) {
            text.append("requests outside the contract that were answered below 400:\n");
            new TreeMap<>(acceptedInvalid).forEach((why, example) -> text.append("  ").append(why).append("  e.g. ")
                    .append(example).append('\n'));
        }
        try {
            Files.createDirectories(report.getParent());
            Files.writeString(report, text.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private int operationCount() {
        int[] count = {0};
        validator.document().path("paths").forEach(item -> item.fieldNames().forEachRemaining(m -> {
            if (List.of("get", "put", "post", "delete", "patch").contains(m)) {
                count[0]++;
            }
        }));
        return count[0];
    }
}

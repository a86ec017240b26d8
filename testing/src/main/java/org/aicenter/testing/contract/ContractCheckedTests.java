package org.aicenter.testing.contract;

import io.quarkus.test.junit.callback.QuarkusTestAfterAllCallback;
import io.quarkus.test.junit.callback.QuarkusTestBeforeClassCallback;
import io.quarkus.test.junit.callback.QuarkusTestContext;
import io.restassured.RestAssured;
import org.aicenter.testing.Contracts;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Installed in every {@code @QuarkusTest} of a module that has a committed contract
 * ({@code contracts/<module>.json}): every RestAssured exchange of the tests is validated against
 * it, and a response it does not describe fails the test that received it. The counts are in
 * {@code target/contract-checks.txt}. A run that regenerates the contracts
 * ({@code -Daic.contract.update=true}) checks nothing, since the contract is what it is writing.
 */
public final class ContractCheckedTests implements QuarkusTestBeforeClassCallback, QuarkusTestAfterAllCallback {

    private static volatile RestAssuredContractFilter filter;

    @Override
    public void beforeClass(Class<?> testClass) {
        install();
    }

    @Override
    public void afterAll(QuarkusTestContext context) {
        if (filter != null) {
            filter.checks().writeReport();
        }
    }

    /** The filter of this module's run, installed on first use; null without a committed contract. */
    public static synchronized RestAssuredContractFilter install() {
        if (Boolean.getBoolean(Contracts.UPDATE_PROPERTY)) {
            return null;
        }
        if (filter == null) {
            String module = Path.of("").toAbsolutePath().getFileName().toString();
            Path file = Contracts.file(module);
            if (!Files.exists(file)) {
                return null;
            }
            ContractValidator validator = new ContractValidator(module, Contracts.selfContained(file));
            boolean service = !module.equals("gateway");
            filter = new RestAssuredContractFilter(new ContractChecks(validator, Path.of("target", "contract-checks.txt")),
                    path -> service ? path.startsWith("/api/") : validator.describes(path));
        }
        if (!RestAssured.filters().contains(filter)) {
            RestAssured.filters(filter);
        }
        return filter;
    }
}

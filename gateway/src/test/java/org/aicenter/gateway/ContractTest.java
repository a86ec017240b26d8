package org.aicenter.gateway;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.aicenter.testing.Contracts;
import org.junit.jupiter.api.Test;

/**
 * The gateway's own endpoints (the dashboard views, the merged document) have a committed contract
 * too, contracts/gateway.json, which the merged document takes them from; regenerate it after a
 * deliberate change with {@code ./mvnw -pl gateway test -Dtest=ContractTest -Daic.contract.update=true}.
 */
@QuarkusTest
@WithTestResource(value = StubServices.class, scope = TestResourceScope.GLOBAL)
class ContractTest {

    @Test
    void theLiveDocumentIsTheCommittedContract() {
        Contracts.assertLiveIsCommitted("gateway");
    }

    @Test
    void theContractDoesNotBreakClientsOfTheReleasedOne() {
        Contracts.assertReleasable("gateway");
    }
}

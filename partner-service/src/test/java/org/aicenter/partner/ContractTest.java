package org.aicenter.partner;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.aicenter.testing.Contracts;
import org.aicenter.testing.PostgresResource;

import org.junit.jupiter.api.Test;

/**
 * partner-service's contract is committed in contracts/partner-service.json; its clients and the
 * gateway build against it. Regenerate after a deliberate API change with
 * {@code ./mvnw -pl partner-service test -Dtest=ContractTest -Daic.contract.update=true}.
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)

class ContractTest {

    @Test
    void theLiveDocumentIsTheCommittedContract() {
        Contracts.assertLiveIsCommitted("partner-service");
    }

    @Test
    void everyOperationHasASummaryAndProblemResponses() {
        Contracts.assertOperationsDocumented();
    }
}

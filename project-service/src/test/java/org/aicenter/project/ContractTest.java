package org.aicenter.project;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.aicenter.testing.Contracts;
import org.aicenter.testing.PostgresResource;
import org.aicenter.testing.partner.PartnerServiceStub;
import org.junit.jupiter.api.Test;

/**
 * project-service's contract is committed in contracts/project-service.json; its clients and the
 * gateway build against it. Regenerate after a deliberate API change with
 * {@code ./mvnw -pl project-service test -Dtest=ContractTest -Daic.contract.update=true}.
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PartnerServiceStub.class, scope = TestResourceScope.GLOBAL)
class ContractTest {

    @Test
    void theLiveDocumentIsTheCommittedContract() {
        Contracts.assertLiveIsCommitted("project-service");
    }

    @Test
    void everyOperationHasASummaryAndProblemResponses() {
        Contracts.assertOperationsDocumented();
    }

    @Test
    void theContractDoesNotBreakClientsOfTheReleasedOne() {
        Contracts.assertReleasable("project-service");
    }
}

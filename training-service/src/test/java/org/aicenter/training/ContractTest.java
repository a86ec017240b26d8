package org.aicenter.training;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.aicenter.testing.Contracts;
import org.aicenter.testing.PostgresResource;
import org.aicenter.testing.partner.PartnerServiceStub;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * training-service's contract is committed in contracts/training-service.json; the gateway and
 * other clients build against it. Regenerate after a deliberate API change with
 * {@code ./mvnw -pl training-service test -Dtest=ContractTest -Daic.contract.update=true}.
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PartnerServiceStub.class, scope = TestResourceScope.GLOBAL)
class ContractTest {

    @Test
    void theLiveDocumentIsTheCommittedContract() {
        JsonNode live = Contracts.live();
        if (Contracts.updateIfAsked("training-service", live)) {
            return;
        }
        assertEquals(Contracts.committed("training-service"), live,
                "training-service's API differs from contracts/training-service.json; if the change is deliberate, "
                        + "regenerate it with -D" + Contracts.UPDATE_PROPERTY + "=true and review the diff");
    }

    @Test
    void everyOperationHasASummaryAndProblemResponses() {
        JsonNode paths = Contracts.live().path("paths");
        paths.fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            if (!op.getValue().isObject() || !op.getValue().has("responses")) {
                return;
            }
            String where = op.getKey().toUpperCase() + " " + path.getKey();
            assertTrue(op.getValue().hasNonNull("summary"), where + " has no summary");
            assertTrue(op.getValue().path("responses").path("400").path("content").has("application/problem+json"),
                    where + " 400 is not a problem");
        }));
    }
}

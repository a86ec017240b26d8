package org.aicenter.project;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.aicenter.testing.partner.PartnerServiceStub;
import org.aicenter.testing.Contracts;
import org.aicenter.testing.PostgresResource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * project-service's contract is committed in contracts/project-service.json; the gateway and
 * other clients build against it. Regenerate after a deliberate API change with
 * {@code ./mvnw -B -o -q -pl project-service test -Dtest=ContractTest -Daic.contract.update=true}.
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PartnerServiceStub.class, scope = TestResourceScope.GLOBAL)
class ContractTest {

    @Test
    void theLiveDocumentIsTheCommittedContract() {
        JsonNode live = Contracts.live();
        if (Contracts.updateIfAsked("project-service", live)) {
            return;
        }
        assertEquals(Contracts.committed("project-service"), live,
                "project-service's API differs from contracts/project-service.json; if the change is deliberate, "
                        + "regenerate it with -D" + Contracts.UPDATE_PROPERTY + "=true and review the diff");
    }

    @Test
    void everyOperationHasASummaryAndProblemResponses() {
        JsonNode paths = Contracts.live().path("paths");
        assertTrue(paths.has("/api/v1/projects/{id}/milestones/{milestoneId}"));
        paths.fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            if (!op.getValue().isObject() || !op.getValue().has("responses")) {
                return;
            }
            String where = op.getKey().toUpperCase() + " " + path.getKey();
            assertTrue(op.getValue().hasNonNull("summary"), where + " has no summary");
            assertTrue(op.getValue().path("responses").path("400").path("content").has("application/problem+json"),
                    where + " 400 is not a problem");
            assertTrue(op.getValue().path("responses").path("401").path("content").has("application/problem+json"),
                    where + " 401 is not a problem");
        }));
    }
}

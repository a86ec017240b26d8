package org.aicenter.notification;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.aicenter.testing.Contracts;
import org.aicenter.testing.PostgresResource;
import org.aicenter.testing.contract.Compatibility;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * notification-service's contract is committed in contracts/notification-service.json; its clients and the
 * gateway build against it. Regenerate after a deliberate API change with
 * {@code ./mvnw -pl notification-service test -Dtest=ContractTest -Daic.contract.update=true}.
 * It must not break a client of the released contract (contracts/released/) without a new major version.
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FeedStub.class, scope = TestResourceScope.GLOBAL)
class ContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theLiveDocumentIsTheCommittedContract() {
        Contracts.assertLiveIsCommitted("notification-service");
    }

    @Test
    void everyOperationHasASummaryAndProblemResponses() {
        Contracts.assertOperationsDocumented();
    }

    @Test
    void theContractDoesNotBreakClientsOfTheReleasedOne() {
        Contracts.assertReleasable("notification-service");
    }

    @Test
    void aRemovedResponseFieldIsBreakingAndAnAddedOptionalOneIsNot() throws Exception {
        String released = JSON.writeValueAsString(Contracts.committed("notification-service"));
        ObjectNode removed = (ObjectNode) Contracts.committed("notification-service");
        ((ObjectNode) removed.at("/components/schemas/Webhook/properties")).remove("description");
        Compatibility.Verdict breaking = Compatibility.compare(released, JSON.writeValueAsString(removed));
        assertTrue(breaking.breaking() && !breaking.allowed(), breaking.changes());
        assertTrue(breaking.changes().contains("description"), breaking.changes());

        int major = Integer.parseInt(removed.path("info").path("version").asText().split("\\.")[0]);
        ((ObjectNode) removed.path("info")).put("version", (major + 1) + ".0.0");
        assertTrue(Compatibility.compare(released, JSON.writeValueAsString(removed)).allowed(), "a new major version may break");

        ObjectNode added = (ObjectNode) Contracts.committed("notification-service");
        ((ObjectNode) added.at("/components/schemas/Webhook/properties")).putObject("nickname").put("type", "string");
        ((ObjectNode) added.at("/components/schemas/WebhookRequest/properties")).putObject("nickname").put("type", "string");
        Compatibility.Verdict additive = Compatibility.compare(released, JSON.writeValueAsString(added));
        assertFalse(additive.breaking(), additive.changes());
    }
}

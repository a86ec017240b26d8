package org.aicenter.project;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.aicenter.testing.PostgresResource;
import org.aicenter.testing.partner.PartnerServiceStubBehindADeadReplica;
import org.aicenter.testing.partner.PartnerStub;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.aicenter.project.support.Api.PROJECTS;
import static org.aicenter.project.support.Api.manager;
import static org.aicenter.project.support.Api.project;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * partner-service as two replicas, one of them down: the partner checks take the replicas in
 * turn, the one that refuses is left out after its first failure (the retry goes to the other),
 * and no write fails for it.
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PartnerServiceStubBehindADeadReplica.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class PartnerReplicasTest {

    @Test
    void aReplicaThatIsDownCostsNoWrite() {
        PartnerStub.forgetCalls();
        for (int i = 0; i < 6; i++) {
            UUID lead = PartnerStub.partner("ACTIVE");
            manager().body(project(lead, "Checked on the replica that runs " + i).toString()).post(PROJECTS)
                    .then().statusCode(201);
        }
        assertEquals(6, PartnerStub.calls().size(), "every check answered by the replica that runs, once each");
    }
}

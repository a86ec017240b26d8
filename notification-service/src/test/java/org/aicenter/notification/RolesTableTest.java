package org.aicenter.notification;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.aicenter.testing.AccessTable;
import org.aicenter.testing.PostgresResource;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.List;

/** docs/security.md's table for notification-service, cell by cell through HTTP (see partner-service's). */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FeedStub.class, scope = TestResourceScope.GLOBAL)
class RolesTableTest {

    @TestFactory
    List<DynamicTest> everyCallerOnEveryOperation() {
        return AccessTable.cells("notification-service", "/q/openapi?format=json");
    }
}

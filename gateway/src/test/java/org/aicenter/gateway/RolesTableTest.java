package org.aicenter.gateway;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.aicenter.testing.AccessTable;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.List;

/**
 * The roles × operations table of docs/security.md for gateway, cell by cell through HTTP: the table
 * matches the live contract's operations and roles, and every role (and a caller without a token)
 * gets through exactly where the table says and a 403 (401) everywhere else.
 */
@QuarkusTest
@WithTestResource(value = StubServices.class, scope = TestResourceScope.GLOBAL)
class RolesTableTest {

    @TestFactory
    List<DynamicTest> everyCallerOnEveryOperation() {
        return AccessTable.cells("gateway", "/q/openapi?format=json");
    }
}

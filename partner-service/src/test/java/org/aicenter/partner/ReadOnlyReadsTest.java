package org.aicenter.partner;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.aicenter.testing.PostgresResource;
import org.hibernate.Session;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.aicenter.partner.PartnerFixtures.created;
import static org.aicenter.partner.PartnerFixtures.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reads load read-only only when they are plain reads, never inside a write's transaction. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class ReadOnlyReadsTest {

    @Inject
    PartnerService partners;

    @Test
    void aPlainReadLoadsReadOnlyButAReadInsideAWriteDoesNot() {
        UUID id = UUID.fromString(created(unique("只读读取"))[0]);
        QuarkusTransaction.requiringNew().run(() -> {
            // inside a transaction: the read leaves what it loaded writable
            partners.get(id);
            Partner loaded = Partner.findById(id);
            assertFalse(Panache.getSession().isReadOnly(loaded), "an entity a write may change stays writable");
            loaded.website = "https://readonly-check.example.cn";
        });
        assertEquals("https://readonly-check.example.cn", partners.get(id).website(), "the write inside the transaction was kept");
        ManagedContext request = Arc.container().requestContext();
        boolean activated = !request.isActive();
        if (activated) {
            request.activate();
        }
        try {
            // without a transaction: what the read loaded is read-only, the session's default as before
            partners.get(id);
            Session session = Panache.getSession();
            assertTrue(session.isReadOnly(Partner.findById(id)), "a plain read keeps no dirty-checking copy");
            assertFalse(session.isDefaultReadOnly(), "the session's setting is put back");
        } finally {
            if (activated) {
                request.terminate();
            }
        }
    }
}

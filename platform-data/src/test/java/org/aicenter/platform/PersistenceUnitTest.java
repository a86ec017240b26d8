package org.aicenter.platform;

import org.aicenter.platform.persistence.Criteria;
import org.aicenter.platform.persistence.Uuids;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The persistence conventions' rules, without a database. */
class PersistenceUnitTest {

    @Test
    void likePatternsEscapeWildcards() {
        assertEquals("%100\\%\\_off%", Criteria.containing("100%_OFF"));
        assertEquals("%上海%", Criteria.containing("上海"));
        Criteria criteria = new Criteria().and("p.a = :a", "a", null).and("p.b = :b", "b", 1);
        assertEquals(" where p.b = :b", criteria.where());
        assertEquals(Map.of("b", 1), criteria.parameters());
    }

    @Test
    void idsAreVersion7AndGrowWithTime() throws InterruptedException {
        UUID first = Uuids.timeOrdered();
        Thread.sleep(2);
        UUID second = Uuids.timeOrdered();
        assertEquals(7, first.version());
        assertEquals(2, first.variant());
        assertTrue(first.toString().compareTo(second.toString()) < 0);
    }
}

package org.aicenter.platform;

import org.aicenter.platform.persistence.Criteria;
import org.aicenter.platform.persistence.Uuids;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The persistence conventions' rules, without a database. */
class PersistenceUnitTest {

    @Test
    void textSearchEscapesWildcardsAndLooksUpItsCharacterItsPairOrItsTriples() {
        Map<String, Object> off = new Criteria().containsText("100%_OFF", "lower(p.name)").parameters();
        assertEquals("%100\\%\\_off%", off.get("q"));
        assertArrayEquals(new String[] {"100", "00%", "0%_", "%_o", "_of", "off"}, (String[]) off.get("qGrams"));
        assertArrayEquals(new String[] {"上海市"}, (String[]) new Criteria().containsText("上海市", "x").parameters().get("qGrams"));
        assertArrayEquals(new String[] {"上海市", "海市大", "市大脑"}, (String[]) new Criteria().containsText("上海市大脑", "x").parameters().get("qGrams"));
        assertArrayEquals(new String[] {"科技"}, (String[]) new Criteria().containsText("科技", "x").parameters().get("qGrams"));
        assertArrayEquals(new String[] {"科"}, (String[]) new Criteria().containsText("科", "x").parameters().get("qGrams"));
        // one character outside the BMP is one character, as PostgreSQL counts them
        assertArrayEquals(new String[] {"𠀀"}, (String[]) new Criteria().containsText("𠀀", "x").parameters().get("qGrams"));
        assertArrayEquals(new String[] {"a𠀀"}, (String[]) new Criteria().containsText("A𠀀", "x").parameters().get("qGrams"));
        assertArrayEquals(new String[] {"a𠀀b"}, (String[]) new Criteria().containsText("A𠀀b", "x").parameters().get("qGrams"));
        assertEquals(" where cast(sql('search_grams(?, ?) @> cast(? as text[])', lower(p.name), lower(p.nameEn), :qGrams) as Boolean) = true"
                        + " and (lower(p.name) like :q escape '\\' or lower(p.nameEn) like :q escape '\\')",
                new Criteria().containsText("x", "lower(p.name)", "lower(p.nameEn)").where());
        assertEquals("", new Criteria().containsText(null, "lower(p.name)").where());
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

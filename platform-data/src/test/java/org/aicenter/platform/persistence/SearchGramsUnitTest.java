package org.aicenter.platform.persistence;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** How a text search reads PostgreSQL's gram statistics and what it then asks for, without a database. */
class SearchGramsUnitTest {

    // as pg_stats gives them: a frequency per element, then their least and greatest, then the share of nulls
    static final SearchGrams.Frequencies GRAMS = SearchGrams.Frequencies.of(new String[] {"te", "ch", "上", "科技"},
            new float[] {0.30f, 0.20f, 0.40f, 0.25f, 0.20f, 0.40f, 0f}, 0);

    @Test
    void aCommonGramHasItsFrequencyAndAnyOtherAtMostTheLeastCommonOnes() {
        assertEquals(0.25f, GRAMS.of("科技"));
        assertEquals(0.20f, GRAMS.of("qx"), "a gram not among the common ones is at most as frequent as the rarest of them");
        assertEquals(0.20f, GRAMS.atMost(new String[] {"te", "ch"}));
        assertEquals(0f, SearchGrams.Frequencies.none(0).atMost(new String[] {"te"}), "no statistics: nothing is known to be common");
    }

    @Test
    void theIndexLooksUpTheRarestThreeGramsOnly() {
        assertArrayEquals(new String[] {"ch", "qx", "zz"}, GRAMS.rarest(new String[] {"te", "ch", "上", "qx", "zz"}, 3));
        assertArrayEquals(new String[] {"te", "ch"}, GRAMS.rarest(new String[] {"te", "ch", "te"}, 3), "each gram once");
    }

    @Test
    void aWalkTestsTheTextsAloneAndTheIndexedSearchLooksUpTheGramsGiven() {
        Criteria criteria = new Criteria().and("p.b = :b", "b", 1).containsText("Tech", "lower(p.name)", "lower(p.nameEn)");
        Criteria walked = criteria.lookingUp(new String[0]);
        assertEquals(" where p.b = :b and (lower(p.name) like :q escape '\\' or lower(p.nameEn) like :q escape '\\')", walked.where());
        assertEquals(java.util.Set.of("b", "q"), walked.parameters().keySet(), "no grams bound where none are looked up");
        Criteria indexed = criteria.lookingUp(new String[] {"ch"});
        assertArrayEquals(new String[] {"ch"}, (String[]) indexed.parameters().get("qGrams"));
        assertArrayEquals(new String[] {"te", "ec", "ch"}, (String[]) criteria.parameters().get("qGrams"), "the criteria themselves unchanged");
    }
}

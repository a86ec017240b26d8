package org.aicenter.platform.persistence;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** How a text search reads PostgreSQL's gram statistics and what it then asks for, without a database. */
class SearchGramsUnitTest {

    // as pg_stats gives them: a frequency per element, then their least and greatest, then the share of nulls
    static final SearchGrams.Frequencies GRAMS = SearchGrams.Frequencies.of(new String[] {"te", "ch", "上", "科技"},
            new float[] {0.30f, 0.20f, 0.40f, 0.25f, 0.20f, 0.40f, 0f}, 1000, 0);

    @Test
    void aCommonGramHasItsFrequencyAndAnyOtherAtMostTheLeastCommonOnes() {
        assertEquals(0.25f, GRAMS.of("科技"));
        assertEquals(0.20f, GRAMS.of("qx"), "a gram not among the common ones is at most as frequent as the rarest of them");
        assertEquals(0.20f, GRAMS.atMost(new String[] {"te", "ch"}));
        assertEquals(1f, SearchGrams.Frequencies.none(0).atMost(new String[] {"te"}), "no statistics: any gram may be in every row");
    }

    @Test
    void theIndexLooksUpTheRarestGramsUntilTheyNarrowTheCandidatesEnough() {
        // qx and zz are at most 0.20 each: together at most 0.04, with ch 0.008
        assertArrayEquals(new String[] {"ch", "qx"}, GRAMS.toLookUp(new String[] {"te", "ch", "上", "qx"}, 0.05, 9));
        assertArrayEquals(new String[] {"ch", "qx", "zz"}, GRAMS.toLookUp(new String[] {"te", "ch", "上", "qx", "zz"}, 0.01, 9));
        // all common: every one of them, rarest first
        assertArrayEquals(new String[] {"ch", "科技", "te", "上"}, GRAMS.toLookUp(new String[] {"te", "ch", "上", "科技"}, 1e-4, 9));
        assertArrayEquals(new String[] {"ch", "科技"}, GRAMS.toLookUp(new String[] {"te", "ch", "上", "科技"}, 1e-4, 2), "two at most");
        assertArrayEquals(new String[] {"te"}, GRAMS.toLookUp(new String[] {"te"}, 1e-4, 9), "one gram is looked up whatever its share");
        assertArrayEquals(new String[] {"ch", "te"}, GRAMS.toLookUp(new String[] {"te", "ch", "te"}, 1e-4, 9), "each gram once");
        assertArrayEquals(new String[] {"te", "ch", "上"}, SearchGrams.Frequencies.none(0).toLookUp(new String[] {"te", "ch", "上", "x"}, 1e-4, 3),
                "without statistics as many as may be looked up");
    }

    @Test
    void aWalkTestsTheTextsAloneAndTheIndexedSearchLooksUpTheGramsGiven() {
        Criteria criteria = new Criteria().and("p.b = :b", "b", 1).containsText("Tech", "lower(p.name)", "lower(p.nameEn)");
        Criteria walked = criteria.lookingUp(new String[0]);
        assertEquals(" where p.b = :b and (lower(p.name) like :q escape '\\' or lower(p.nameEn) like :q escape '\\')", walked.where());
        assertEquals(java.util.Set.of("b", "q"), walked.parameters().keySet(), "no grams bound where none are looked up");
        Criteria indexed = criteria.lookingUp(new String[] {"ch"});
        assertArrayEquals(new String[] {"ch"}, (String[]) indexed.parameters().get("qGrams"));
        assertArrayEquals(new String[] {"tec", "ech"}, (String[]) criteria.parameters().get("qGrams"), "the criteria themselves unchanged");
    }

    @Test
    void aWalkedCountGoesTheOtherWayAlongEveryTermOfTheOrder() {
        assertEquals("lower(p.name) desc, p.id desc", Listing.reversed("lower(p.name) asc, p.id asc"));
        assertEquals("p.joinedOn asc, p.id asc", Listing.reversed("p.joinedOn desc, p.id desc"));
        // a function's arguments are not terms
        assertEquals("coalesce(p.a, p.b) desc, p.description asc", Listing.reversed("coalesce(p.a, p.b) asc, p.description desc"));
    }
}

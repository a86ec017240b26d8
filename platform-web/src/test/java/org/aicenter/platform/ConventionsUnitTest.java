package org.aicenter.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.aicenter.platform.concurrency.ETags;
import org.aicenter.platform.paging.PageRequest;
import org.aicenter.platform.paging.Sorting;
import org.aicenter.platform.patch.MergePatch;
import org.aicenter.platform.problem.ProblemException;
import org.aicenter.platform.problem.ProblemType;
import org.aicenter.platform.web.Params;
import org.aicenter.platform.web.SafeText;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The conventions' parsing rules, without a server. */
class ConventionsUnitTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void ifMatchIsRequiredAndComparedStrongly() {
        assertEquals(ProblemType.PRECONDITION_REQUIRED, assertThrows(ProblemException.class, () -> ETags.require(null, 3)).type());
        assertEquals(ProblemType.PRECONDITION_REQUIRED, assertThrows(ProblemException.class, () -> ETags.require(" ", 3)).type());
        assertEquals(ProblemType.PRECONDITION_FAILED, assertThrows(ProblemException.class, () -> ETags.require("\"2\"", 3)).type());
        assertEquals(ProblemType.PRECONDITION_FAILED, assertThrows(ProblemException.class, () -> ETags.require("W/\"3\"", 3)).type());
        assertEquals(ProblemType.PRECONDITION_FAILED, assertThrows(ProblemException.class, () -> ETags.require("3", 3)).type());
        ETags.require("\"3\"", 3);
        ETags.require("\"1\", \"3\"", 3);
        // * would skip the version check: refused like a missing If-Match, alone or in a list.
        assertEquals(ProblemType.PRECONDITION_REQUIRED, assertThrows(ProblemException.class, () -> ETags.require("*", 3)).type());
        assertEquals(ProblemType.PRECONDITION_REQUIRED, assertThrows(ProblemException.class, () -> ETags.require("\"2\", *", 3)).type());
    }

    @Test
    void pageBoundsAreEnforced() {
        assertEquals(new PageRequest(0, 20), PageRequest.parse(null, null));
        assertEquals(new PageRequest(2, 200), PageRequest.parse("2", "200"));
        for (String[] bad : new String[][]{{"-1", "20"}, {"0", "0"}, {"0", "201"}, {"x", "20"}, {"0", "1.5"}, {"99999999999", "20"}}) {
            assertEquals(ProblemType.BAD_QUERY, assertThrows(ProblemException.class, () -> PageRequest.parse(bad[0], bad[1])).type());
        }
        assertEquals(ProblemType.BAD_QUERY, assertThrows(ProblemException.class, () -> PageRequest.parse("2147483647", "200")).type());
    }

    @Test
    void sortingTakesOnlyWhitelistedFieldsAndEndsWithTheId() {
        Sorting sorting = Sorting.of("name,createdAt,type,place", Map.of("name", "lower({e}.name)", "createdAt", "createdAt",
                "type", "{e}.type, lower({e}.name)", "place", "coalesce({e}.city, {e}.country)"));
        assertEquals("lower(p.name) asc, p.id asc", sorting.orderBy(null, "p"));
        assertEquals("p.createdAt desc, lower(p.name) asc, p.id asc", sorting.orderBy("-createdAt,+name", "p"));
        // the id goes the way of the key before it, so that one index (key, id) serves both directions
        assertEquals("p.createdAt desc, p.id desc", sorting.orderBy("-createdAt", "p"));
        assertEquals("p.type desc, lower(p.name) desc, p.id desc", sorting.orderBy("-type", "p"));
        assertEquals("p.type asc, lower(p.name) asc, p.id asc", sorting.orderBy("type", "p"));
        assertEquals("coalesce(p.city, p.country) desc, p.id desc", sorting.orderBy("-place", "p"));
        assertThrows(ProblemException.class, () -> sorting.orderBy("name;drop table x", "p"));
        assertThrows(ProblemException.class, () -> sorting.orderBy("password", "p"));
        assertEquals(List.of("name", "createdAt", "type", "place"), sorting.fields());
    }

    @Test
    void aProblemExtensionCannotReplaceAStandardMember() {
        assertThrows(IllegalArgumentException.class, () -> ProblemException.conflict("x").with("status", "COMPLETED"));
        assertEquals("COMPLETED", ProblemException.conflict("x").with("projectStatus", "COMPLETED").extensions().get("projectStatus"));
    }

    @Test
    void theDocumentedSortFieldsAreTheOnesTheListTakes() {
        assertEquals("p.createdAt desc, p.id desc", Sorting.of("-createdAt,name", Map.of("name", "name", "createdAt", "createdAt"))
                .orderBy(null, "p"));
        assertThrows(IllegalStateException.class, () -> Sorting.of("name", Map.of("name", "name", "createdAt", "createdAt")));
        assertThrows(IllegalStateException.class, () -> Sorting.of("name,createdAt,title", Map.of("name", "name", "createdAt", "createdAt")));
    }

    @Test
    void mergePatchFollowsRfc7396() throws Exception {
        JsonNode target = JSON.readTree("{\"a\":\"b\",\"c\":{\"d\":\"e\",\"f\":\"g\"},\"list\":[1,2]}");
        JsonNode patch = JSON.readTree("{\"a\":\"z\",\"c\":{\"f\":null},\"list\":[3],\"new\":{\"x\":null,\"y\":1}}");
        assertEquals(JSON.readTree("{\"a\":\"z\",\"c\":{\"d\":\"e\"},\"list\":[3],\"new\":{\"y\":1}}"), MergePatch.apply(target, patch));
        assertEquals(JSON.readTree("{\"a\":\"b\",\"c\":{\"d\":\"e\",\"f\":\"g\"},\"list\":[1,2]}"), target, "the target is not changed");
        assertThrows(ProblemException.class, () -> MergePatch.apply(target, JSON.readTree("[1]")));
    }

    @Test
    void textThatPostgresqlCannotStoreIsRecognised() {
        assertTrue(SafeText.isStorable("上海 AI 😀 مرحبا"));
        assertFalse(SafeText.isStorable("a\u0000b"));
        assertFalse(SafeText.isStorable("a\ud800b"));
        assertFalse(SafeText.isStorable("\udc00"));
        assertFalse(SafeText.isStorable("end\ud83d"));
    }

    @Test
    void parametersAreParsedIntoNamedProblems() {
        assertEquals(ProblemType.BAD_QUERY, assertThrows(ProblemException.class, () -> Params.instant("updatedSince", "yesterday")).type());
        assertEquals("2026-03-01T00:00:00Z", Params.instant("updatedSince", "2026-03-01T08:00:00+08:00").toString());
        assertEquals(ProblemType.NOT_FOUND, assertThrows(ProblemException.class, () -> Params.pathId("Partner", "nope")).type());
        assertEquals(ProblemType.BAD_QUERY, assertThrows(ProblemException.class, () -> Params.text("q", "a\u0000")).type());
        assertEquals(ProblemType.BAD_QUERY, assertThrows(ProblemException.class, () -> Params.text("q", "x".repeat(201))).type());
    }
}

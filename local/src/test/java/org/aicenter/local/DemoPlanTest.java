package org.aicenter.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DemoPlanTest {

    private final ObjectMapper json = new ObjectMapper();

    private DemoPlan parse(String text) throws Exception {
        return DemoPlan.parse("test.json", json.readTree(text));
    }

    @Test
    void transitionsBecomeRequestsOfTheirOwnWithIfMatchOfTheCreatedResource() throws Exception {
        DemoPlan plan = parse("""
                {"steps": [
                  {"ref": "partner:A", "path": "/api/v1/partners", "body": {"name": "甲"},
                   "transitions": [{"to": "ACTIVE", "reason": "signed"}, {"to": "SUSPENDED", "reason": "paused"}]},
                  {"method": "put", "path": "/api/v1/partners/$partner:A", "body": {"name": "乙"}, "ifMatch": "partner:A",
                   "expect": [200]}
                ]}""");
        List<DemoPlan.Step> steps = plan.steps();
        assertEquals(4, steps.size());
        assertEquals(DemoPlan.Kind.CREATE, steps.get(0).kind());
        assertEquals("POST", steps.get(0).method());
        assertEquals("partner:A", steps.get(0).ref());
        assertNull(steps.get(0).ifMatch());

        DemoPlan.Step activate = steps.get(1);
        assertEquals(DemoPlan.Kind.TRANSITION, activate.kind());
        assertEquals("POST /api/v1/partners/$partner:A/transitions", activate.describe());
        assertEquals("partner:A", activate.ifMatch());
        assertEquals("ACTIVE", activate.body().get("to").asText());
        assertEquals("SUSPENDED", steps.get(2).body().get("to").asText());

        DemoPlan.Step replace = steps.get(3);
        assertEquals(DemoPlan.Kind.REQUEST, replace.kind());
        assertEquals("PUT", replace.method());
        assertEquals(List.of(200), replace.expect());
        assertEquals(1, plan.count(DemoPlan.Kind.CREATE));
        assertEquals(2, plan.count(DemoPlan.Kind.TRANSITION));
        assertEquals(1, plan.count(DemoPlan.Kind.REQUEST));
    }

    @Test
    void mistakesInTheFileAreNamedWithTheirStep() {
        assertMessage("{\"stepz\": []}", "needs a \"steps\" array");
        assertMessage("{\"steps\": [{\"path\": \"/x\", \"bdy\": {}}]}", "step 1: unknown field \"bdy\"");
        assertMessage("{\"steps\": [{\"path\": \"x\"}]}", "\"path\" must be a path starting with /");
        assertMessage("{\"steps\": [{\"path\": \"/x\", \"method\": \"FETCH\"}]}", "method must be one of");
        assertMessage("{\"steps\": [{\"path\": \"/x\", \"ref\": \"INESA\"}]}", "must look like kind:name");
        assertMessage("{\"steps\": [{\"path\": \"/x\", \"transitions\": [{\"to\": \"ACTIVE\"}]}]}",
                "\"transitions\" must be an array on a step with a \"ref\"");
        assertMessage("{\"steps\": [{\"path\": \"/x\", \"ref\": \"p:a\", \"transitions\": [{\"reason\": \"r\"}]}]}",
                "each transition needs \"to\"");
    }

    @Test
    void anAbsentDemoFileMeansNoDemoData() throws Exception {
        assertTrue(DemoPlan.load("demo/no-such-service.json", json).isEmpty());
    }

    private void assertMessage(String text, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse(text));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().startsWith("test.json"), e.getMessage());
    }
}

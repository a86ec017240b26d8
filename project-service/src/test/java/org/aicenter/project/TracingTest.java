package org.aicenter.project;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.aicenter.testing.OtlpReceiver;
import org.aicenter.testing.PostgresResource;
import org.aicenter.testing.TraceContext;
import org.aicenter.testing.partner.PartnerServiceStub;
import org.aicenter.testing.partner.PartnerStub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import static org.aicenter.project.support.Api.PROJECTS;
import static org.aicenter.project.support.Api.manager;
import static org.aicenter.project.support.Api.project;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With a collector to send to, a request's W3C trace context goes on with the partner check: the
 * call to partner-service carries the caller's trace id under project-service's own span, the
 * spans reach the collector over OTLP, and the request's log lines name the trace next to the
 * request id. (Without a collector tracing is off: PartnerCheckTest.)
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PartnerServiceStub.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = OtlpReceiver.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class TracingTest {

    @AfterEach
    void partnerServiceBackUp() {
        PartnerStub.up();
    }

    @Test
    void theCallersTraceGoesOnToPartnerServiceAndToTheCollector() {
        UUID lead = PartnerStub.partner("ACTIVE");
        PartnerStub.forgetCalls();
        TraceContext caller = TraceContext.start();
        manager().header("traceparent", caller.traceparent()).body(project(lead, "Traced").toString())
                .post(PROJECTS).then().statusCode(201);
        List<JsonNode> calls = PartnerStub.callsFor(lead);
        assertEquals(1, calls.size());
        TraceContext passedOn = TraceContext.parse(calls.get(0).path("traceparent").asText(null));
        assertNotNull(passedOn, "the partner check carries a traceparent: " + calls.get(0));
        assertEquals(caller.traceId(), passedOn.traceId(), "the same trace, gateway -> service -> partner-service");
        assertNotEquals(caller.spanId(), passedOn.spanId(), "under project-service's own span, not the caller's");
        assertTrue(OtlpReceiver.received(caller.traceId(), 15), "project-service's spans of the trace were exported");
    }

    @Test
    void logLinesNameTheTraceNextToTheRequestId() throws IOException {
        UUID lead = PartnerStub.partner("ACTIVE");
        PartnerStub.down();
        TraceContext caller = TraceContext.start();
        String requestId = "req-traced-" + UUID.randomUUID();
        manager().header("traceparent", caller.traceparent()).header("X-Request-Id", requestId)
                .body(project(lead, "Logged").toString()).post(PROJECTS).then().statusCode(503);
        // the partner directory's warning about the outage is a line of this request
        Path log = Path.of("target/quarkus.log");
        List<String> lines = Files.readAllLines(log).stream().filter(l -> l.contains("req=" + requestId)).toList();
        assertFalse(lines.isEmpty(), "the request logged something");
        for (String line : lines) {
            assertTrue(line.contains("trace=" + caller.traceId() + " span="), "the trace id beside the request id: " + line);
        }
    }

}

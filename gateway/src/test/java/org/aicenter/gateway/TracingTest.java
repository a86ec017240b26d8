package org.aicenter.gateway;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.aicenter.testing.OtlpReceiver;
import org.aicenter.testing.TestTokens;
import org.aicenter.testing.TraceContext;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With a collector to send to, the gateway joins the caller's trace: a proxied request reaches the
 * service with the caller's trace id under the gateway's own span (one traceparent, not the
 * caller's copy as well), the views' calls carry it too, and the gateway's spans are exported.
 */
@QuarkusTest
@WithTestResource(value = StubServices.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = OtlpReceiver.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class TracingTest {

    @Test
    void aProxiedRequestCarriesTheCallersTraceUnderTheGatewaysSpan() {
        TraceContext caller = TraceContext.start();
        List<String> received = given().header("traceparent", caller.traceparent())
                .when().get("/api/v1/partners/echo")
                .then().statusCode(200).extract().path("traceparents");
        assertEquals(1, received.size(), "one traceparent reaches the service: " + received);
        TraceContext passedOn = TraceContext.parse(received.get(0));
        assertEquals(caller.traceId(), passedOn.traceId());
        assertNotEquals(caller.spanId(), passedOn.spanId(), "the gateway's span is the service's parent");
        assertTrue(OtlpReceiver.received(caller.traceId(), 15), "the gateway's spans of the trace were exported");
    }

    @Test
    void theViewsCallsCarryTheCallersTrace() {
        TraceContext caller = TraceContext.start();
        given().header("Authorization", TestTokens.bearer("partner-manager"))
                .header("traceparent", caller.traceparent())
                .when().get("/api/v1/partners/" + StubServices.PARTNER_ID + "/overview")
                .then().statusCode(200);
        String seen = Stubs.seen("partner", "/api/v1/partners/" + StubServices.PARTNER_ID).getString("traceparent");
        assertNotNull(seen, "the overview's call to partner-service carries a traceparent");
        assertEquals(caller.traceId(), TraceContext.parse(seen).traceId());
    }
}

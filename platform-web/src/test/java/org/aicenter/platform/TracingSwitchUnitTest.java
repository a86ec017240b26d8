package org.aicenter.platform;

import org.aicenter.platform.observability.TracingSwitch;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The OpenTelemetry SDK is on exactly when an OTLP endpoint is given, by any of its names. */
class TracingSwitchUnitTest {

    @Test
    void noEndpointNoTracing() {
        assertFalse(given(Map.of()));
        assertFalse(given(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "")), "an empty variable (a blank ConfigMap key) is not an endpoint");
        assertFalse(given(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "  ")));
        assertFalse(given(Map.of("OTEL_SERVICE_NAME", "partner-service")), "other OTEL_ variables do not turn it on");
    }

    @Test
    void anEndpointByAnyNameTurnsItOn() {
        for (String name : new String[] {"OTEL_EXPORTER_OTLP_ENDPOINT", "QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT",
                "otel.exporter.otlp.endpoint", "quarkus.otel.exporter.otlp.endpoint"}) {
            assertTrue(given(Map.of(name, "http://collector:4317")), name);
        }
    }

    /** This JVM has no endpoint: the switch, loaded by the configuration as a service, leaves the SDK off. */
    @Test
    void theSwitchIsPartOfTheConfiguration() {
        Config config = ConfigProvider.getConfig();
        assertEquals(System.getenv("OTEL_EXPORTER_OTLP_ENDPOINT") == null,
                config.getValue("quarkus.otel.sdk.disabled", Boolean.class));
    }

    private static boolean given(Map<String, String> values) {
        return TracingSwitch.endpointGiven(values::get);
    }
}

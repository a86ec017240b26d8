package org.aicenter.platform.observability;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.SmallRyeConfigBuilderCustomizer;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Traces are made and exported (OTLP) only where there is somewhere to send them: the OpenTelemetry
 * SDK is on when {@code OTEL_EXPORTER_OTLP_ENDPOINT} (or Quarkus's own name for it) is set, and off
 * otherwise, so a run without a collector pays nothing for tracing and logs no export errors.
 * The switch is a default below every configuration file and variable: an explicit
 * {@code quarkus.otel.sdk.disabled} (a test, an operator) still decides.
 */
public class TracingSwitch implements SmallRyeConfigBuilderCustomizer {

    static final String SDK_DISABLED = "quarkus.otel.sdk.disabled";
    /** Where the endpoint may be given: the standard variable, Quarkus's variable and their properties. */
    static final List<String> ENDPOINT_NAMES = List.of("OTEL_EXPORTER_OTLP_ENDPOINT", "QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT",
            "otel.exporter.otlp.endpoint", "quarkus.otel.exporter.otlp.endpoint");
    /** Above the built-in defaults (Integer.MIN_VALUE), below META-INF/microprofile-config.properties (100). */
    private static final int ORDINAL = 50;

    @Override
    public void configBuilder(SmallRyeConfigBuilder builder) {
        boolean export = endpointGiven(name -> {
            String value = System.getProperty(name);
            return value != null ? value : System.getenv(name);
        });
        builder.withSources(new PropertiesConfigSource(Map.of(SDK_DISABLED, Boolean.toString(!export)),
                "aic tracing switch", ORDINAL));
    }

    /** Whether any of the endpoint's names has a value that is not blank. */
    public static boolean endpointGiven(Function<String, String> lookup) {
        return ENDPOINT_NAMES.stream().map(lookup).anyMatch(value -> value != null && !value.isBlank());
    }
}

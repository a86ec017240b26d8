package org.aicenter.platform.web;

import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.SmallRyeConfigBuilderCustomizer;

/**
 * Turns off Quarkus's own request-target check, so that {@link RequestTargets} answers a target
 * that is not a URI with a problem instead of the bare 400 that Quarkus sends before any of our
 * code runs. Quarkus reads the JVM system property {@value #PROPERTY} once, when its HTTP recorder
 * ({@code VertxHttpRecorder}) is initialised during the runtime start; the configuration, with this
 * customizer, is built before that, so setting the property here is enough in the packaged jar
 * and in tests. The launchers pass {@code -Dvertx.disableURIValidation=true} as well, in case a
 * future Quarkus reads it earlier; a value given on the command line is left as it is.
 */
public class QuarkusUriCheckOff implements SmallRyeConfigBuilderCustomizer {

    static final String PROPERTY = "vertx.disableURIValidation";

    @Override
    public void configBuilder(SmallRyeConfigBuilder builder) {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, "true");
        }
    }
}

package org.aicenter.platform.observability;

import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;

/**
 * Every metric names the application it comes from ({@code application="partner-service"}), so
 * a dashboard (deploy/grafana) tells the services apart however Prometheus finds them: pod
 * annotations on Kubernetes, a static list for ./aic up or docker-compose.
 */
@Singleton
public class ApplicationTag {

    @Produces
    @Singleton
    MeterFilter applicationTag(@ConfigProperty(name = "quarkus.application.name") String application) {
        return MeterFilter.commonTags(List.of(Tag.of("application", application)));
    }
}

package org.aicenter.gateway.routing;

import jakarta.inject.Singleton;
import org.aicenter.gateway.GatewayConfig;
import org.aicenter.platform.web.Instances;
import org.aicenter.platform.web.ReadinessWatch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The configured services, in a stable order (by key), with the path prefixes each one owns. */
@Singleton
public class UpstreamServices {

    private final List<UpstreamService> services;

    UpstreamServices(GatewayConfig config) {
        List<UpstreamService> list = new ArrayList<>();
        config.services().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> {
            GatewayConfig.Service service = entry.getValue();
            String name = service.name().orElse(entry.getKey() + "-service");
            String setting = "aic.gateway.services." + entry.getKey() + ".url";
            Instances instances = Instances.of(name, setting, service.url());
            if (instances.all().stream().map(ReadinessWatch::path).distinct().count() > 1) {
                throw new IllegalArgumentException(setting + ": the instances of one service serve the same paths, "
                        + "so their URLs must have the same path: " + service.url());
            }
            List<String> prefixes = service.paths().stream().map(String::trim).filter(p -> !p.isEmpty())
                    .map(p -> p.endsWith("/") ? p.substring(0, p.length() - 1) : p).toList();
            list.add(new UpstreamService(entry.getKey(), name, instances, prefixes));
        });
        this.services = List.copyOf(list);
    }

    public List<UpstreamService> all() {
        return services;
    }

    public Optional<UpstreamService> byKey(String key) {
        return services.stream().filter(s -> s.key().equals(key)).findFirst();
    }

    /** The service owning {@code path}; the longest matching prefix wins when prefixes nest. */
    public Optional<UpstreamService> forPath(String path) {
        return Optional.ofNullable(owner(path));
    }

    /** {@link #forPath} without the Optional, for the per-request path: the owner or null. */
    public UpstreamService owner(String path) {
        UpstreamService best = null;
        int bestLength = -1;
        for (UpstreamService service : services) {
            for (String prefix : service.prefixes()) {
                if (prefix.length() > bestLength && UpstreamService.covers(prefix, path)) {
                    best = service;
                    bestLength = prefix.length();
                }
            }
        }
        return best;
    }
}

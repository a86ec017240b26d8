package org.aicenter.gateway.routing;

import org.aicenter.platform.web.Instances;
import org.aicenter.platform.web.ReadinessWatch;

import java.net.URI;
import java.util.List;

/**
 * One service behind the gateway: its instances (one or more replicas, in turn) and the path
 * prefixes it owns.
 *
 * @param key       short name from configuration ({@code partner})
 * @param name      name clients and operators see ({@code partner-service})
 * @param instances its base URLs ({@code http://localhost:8081}), all with the same path
 * @param prefixes  path prefixes, each matching itself and everything below it
 */
public record UpstreamService(String key, String name, Instances instances, List<String> prefixes) {

    /** The first instance's base URL, for messages. */
    public URI base() {
        return instances.all().get(0);
    }

    /** The base URLs' path without a trailing slash ("" when it has none); paths pass through below it unchanged. */
    public String basePath() {
        return ReadinessWatch.path(base());
    }

    /** Each instance's origin as a client-facing header would show it, e.g. {@code http://localhost:8081}. */
    public List<String> origins() {
        return instances.all().stream().map(uri -> uri.getScheme() + "://" + uri.getRawAuthority()).toList();
    }

    /** {@code path} is {@code prefix} itself or below it (checked on every request: no allocation). */
    static boolean covers(String prefix, String path) {
        return path.startsWith(prefix) && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/');
    }
}

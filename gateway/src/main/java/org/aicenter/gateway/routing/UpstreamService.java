package org.aicenter.gateway.routing;

import java.net.URI;
import java.util.List;

/**
 * One service behind the gateway: where it listens and which path prefixes it owns.
 *
 * @param key      short name from configuration ({@code partner})
 * @param name     name clients and operators see ({@code partner-service})
 * @param base     base URL ({@code http://localhost:8081})
 * @param prefixes path prefixes, each matching itself and everything below it
 */
public record UpstreamService(String key, String name, URI base, List<String> prefixes) {

    public String host() {
        return base.getHost();
    }

    public int port() {
        if (base.getPort() > 0) {
            return base.getPort();
        }
        return ssl() ? 443 : 80;
    }

    public boolean ssl() {
        return "https".equalsIgnoreCase(base.getScheme());
    }

    /** The base URL's path without a trailing slash ("" when it has none); paths pass through below it unchanged. */
    public String basePath() {
        String path = base.getRawPath();
        if (path == null || path.equals("/")) {
            return "";
        }
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /** The origin as a client-facing header would show it, e.g. {@code http://localhost:8081}. */
    public String origin() {
        return base.getScheme() + "://" + base.getRawAuthority();
    }

    /** {@code path} is {@code prefix} itself or below it (checked on every request: no allocation). */
    static boolean covers(String prefix, String path) {
        return path.startsWith(prefix) && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/');
    }
}

package org.aicenter.platform.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The instances (replicas) of one service that a caller spreads its requests over: round robin
 * over those in service; one whose request failed (refused, cut off, no answer) is taken out
 * until its readiness answers again ({@link ReadinessWatch}). When every instance is out, the
 * caller still tries them in turn: a request tried may succeed, one not sent never does.
 * The gateway's proxy and views and partner-client use it, with the URLs of configuration
 * ({@code PARTNER_SERVICE_URL=http://a:8081,http://b:8081}).
 */
public final class Instances {

    private final String service;
    private final List<URI> all;
    private final Set<URI> out = ConcurrentHashMap.newKeySet();
    private final AtomicInteger turn = new AtomicInteger();

    private Instances(String service, List<URI> all) {
        this.service = service;
        this.all = List.copyOf(all);
    }

    /**
     * {@code urls}: one or more absolute http(s) base URLs, separated by commas.
     *
     * @throws IllegalArgumentException naming {@code setting} when one is not such a URL, or none is given
     */
    public static Instances of(String service, String setting, String urls) {
        List<URI> parsed = new ArrayList<>();
        for (String url : urls.split(",")) {
            if (url.isBlank()) {
                continue;
            }
            URI uri = URI.create(url.strip());
            if (uri.getHost() == null || uri.getScheme() == null || !uri.getScheme().toLowerCase().startsWith("http")) {
                throw new IllegalArgumentException(setting + " must be absolute http(s) URLs separated by commas, not " + urls);
            }
            if (!parsed.contains(uri)) {
                parsed.add(uri);
            }
        }
        if (parsed.isEmpty()) {
            throw new IllegalArgumentException(setting + " names no URL");
        }
        return new Instances(service, parsed);
    }

    public String service() {
        return service;
    }

    public List<URI> all() {
        return all;
    }

    /** The next instance in service, in turn; the next of all of them when every one is out. */
    public URI next() {
        int start = Math.floorMod(turn.getAndIncrement(), all.size());
        if (!out.isEmpty()) {
            for (int i = 0; i < all.size(); i++) {
                URI candidate = all.get((start + i) % all.size());
                if (!out.contains(candidate)) {
                    return candidate;
                }
            }
        }
        return all.get(start);
    }

    /** Takes {@code instance} out of the turn; true when it was in. */
    public boolean markOut(URI instance) {
        return all.contains(instance) && out.add(instance);
    }

    /** Puts {@code instance} back (its readiness answered); true when it was out. */
    public boolean markIn(URI instance) {
        return out.remove(instance);
    }

    /** The instances out of the turn, for the readiness watch. */
    public Set<URI> out() {
        return Set.copyOf(out);
    }

    @Override
    public String toString() {
        return String.join(",", all.stream().map(URI::toString).toList());
    }
}

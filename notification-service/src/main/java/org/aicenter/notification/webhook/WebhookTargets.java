package org.aicenter.notification.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where a webhook may point: https anywhere public; http or an address inside the network (loopback,
 * link-local such as the cloud metadata address, RFC 1918, fc00::/7, CGNAT, multicast, unspecified)
 * only for a host that {@code aic.webhooks.allowed-hosts} names. Checked when a subscription is made
 * and again before every delivery, since a name may resolve elsewhere later (DNS rebinding).
 */
@ApplicationScoped
public class WebhookTargets {

    private final Set<String> allowedHosts;

    WebhookTargets(@ConfigProperty(name = "aic.webhooks.allowed-hosts") Optional<String> allowed) {
        this.allowedHosts = Arrays.stream(allowed.orElse("").split(",")).map(String::trim).filter(h -> !h.isEmpty())
                .map(h -> h.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    /** Why {@code url} may not be a target, or empty when it may. */
    public Optional<String> refusal(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("must be an absolute http(s) URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost();
        if (!uri.isAbsolute() || host == null || !(scheme.equals("https") || scheme.equals("http"))) {
            return Optional.of("must be an absolute http(s) URL");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("must not carry credentials");
        }
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        boolean allowed = allowedHosts.contains(bare.toLowerCase(Locale.ROOT));
        if (scheme.equals("http") && !allowed) {
            return Optional.of("must be https (http only for an allow-listed host)");
        }
        if (allowed) {
            return Optional.empty();
        }
        List<InetAddress> addresses;
        try {
            addresses = List.of(InetAddress.getAllByName(bare));
        } catch (UnknownHostException e) {
            return Optional.of("names a host that does not resolve");
        }
        for (InetAddress address : addresses) {
            if (internal(address)) {
                return Optional.of("must not point at a loopback, link-local, private, multicast or unspecified address");
            }
        }
        return Optional.empty();
    }

    static boolean internal(InetAddress address) {
        if (address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
                || address.isMulticastAddress() || address.isAnyLocalAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0 || first == 10 || (first == 100 && second >= 64 && second < 128) // CGNAT 100.64/10
                    || (first == 172 && second >= 16 && second < 32) || (first == 192 && second == 168)
                    || (first == 169 && second == 254) || first >= 224;
        }
        if (address instanceof Inet6Address) {
            int first = b[0] & 0xff;
            if ((first & 0xfe) == 0xfc) { // fc00::/7 unique local
                return true;
            }
            boolean mapped = true; // ::ffff:a.b.c.d, judged as the IPv4 address it carries
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            if (mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
                try {
                    return internal(InetAddress.getByAddress(Arrays.copyOfRange(b, 12, 16)));
                } catch (UnknownHostException e) {
                    return true;
                }
            }
        }
        return false;
    }
}

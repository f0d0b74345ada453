package fr.gouv.ti.webhook.service;

import fr.gouv.ti.webhook.config.WebhookConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Which URLs may receive deliveries: absolute http(s) URLs (https only unless configured), no user info or fragment,
 * and, unless configuration allows it, a host that resolves to public addresses only: no loopback, link-local
 * (cloud metadata endpoints), private (RFC 1918, fc00::/7), shared (100.64.0.0/10), unspecified or multicast
 * address. Checked when a subscription names the URL and again before each delivery (DNS may change).
 */
@ApplicationScoped
public class TargetPolicy {

    private final boolean allowPrivate;
    private final boolean requireHttps;

    @Inject
    public TargetPolicy(WebhookConfig config) {
        this(config.targets().allowPrivate(), config.targets().requireHttps());
    }

    public TargetPolicy(boolean allowPrivate, boolean requireHttps) {
        this.allowPrivate = allowPrivate;
        this.requireHttps = requireHttps;
    }

    /** Why the URL is refused, or empty when it may be used. */
    public Optional<String> refusal(String url) {
        if (url == null || url.isBlank()) {
            return Optional.of("is required");
        }
        if (url.length() > 2000) {
            return Optional.of("is longer than 2000 characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("is not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.isOpaque() || uri.getHost() == null) {
            return Optional.of("must be an absolute http(s) URL with a host");
        }
        if (!scheme.equals("https") && !(scheme.equals("http") && !requireHttps)) {
            return Optional.of(requireHttps ? "must use https" : "must use http or https");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("must not carry user information");
        }
        if (uri.getRawFragment() != null) {
            return Optional.of("must not have a fragment");
        }
        if (allowPrivate) {
            return Optional.empty();
        }
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            for (InetAddress a : InetAddress.getAllByName(host)) {
                if (!isPublic(a)) {
                    return Optional.of("resolves to " + a.getHostAddress()
                            + ", a loopback, link-local, private or otherwise non-public address");
                }
            }
        } catch (UnknownHostException e) {
            return Optional.of("names a host that does not resolve: " + host);
        }
        return Optional.empty();
    }

    static boolean isPublic(InetAddress a) {
        if (a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress() || a.isAnyLocalAddress()
                || a.isMulticastAddress()) {
            return false;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first != 0 && !(first == 100 && second >= 64 && second < 128) // shared address space (CGNAT)
                    && !(first == 192 && second == 0 && (b[2] & 0xff) == 0) // IETF protocol assignments
                    && first < 240; // reserved, broadcast
        }
        if (a instanceof Inet6Address) {
            int first = b[0] & 0xff;
            if ((first & 0xfe) == 0xfc) { // unique local fc00::/7
                return false;
            }
            // IPv4-mapped ::ffff:a.b.c.d: judge the IPv4 address
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            if (mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
                try {
                    return isPublic(InetAddress.getByAddress(new byte[]{b[12], b[13], b[14], b[15]}));
                } catch (UnknownHostException e) {
                    return false;
                }
            }
        }
        return true;
    }
}

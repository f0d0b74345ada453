package fr.gouv.ti.gateway.edge;

import fr.gouv.ti.gateway.config.GatewayConfig;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The address of the client of a request: the peer of the connection, unless that peer is one of the configured
 * trusted proxies (a load balancer in front of the gateway), in which case the right-most address of
 * {@code X-Forwarded-For} that is not itself a trusted proxy. An {@code X-Forwarded-For} sent by anyone else is
 * ignored, so a client cannot choose its own rate-limit bucket.
 * <p>
 * Limits are kept per {@link #limitKey(String) key}: the address itself for IPv4, its /64 prefix for IPv6 (a
 * single subscriber usually holds a whole /64 and could otherwise rotate addresses at will).
 */
@ApplicationScoped
public class ClientAddress {

    /** Characters of an IPv4 or IPv6 literal: checked before parsing, so that parsing never asks a DNS server. */
    private static final Pattern LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private final List<Cidr> trusted = new ArrayList<>();

    @jakarta.inject.Inject
    public ClientAddress(GatewayConfig config) {
        this(config.trustedProxies().orElse(List.of()));
    }

    ClientAddress(List<String> trustedProxies) {
        for (String entry : trustedProxies) {
            if (!entry.isBlank()) {
                trusted.add(Cidr.parse(entry.trim()));
            }
        }
    }

    /** The client's address as text (the peer's when nothing trustworthy says otherwise). */
    public String of(HttpServerRequest request) {
        String peer = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        if (trusted.isEmpty()) {
            return peer;
        }
        return resolve(peer, request.headers().getAll("X-Forwarded-For"));
    }

    String resolve(String peer, List<String> forwarded) {
        if (!isTrusted(peer) || forwarded.isEmpty()) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        for (String header : forwarded) {
            for (String hop : header.split(",")) {
                hops.add(hop.trim());
            }
        }
        String client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = hops.get(i);
            if (parse(hop) == null) {
                // not an address: what comes before it cannot be trusted either
                return client;
            }
            client = hop;
            if (!isTrusted(hop)) {
                return hop;
            }
        }
        return client;
    }

    /** The bucket of an address: itself for IPv4, its /64 for IPv6. */
    public static String limitKey(String address) {
        InetAddress parsed = parse(address);
        if (parsed == null || parsed.getAddress().length != 16) {
            return address;
        }
        byte[] a = parsed.getAddress();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i += 2) {
            sb.append(Integer.toHexString(((a[i] & 0xff) << 8) | (a[i + 1] & 0xff))).append(':');
        }
        return sb.append(":/64").toString();
    }

    boolean isTrusted(String address) {
        InetAddress parsed = parse(address);
        if (parsed == null) {
            return false;
        }
        for (Cidr c : trusted) {
            if (c.contains(parsed)) {
                return true;
            }
        }
        return false;
    }

    static InetAddress parse(String literal) {
        if (literal == null) {
            return null;
        }
        String s = literal.startsWith("[") && literal.endsWith("]") ? literal.substring(1, literal.length() - 1) : literal;
        if (!LITERAL.matcher(s).matches() || (s.indexOf(':') < 0 && s.chars().filter(ch -> ch == '.').count() != 3)) {
            return null;
        }
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** An address or a network ({@code 10.0.0.0/8}, {@code fd00::/8}). */
    record Cidr(byte[] network, int bits) {
        static Cidr parse(String text) {
            int slash = text.indexOf('/');
            InetAddress a = ClientAddress.parse(slash < 0 ? text : text.substring(0, slash));
            if (a == null) {
                throw new IllegalArgumentException("ti.gateway.trusted-proxies: " + text + " is not an address or a network");
            }
            int max = a.getAddress().length * 8;
            int bits = slash < 0 ? max : Integer.parseInt(text.substring(slash + 1));
            if (bits < 0 || bits > max) {
                throw new IllegalArgumentException("ti.gateway.trusted-proxies: bad prefix length in " + text);
            }
            return new Cidr(a.getAddress(), bits);
        }

        boolean contains(InetAddress address) {
            byte[] b = address.getAddress();
            if (b.length != network.length) {
                return false;
            }
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (b[i] != network[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (b[full] & mask) == (network[full] & mask);
        }
    }
}

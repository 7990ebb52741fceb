package dev.chat.adapter.javalin;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which address a request comes from. Behind a reverse proxy every request comes from the proxy, so when the peer
 * is one of the configured trusted proxies, the client is the last address in {@code X-Forwarded-For} that is not a
 * trusted proxy itself; from anyone else the header is ignored, since any client can write it.
 */
final class ClientAddress {

    private static final Pattern IP_LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private final Set<InetAddress> trustedProxies;

    ClientAddress(Set<InetAddress> trustedProxies) {
        this.trustedProxies = trustedProxies;
    }

    InetAddress of(InetAddress peer, String forwardedFor) {
        if (forwardedFor == null || !trustedProxies.contains(peer)) {
            return peer;
        }
        var hops = forwardedFor.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            var hop = literal(hops[i].strip());
            if (hop == null) {
                return peer;
            }
            if (!trustedProxies.contains(hop)) {
                return hop;
            }
        }
        return peer;
    }

    /** An IP address written out, never a name: a name would cost a DNS lookup on a client's say-so. */
    private static InetAddress literal(String text) {
        if (!IP_LITERAL.matcher(text).matches()) {
            return null;
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}

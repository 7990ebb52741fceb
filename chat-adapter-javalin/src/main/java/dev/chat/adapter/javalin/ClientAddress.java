package dev.chat.adapter.javalin;

import java.net.InetAddress;
import java.util.Set;

/**
 * Which address a request comes from. Behind a reverse proxy every request comes from the proxy, so when the peer
 * is one of the configured trusted proxies, the client is the last address in {@code X-Forwarded-For} that is not a
 * trusted proxy itself; from anyone else the header is ignored, since any client can write it.
 */
final class ClientAddress {

    private final Set<AddressRange> trustedProxies;

    ClientAddress(Set<AddressRange> trustedProxies) {
        this.trustedProxies = trustedProxies;
    }

    InetAddress of(InetAddress peer, String forwardedFor) {
        if (forwardedFor == null || !trusted(peer)) {
            return peer;
        }
        var hops = forwardedFor.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            var hop = AddressRange.literal(hops[i].strip());
            if (hop == null) {
                return peer;
            }
            if (!trusted(hop)) {
                return hop;
            }
        }
        return peer;
    }

    private boolean trusted(InetAddress address) {
        for (var range : trustedProxies) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }
}

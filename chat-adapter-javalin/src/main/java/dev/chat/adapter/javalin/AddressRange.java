package dev.chat.adapter.javalin;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One address, or a block of them in CIDR notation ({@code 10.0.0.0/8}): how a trusted proxy is named, since behind
 * an orchestrator a balancer's address is known only by the network it is on.
 *
 * @param network      the first address of the block, its host bits zero
 * @param prefixLength how many leading bits an address must share with it: 32 (IPv4) or 128 (IPv6) for one address
 */
public record AddressRange(InetAddress network, int prefixLength) {

    private static final Pattern IP_LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    public AddressRange {
        int bits = network.getAddress().length * 8;
        if (prefixLength < 0 || prefixLength > bits) {
            throw new IllegalArgumentException("a prefix of " + prefixLength + " bits for " + bits + "-bit addresses");
        }
        network = masked(network, prefixLength);
    }

    /** Just this address. */
    public static AddressRange of(InetAddress address) {
        return new AddressRange(address, address.getAddress().length * 8);
    }

    /** {@code 10.0.0.5}, {@code 10.0.0.0/8} or {@code fd00::/8}; empty for anything else, names included. */
    public static Optional<AddressRange> parse(String text) {
        int slash = text.indexOf('/');
        var address = literal(slash < 0 ? text : text.substring(0, slash));
        if (address == null) {
            return Optional.empty();
        }
        if (slash < 0) {
            return Optional.of(of(address));
        }
        try {
            return Optional.of(new AddressRange(address, Integer.parseInt(text.substring(slash + 1))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** An IP address written out, never a name: a name would cost a DNS lookup, on a client's say-so in a header. */
    static InetAddress literal(String text) {
        if (!IP_LITERAL.matcher(text).matches()) {
            return null;
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    public boolean contains(InetAddress address) {
        return address.getAddress().length == network.getAddress().length
                && masked(address, prefixLength).equals(network);
    }

    @Override
    public String toString() {
        return prefixLength == network.getAddress().length * 8 ? network.getHostAddress()
                : network.getHostAddress() + "/" + prefixLength;
    }

    private static InetAddress masked(InetAddress address, int prefixLength) {
        var bytes = address.getAddress();
        for (int i = 0; i < bytes.length; i++) {
            int keep = Math.clamp(prefixLength - i * 8L, 0, 8);
            bytes[i] &= (byte) (0xFF << (8 - keep));
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an address of " + bytes.length + " bytes", e);
        }
    }
}

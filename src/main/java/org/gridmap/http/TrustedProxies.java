package org.gridmap.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The reverse proxies whose {@code X-Forwarded-*} headers are believed (setting {@code trusted.proxies}: a comma list
 * of IP addresses or CIDR blocks; none by default). From anyone else those headers are ordinary client input.
 */
public final class TrustedProxies {
    public static final TrustedProxies NONE = new TrustedProxies(List.of(), "");
    // Literal addresses only: a host name would make every request depend on DNS.
    private static final Pattern LITERAL = Pattern.compile("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
    private final List<Block> blocks;
    private final String text;

    private record Block(byte[] network, int prefix) {
        boolean contains(byte[] address) {
            if (address.length != network.length) return false;
            int full = prefix / 8, rest = prefix % 8;
            for (int i = 0; i < full; i++) if (address[i] != network[i]) return false;
            if (rest == 0) return true;
            int mask = 0xFF << (8 - rest);
            return (address[full] & mask) == (network[full] & mask);
        }
    }

    private TrustedProxies(List<Block> blocks, String text) {
        this.blocks = blocks;
        this.text = text;
    }

    /** Parses {@code "10.0.0.1, 192.168.0.0/16, ::1"}; blank means none. */
    public static TrustedProxies parse(String setting) {
        if (setting == null || setting.isBlank()) return NONE;
        List<Block> blocks = new ArrayList<>();
        for (String raw : setting.split(",")) {
            String entry = raw.trim();
            if (entry.isEmpty()) continue;
            int slash = entry.indexOf('/');
            String address = slash < 0 ? entry : entry.substring(0, slash);
            byte[] bytes = literal(address);
            if (bytes == null) {
                throw new IllegalArgumentException("trusted.proxies: '" + entry + "' is not an IP address or CIDR block");
            }
            int prefix = bytes.length * 8;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(entry.substring(slash + 1));
                } catch (NumberFormatException e) {
                    prefix = -1;
                }
                if (prefix < 0 || prefix > bytes.length * 8) {
                    throw new IllegalArgumentException("trusted.proxies: '" + entry + "' has a bad prefix length");
                }
            }
            blocks.add(new Block(bytes, prefix));
        }
        return new TrustedProxies(List.copyOf(blocks), setting.trim());
    }

    /** Whether a peer address (as the socket reports it) is one of the trusted proxies. */
    public boolean contains(String peerAddress) {
        if (blocks.isEmpty() || peerAddress == null) return false;
        byte[] bytes = literal(peerAddress.startsWith("[") && peerAddress.endsWith("]")
                ? peerAddress.substring(1, peerAddress.length() - 1) : peerAddress);
        if (bytes == null) return false;
        for (Block b : blocks) if (b.contains(bytes)) return true;
        return false;
    }

    public boolean isEmpty() { return blocks.isEmpty(); }

    private static byte[] literal(String address) {
        if (address.isEmpty() || !LITERAL.matcher(address).matches()) return null;
        try {
            // an IPv4-mapped IPv6 address comes back as IPv4, so both spellings of a peer match
            return InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    @Override
    public String toString() { return blocks.isEmpty() ? "none" : text; }
}
